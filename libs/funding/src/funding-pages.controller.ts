import { Body, Controller, Get, Param, Post, Redirect, Render, Req } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { DataSource, In } from 'typeorm';
import { CallPhase, CallsService } from '@gv/calls';
import { AppException, fenToYuan, Role, Roles, yuanToFen } from '@gv/core';
import { I18n } from '@gv/i18n';
import { allPanelMembers } from '@gv/panels';
import { Proposal } from '@gv/proposals';
import {
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
import { KNAPSACK_LIMITS } from '@gv/allocation';
import { FundingSettingsDto, OverrideDto } from './dto/funding.dto';
import { FUNDING_RULES, FundingRun } from './entities/funding.entity';
import { FundingService } from './funding.service';
import { fundingLineView } from './funding.view';

const DONE = [
  'settings',
  'dryrun',
  'dryrun_too_large',
  'dryrun_unsupported',
  'approved',
  'override',
  'removed',
  'awarded',
  'withdrawn',
];

/** The ranking page (立项决策): settings, dry runs side by side, the trace, overrides, approval, ledger. */
@ApiExcludeController()
@Controller()
export class FundingPagesController {
  constructor(
    private readonly funding: FundingService,
    private readonly calls: CallsService,
    private readonly i18n: I18n,
    @InjectDataSource() private readonly ds: DataSource,
  ) {}

  @Roles(Role.StreetAdmin)
  @Get('funding/current')
  @Redirect('', 303)
  async current() {
    return redirectTo(`/calls/${(await this.calls.newestFrom(CallPhase.Screening)).id}/funding`);
  }

  @Roles(Role.StreetAdmin)
  @Get('calls/:id/funding')
  @Render('funding/decision')
  async decision(@Req() req: Request, @Param('id') id: string) {
    return this.model(req, parseId(id), {});
  }

  @Roles(Role.StreetAdmin)
  @Get('funding-runs/:id')
  @Render('funding/version')
  async version(@Req() req: Request, @Param('id') id: string) {
    const { run, lines } = await this.funding.run(parseId(id));
    const { call } = await this.calls.get(run.callId, false);
    const titles = await this.titles(lines.map((l) => l.proposalId));
    return page(req, 'funding.version.title', {
      call,
      run,
      cap: fenToYuan(run.budgetCapFen),
      total: fenToYuan(run.totalFundedFen),
      lines: lines.map((l) => ({ ...fundingLineView(l, req.locale), ...titles.get(l.proposalId) })),
    });
  }

  @Roles(Role.StreetAdmin)
  @Post('calls/:id/funding/settings')
  @Redirect('', 303)
  async saveSettings(@Req() req: Request, @Param('id') id: string, @Body() body: FormInput) {
    const callId = parseId(id);
    const input = settingsFromForm(body);
    const { value, errors } = await validateForm(FundingSettingsDto, input, this.i18n, req.locale);
    return this.act(
      req,
      callId,
      'settings',
      { settingsErrors: errors, settingsForm: body },
      async () => {
        if (!value) throw AppException.validation([]);
        await this.funding.updateSettings(sessionUser(req), callId, value);
      },
    );
  }

  @Roles(Role.StreetAdmin)
  @Post('calls/:id/funding/dry-runs')
  @Redirect('', 303)
  async dryRun(@Req() req: Request, @Param('id') id: string) {
    const callId = parseId(id);
    let done = 'dryrun';
    return this.act(
      req,
      callId,
      () => done,
      {},
      async () => {
        const { refused } = await this.funding.dryRun(sessionUser(req), callId);
        // the other rules ran and are stored: say which one did not, and why
        if (refused[0])
          done =
            refused[0].error.code === 'funding_rule_too_large'
              ? 'dryrun_too_large'
              : 'dryrun_unsupported';
      },
    );
  }

  @Roles(Role.StreetAdmin)
  @Post('funding-runs/:id/approve')
  @Redirect('', 303)
  async approve(@Req() req: Request, @Param('id') id: string, @Body() body: FormInput) {
    const { run } = await this.funding.run(parseId(id));
    const present = ([] as unknown[])
      .concat(body['present'] ?? [])
      .map((v) => Number(v))
      .filter((v) => Number.isSafeInteger(v));
    return this.act(req, run.callId, 'approved', {}, () =>
      this.funding.approve(sessionUser(req), run.id, present),
    );
  }

  @Roles(Role.StreetAdmin)
  @Post('calls/:id/funding/overrides')
  @Redirect('', 303)
  async override(@Req() req: Request, @Param('id') id: string, @Body() body: FormInput) {
    const callId = parseId(id);
    const amount = String(body['amount'] ?? '').trim();
    const input = {
      proposalId: body['proposalId'],
      action: body['action'],
      reason: body['reason'],
      ...(amount ? { amountFen: String(yuanToFen(amount) ?? 'x') } : {}),
    };
    const { value, errors } = await validateForm(OverrideDto, input, this.i18n, req.locale);
    return this.act(
      req,
      callId,
      'override',
      { overrideErrors: errors, overrideForm: body },
      async () => {
        if (!value) throw AppException.validation([]);
        await this.funding.override(sessionUser(req), callId, value);
      },
    );
  }

  @Roles(Role.StreetAdmin)
  @Post('calls/:id/funding/overrides/:proposalId/remove')
  @Redirect('', 303)
  async removeOverride(
    @Req() req: Request,
    @Param('id') id: string,
    @Param('proposalId') proposalId: string,
  ) {
    const callId = parseId(id);
    return this.act(req, callId, 'removed', {}, () =>
      this.funding.removeOverride(sessionUser(req), callId, parseId(proposalId)),
    );
  }

  /** Runs a page action; its error shows on the ranking page (with the form's errors), else a flash. */
  private async act(
    req: Request,
    callId: number,
    done: string | (() => string),
    formState: Record<string, unknown>,
    action: () => Promise<unknown>,
  ) {
    try {
      await action();
    } catch (err) {
      const e = pageError(err, this.i18n, req.locale);
      const fieldErrors = Object.values(formState).some((v) => v && Object.keys(v).length)
        ? formState
        : {};
      throw PageOutcome.view(
        'funding/decision',
        await this.model(req, callId, {
          ...formState,
          ...fieldErrors,
          formError: e.formError ?? (Object.keys(e.errors).length ? undefined : e.formError),
          ...(done === 'settings'
            ? { settingsErrors: { ...(formState['settingsErrors'] as object), ...e.errors } }
            : {}),
          ...(done === 'override'
            ? { overrideErrors: { ...(formState['overrideErrors'] as object), ...e.errors } }
            : {}),
        }),
        e.status,
      );
    }
    return redirectTo(
      `/calls/${callId}/funding?done=${typeof done === 'function' ? done() : done}`,
    );
  }

  private async titles(ids: number[]) {
    const rows = await this.ds.getRepository(Proposal).find({
      where: { id: In(ids.concat(-1)) },
      select: { id: true, number: true, title: true },
    });
    return new Map(rows.map((p) => [p.id, { number: p.number, title: p.title }]));
  }

  private async model(req: Request, callId: number, extra: Record<string, unknown>) {
    const { call } = await this.calls.get(callId, false);
    const l = req.locale;
    const settings = await this.funding.settings(callId);
    const versions = await this.funding.versions(callId);
    const approved = versions.find((v) => v.status === 'approved');
    const latest = versions[0];
    // The newest batch of dry runs: same inputs as the newest version, still dry runs.
    const batch = latest
      ? versions
          .filter((v) => v.status === 'dry_run' && v.inputsHash === latest.inputsHash)
          // newest first: one run per rule (the call's rules, and `mes` with a residents' vote)
          .filter((v, i, all) => all.findIndex((w) => w.rule === v.rule) === i)
          .reverse()
      : [];
    const lines = new Map<number, Awaited<ReturnType<FundingService['runLines']>>>();
    for (const r of batch) lines.set(r.id, await this.funding.runLines(r.id));
    const ids = [...new Set([...lines.values()].flat().map((x) => x.proposalId))];
    const titles = await this.titles(ids);
    const first = batch[0] ? (lines.get(batch[0].id) ?? []) : [];
    const compare = first.map((row) => ({
      ...titles.get(row.proposalId),
      proposalId: row.proposalId,
      score: row.score,
      requested: fenToYuan(row.requestedFen),
      cells: batch.map((r) => {
        const x = lines.get(r.id)!.find((y) => y.proposalId === row.proposalId)!;
        return { ...fundingLineView(x, l) };
      }),
    }));
    const members = await allPanelMembers(this.ds.manager, callId);
    const overrides = await this.funding.overrides(callId);
    const otitles = await this.titles(overrides.map((o) => o.proposalId));
    const eligible = await this.ds.getRepository(Proposal).find({
      where: { callId, status: 'eligible' as Proposal['status'] },
      select: { id: true, number: true, title: true },
      order: { number: 'ASC' },
      take: 2000,
    });
    const done = typeof req.query['done'] === 'string' ? req.query['done'] : '';
    return page(req, 'funding.title', {
      call,
      cap: fenToYuan(call.budgetCapFen),
      rule: settings,
      settingsForm: extra['settingsForm'] ?? {
        rule: settings.rule,
        passLine: settings.passLineCenti === null ? '' : (settings.passLineCenti / 100).toFixed(2),
        reducedMinSharePct: settings.reducedMinSharePct ?? '',
        objectionWorkingDays: settings.objectionWorkingDays,
        objectionContact: settings.objectionContact,
        seed: settings.seed,
        track: Object.fromEntries(
          Object.entries(settings.trackBudgets ?? {}).map(([k, v]) => [
            k,
            fenToYuan(v).replace(/,/g, ''),
          ]),
        ),
      },
      settingsErrors: extra['settingsErrors'] ?? {},
      // The DTOs' own limits on the override and settings forms' text fields (no name in common).
      maxLengths: { ...formLimits(OverrideDto), ...formLimits(FundingSettingsDto) },
      ruleOptions: FUNDING_RULES.map((r) => ({
        value: r,
        label: this.i18n.t(l, `funding.rules.${r}`),
      })),
      tracks: call.tracks.map((t) => ({ id: t, label: this.i18n.t(l, `calls.tracks.${t}`) })),
      ledger: (await this.funding.ledger(callId)).map((r) => ({
        ...r,
        label:
          r.track === '*'
            ? this.i18n.t(l, 'funding.ledger.whole')
            : this.i18n.t(l, `calls.tracks.${r.track}`),
        cap: fenToYuan(r.capFen),
        committed: fenToYuan(r.committedFen),
        available: fenToYuan(r.availableFen),
      })),
      batch: batch.map((r: FundingRun) => ({
        ...r,
        ruleLabel: this.i18n.t(l, `funding.rules.${r.rule}`),
        total: fenToYuan(r.totalFundedFen),
        funded: (lines.get(r.id) ?? []).filter((x) => x.amountFen > 0).length,
      })),
      compare,
      approved: approved && {
        ...approved,
        ruleLabel: this.i18n.t(l, `funding.rules.${approved.rule}`),
        total: fenToYuan(approved.totalFundedFen),
        present: members
          .filter((x) => approved.presentMemberIds?.includes(x.id))
          .map((x) => x.user?.name)
          .join('、'),
      },
      members: members.map((x) => ({ id: x.id, name: x.user?.name, isChair: x.isChair })),
      overrides: overrides.map((o) => ({
        ...o,
        ...otitles.get(o.proposalId),
        actionLabel: this.i18n.t(l, `funding.override.actions.${o.action}`),
        amount: o.amountFen === null ? '' : fenToYuan(o.amountFen),
      })),
      overrideForm: extra['overrideForm'] ?? {},
      overrideErrors: extra['overrideErrors'] ?? {},
      proposalOptions: eligible.map((p) => ({
        value: String(p.id),
        label: `${p.number} ${p.title}`,
      })),
      actionOptions: ['fund', 'exclude', 'amount'].map((a) => ({
        value: a,
        label: this.i18n.t(l, `funding.override.actions.${a}`),
      })),
      flash: DONE.includes(done)
        ? this.i18n.t(l, `funding.done.${done}`, { maxItems: KNAPSACK_LIMITS.maxItems })
        : undefined,
      ...Object.fromEntries(Object.entries(extra).filter(([k]) => k === 'formError')),
    });
  }
}

/** The settings form as a FundingSettingsDto-shaped object (yuan → fen, points → hundredths). */
export function settingsFromForm(body: FormInput) {
  const text = (k: string) => String(body[k] ?? '').trim();
  const pass = text('passLine');
  const tracks = (body['track'] as Record<string, unknown> | undefined) ?? {};
  const trackBudgets = Object.fromEntries(
    Object.entries(tracks)
      .filter(([, v]) => String(v ?? '').trim() !== '')
      .map(([k, v]) => [k, yuanToFen(String(v)) ?? String(v)]),
  );
  return {
    rule: text('rule'),
    passLineCenti:
      pass === ''
        ? null
        : /^\d{1,3}(\.\d{1,2})?$/.test(pass)
          ? String(Math.round(Number(pass) * 100))
          : pass,
    reducedMinSharePct: text('reducedMinSharePct') === '' ? null : text('reducedMinSharePct'),
    objectionWorkingDays: text('objectionWorkingDays') || undefined,
    objectionContact: text('objectionContact'),
    ...(text('seed') ? { seed: text('seed') } : {}),
    ...(Object.keys(trackBudgets).length ? { trackBudgets } : { trackBudgets: null }),
  };
}
