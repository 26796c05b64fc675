import {
  Body,
  Controller,
  Get,
  Param,
  Post,
  Redirect,
  Render,
  Req,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { AppException, Role, Roles, yuanToFen } from '@gv/core';
import { I18n } from '@gv/i18n';
import type { UploadedFileData } from '@gv/proposals';
import {
  fileDownload,
  FormInput,
  PageOutcome,
  pageError,
  parseId,
  redirectTo,
  sessionUser,
  validateForm,
} from '@gv/web';
import {
  MilestoneChangeDto,
  MilestoneDecisionDto,
  ReportDecisionDto,
  ReportDto,
  ReportFileMarksDto,
  ReturnReportDto,
} from './dto/reports.dto';
import { MilestonesService } from './milestones.service';
import { ReportsService } from './reports.service';
import { PageState, TrackingPageModels } from './tracking-page-models';

const READERS = [Role.StreetAdmin, Role.OrgMember, Role.Judge, Role.CommunityStaff];

/** A yuan field of a form as fen for the DTO ('' → absent; malformed → a value the DTO refuses). */
const fen = (v: unknown): number | string | undefined => {
  const s = String(v ?? '').trim();
  return s === '' ? undefined : (yuanToFen(s) ?? 'x');
};

/** The report form as the DTO takes it: `spending[l<budget line id>]` in yuan → lines in fen. */
function reportInput(body: FormInput) {
  const spending = (body['spending'] ?? {}) as Record<string, string>;
  return {
    milestoneId: body['milestoneId'],
    beneficiaries: body['beneficiaries'],
    serviceHours: body['serviceHours'],
    activities: body['activities'],
    narrative: body['narrative'],
    ...(body['version'] ? { version: body['version'] } : {}),
    spending: Object.entries(typeof spending === 'object' ? spending : {})
      .filter(([, v]) => String(v ?? '').trim() !== '')
      .map(([k, v]) => ({ budgetLineId: k.replace(/^l/, ''), spentFen: fen(v) })),
  };
}

/**
 * 进展报告与里程碑 pages (no JavaScript needed): a project's reports with the form for a new one (with a
 * photo), a report with its photos, the organisation's fixes and the street office's decision, the
 * milestones with their tracking steps and change requests.
 */
@ApiExcludeController()
@Controller()
export class DeliveryReportsPagesController {
  constructor(
    private readonly reports: ReportsService,
    private readonly milestones: MilestonesService,
    private readonly models: TrackingPageModels,
    private readonly i18n: I18n,
  ) {}

  // ── reports ─────────────────────────────────────────────────────────────────────────────────

  @Roles(...READERS)
  @Get('delivery/projects/:id/reports')
  @Render('delivery/report-list')
  list(@Req() req: Request, @Param('id') id: string) {
    return this.models.reportList(req, parseId(id));
  }

  /** Multipart: the report's fields and, optionally, its first photo (`file`, `showsPeople`, `publicConsent`). */
  @Roles(Role.OrgMember)
  @Post('delivery/projects/:id/reports')
  @UseInterceptors(FileInterceptor('file'))
  @Redirect('', 303)
  async create(
    @Req() req: Request,
    @Param('id') id: string,
    @Body() body: FormInput,
    @UploadedFile() file: UploadedFileData | undefined,
  ) {
    const projectId = parseId(id);
    // The organisation's right first: nobody else learns anything from the form's errors.
    await this.reports.assertMember(sessionUser(req), projectId);
    const input = reportInput(body);
    const { value, errors } = await validateForm(ReportDto, input, this.i18n, req.locale);
    const marks = await this.marks(body);
    let reportId: number;
    try {
      if (!value) throw AppException.validation([]);
      const d = await this.reports.create(sessionUser(req), projectId, value, file, marks);
      reportId = d.report.id;
    } catch (err) {
      const e = pageError(err, this.i18n, req.locale);
      throw PageOutcome.view(
        'delivery/report-list',
        await this.models.reportList(req, projectId, {
          errors: { ...errors, ...e.errors },
          formError: e.formError,
          form: body as Record<string, unknown>,
        }),
        e.status,
      );
    }
    return redirectTo(`/delivery/reports/${reportId}?done=submitted`);
  }

  @Roles(...READERS)
  @Get('delivery/reports/:id')
  @Render('delivery/report')
  report(@Req() req: Request, @Param('id') id: string) {
    return this.models.report(req, parseId(id));
  }

  /** The organisation fixes the report and submits it again. */
  @Roles(Role.OrgMember)
  @Post('delivery/reports/:id')
  @Redirect('', 303)
  async update(@Req() req: Request, @Param('id') id: string, @Body() body: FormInput) {
    const reportId = parseId(id);
    await this.reports.assertMember(sessionUser(req), undefined, reportId);
    const { value, errors } = await validateForm(
      ReportDto,
      reportInput(body),
      this.i18n,
      req.locale,
    );
    return this.act(req, reportId, 'resubmitted', { errors, form: body, failed: 'edit' }, () => {
      if (!value) throw AppException.validation([]);
      return this.reports.update(sessionUser(req), reportId, value);
    });
  }

  @Roles(Role.OrgMember)
  @Post('delivery/reports/:id/files')
  @UseInterceptors(FileInterceptor('file'))
  @Redirect('', 303)
  async addFile(
    @Req() req: Request,
    @Param('id') id: string,
    @Body() body: FormInput,
    @UploadedFile() file: UploadedFileData | undefined,
  ) {
    const reportId = parseId(id);
    const marks = await this.marks(body);
    return this.act(req, reportId, 'fileAdded', { failed: 'file' }, () =>
      this.reports.addFile(sessionUser(req), reportId, file, marks),
    );
  }

  @Roles(Role.OrgMember)
  @Post('delivery/reports/:id/files/:fileId/remove')
  @Redirect('', 303)
  async removeFile(@Req() req: Request, @Param('id') id: string, @Param('fileId') fileId: string) {
    const reportId = parseId(id);
    return this.act(req, reportId, 'fileRemoved', { failed: 'file' }, () =>
      this.reports.removeFile(sessionUser(req), reportId, parseId(fileId)),
    );
  }

  /** A photo or file, shown in the browser (photos) or downloaded. */
  @Roles(...READERS)
  @Get('delivery/reports/:id/files/:fileId')
  async download(@Req() req: Request, @Param('id') id: string, @Param('fileId') fileId: string) {
    const { file, data } = await this.reports.download(
      sessionUser(req),
      parseId(id),
      parseId(fileId),
    );
    return fileDownload(file.fileName, file.mimeType, data, {
      inline: file.mimeType.startsWith('image/') || file.mimeType === 'application/pdf',
    });
  }

  @Roles(Role.StreetAdmin)
  @Post('delivery/reports/:id/return')
  @Redirect('', 303)
  async returnReport(@Req() req: Request, @Param('id') id: string, @Body() body: FormInput) {
    return this.decide(req, parseId(id), 'return', body);
  }

  @Roles(Role.StreetAdmin)
  @Post('delivery/reports/:id/accept')
  @Redirect('', 303)
  async accept(@Req() req: Request, @Param('id') id: string, @Body() body: FormInput) {
    return this.decide(req, parseId(id), 'accept', body);
  }

  // ── milestones ──────────────────────────────────────────────────────────────────────────────

  @Roles(...READERS)
  @Get('delivery/projects/:id/milestones')
  @Render('delivery/milestones')
  milestonePage(@Req() req: Request, @Param('id') id: string) {
    return this.models.milestonesPage(req, parseId(id));
  }

  @Roles(Role.OrgMember)
  @Post('delivery/milestones/:id/changes')
  @Redirect('', 303)
  async requestChange(@Req() req: Request, @Param('id') id: string, @Body() body: FormInput) {
    const milestoneId = parseId(id);
    const p = await this.milestones.projectOf(sessionUser(req), milestoneId, true);
    const { value, errors } = await validateForm(MilestoneChangeDto, body, this.i18n, req.locale);
    return this.milestoneAct(
      req,
      p.id,
      'changeRequested',
      { errors, form: { ...body, milestoneId } },
      () => {
        if (!value) throw AppException.validation([]);
        return this.milestones.requestChange(sessionUser(req), milestoneId, value);
      },
    );
  }

  @Roles(Role.StreetAdmin)
  @Post('delivery/milestone-changes/:id/approve')
  @Redirect('', 303)
  async approve(@Req() req: Request, @Param('id') id: string, @Body() body: FormInput) {
    return this.decideChange(req, parseId(id), true, body);
  }

  @Roles(Role.StreetAdmin)
  @Post('delivery/milestone-changes/:id/reject')
  @Redirect('', 303)
  async reject(@Req() req: Request, @Param('id') id: string, @Body() body: FormInput) {
    return this.decideChange(req, parseId(id), false, body);
  }

  // ── helpers ─────────────────────────────────────────────────────────────────────────────────

  private async marks(body: FormInput): Promise<ReportFileMarksDto> {
    const { value } = await validateForm(
      ReportFileMarksDto,
      {
        showsPeople: body['showsPeople'] ?? 'false',
        publicConsent: body['publicConsent'] ?? 'false',
      },
      this.i18n,
      'zh-CN',
    );
    return value ?? {};
  }

  private async decide(
    req: Request,
    reportId: number,
    decision: 'return' | 'accept',
    body: FormInput,
  ) {
    await this.reports.assertVisible(sessionUser(req), reportId);
    const cls = decision === 'return' ? ReturnReportDto : ReportDecisionDto;
    const input = {
      comments: body['comments'],
      ...(body['version'] ? { version: body['version'] } : {}),
    };
    const { value, errors } = await validateForm(cls, input, this.i18n, req.locale);
    const done = decision === 'return' ? 'returned' : 'accepted';
    return this.act(req, reportId, done, { errors, form: body, failed: 'decide' }, () => {
      if (!value) throw AppException.validation([]);
      return this.reports.decide(sessionUser(req), reportId, decision, value);
    });
  }

  private async decideChange(req: Request, changeId: number, approve: boolean, body: FormInput) {
    const p = await this.milestones.projectOfChange(sessionUser(req), changeId);
    const { value } = await validateForm(
      MilestoneDecisionDto,
      { note: body['note'] },
      this.i18n,
      req.locale,
    );
    return this.milestoneAct(req, p.id, approve ? 'changeApproved' : 'changeRejected', {}, () =>
      this.milestones.decide(sessionUser(req), changeId, approve, value?.note),
    );
  }

  /**
   * Runs an action of the report page: done → back to the page with a flash; refused (4xx) → the page
   * again with the translated error and what was typed (nothing changed).
   */
  private async act(
    req: Request,
    reportId: number,
    done: string,
    state: PageState,
    action: () => Promise<unknown>,
  ) {
    try {
      await action();
    } catch (err) {
      const e = pageError(err, this.i18n, req.locale);
      throw PageOutcome.view(
        'delivery/report',
        await this.models.report(req, reportId, {
          ...state,
          errors: { ...state.errors, ...e.errors },
          formError: e.formError,
        }),
        e.status,
      );
    }
    return redirectTo(`/delivery/reports/${reportId}?done=${done}`);
  }

  private async milestoneAct(
    req: Request,
    projectId: number,
    done: string,
    state: PageState,
    action: () => Promise<unknown>,
  ) {
    try {
      await action();
    } catch (err) {
      const e = pageError(err, this.i18n, req.locale);
      throw PageOutcome.view(
        'delivery/milestones',
        await this.models.milestonesPage(req, projectId, {
          ...state,
          errors: { ...state.errors, ...e.errors },
          formError: e.formError,
        }),
        e.status,
      );
    }
    return redirectTo(`/delivery/projects/${projectId}/milestones?done=${done}`);
  }
}
