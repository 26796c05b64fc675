import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Redirect,
  Render,
  Req,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { Call, CallPhase, CallsService } from '@gv/calls';
import { AppException, Role, Roles } from '@gv/core';
import { I18n } from '@gv/i18n';
import { FileStorage, ProposalAttachment, ProposalBudgetLine } from '@gv/proposals';
import {
  fileDownload,
  FormInput,
  formLimits,
  page,
  PageOutcome,
  pageError,
  parseId,
  redirectTo,
  sessionUser,
  validateForm,
} from '@gv/web';
import { ReviewSheet } from './entities/review.entity';
import { ReviewsService } from './reviews.service';
import { ReviewAssignments } from './review-assignments.service';
import { AssignmentDto, RubricDto, SheetDto } from './dto/reviews.dto';
import { REVIEW_METHODS } from './entities/review.entity';
import { PANEL_GROUPS } from '@gv/panels';

/** A judge's list and sheet pages; the review results page of the street office and the chair. */
@ApiExcludeController()
@Controller()
export class ReviewsPagesController {
  constructor(
    private readonly reviews: ReviewsService,
    private readonly i18n: I18n,
    private readonly calls: CallsService,
    private readonly assignments: ReviewAssignments,
    private readonly storage: FileStorage,
    @InjectDataSource() private readonly ds: DataSource,
  ) {}

  @Get('reviews')
  @Render('reviews/queue')
  async queue(@Req() req: Request) {
    return page(req, 'reviews.queue.title', { seats: await this.reviews.queue(sessionUser(req)) });
  }

  @Get('reviews/proposals/:id')
  @Render('reviews/sheet')
  async sheet(@Req() req: Request, @Param('id') id: string) {
    return this.sheetModel(req, parseId(id), {});
  }

  /** The sheet form posts `score.<criterion>` (a number, or "na"), `comment.<criterion>`, `overall`, `version`. */
  @Post('reviews/proposals/:id')
  @Redirect('', 303)
  async save(@Req() req: Request, @Param('id') id: string, @Body() body: FormInput) {
    const proposalId = parseId(id);
    const { rubric } = await this.reviews.open(sessionUser(req), proposalId);
    const scores: Record<string, number | null> = {};
    const comments: Record<string, string> = {};
    for (const c of rubric.criteria) {
      const given: unknown = body[`score.${c.id}`];
      // The N/A box shares the score's name: ticked, it wins.
      const raw = (
        Array.isArray(given)
          ? given.includes('na')
            ? 'na'
            : String(given[0] ?? '')
          : String(given ?? '')
      ).trim();
      if (raw === 'na') scores[c.id] = null;
      else if (raw !== '') scores[c.id] = /^-?\d+$/.test(raw) ? Number(raw) : Number.NaN;
      const comment = String(body[`comment.${c.id}`] ?? '').trim();
      if (comment) comments[c.id] = comment.slice(0, 2000);
    }
    const version = Number(body['version'] ?? 0);
    const user = sessionUser(req);
    try {
      const saved = await this.reviews.save(user, proposalId, {
        scores,
        comments,
        overall: String(body['overall'] ?? '').slice(0, 5000),
        version: Number.isInteger(version) ? version : -1,
      });
      if (body['action'] === 'submit') await this.reviews.submit(user, proposalId, saved.version);
    } catch (err) {
      const e = pageError(err, this.i18n, req.locale);
      throw PageOutcome.view(
        'reviews/sheet',
        await this.sheetModel(req, proposalId, {
          form: { scores, comments, overall: body['overall'] },
          errors: e.errors,
          formError: e.formError,
        }),
        e.status,
      );
    }
    return redirectTo(
      `/reviews/proposals/${proposalId}?done=${body['action'] === 'submit' ? 'submitted' : 'saved'}`,
    );
  }

  /**
   * The page's autosave (review-sheet.js): JSON in, JSON out, with the session cookie and the CSRF
   * header. A stale version answers 409 `sheet_version_conflict`; the script then shows both versions.
   */
  @Post('reviews/proposals/:id/autosave')
  @HttpCode(200)
  async autosave(@Req() req: Request, @Param('id') id: string, @Body() body: FormInput) {
    const user = sessionUser(req);
    const proposalId = parseId(id);
    // The gate first (404 not assigned, 403 recused), then the body.
    await this.reviews.open(user, proposalId, undefined, false);
    const { value: dto, errors } = await validateForm(SheetDto, body, this.i18n, req.locale);
    if (!dto)
      throw AppException.validation(
        Object.entries(errors).map(([field, message]) => ({ field, code: 'invalid', message })),
      );
    const saved = await this.reviews.save(user, proposalId, dto);
    return { version: saved.version, status: saved.status, savedAt: saved.updatedAt ?? new Date() };
  }

  /** A file of the proposal, opened in the browser (inline) for a judge who scores it. */
  @Get('reviews/proposals/:id/attachments/:aid')
  async attachment(@Req() req: Request, @Param('id') id: string, @Param('aid') aid: string) {
    const proposalId = parseId(id);
    await this.reviews.open(sessionUser(req), proposalId, undefined, false);
    const row = await this.ds
      .getRepository(ProposalAttachment)
      .findOneBy({ id: parseId(aid), proposalId });
    if (!row) throw AppException.notFound();
    return fileDownload(row.fileName, row.mimeType, await this.storage.get(row.storageKey), {
      inline: true,
    });
  }

  /** The judge's sheet as saved on the server (the script compares it with the browser's copy). */
  @Get('reviews/proposals/:id/draft')
  async draft(@Req() req: Request, @Param('id') id: string) {
    const { sheet } = await this.reviews.open(sessionUser(req), parseId(id));
    return {
      version: sheet?.version ?? 0,
      status: sheet?.status ?? 'todo',
      scores: sheet?.scores ?? {},
      comments: sheet?.comments ?? {},
      overall: sheet?.overall ?? '',
    };
  }

  /** The menu's entry: the newest competition's results. */
  @Roles(Role.StreetAdmin)
  @Get('reviews/current')
  @Redirect('', 303)
  async current() {
    return redirectTo(`/calls/${(await this.calls.newestFrom(CallPhase.Screening)).id}/reviews`);
  }

  @Roles(Role.StreetAdmin)
  @Get('calls/:id/reviews')
  @Render('reviews/results')
  async results(@Req() req: Request, @Param('id') id: string) {
    return this.resultsModel(req, parseId(id), {});
  }

  /** 评分细则: criteria (points, weights, level descriptors, N/A), the method, groups, divergence. */
  @Roles(Role.StreetAdmin)
  @Get('calls/:id/reviews/rubric')
  @Render('reviews/rubric')
  async rubricPage(@Req() req: Request, @Param('id') id: string) {
    return this.rubricModel(req, parseId(id), {});
  }

  @Roles(Role.StreetAdmin)
  @Post('calls/:id/reviews/rubric')
  @Redirect('', 303)
  async saveRubric(@Req() req: Request, @Param('id') id: string, @Body() body: FormInput) {
    const callId = parseId(id);
    const input = rubricFromForm(body);
    const { value, errors } = await validateForm(RubricDto, input, this.i18n, req.locale);
    try {
      if (!value) throw AppException.validation([]);
      await this.reviews.updateRubric(callId, value);
    } catch (err) {
      const e = value
        ? pageError(err, this.i18n, req.locale)
        : { errors, formError: undefined, status: 400 };
      throw PageOutcome.view(
        'reviews/rubric',
        await this.rubricModel(req, callId, {
          form: input,
          errors: e.errors,
          formError: e.formError,
        }),
        e.status,
      );
    }
    return redirectTo(`/calls/${callId}/reviews/rubric?done=rubric`);
  }

  /** The form posts `judgesPerProposal` ('' = all × all) and an optional `seed`. */
  @Roles(Role.StreetAdmin)
  @Post('calls/:id/reviews/assignment')
  @Redirect('', 303)
  async assign(@Req() req: Request, @Param('id') id: string, @Body() body: FormInput) {
    const callId = parseId(id);
    const { value, errors } = await validateForm(AssignmentDto, body, this.i18n, req.locale);
    if (!value)
      throw PageOutcome.view(
        'reviews/results',
        await this.resultsModel(req, callId, { assignForm: body, assignErrors: errors }),
        400,
      );
    return this.chairAct(req, callId, 'assigned', () =>
      this.assignments.configure(sessionUser(req), callId, value),
    );
  }

  @Roles(Role.StreetAdmin)
  @Post('calls/:id/reviews/release')
  @Redirect('', 303)
  async release(@Req() req: Request, @Param('id') id: string) {
    const callId = parseId(id);
    return this.chairAct(req, callId, 'released', () =>
      this.reviews.release(sessionUser(req), callId),
    );
  }

  @Roles(Role.StreetAdmin)
  @Post('review-sheets/:id/unlock')
  @Redirect('', 303)
  async unlock(@Req() req: Request, @Param('id') id: string, @Body() body: FormInput) {
    const sheet = await this.ds.getRepository(ReviewSheet).findOneBy({ id: parseId(id) });
    if (!sheet) throw AppException.notFound();
    const reason = String(body['reason'] ?? '').trim();
    return this.chairAct(req, sheet.callId, 'unlocked', async () => {
      if (!reason) throw AppException.validation([{ field: 'reason', code: 'required' }]);
      await this.reviews.unlock(sessionUser(req), sheet.id, reason.slice(0, 500));
    });
  }

  @Roles(Role.StreetAdmin)
  @Post('reviews/proposals/:id/consensus')
  @Redirect('', 303)
  async consensus(@Req() req: Request, @Param('id') id: string, @Body() body: FormInput) {
    const proposalId = parseId(id);
    const callId =
      (await this.reviews.open(sessionUser(req), proposalId).catch(() => undefined))?.proposal
        .callId ??
      Number(
        (await this.ds.query('SELECT callId FROM proposal WHERE id = ?', [proposalId]))[0]
          ?.callId ?? -1,
      );
    const adj = String(body['adjustment'] ?? '').trim();
    return this.chairAct(req, callId, 'consensus', async () => {
      const notes = String(body['notes'] ?? '').trim();
      if (!notes || (adj && !/^-?\d{1,2}(\.\d{1,2})?$/.test(adj)))
        throw AppException.validation([
          { field: notes ? 'adjustment' : 'notes', code: 'required' },
        ]);
      await this.reviews.consensus(sessionUser(req), proposalId, {
        notes,
        adjustmentCentiPoints: adj ? Math.round(Number(adj) * 100) : 0,
        reason: String(body['reason'] ?? '').trim() || undefined,
      });
    });
  }

  private async chairAct(
    req: Request,
    callId: number,
    done: string,
    action: () => Promise<unknown>,
  ) {
    try {
      await action();
    } catch (err) {
      const e = pageError(err, this.i18n, req.locale);
      throw PageOutcome.view(
        'reviews/results',
        await this.resultsModel(req, callId, { formError: e.formError }),
        e.status,
      );
    }
    return redirectTo(`/calls/${callId}/reviews?done=${done}`);
  }

  private flash(req: Request) {
    const done = typeof req.query['done'] === 'string' ? req.query['done'] : '';
    return [
      'saved',
      'submitted',
      'released',
      'unlocked',
      'consensus',
      'assigned',
      'rubric',
    ].includes(done)
      ? this.i18n.t(req.locale, `reviews.done.${done}`)
      : undefined;
  }

  private async sheetModel(req: Request, proposalId: number, extra: Record<string, unknown>) {
    const o = await this.reviews.open(sessionUser(req), proposalId);
    const lines = await this.ds.getRepository(ProposalBudgetLine).find({
      where: { proposalId, version: o.proposal.currentVersion },
      order: { position: 'ASC' },
    });
    const form = (extra['form'] as
      | {
          scores: Record<string, number | null>;
          comments: Record<string, string>;
          overall?: unknown;
        }
      | undefined) ?? {
      scores: o.sheet?.scores ?? {},
      comments: o.sheet?.comments ?? {},
      overall: o.sheet?.overall ?? '',
    };
    const errors = (extra['errors'] as Record<string, string> | undefined) ?? {};
    const en = req.locale === 'en';
    const peers =
      o.sheet?.status === 'submitted' ? await this.reviews.peers(sessionUser(req), proposalId) : [];
    const attachments = await this.ds.getRepository(ProposalAttachment).find({
      where: { proposalId },
      select: { id: true, fileName: true, mimeType: true, sizeBytes: true },
      order: { id: 'ASC' },
      take: 50,
    });
    return page(req, 'reviews.sheet.title', {
      attachments,
      proposal: o.proposal,
      submitted: o.submitted,
      lines,
      sheet: o.sheet,
      locked: o.sheet?.status === 'submitted',
      version: o.sheet?.version ?? 0,
      draftKey: `gv-review:${sessionUser(req).userId}:${proposalId}`,
      criteria: o.rubric.criteria.map((c) => {
        const v = form.scores[c.id];
        return {
          ...c,
          name: en ? c.labelEn : c.label,
          value: v === null ? '' : (v ?? ''),
          na: v === null,
          comment: form.comments[c.id] ?? '',
          error: errors[c.id],
          levelsText: c.levels.join(' → '),
        };
      }),
      overall: form.overall ?? '',
      peers: peers
        .filter((p) => p.id !== o.sheet?.id)
        .map((p) => ({
          judge: p.member?.user?.name,
          scores: o.rubric.criteria.map((c) => p.scores[c.id] ?? 'N/A'),
        })),
      flash: this.flash(req),
      ...extra,
    });
  }

  private async rubricModel(req: Request, callId: number, extra: Record<string, unknown>) {
    const { call } = await this.calls.get(callId, false);
    const rubric = await this.reviews.rubric(callId);
    const form = (extra['form'] as ReturnType<typeof rubricFromForm> | undefined) ?? {
      method: rubric.method,
      divergenceThreshold: rubric.divergenceThreshold,
      tieBreak: rubric.tieBreak ?? '',
      groupWeights: rubric.groupWeights ?? undefined,
      criteria: rubric.criteria,
    };
    const errors = (extra['errors'] as Record<string, string> | undefined) ?? {};
    const rows = [...(form.criteria as Record<string, unknown>[])];
    if (!rubric.frozenAt) while (rows.length < form.criteria.length + 2) rows.push({});
    const l = req.locale;
    return page(req, 'reviews.rubric.title', {
      call,
      frozen: !!rubric.frozenAt,
      frozenAt: rubric.frozenAt,
      form,
      errors,
      maxLengths: formLimits(RubricDto),
      rows: rows.map((c, i) => ({
        index: i,
        ...c,
        levelsText: Array.isArray(c['levels']) ? (c['levels'] as string[]).join('\n') : '',
        errors: Object.fromEntries(
          Object.entries(errors)
            .filter(([k]) => k.startsWith(`criteria.${i}.`))
            .map(([k, v]) => [k.slice(`criteria.${i}.`.length), v]),
        ),
      })),
      methodOptions: REVIEW_METHODS.map((m) => ({
        value: m,
        label: this.i18n.t(l, `reviews.methods.${m}`),
      })),
      groups: PANEL_GROUPS.map((g) => ({
        id: g,
        label: this.i18n.t(l, `panels.groups.${g}`),
        value: form.groupWeights?.[g] ?? '',
      })),
      flash: this.flash(req),
      ...extra,
    });
  }

  private async resultsModel(req: Request, callId: number, extra: Record<string, unknown>) {
    const call = await this.ds.getRepository(Call).findOneBy({ id: callId });
    if (!call) throw AppException.notFound();
    const sheets = await this.ds.getRepository(ReviewSheet).find({
      where: { callId, status: 'submitted' },
      relations: { member: { user: true }, proposal: true },
      order: { proposalId: 'ASC', memberId: 'ASC' },
    });
    return page(req, 'reviews.results.title', {
      call,
      rubric: await this.reviews.rubric(callId),
      progress: await this.reviews.progress(callId),
      assignment: await this.assignments.overview(callId),
      assignForm: extra['assignForm'] ?? {},
      assignErrors: extra['assignErrors'] ?? {},
      results: await this.reviews.results(callId, req.locale),
      submitted: sheets.map((s) => ({
        id: s.id,
        number: s.proposal?.number,
        judge: s.member?.user?.name,
      })),
      flash: this.flash(req),
      ...extra,
    });
  }
}

/** The rubric form as a RubricDto-shaped object: blank rows dropped, numbers from digits only. */
export function rubricFromForm(body: FormInput) {
  const num = (v: unknown) => {
    const t = String(v ?? '').trim();
    return /^\d{1,4}$/.test(t) ? Number(t) : t === '' ? undefined : t;
  };
  const rows = Array.isArray(body['criteria'])
    ? (body['criteria'] as Record<string, unknown>[])
    : Object.values((body['criteria'] as Record<string, Record<string, unknown>>) ?? {});
  const criteria = rows
    .filter(
      (r) => r && ['id', 'label', 'labelEn', 'maxPoints'].some((k) => String(r[k] ?? '').trim()),
    )
    .map((r) => ({
      id: String(r['id'] ?? '').trim(),
      label: String(r['label'] ?? '').trim(),
      labelEn: String(r['labelEn'] ?? '').trim(),
      maxPoints: num(r['maxPoints']),
      weight: num(r['weight']) ?? 1,
      allowNa: r['allowNa'] === 'true',
      levels: String(r['levels'] ?? '')
        .split(/\r?\n/)
        .map((x) => x.trim())
        .filter(Boolean),
    }));
  const gw = (body['gw'] as Record<string, unknown> | undefined) ?? {};
  const weights = Object.fromEntries(
    Object.entries(gw)
      .filter(([, v]) => String(v ?? '').trim() !== '')
      .map(([k, v]) => [k, num(v)]),
  );
  const tieBreak = String(body['tieBreak'] ?? '').trim();
  return {
    criteria,
    method: String(body['method'] ?? ''),
    divergenceThreshold: num(body['divergenceThreshold']),
    ...(tieBreak ? { tieBreak } : {}),
    ...(Object.keys(weights).length ? { groupWeights: weights } : {}),
  } as {
    criteria: Record<string, unknown>[];
    method: string;
    divergenceThreshold: unknown;
    tieBreak?: string;
    groupWeights?: Record<string, unknown>;
  };
}
