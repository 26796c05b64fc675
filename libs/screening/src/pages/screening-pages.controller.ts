import { Body, Controller, Get, Param, Post, Query, Req, Render, Redirect } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { IsOptional } from 'class-validator';
import { formatShanghai, PageQuery, Public, Role, Roles } from '@gv/core';
import { CallListQuery, CallsService } from '@gv/calls';
import { I18n } from '@gv/i18n';
import {
  CurrentLocale,
  CurrentUser,
  fileDownload,
  page,
  pageError,
  PageOutcome,
  pager,
  parseId,
  ParseIdPipe,
  parseQuery,
  redirectTo,
  sessionUser,
  validateForm,
  XLSX_TYPE,
  FormInput,
  parenthesised,
} from '@gv/web';
import { CommunityOptions } from '@gv/places';
import {
  PROPOSAL_STATUSES,
  ProposalDetail,
  ProposalListQuery,
  ProposalQueryService,
} from '@gv/proposals';
import { SCREENING_DECISIONS } from '../entities/screening.entity';
import { ScreeningExportService } from '../screening-export.service';
import { ScreeningDto } from '../screening.dto';
import { ScreeningRecord, ScreeningService } from '../screening.service';
import type { Locale } from '@gv/core';
import type { SessionUser } from '@gv/core';

const STAFF = [Role.StreetAdmin, Role.CommunityStaff];

export class StaffListQuery extends ProposalListQuery {
  @IsOptional() lang?: string;
  @IsOptional() done?: string;
  @IsOptional() count?: string;
}
export class EligibleQuery extends PageQuery {
  @IsOptional() lang?: string;
}

const strings = (v: unknown) =>
  typeof v === 'string'
    ? [v]
    : Array.isArray(v)
      ? v.filter((x): x is string => typeof x === 'string')
      : [];

/** 资格审查 pages: the staff list with filters, a screening form per proposal, publishing, export; the public results. */
@ApiExcludeController()
@Controller()
export class ScreeningPagesController {
  constructor(
    private readonly query: ProposalQueryService,
    private readonly screening: ScreeningService,
    private readonly exporter: ScreeningExportService,
    private readonly calls: CallsService,
    private readonly communities: CommunityOptions,
    private readonly i18n: I18n,
  ) {}

  private async listModel(req: Request, q: StaffListQuery, extra: Record<string, unknown> = {}) {
    const l = req.locale;
    const calls = await this.calls.list({ pageSize: 50 } as CallListQuery);
    const callId = q.callId ?? (await this.query.newestCallWithSubmissions()) ?? calls.items[0]?.id;
    const list = await this.query.list(sessionUser(req), { ...q, callId });
    const ids = list.items.map((p) => p.id);
    const [names, decided] = await Promise.all([
      this.query.firstCommunities(ids),
      this.screening.unpublished(ids),
    ]);
    const items = list.items.map((p) => {
      const decision = decided.get(p.id);
      return {
        p,
        community: l === 'en' ? names.get(p.id)?.nameEn : names.get(p.id)?.name,
        // A decision recorded but not yet published shows instead of "submitted".
        statusText: decision
          ? this.i18n.t(l, 'screening.decidedUnpublished', {
              decision: this.i18n.t(l, `screening.decision.${decision}`),
            })
          : this.i18n.t(l, `proposals.status.${p.status}`),
      };
    });
    const flash =
      q.done === 'published'
        ? this.i18n.t(l, 'screening.published_ok', { count: Number(q.count) || 0 })
        : undefined;
    return page(req, 'screening.staffList', {
      items,
      pager: pager(req, list),
      filter: { ...q, callId: callId ? String(callId) : '' },
      callId,
      flash,
      isAdmin: sessionUser(req).role === Role.StreetAdmin,
      callOptions: calls.items.map((c) => ({
        value: String(c.id),
        label: c.title + parenthesised(l, String(c.year)),
      })),
      // Community staff see their own community's proposals only: the filter offers no other.
      communityOptions: await this.communities.options(
        l,
        sessionUser(req).role === Role.CommunityStaff
          ? { only: sessionUser(req).communityId ?? -1 }
          : { head: this.i18n.t(l, 'common.all') },
      ),
      statusOptions: [
        { value: '', label: this.i18n.t(l, 'common.all') },
        ...PROPOSAL_STATUSES.map((s) => ({
          value: s,
          label: this.i18n.t(l, `proposals.status.${s}`),
        })),
      ],
      ...extra,
    });
  }

  @Roles(...STAFF)
  @Get('staff/proposals')
  @Render('screening/staff-list')
  async list(@Req() req: Request, @Query() raw: Record<string, unknown>) {
    return await this.listModel(req, await parseQuery(StaffListQuery, raw));
  }

  private screeningModel(
    req: Request,
    d: ProposalDetail,
    r: ScreeningRecord,
    body?: Record<string, unknown>,
    extra: Record<string, unknown> = {},
  ) {
    const l = req.locale;
    const notes = (body?.['notes'] ?? {}) as Record<string, unknown>;
    const passed = body
      ? strings(body['passed'])
      : r.checks.filter((c) => c.passed).map((c) => String(c.checklistItemId));
    const s = r.screening;
    const form = body
      ? {
          decision: String(body['decision'] ?? ''),
          reason: String(body['reason'] ?? ''),
          correctionDeadline: String(body['correctionDeadline'] ?? ''),
        }
      : {
          decision: s?.decision ?? '',
          reason: s?.reason ?? '',
          correctionDeadline: s?.correctionDeadline
            ? formatShanghai(s.correctionDeadline).replace(' ', 'T')
            : '',
        };
    return page(req, 'screening.title', {
      p: d.proposal,
      call: d.call,
      screening: s,
      form,
      errors: {},
      items: r.checklist.map((i) => ({
        id: i.id,
        label: i.label,
        passed: passed.includes(String(i.id)),
        note: body
          ? String(notes[`c${i.id}`] ?? '')
          : (r.checks.find((c) => c.checklistItemId === i.id)?.note ?? ''),
      })),
      decisionOptions: SCREENING_DECISIONS.map((v) => ({
        value: v,
        label: this.i18n.t(l, `screening.decision.${v}`),
      })),
      locked: !!s?.publishedAt || d.proposal.status !== 'submitted',
      ...extra,
    });
  }

  @Roles(...STAFF)
  @Get('staff/proposals/:id/screening')
  @Render('screening/screening')
  async screeningPage(
    @Req() req: Request,
    @CurrentUser() user: SessionUser,
    @Param('id') id: string,
    @Query('done') done?: string,
  ) {
    const d = await this.query.detail(user, parseId(id));
    const r = await this.screening.forProposal(d.proposal, true);
    return this.screeningModel(req, d, r, undefined, {
      flash: done === 'saved' ? this.i18n.t(req.locale, 'screening.saved') : undefined,
    });
  }

  @Roles(...STAFF)
  @Post('staff/proposals/:id/screening')
  @Redirect('', 303)
  async decide(
    @Req() req: Request,
    @CurrentUser() user: SessionUser,
    @Param('id') id: string,
    @Body() body: FormInput,
  ) {
    const d = await this.query.detail(user, parseId(id));
    const r = await this.screening.forProposal(d.proposal, true);
    const notes = (body['notes'] ?? {}) as Record<string, unknown>;
    const passed = strings(body['passed']);
    const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v : undefined);
    const dto = {
      decision: body['decision'],
      reason: str(body['reason']),
      correctionDeadline: str(body['correctionDeadline']),
      checks: r.checklist.map((i) => ({
        checklistItemId: i.id,
        passed: passed.includes(String(i.id)),
        ...(str(notes[`c${i.id}`]) ? { note: String(notes[`c${i.id}`]) } : {}),
      })),
    };
    const { value, errors } = await validateForm(ScreeningDto, dto, this.i18n, req.locale);
    if (!value)
      throw PageOutcome.view(
        'screening/screening',
        this.screeningModel(req, d, r, body, {
          errors,
          formError: this.i18n.t(req.locale, 'errors.validation_failed'),
        }),
        400,
      );
    try {
      await this.screening.decide(user, d.proposal.id, value);
    } catch (err) {
      const e = pageError(err, this.i18n, req.locale);
      throw PageOutcome.view(
        'screening/screening',
        this.screeningModel(req, d, r, body, { errors: e.errors, formError: e.formError }),
        e.status,
      );
    }
    return redirectTo(`/staff/proposals/${d.proposal.id}/screening?done=saved`);
  }

  @Roles(Role.StreetAdmin)
  @Post('staff/calls/:id/publish')
  @Redirect('', 303)
  async publish(@Req() req: Request, @Param('id') id: string) {
    try {
      const { published } = await this.screening.publish(parseId(id));
      return redirectTo(`/staff/proposals?callId=${parseId(id)}&done=published&count=${published}`);
    } catch (err) {
      const e = pageError(err, this.i18n, req.locale);
      throw PageOutcome.view(
        'screening/staff-list',
        await this.listModel(req, { callId: parseId(id) } as StaffListQuery, {
          formError: e.formError,
        }),
        e.status,
      );
    }
  }

  @Roles(Role.StreetAdmin)
  @Get('staff/calls/:id/proposals.xlsx')
  async export(@Param('id', ParseIdPipe) id: number, @CurrentLocale() locale: Locale) {
    const { call, buffer } = await this.exporter.workbook(id, locale);
    return fileDownload(`proposals-${call.code}-${call.year}.xlsx`, XLSX_TYPE, buffer);
  }

  @Public()
  @Get('calls/:id/eligible')
  @Render('screening/eligible')
  async eligible(@Req() req: Request, @Param('id') id: string, @Query() q: EligibleQuery) {
    const list = await this.query.publicEligible(parseId(id), q);
    const { call } = await this.calls.get(parseId(id));
    const names = await this.query.firstCommunities(list.items.map((p) => p.id));
    const items = list.items.map((p) => ({
      number: p.number,
      title: p.title,
      organisation: p.organisation?.name ?? '',
      community: req.locale === 'en' ? names.get(p.id)?.nameEn : names.get(p.id)?.name,
      totalFen: p.totalFen,
    }));
    return page(req, 'calls.eligibleList', { call, items, pager: pager(req, list) });
  }
}
