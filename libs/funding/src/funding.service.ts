import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Not } from 'typeorm';
import {
  allocate,
  AllocationConfig,
  AllocationProposal,
  AllocationResult,
  TraceRow,
} from '@gv/allocation';
import { AuditService } from '@gv/audit';
import { Call } from '@gv/calls';
import { Actor, AppException, fenToYuan, Role } from '@gv/core';
import {
  DomainEvent,
  DomainEvents,
  freshReadLock,
  rowLock,
  transactionWithRetry,
} from '@gv/database';
import { PanelMember } from '@gv/panels';
import { Proposal, ProposalStatus } from '@gv/proposals';
import { parseRational, rational, Rational, toFixed, toString } from '@gv/rational';
import { ReviewsService } from '@gv/reviews';
import { FundingSettingsDto, OverrideDto } from './dto/funding.dto';
import {
  FUNDING_RULES,
  FundingAward,
  FundingLedger,
  FundingOverride,
  FundingRuleName,
  FundingRun,
  FundingRunLine,
  FundingSettings,
} from './entities/funding.entity';
import { Publicity } from './entities/publicity.entity';
import { FundingError } from './funding.errors';
import { refusalAsError } from './funding-refusals';
import {
  approvalCounts,
  countedBallots,
  equalShares,
  weightedScore,
} from './resident-vote.service';

/** A ranking version was approved (awards changed); a context above may react in the same transaction. */
export interface FundingApprovedEvent extends DomainEvent {
  readonly type: 'funding.approved';
  readonly callId: number;
  readonly runId: number;
}
export const FundingEvents = { Approved: 'funding.approved' } as const;

/** One line of the frozen inputs: what the engine ranks. */
interface InputLine {
  proposalId: number;
  number: string;
  title: string;
  score: Rational;
  requestedFen: number;
  costFen: number;
  track: string;
  communityId: number | null;
  submittedAt: number;
  override?: { action: 'fund' | 'exclude' | 'amount'; reason: string };
}

/** A dry run's rule: the call's rules, and `mes` (equal shares on the residents' approvals) with a vote. */
export type DryRunRule = FundingRuleName | 'mes';

export interface DryRun {
  run: FundingRun;
  result: AllocationResult;
  lines: FundingRunLine[];
}

/** A rule the dry run could not run, with the translated error that says why. */
export interface RefusedRule {
  rule: DryRunRule;
  error: AppException;
}

export interface DryRunBatch {
  runs: DryRun[];
  refused: RefusedRule[];
}

const REFUSAL_CODES: string[] = [
  FundingError.codes.funding_rule_too_large,
  FundingError.codes.funding_rule_unsupported,
];

const sha256 = (v: unknown) => createHash('sha256').update(JSON.stringify(v)).digest('hex');

/**
 * 立项: ranks the reviewed proposals by their final scores and funds them under the call's cap with
 * @gv/allocation — dry runs per rule side by side, the chair's approval of one ranking version (frozen
 * inputs, rule, seed, hashes), overrides with reasons re-checked against every cap, and the budget
 * ledger every award goes through under a row lock (the cap can never be exceeded).
 */
@Injectable()
export class FundingService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly reviews: ReviewsService,
    private readonly events: DomainEvents,
  ) {}

  async settings(callId: number, m: EntityManager = this.ds.manager): Promise<FundingSettings> {
    const found = await m.findOneBy(FundingSettings, { callId });
    if (found) return found;
    if (!(await m.existsBy(Call, { id: callId }))) throw AppException.notFound();
    await m
      .createQueryBuilder()
      .insert()
      .into(FundingSettings)
      .values({ callId, rule: 'greedy', seed: randomBytes(8).toString('hex') })
      .orIgnore()
      .execute();
    return m.findOneOrFail(FundingSettings, { where: { callId }, lock: freshReadLock(m) });
  }

  async updateSettings(actor: Actor, callId: number, dto: FundingSettingsDto) {
    return transactionWithRetry(this.ds, async (m) => {
      const s = await this.settings(callId, m);
      await this.assertNotPublished(m, callId);
      const call = await m.findOneByOrFail(Call, { id: callId });
      const bad = (field: string) =>
        AppException.validation([
          {
            field,
            code: 'funding_amount_invalid',
            params: { min: '0', max: fenToYuan(call.budgetCapFen) },
          },
        ]);
      for (const [track, fen] of Object.entries(dto.trackBudgets ?? {}))
        if (
          !(call.tracks as string[]).includes(track) ||
          !Number.isSafeInteger(fen) ||
          fen < 0 ||
          fen > call.budgetCapFen
        )
          throw bad('trackBudgets');
      for (const [community, q] of Object.entries(dto.communityQuotas ?? {}))
        if (
          !/^\d{1,9}$/.test(community) ||
          typeof q !== 'object' ||
          q === null ||
          [q.min, q.max].some(
            (v) => v !== undefined && (!Number.isInteger(v) || v < 0 || v > 100),
          ) ||
          (q.min !== undefined && q.max !== undefined && q.min > q.max)
        )
          throw bad('communityQuotas');
      const values = {
        rule: dto.rule,
        passLineCenti: dto.passLineCenti ?? null,
        trackBudgets: dto.trackBudgets ?? null,
        communityQuotas: dto.communityQuotas ?? null,
        reducedMinSharePct: dto.reducedMinSharePct ?? null,
        objectionWorkingDays: dto.objectionWorkingDays ?? s.objectionWorkingDays,
        objectionContact: dto.objectionContact ?? s.objectionContact,
        ...(dto.seed ? { seed: dto.seed } : {}),
      };
      await m.update(FundingSettings, s.id, values);
      await this.audit.record(m, {
        action: 'funding.settings_changed',
        entity: 'call',
        entityId: callId,
        actorId: actor.userId,
        after: values,
      });
      return m.findOneOrFail(FundingSettings, { where: { callId }, lock: rowLock(m) });
    });
  }

  /** The frozen inputs of a run: scored, eligible proposals with the overrides applied. */
  private async inputs(m: EntityManager, call: Call): Promise<InputLine[]> {
    const scores = (await this.reviews.finalScores(call.id)).filter((s) => s.score !== null);
    const proposals = await m.findBy(Proposal, {
      id: In(scores.map((s) => s.proposalId).concat(-1)),
      status: ProposalStatus.Eligible,
    });
    const overrides = await m.findBy(FundingOverride, { callId: call.id });
    // 居民网上议事厅, weighted: final = (100 − w)% × panel + w% × 100 × approvals / the most approvals.
    const vote = await m.findOneBy(FundingSettings, { callId: call.id });
    const counts =
      vote?.voteEnabled && vote.voteMode === 'weighted'
        ? approvalCounts(await countedBallots(m, call.id))
        : null;
    const most = Math.max(0, ...(counts?.values() ?? []));
    const weight = vote?.voteWeightPct ?? 0;
    return scores
      .filter((s) => proposals.some((p) => p.id === s.proposalId))
      .map((s) => {
        const p = proposals.find((x) => x.id === s.proposalId)!;
        const o = overrides.find((x) => x.proposalId === p.id);
        return {
          proposalId: p.id,
          number: p.number ?? '',
          title: s.title,
          score: counts ? weightedScore(s.score!, counts.get(p.id) ?? 0, most, weight) : s.score!,
          requestedFen: p.totalFen,
          costFen: o?.action === 'amount' && o.amountFen !== null ? o.amountFen : p.totalFen,
          track: p.track,
          communityId: p.firstCommunityId,
          submittedAt: p.submittedAt?.getTime() ?? 0,
          ...(o ? { override: { action: o.action, reason: o.reason } } : {}),
        };
      })
      .sort((a, b) => a.proposalId - b.proposalId);
  }

  private config(call: Call, s: FundingSettings, rule: FundingRuleName): AllocationConfig {
    return {
      rule,
      budgetCap: call.budgetCapFen,
      ...(s.passLineCenti !== null ? { passLine: rational(s.passLineCenti, 100) } : {}),
      tieBreak: { seed: s.seed },
      ...(s.trackBudgets ? { trackBudgets: s.trackBudgets } : {}),
      ...(s.communityQuotas ? { communityQuotas: s.communityQuotas } : {}),
      ...(s.reducedMinSharePct !== null
        ? { reducedGrant: { minShare: rational(s.reducedMinSharePct, 100) } }
        : {}),
    };
  }

  /**
   * The engine on the inputs: proposals funded by override are funded first (their cost taken off the
   * caps), excluded ones are left out; the rest go through @gv/allocation with the rule.
   */
  compute(
    call: Call,
    s: FundingSettings,
    rule: DryRunRule,
    inputs: InputLine[],
    ballots: number[][] = [],
  ) {
    const forced = inputs.filter((i) => i.override?.action === 'fund');
    const excluded = inputs.filter((i) => i.override?.action === 'exclude');
    const rest = inputs.filter((i) => !forced.includes(i) && !excluded.includes(i));
    const base = this.config(call, s, rule === 'mes' ? 'greedy' : rule);
    const forcedTotal = forced.reduce((a, i) => a + i.costFen, 0);
    const trackBudgets = base.trackBudgets && { ...base.trackBudgets };
    for (const f of forced)
      if (trackBudgets && f.track in trackBudgets) trackBudgets[f.track] -= f.costFen;
    if (forcedTotal > call.budgetCapFen || Object.values(trackBudgets ?? {}).some((v) => v < 0))
      throw FundingError.error('funding_over_cap', {
        available: fenToYuan(call.budgetCapFen),
        amount: fenToYuan(forcedTotal),
      });
    const toEngine = (i: InputLine): AllocationProposal => ({
      id: String(i.proposalId),
      cost: i.costFen,
      score: i.score,
      submittedAt: i.submittedAt,
      track: i.track,
      ...(i.communityId !== null ? { community: String(i.communityId) } : {}),
    });
    const result =
      rule === 'mes'
        ? this.mes(rest, ballots, call.budgetCapFen - forcedTotal, s.seed)
        : refusalAsError(() =>
            allocate(rest.map(toEngine), {
              ...base,
              budgetCap: call.budgetCapFen - forcedTotal,
              ...(trackBudgets ? { trackBudgets } : {}),
            }),
          );
    return { result, forced, excluded, forcedTotal };
  }

  /**
   * `mes`: the Method of Equal Shares (add1) on the residents' counted approvals, the cap (less forced
   * funds) as the budget. Winners in selection order, then the others by approvals; scores, pass line,
   * track budgets and quotas play no part (the vote decides), as in the exported .pb file.
   */
  private mes(rest: InputLine[], ballots: number[][], budget: number, seed: string) {
    const out = equalShares(
      rest.map((i) => ({ id: i.proposalId, cost: i.costFen })),
      ballots,
      budget,
    );
    const counts = approvalCounts(new Map(ballots.map((b, k) => [k, b])));
    const winners = out.winners.map(Number);
    const others = rest
      .map((i) => i.proposalId)
      .filter((id) => !winners.includes(id))
      .sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || a - b);
    const byId = new Map(rest.map((i) => [i.proposalId, i]));
    let remaining = budget;
    const trace = [...winners, ...others].map((id, k): TraceRow => {
      const i = byId.get(id)!;
      const amount = winners.includes(id) ? i.costFen : 0;
      remaining -= amount;
      return {
        rank: k + 1,
        id: String(id),
        score: i.score,
        requested: i.costFen,
        decision: amount > 0 ? 'funded' : 'not_selected_by_mes',
        amount,
        remainingAfter: remaining,
        notes: [],
      };
    });
    return {
      rule: 'mes',
      budgetCap: budget,
      tieBreak: { chain: [], seed },
      trace,
      funded: out.winners,
      totalFunded: out.cost,
      remaining: budget - out.cost,
      notes: [],
    } satisfies AllocationResult;
  }

  /**
   * 试算: one ranking version per rule asked for (default: every rule), side by side. Nothing is
   * awarded; the chair approves one of them. A rule that cannot run on these inputs is reported in
   * `refused`; when no rule asked for could run, its error (422) is thrown and nothing is stored.
   */
  async dryRun(actor: Actor, callId: number, rules?: DryRunRule[]): Promise<DryRunBatch> {
    return transactionWithRetry(this.ds, async (m) => {
      const call = await m.findOneBy(Call, { id: callId });
      if (!call) throw AppException.notFound();
      await this.assertNotPublished(m, callId);
      const s = await this.settings(callId, m);
      const inputs = await this.inputs(m, call);
      if (!inputs.length) throw FundingError.error('funding_no_scores');
      const ballots = s.voteEnabled ? [...(await countedBallots(m, callId)).values()] : undefined;
      const inputsHash = this.inputsHash(call, s, inputs, ballots);
      const last = await m.findOne(FundingRun, {
        where: { callId },
        order: { version: 'DESC' },
        lock: rowLock(m),
      });
      let version = last?.version ?? 0;
      const out: DryRun[] = [];
      // With the residents' vote on, equal shares (`mes`) runs beside the call's rules.
      const all: DryRunRule[] = [...FUNDING_RULES, ...(ballots ? ['mes' as const] : [])];
      const refused: RefusedRule[] = [];
      for (const rule of rules?.length ? rules.filter((r) => all.includes(r)) : all) {
        let computed: ReturnType<FundingService['compute']>;
        try {
          computed = this.compute(call, s, rule, inputs, ballots);
        } catch (err) {
          // A rule that cannot run on these inputs (the exact knapsack past its size, or with
          // constraints it does not support) is reported; the other rules still run and are stored.
          if (err instanceof AppException && REFUSAL_CODES.includes(err.code)) {
            refused.push({ rule, error: err });
            continue;
          }
          throw err;
        }
        const { result, forced, excluded, forcedTotal } = computed;
        const run = await m.save(
          m.create(FundingRun, {
            callId,
            version: ++version,
            rule: rule as FundingRuleName, // varchar: 'mes' too
            config: {
              ...this.describe(s, rule),
              overrides: inputs
                .filter((i) => i.override)
                .map((i) => ({
                  proposalId: i.proposalId,
                  ...i.override,
                })),
            },
            inputsHash,
            resultHash: '',
            budgetCapFen: call.budgetCapFen,
            totalFundedFen: result.totalFunded + forcedTotal,
            status: 'dry_run',
            presentMemberIds: null,
            approvedAt: null,
            approvedById: null,
            note: '',
            createdById: actor.userId,
          }),
        );
        const lines = this.lines(run, inputs, result, forced, excluded);
        await m.save(lines, { chunk: 200 });
        run.resultHash = sha256(lines.map((l) => [l.proposalId, l.rank, l.decision, l.amountFen]));
        await m.update(FundingRun, run.id, { resultHash: run.resultHash });
        out.push({ run, result, lines });
      }
      // Nothing could run: say why (422), store nothing.
      if (!out.length && refused.length) throw refused[0].error;
      await this.audit.record(m, {
        action: 'funding.dry_run',
        entity: 'call',
        entityId: callId,
        actorId: actor.userId,
        after: {
          versions: out.map((o) => o.run.version),
          inputsHash,
          ...(refused.length ? { refused: refused.map((r) => [r.rule, r.error.code]) } : {}),
        },
      });
      return { runs: out, refused };
    });
  }

  private describe(s: FundingSettings, rule: DryRunRule) {
    return {
      rule,
      seed: s.seed,
      passLineCenti: s.passLineCenti,
      trackBudgets: s.trackBudgets,
      communityQuotas: s.communityQuotas,
      reducedMinSharePct: s.reducedMinSharePct,
    };
  }

  private inputsHash(
    call: Call,
    s: FundingSettings,
    inputs: InputLine[],
    ballots?: number[][],
  ): string {
    return sha256({
      // the residents' ballots (equal shares) when the vote is on; absent otherwise (older hashes hold)
      ...(ballots ? { ballots } : {}),
      cap: call.budgetCapFen,
      settings: this.describe(s, 'greedy'),
      inputs: inputs.map((i) => [
        i.proposalId,
        toString(i.score),
        i.costFen,
        i.track,
        i.communityId,
        i.override?.action ?? null,
      ]),
    });
  }

  private lines(
    run: FundingRun,
    inputs: InputLine[],
    result: AllocationResult,
    forced: InputLine[],
    excluded: InputLine[],
  ): FundingRunLine[] {
    const byId = new Map(inputs.map((i) => [String(i.proposalId), i]));
    const out: FundingRunLine[] = [];
    let remaining = run.budgetCapFen;
    let rank = 0;
    const line = (
      i: InputLine,
      decision: string,
      amountFen: number,
      notes: FundingRunLine['notes'],
    ) => {
      remaining -= amountFen;
      return Object.assign(new FundingRunLine(), {
        runId: run.id,
        proposalId: i.proposalId,
        rank: ++rank,
        scoreExact: toString(i.score),
        score: toFixed(i.score, 2),
        track: i.track,
        communityId: i.communityId,
        requestedFen: i.requestedFen,
        amountFen,
        remainingAfterFen: remaining,
        decision,
        notes,
      });
    };
    for (const f of forced)
      out.push(
        line(f, 'funded_by_override', f.costFen, [
          { code: 'override', params: { reason: f.override!.reason } },
        ]),
      );
    for (const row of result.trace) {
      const i = byId.get(row.id)!;
      const notes = [...row.notes].map((n) => ({
        code: n.code,
        ...(n.params ? { params: { ...n.params } } : {}),
      }));
      if (i.override?.action === 'amount')
        notes.push({ code: 'amount_override', params: { reason: i.override.reason } });
      out.push(line(i, row.decision, row.amount, notes));
    }
    for (const e of excluded)
      out.push(
        line(e, 'excluded_by_override', 0, [
          { code: 'override', params: { reason: e.override!.reason } },
        ]),
      );
    return out;
  }

  /**
   * The chair approves one ranking version on behalf of the review group, naming the members present.
   * The inputs must be those of the dry run (else 409); awards follow the version under the ledger lock.
   */
  async approve(actor: Actor, runId: number, presentMemberIds: number[]) {
    return transactionWithRetry(this.ds, async (m) => {
      const run = Number.isSafeInteger(runId) ? await m.findOneBy(FundingRun, { id: runId }) : null;
      if (!run) throw AppException.notFound();
      const chair = await m.findOneBy(PanelMember, { callId: run.callId, userId: actor.userId });
      if (!chair?.isChair) throw FundingError.error('funding_chair_only');
      const call = await m.findOneByOrFail(Call, { id: run.callId });
      await this.assertNotPublished(m, call.id);
      const ledger = await this.lockLedger(m, call);
      const latest = await m.findOne(FundingRun, {
        where: { callId: call.id },
        order: { version: 'DESC' },
      });
      const s = await this.settings(call.id, m);
      const inputs = await this.inputs(m, call);
      const ballots = s.voteEnabled ? [...(await countedBallots(m, call.id)).values()] : undefined;
      if (run.status !== 'dry_run' || !latest || latest.inputsHash !== run.inputsHash)
        throw FundingError.error('funding_run_not_current');
      if (this.inputsHash(call, s, inputs, ballots) !== run.inputsHash)
        throw FundingError.error('funding_inputs_changed');
      const members = await m.findBy(PanelMember, { callId: call.id });
      const present = [...new Set(presentMemberIds)].filter((id) =>
        members.some((x) => x.id === id),
      );
      if (!present.includes(chair.id)) present.push(chair.id);
      const lines = await m.find(FundingRunLine, {
        where: { runId: run.id },
        order: { rank: 'ASC' },
      });
      const funded = lines.filter((l) => l.amountFen > 0);
      // Awards follow the version: earlier awards not in it are withdrawn, the others set to its amounts.
      const awards = await m.find(FundingAward, { where: { callId: call.id }, lock: rowLock(m) });
      for (const a of awards)
        if (a.status === 'awarded' && !funded.some((l) => l.proposalId === a.proposalId))
          await m.update(FundingAward, a.id, {
            status: 'withdrawn',
            reason: `ranking version ${run.version}`,
          });
      for (const l of funded) {
        const a = awards.find((x) => x.proposalId === l.proposalId);
        const values = {
          callId: call.id,
          runId: run.id,
          proposalId: l.proposalId,
          track: l.track,
          requestedFen: l.requestedFen,
          amountFen: l.amountFen,
          status: 'awarded' as const,
          reason: l.amountFen < l.requestedFen ? 'funded_reduced' : '',
        };
        if (a) await m.update(FundingAward, a.id, values);
        else await m.insert(FundingAward, values);
      }
      await this.recount(m, call, ledger);
      await m.update(
        FundingRun,
        { callId: call.id, status: 'approved', id: Not(run.id) },
        { status: 'superseded' },
      );
      await m.update(FundingRun, run.id, {
        status: 'approved',
        approvedAt: new Date(),
        approvedById: actor.userId,
        presentMemberIds: present,
      });
      await this.audit.record(m, {
        action: 'funding.approved',
        entity: 'call',
        entityId: call.id,
        actorId: actor.userId,
        after: {
          runId: run.id,
          version: run.version,
          rule: run.rule,
          inputsHash: run.inputsHash,
          resultHash: run.resultHash,
          present,
          funded: funded.map((l) => [l.proposalId, l.amountFen]),
        },
      });
      await this.events.publish<FundingApprovedEvent>(m, {
        type: FundingEvents.Approved,
        callId: call.id,
        runId: run.id,
      });
      return m.findOneByOrFail(FundingRun, { id: run.id });
    });
  }

  /**
   * 调整: fund / do not fund / change an amount, with a reason (audited). Takes effect in the next dry
   * run, where it is re-checked against every cap; an amount must lie between the call's minimum grant
   * and the request, and a forced fund must fit the cap with the other forced ones.
   */
  async override(actor: Actor, callId: number, dto: OverrideDto) {
    return transactionWithRetry(this.ds, async (m) => {
      const call = await m.findOneBy(Call, { id: callId });
      if (!call) throw AppException.notFound();
      await this.assertNotPublished(m, callId);
      const p = await m.findOneBy(Proposal, { id: dto.proposalId, callId });
      if (!p || p.status !== ProposalStatus.Eligible)
        throw AppException.validation([{ field: 'proposalId', code: 'not_found' }]);
      if (dto.action === 'amount') {
        const amount = dto.amountFen ?? -1;
        if (amount < call.minGrantFen || amount > p.totalFen)
          throw FundingError.error(
            'funding_amount_invalid',
            { min: fenToYuan(call.minGrantFen), max: fenToYuan(p.totalFen) },
            [
              {
                field: 'amountFen',
                code: 'funding_amount_invalid',
                params: { min: fenToYuan(call.minGrantFen), max: fenToYuan(p.totalFen) },
              },
            ],
          );
      }
      const existing = await m.findOneBy(FundingOverride, { callId, proposalId: p.id });
      const values = {
        callId,
        proposalId: p.id,
        action: dto.action,
        amountFen: dto.action === 'amount' ? (dto.amountFen ?? null) : null,
        reason: dto.reason,
        byId: actor.userId,
      };
      if (existing) await m.update(FundingOverride, existing.id, values);
      else await m.insert(FundingOverride, values);
      // Re-check every cap now: forced funds must fit.
      const s = await this.settings(callId, m);
      this.compute(call, s, 'greedy', await this.inputs(m, call));
      await this.audit.record(m, {
        action: 'funding.override',
        entity: 'proposal',
        entityId: p.id,
        actorId: actor.userId,
        before: existing ? { action: existing.action, amountFen: existing.amountFen } : null,
        after: values,
      });
      return m.findOneOrFail(FundingOverride, {
        where: { callId, proposalId: p.id },
        lock: rowLock(m),
      });
    });
  }

  async removeOverride(actor: Actor, callId: number, proposalId: number) {
    return transactionWithRetry(this.ds, async (m) => {
      await this.assertNotPublished(m, callId);
      const o = await m.findOneBy(FundingOverride, { callId, proposalId });
      if (!o) throw AppException.notFound();
      await m.delete(FundingOverride, o.id);
      await this.audit.record(m, {
        action: 'funding.override_removed',
        entity: 'proposal',
        entityId: proposalId,
        actorId: actor.userId,
        before: { action: o.action, amountFen: o.amountFen, reason: o.reason },
      });
    });
  }

  overrides(callId: number) {
    return this.ds
      .getRepository(FundingOverride)
      .find({ where: { callId }, order: { id: 'ASC' }, take: 500 });
  }

  /**
   * One award outside a ranking version (e.g. the next in line when money is left): the ledger row is
   * locked, so concurrent awards can never take the call or a track over its cap.
   */
  async award(actor: Actor, callId: number, proposalId: number, amountFen: number, reason: string) {
    return transactionWithRetry(this.ds, async (m) => {
      const call = await m.findOneBy(Call, { id: callId });
      if (!call) throw AppException.notFound();
      const ledger = await this.lockLedger(m, call);
      const p = await m.findOneBy(Proposal, { id: proposalId, callId });
      if (!p || p.status !== ProposalStatus.Eligible)
        throw AppException.validation([{ field: 'proposalId', code: 'not_found' }]);
      if (
        !Number.isSafeInteger(amountFen) ||
        amountFen < call.minGrantFen ||
        amountFen > p.totalFen
      )
        throw FundingError.error('funding_amount_invalid', {
          min: fenToYuan(call.minGrantFen),
          max: fenToYuan(p.totalFen),
        });
      // A locking read: it sees the latest committed award, not this transaction's older snapshot.
      const existing = await m.findOne(FundingAward, { where: { proposalId }, lock: rowLock(m) });
      const delta = amountFen - (existing?.status === 'awarded' ? existing.amountFen : 0);
      const total = ledger.find((l) => l.track === '*')!;
      const track = ledger.find((l) => l.track === p.track);
      for (const row of [total, track])
        if (row && row.committedFen + delta > row.capFen)
          throw FundingError.error('funding_over_cap', {
            available: fenToYuan(row.capFen - row.committedFen),
            amount: fenToYuan(delta),
          });
      const values = {
        callId,
        runId: existing?.runId ?? null,
        proposalId,
        track: p.track,
        requestedFen: p.totalFen,
        amountFen,
        status: 'awarded' as const,
        reason,
      };
      if (existing) await m.update(FundingAward, existing.id, values);
      else await m.insert(FundingAward, values);
      for (const row of [total, track])
        if (row) await m.update(FundingLedger, row.id, { committedFen: row.committedFen + delta });
      await this.audit.record(m, {
        action: 'funding.awarded',
        entity: 'proposal',
        entityId: proposalId,
        actorId: actor.userId,
        after: { amountFen, reason },
      });
      return m.findOneOrFail(FundingAward, { where: { proposalId }, lock: rowLock(m) });
    });
  }

  /** Withdraws an award with a reason (audited); its money returns to the ledger. */
  async withdrawAward(actor: Actor, proposalId: number, reason: string): Promise<void> {
    await transactionWithRetry(this.ds, async (m) => {
      const a = await m.findOne(FundingAward, { where: { proposalId }, lock: rowLock(m) });
      if (!a || a.status !== 'awarded') throw AppException.notFound();
      const call = await m.findOneByOrFail(Call, { id: a.callId });
      const ledger = await this.lockLedger(m, call);
      await m.update(FundingAward, a.id, { status: 'withdrawn', reason });
      await this.recount(m, call, ledger);
      await this.audit.record(m, {
        action: 'funding.award_withdrawn',
        entity: 'proposal',
        entityId: proposalId,
        actorId: actor.userId,
        before: { amountFen: a.amountFen },
        after: { reason },
      });
    });
  }

  /**
   * A recorded decision returns money of an award to the call's available budget (delivery: a
   * clawback recovered): the award's amount and the ledger's committed amounts drop by `amountFen`,
   * under the ledger lock. Runs in the caller's transaction (its manager); audited.
   */
  async reduceAward(
    m: EntityManager,
    actor: Actor,
    proposalId: number,
    amountFen: number,
    reason: string,
  ): Promise<FundingAward> {
    const found = await m.findOneBy(FundingAward, { proposalId });
    if (!found) throw AppException.notFound();
    const call = await m.findOneByOrFail(Call, { id: found.callId });
    const ledger = await this.lockLedger(m, call);
    const a = await m.findOneOrFail(FundingAward, { where: { proposalId }, lock: rowLock(m) });
    if (
      a.status !== 'awarded' ||
      !Number.isSafeInteger(amountFen) ||
      amountFen < 1 ||
      amountFen > a.amountFen
    )
      throw FundingError.error('funding_amount_invalid', {
        min: fenToYuan(1),
        max: fenToYuan(a.status === 'awarded' ? a.amountFen : 0),
      });
    await m.update(FundingAward, a.id, { amountFen: a.amountFen - amountFen, reason });
    await this.recount(m, call, ledger);
    await this.audit.record(m, {
      action: 'funding.award_reduced',
      entity: 'proposal',
      entityId: proposalId,
      actorId: actor.userId,
      before: { amountFen: a.amountFen },
      after: { amountFen: a.amountFen - amountFen, reason },
    });
    return m.findOneOrFail(FundingAward, { where: { proposalId }, lock: rowLock(m) });
  }

  /** A revised decision may be approved (an upheld objection reopened the results); audited. */
  async reopen(actor: Actor, callId: number, reason: string): Promise<void> {
    await this.ds.transaction(async (m) =>
      this.audit.record(m, {
        action: 'funding.reopened',
        entity: 'call',
        entityId: callId,
        actorId: actor.userId,
        after: { reason },
      }),
    );
  }

  async awards(callId: number, m: EntityManager = this.ds.manager): Promise<FundingAward[]> {
    return m.find(FundingAward, {
      where: { callId, status: 'awarded' },
      order: { proposalId: 'ASC' },
    });
  }

  approvedRun(callId: number, m: EntityManager = this.ds.manager): Promise<FundingRun | null> {
    return m.findOneBy(FundingRun, { callId, status: 'approved' });
  }

  runLines(runId: number, m: EntityManager = this.ds.manager): Promise<FundingRunLine[]> {
    return m.find(FundingRunLine, { where: { runId }, order: { rank: 'ASC' } });
  }

  async run(runId: number) {
    const run = Number.isSafeInteger(runId)
      ? await this.ds.getRepository(FundingRun).findOneBy({ id: runId })
      : null;
    if (!run) throw AppException.notFound();
    return { run, lines: await this.runLines(run.id) };
  }

  /** The latest dry runs (one per rule of the newest batch) and the approved version. */
  async versions(callId: number) {
    return this.ds.getRepository(FundingRun).find({
      where: { callId },
      order: { version: 'DESC' },
      take: 30,
    });
  }

  /** Committed and available per call and per track. */
  async ledger(callId: number) {
    const call = await this.ds.getRepository(Call).findOneBy({ id: callId });
    if (!call) throw AppException.notFound();
    const rows = await this.ds.transaction(async (m) => this.ensureLedger(m, call));
    return rows.map((r) => ({
      track: r.track,
      capFen: r.capFen,
      committedFen: r.committedFen,
      availableFen: r.capFen - r.committedFen,
    }));
  }

  /** The ledger rows of a call (created on first use), locked for the transaction. */
  private async lockLedger(m: EntityManager, call: Call): Promise<FundingLedger[]> {
    await this.ensureLedger(m, call);
    return m.find(FundingLedger, {
      where: { callId: call.id },
      order: { id: 'ASC' },
      lock: rowLock(m),
    });
  }

  private async ensureLedger(m: EntityManager, call: Call): Promise<FundingLedger[]> {
    const s = await this.settings(call.id, m);
    const wanted: [string, number][] = [
      ['*', call.budgetCapFen],
      ...Object.entries(s.trackBudgets ?? {}),
    ];
    const rows = await m.findBy(FundingLedger, { callId: call.id });
    for (const [track, capFen] of wanted) {
      const row = rows.find((r) => r.track === track);
      if (!row)
        await m
          .createQueryBuilder()
          .insert()
          .into(FundingLedger)
          .values({ callId: call.id, track, capFen, committedFen: 0 })
          .orIgnore()
          .execute();
      else if (row.capFen !== capFen) await m.update(FundingLedger, row.id, { capFen });
    }
    return m.find(FundingLedger, { where: { callId: call.id }, order: { id: 'ASC' } });
  }

  /** Sets committed = the sum of the awards, per call and track, and refuses to pass a cap. */
  private async recount(m: EntityManager, call: Call, ledger: FundingLedger[]): Promise<void> {
    // Locking read: the latest committed awards, whatever snapshot this transaction started with.
    const awards = await m.find(FundingAward, {
      where: { callId: call.id, status: 'awarded' },
      lock: rowLock(m),
    });
    for (const row of ledger) {
      const committed = awards
        .filter((a) => row.track === '*' || a.track === row.track)
        .reduce((s, a) => s + a.amountFen, 0);
      if (committed > row.capFen)
        throw FundingError.error('funding_over_cap', {
          available: fenToYuan(row.capFen),
          amount: fenToYuan(committed),
        });
      await m.update(FundingLedger, row.id, { committedFen: committed });
    }
  }

  /** Results published and not reopened (or final) cannot change. */
  private async assertNotPublished(m: EntityManager, callId: number): Promise<void> {
    const latest = await m.findOne(Publicity, { where: { callId }, order: { round: 'DESC' } });
    if (latest && latest.status !== 'reopened')
      throw FundingError.error('funding_already_published');
  }

  /** Street admin or the call's chair. */
  async canDecide(actor: Actor, callId: number): Promise<boolean> {
    if (actor.roles.includes(Role.StreetAdmin)) return true;
    return !!(await this.ds
      .getRepository(PanelMember)
      .findOneBy({ callId, userId: actor.userId, isChair: true }));
  }

  parseScore(text: string): Rational {
    return parseRational(text);
  }
}
