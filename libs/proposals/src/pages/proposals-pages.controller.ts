import {
  Body,
  Controller,
  Get,
  Param,
  Post,
  Query,
  Req,
  Redirect,
  UploadedFile,
  UseInterceptors,
  Render,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { AppException, Role, Roles } from '@gv/core';
import { CallListQuery, CallPhase, CallsService } from '@gv/calls';
import { I18n } from '@gv/i18n';
import {
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
  remap,
  sessionUser,
  validateForm,
  FormInput,
} from '@gv/web';
import { AttachmentsService, UploadedFileData } from '../attachments.service';
import { ProposalContentDto, ProposalListQuery } from '../dto/proposals.dto';
import {
  ADD_ROWS,
  formField,
  formFromBody,
  formFromDetail,
  formToDto,
  placeErrors,
  ProposalForm,
  withEmptyRows,
} from '../proposal-form';
import { ProposalQueryService } from '../proposal-query.service';
import { ProposalsService } from '../proposals.service';
import { computeBudget } from '../budget.util';
import { ProposalsError } from '../proposals.errors';
import { submissionProblem } from '../submission-check';
import { ProposalPageModels } from './proposal-page-models';
import type { SessionUser } from '@gv/core';

const READERS = [Role.StreetAdmin, Role.CommunityStaff, Role.OrgMember];

export class MyProposalsQuery extends ProposalListQuery {
  @IsOptional() lang?: string;
  @IsOptional() done?: string;
}
export class NewProposalQuery {
  /** Without it (or not an id), the organisation's proposals page lists the calls open for submissions. */
  @IsOptional() @IsString() @MaxLength(32) callId?: string;
  @IsOptional() lang?: string;
}
export class DiffQuery {
  @Type(() => Number) @IsInt() @Min(0) from!: number;
  @Type(() => Number) @IsInt() @Min(0) to!: number;
  @IsOptional() lang?: string;
}

/** 申报 pages of an organisation member: my proposals, the form (no JavaScript), versions, attachments. */
@ApiExcludeController()
@Controller()
export class ProposalsPagesController {
  constructor(
    private readonly proposals: ProposalsService,
    private readonly query: ProposalQueryService,
    private readonly attachments: AttachmentsService,
    private readonly calls: CallsService,
    private readonly models: ProposalPageModels,
    private readonly i18n: I18n,
  ) {}

  private flash(
    req: Request,
    done: unknown,
    params: Record<string, unknown> = {},
  ): string | undefined {
    const keys: Record<string, string> = {
      saved: 'proposals.saved',
      submitted: 'proposals.submitted',
      version: 'proposals.versionSubmitted',
      withdrawn: 'proposals.withdrawn',
      uploaded: 'proposals.uploaded',
      removed: 'proposals.attachmentRemoved',
    };
    return typeof done === 'string' && keys[done]
      ? this.i18n.t(req.locale, keys[done], params)
      : undefined;
  }

  @Roles(Role.OrgMember)
  @Get('my/proposals')
  @Render('proposals/mine')
  async mine(
    @Req() req: Request,
    @CurrentUser() user: SessionUser,
    @Query() raw: Record<string, unknown>,
  ) {
    const q = await parseQuery(MyProposalsQuery, raw);
    const list = await this.query.list(user, q);
    const open = await this.calls.list(
      { phase: CallPhase.Open, pageSize: 20 } as CallListQuery,
      true,
    );
    return page(req, 'proposals.mine', {
      items: list.items,
      pager: pager(req, list),
      openCalls: open.items,
      flash: this.flash(req, q.done),
    });
  }

  @Roles(Role.OrgMember)
  @Get('proposals/new')
  @Render('proposals/form')
  async newPage(
    @Req() req: Request,
    @CurrentUser() user: SessionUser,
    @Query() q: NewProposalQuery,
  ) {
    // No call chosen (or a mangled link): the organisation's proposals, where the open calls are listed.
    if (!q.callId || !/^\d{1,9}$/.test(q.callId)) throw PageOutcome.redirect('/my/proposals');
    const { call } = await this.calls.get(parseId(q.callId));
    let formError: string | undefined;
    try {
      this.proposals.ensureSubmissionWindow(call);
    } catch (err) {
      formError = pageError(err, this.i18n, req.locale).formError;
    }
    const empty: ProposalForm = {
      title: '',
      track: call.tracks[0],
      communityIds: user.communityId ? [String(user.communityId)] : [],
      needId: '',
      beneficiaryGroups: [],
      beneficiaryCount: '',
      summary: '',
      objectives: '',
      activities: '',
      team: '',
      coFunding: '',
      lines: [],
      milestones: [],
    };
    const model = {
      ...(await this.models.form(req, { call, form: withEmptyRows(empty), formError })),
      closed: !!formError,
    };
    if (formError) throw PageOutcome.view('proposals/form', model, 409);
    return model;
  }

  @Roles(Role.OrgMember)
  @Post('proposals/new')
  @Redirect('', 303)
  async create(@Req() req: Request, @Body() body: FormInput) {
    const { call } = await this.calls.get(parseId(String(body['callId'] ?? '')));
    return this.handleForm(req, body, call, undefined);
  }

  @Roles(...READERS)
  @Get('proposals/:id')
  @Render('proposals/detail')
  async detail(@Req() req: Request, @Param('id') id: string, @Query('done') done?: string) {
    const model = await this.models.detail(req, parseId(id));
    const p = model.p;
    return {
      ...model,
      flash: this.flash(req, done, { number: p.number, version: p.currentVersion }),
    };
  }

  @Roles(...READERS)
  @Get('proposals/:id/versions/:version')
  @Render('proposals/detail')
  async version(@Req() req: Request, @Param('id') id: string, @Param('version') version: string) {
    return await this.models.detail(req, parseId(id), parseId(version));
  }

  @Roles(...READERS)
  @Get('proposals/:id/diff')
  @Render('proposals/diff')
  async diff(
    @Req() req: Request,
    @CurrentUser() user: SessionUser,
    @Param('id') id: string,
    @Query() q: DiffQuery,
  ) {
    const diff = await this.query.budgetDiff(user, parseId(id), q.from, q.to);
    const d = await this.query.detail(user, parseId(id));
    return page(req, 'proposals.diff', { p: d.proposal, diff });
  }

  @Roles(Role.OrgMember)
  @Get('proposals/:id/edit')
  @Render('proposals/form')
  async editPage(
    @Req() req: Request,
    @CurrentUser() user: SessionUser,
    @Param('id') id: string,
    @Query('done') done?: string,
  ) {
    const d = await this.query.detail(user, parseId(id));
    if (await this.models.lockedReason(req, d))
      throw PageOutcome.redirect(`/proposals/${d.proposal.id}`);
    return await this.models.form(req, {
      call: d.call,
      proposalId: d.proposal.id,
      form: withEmptyRows(formFromDetail(d)),
      flash: this.flash(req, done),
    });
  }

  @Roles(Role.OrgMember)
  @Post('proposals/:id/edit')
  @Redirect('', 303)
  async edit(
    @Req() req: Request,
    @CurrentUser() user: SessionUser,
    @Param('id') id: string,
    @Body() body: FormInput,
  ) {
    const d = await this.query.detail(user, parseId(id));
    return this.handleForm(req, body, d.call, d.proposal.id);
  }

  /**
   * Save draft, submit, or add empty rows: redirects when done; otherwise the form again with the
   * posted values and the errors (a PageOutcome; nothing created by a failed action).
   */
  private async handleForm(
    req: Request,
    body: Record<string, unknown>,
    call: Awaited<ReturnType<CallsService['get']>>['call'],
    proposalId: number | undefined,
  ) {
    const action = body['action'];
    const form = formFromBody(body);
    const render = async (
      status: number,
      f: ProposalForm,
      errors: Record<string, string> = {},
      formError?: string,
    ) =>
      PageOutcome.view(
        'proposals/form',
        await this.models.form(req, {
          call,
          proposalId,
          form: f,
          errors: placeErrors(f, errors),
          formError,
        }),
        status,
      );
    if (action === 'addLines') throw await render(200, withEmptyRows(form, ADD_ROWS, 0));
    if (action === 'addMilestones') throw await render(200, withEmptyRows(form, 0, ADD_ROWS));
    const padded = withEmptyRows(form, 0, 0);
    const { dto, errors: moneyErrors, lineIndex, milestoneIndex } = formToDto(form);
    const map = (f: string) => formField(f, lineIndex, milestoneIndex);
    const { value, errors } = await validateForm(ProposalContentDto, dto, this.i18n, req.locale);
    const all = {
      ...remap(errors, map),
      ...Object.fromEntries(
        Object.entries(moneyErrors).map(([k, c]) => [
          k,
          this.i18n.t(req.locale, `validation.${c}`),
        ]),
      ),
    };
    if (!value || Object.keys(all).length)
      throw await render(400, padded, all, this.i18n.t(req.locale, 'errors.validation_failed'));
    // A new proposal is saved only with its title (no untitled "—" drafts from an empty form).
    if (action !== 'submit' && proposalId === undefined && !value.title?.trim())
      throw await render(
        400,
        padded,
        { title: this.i18n.t(req.locale, 'common.required') },
        this.i18n.t(req.locale, 'errors.validation_failed'),
      );
    // Submitting: what the submission would refuse (empty fields, total outside the range) shows
    // before anything is saved, so a failed submission changes nothing.
    if (action === 'submit') {
      const problem = submissionProblem(
        {
          ...value,
          communities: value.communityIds?.length ?? 0,
          beneficiaryGroups: value.beneficiaryGroups?.length ?? 0,
          budgetLines: value.budgetLines?.length ?? 0,
          milestones: value.milestones?.length ?? 0,
          totalFen: computeBudget(value.budgetLines ?? []).totalFen,
        },
        call,
      );
      if (problem) {
        const e = pageError(
          ProposalsError.error(problem.code, problem.params, problem.fields),
          this.i18n,
          req.locale,
          map,
        );
        throw await render(e.status, padded, e.errors, e.formError);
      }
    }
    // Refused anyway (organisation not verified, limit reached): said before anything is saved.
    if (action === 'submit')
      try {
        await this.proposals.ensureCanSubmit(sessionUser(req), call, proposalId);
      } catch (err) {
        if (!(err instanceof AppException) || err.status >= 500) throw err;
        throw await render(
          err.status,
          padded,
          {},
          this.i18n.t(req.locale, `errors.${err.code}`, err.params),
        );
      }
    let id = proposalId;
    try {
      if (id === undefined)
        id = (await this.proposals.create(sessionUser(req), { ...value, callId: call.id })).id;
      else await this.proposals.saveDraft(sessionUser(req), id, value);
    } catch (err) {
      const e = pageError(err, this.i18n, req.locale, map);
      throw await render(e.status, padded, e.errors, e.formError);
    }
    if (action !== 'submit') return redirectTo(`/proposals/${id}/edit?done=saved`);
    try {
      const p = await this.proposals.submit(sessionUser(req), id);
      return redirectTo(`/proposals/${id}?done=${p.currentVersion > 1 ? 'version' : 'submitted'}`);
    } catch (err) {
      // Refused under the locks (deadline, verification, the per-organisation limit): the draft is
      // saved, and the form says so beside the reason.
      const e = pageError(err, this.i18n, req.locale, map);
      e.formError = this.i18n.t(req.locale, 'proposals.savedNotSubmitted', {
        reason: e.formError ?? '',
      });
      throw PageOutcome.view(
        'proposals/form',
        await this.models.form(req, {
          call,
          proposalId: id,
          form: padded,
          errors: placeErrors(padded, e.errors),
          formError: e.formError,
        }),
        e.status,
      );
    }
  }

  @Roles(Role.OrgMember)
  @Post('proposals/:id/withdraw')
  @Redirect('', 303)
  async withdraw(@Req() req: Request, @CurrentUser() user: SessionUser, @Param('id') id: string) {
    return this.onDetail(req, id, 'withdrawn', () => this.proposals.withdraw(user, parseId(id)));
  }

  @Roles(Role.OrgMember)
  @Post('proposals/:id/attachments')
  @UseInterceptors(FileInterceptor('file'))
  @Redirect('', 303)
  async upload(
    @Req() req: Request,
    @CurrentUser() user: SessionUser,
    @Param('id') id: string,
    @UploadedFile() file: UploadedFileData | undefined,
  ) {
    return this.onDetail(
      req,
      id,
      'uploaded',
      () => this.attachments.add(user, parseId(id), file),
      (e) => ({ uploadError: e.errors['file'] ?? e.formError }),
    );
  }

  @Roles(...READERS)
  @Get('proposals/:id/attachments/:aid')
  async download(
    @CurrentUser() user: SessionUser,
    @Param('id', ParseIdPipe) id: number,
    @Param('aid', ParseIdPipe) aid: number,
  ) {
    const { row, data } = await this.attachments.download(user, id, aid);
    return fileDownload(row.fileName, row.mimeType, data);
  }

  @Roles(Role.OrgMember)
  @Post('proposals/:id/attachments/:aid/delete')
  @Redirect('', 303)
  async removeAttachment(
    @Req() req: Request,
    @CurrentUser() user: SessionUser,
    @Param('id') id: string,
    @Param('aid') aid: string,
  ) {
    return this.onDetail(req, id, 'removed', () =>
      this.attachments.remove(user, parseId(id), parseId(aid)),
    );
  }

  /**
   * An action on a proposal's detail page: done → back to the page with a flash; refused → the page
   * again with the translated error (nothing changed).
   */
  private async onDetail(
    req: Request,
    id: string,
    done: string,
    action: () => Promise<unknown>,
    errorModel: (e: ReturnType<typeof pageError>) => Record<string, unknown> = (e) => ({
      formError: e.formError,
    }),
  ) {
    try {
      await action();
    } catch (err) {
      const e = pageError(err, this.i18n, req.locale);
      throw PageOutcome.view(
        'proposals/detail',
        await this.models.detail(req, parseId(id), 0, errorModel(e)),
        e.status,
      );
    }
    return redirectTo(`/proposals/${parseId(id)}?done=${done}`);
  }
}
