import { Body, Controller, Get, Param, Post, Redirect, Render, Req } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { Call } from '@gv/calls';
import { AppException, Role, Roles } from '@gv/core';
import { I18n } from '@gv/i18n';
import {
  FormInput,
  page,
  pager,
  PageOutcome,
  pageError,
  parseId,
  redirectTo,
  sessionUser,
} from '@gv/web';
import { PaperEntryService, PaperScores } from './paper-entry.service';
import { ReviewsService } from './reviews.service';

const DONE = ['pending', 'mismatch', 'confirmed'] as const;

interface PaperForm {
  memberId: string;
  proposalId: string;
  scores: PaperScores;
  overall: string;
}

/** The street office's page for paper sheets: the entries so far and the form to type one in. */
@ApiExcludeController()
@Controller()
export class PaperPagesController {
  constructor(
    private readonly paper: PaperEntryService,
    private readonly reviews: ReviewsService,
    private readonly i18n: I18n,
    @InjectDataSource() private readonly ds: DataSource,
  ) {}

  @Roles(Role.StreetAdmin)
  @Get('calls/:id/reviews/paper')
  @Render('reviews/paper')
  async list(@Req() req: Request, @Param('id') id: string) {
    const q = (k: string) => (typeof req.query[k] === 'string' ? req.query[k] : '');
    return this.model(req, parseId(id), {
      form: { memberId: q('memberId'), proposalId: q('proposalId'), scores: {}, overall: '' },
    });
  }

  /** The form posts `memberId`, `proposalId`, `score.<criterion>` (a number, or "na"), `overall`. */
  @Roles(Role.StreetAdmin)
  @Post('calls/:id/reviews/paper')
  @Redirect('', 303)
  async enter(@Req() req: Request, @Param('id') id: string, @Body() body: FormInput) {
    const callId = parseId(id);
    const rubric = await this.reviews.rubric(callId);
    const form: PaperForm = {
      memberId: String(body['memberId'] ?? '').trim(),
      proposalId: String(body['proposalId'] ?? '').trim(),
      scores: {},
      overall: String(body['overall'] ?? '').slice(0, 5000),
    };
    for (const c of rubric.criteria) {
      const given: unknown = body[`score.${c.id}`];
      // The N/A box shares the score's name (as on the judge's sheet): ticked, it wins.
      const raw = (
        Array.isArray(given)
          ? given.includes('na')
            ? 'na'
            : String(given[0] ?? '')
          : String(given ?? '')
      ).trim();
      if (raw === 'na') form.scores[c.id] = null;
      else if (raw !== '') form.scores[c.id] = /^-?\d{1,6}$/.test(raw) ? Number(raw) : Number.NaN;
    }
    const num = (v: string) => (/^\d{1,9}$/.test(v) ? Number(v) : -1);
    let status: string;
    try {
      const entry = await this.paper.enter(
        sessionUser(req),
        callId,
        {
          memberId: num(form.memberId),
          proposalId: num(form.proposalId),
          scores: form.scores,
          overall: form.overall,
        },
        req.locale,
      );
      status = entry.status;
    } catch (err) {
      // A judge recused from (or not assigned) the proposal is a refusal about the choice of judge:
      // the form comes back with the reason beside the judge, nothing entered.
      const refusal =
        err instanceof AppException && err.status === 403 && err.code.startsWith('paper_');
      const e = refusal
        ? {
            status: 403,
            formError: this.i18n.t(req.locale, `errors.${err.code}`),
            errors: { memberId: this.i18n.t(req.locale, `errors.${err.code}`) },
          }
        : pageError(err, this.i18n, req.locale);
      throw PageOutcome.view(
        'reviews/paper',
        await this.model(req, callId, { form, errors: e.errors, formError: e.formError }),
        e.status,
      );
    }
    return redirectTo(`/calls/${callId}/reviews/paper?done=${status}`);
  }

  private async model(
    req: Request,
    callId: number,
    extra: { form: PaperForm; errors?: Record<string, string>; formError?: string },
  ) {
    const call = await this.ds.getRepository(Call).findOneBy({ id: callId });
    if (!call) throw AppException.notFound();
    const l = req.locale;
    const en = l === 'en';
    const rubric = await this.reviews.rubric(callId);
    const rawPage = typeof req.query['page'] === 'string' ? req.query['page'] : '';
    const list = await this.paper.list(
      callId,
      { page: /^\d{1,5}$/.test(rawPage) && Number(rawPage) > 0 ? Number(rawPage) : 1 },
      l,
    );
    const options = await this.paper.options(callId);
    const { form } = extra;
    const errors = extra.errors ?? {};
    const shown = (v: number | null | undefined) =>
      v === null ? 'N/A' : v === undefined || Number.isNaN(v) ? '—' : String(v);
    const done = typeof req.query['done'] === 'string' ? req.query['done'] : '';
    return page(req, 'reviews.paper.title', {
      call,
      members: options.members.map((x) => ({
        value: String(x.id),
        label: `${x.name} · ${this.i18n.t(l, `panels.groups.${x.group}`)}`,
        selected: String(x.id) === form.memberId,
      })),
      proposals: options.proposals.map((p) => ({
        value: String(p.id),
        label: `${p.number ?? ''} ${p.title}`,
        selected: String(p.id) === form.proposalId,
      })),
      criteria: rubric.criteria.map((c) => {
        const v = form.scores[c.id];
        return {
          id: c.id,
          name: en ? c.labelEn : c.label,
          maxPoints: c.maxPoints,
          allowNa: c.allowNa,
          value: v === null || v === undefined || Number.isNaN(v) ? '' : v,
          na: v === null,
          error: errors[c.id],
        };
      }),
      form,
      errors,
      formError: extra.formError,
      entries: list.items.map((e) => ({
        ...e,
        statusLabel: this.i18n.t(l, `reviews.paper.statuses.${e.status}`),
        differences: e.differences.map((d) => ({
          ...d,
          first: shown(d.first),
          second: shown(d.second),
        })),
      })),
      pager: pager(req, list),
      flash: (DONE as readonly string[]).includes(done)
        ? this.i18n.t(l, `reviews.paper.done.${done}`)
        : undefined,
    });
  }
}
