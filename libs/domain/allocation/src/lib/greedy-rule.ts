import { compare, mul, fromInt, toString, type Rational } from '@gv/rational';
import type { AllocationConfig, TraceNote } from './allocation-types';
import type { DecisionCode } from './decision-codes';
import type { RankedProposal } from './tie-break';

export interface RowDecision {
  decision: DecisionCode;
  amount: number;
  phase?: 1 | 2;
  notes: TraceNote[];
}

function passes(score: Rational, line: Rational | undefined): boolean {
  return line === undefined || compare(score, line) >= 0;
}

/**
 * Greedy family (贪心): walk the ranking, fund what fits.
 * - `greedy`: skip a misfit and go on; `greedy-no-skip`: stop at the first misfit;
 *   `greedy-threshold`: only proposals with score >= threshold; `greedy-exclusive`: at most one
 *   funded per exclusive group.
 * - Community minimums are met first (phase 1: in rank order, fund the best eligible proposals
 *   of communities below their minimum while they fit), then the main pass (phase 2).
 * - Per-track caps and per-community maximums are enforced in both phases; a reduced grant
 *   (核减) is `min(requested, available)` when `available >= minShare * requested`.
 */
export function runGreedy(
  ranked: readonly RankedProposal[],
  config: AllocationConfig,
): {
  decisions: Map<string, RowDecision>;
  notes: TraceNote[];
} {
  const decisions = new Map<string, RowDecision>();
  const notes: TraceNote[] = [];
  let remaining = config.budgetCap;
  const trackRemaining = new Map(Object.entries(config.trackBudgets ?? {}));
  const fundedPerCommunity = new Map<string, number>();
  const quotas = config.communityQuotas ?? {};
  const excluded = new Set<string>();
  const groupsOf = new Map<string, (readonly string[])[]>();
  for (const group of config.exclusiveGroups ?? []) {
    for (const id of group) groupsOf.set(id, [...(groupsOf.get(id) ?? []), group]);
  }
  const threshold = config.rule === 'greedy-threshold' ? config.threshold : undefined;
  const eligible = (r: RankedProposal) =>
    passes(r.proposal.score, config.passLine) && passes(r.proposal.score, threshold);

  const available = (r: RankedProposal): { amount: number; limitedBy: 'budget' | 'track' } => {
    const track = r.proposal.track;
    const t = track !== undefined ? trackRemaining.get(track) : undefined;
    if (t !== undefined && t < remaining) return { amount: t, limitedBy: 'track' };
    return { amount: remaining, limitedBy: 'budget' };
  };
  const commit = (r: RankedProposal, amount: number) => {
    remaining -= amount;
    const track = r.proposal.track;
    if (track !== undefined && trackRemaining.has(track)) {
      trackRemaining.set(track, (trackRemaining.get(track) ?? 0) - amount);
    }
    const c = r.proposal.community;
    if (c !== undefined) fundedPerCommunity.set(c, (fundedPerCommunity.get(c) ?? 0) + 1);
    for (const group of groupsOf.get(r.proposal.id) ?? []) {
      for (const other of group) if (other !== r.proposal.id) excluded.add(other);
    }
  };
  const atMax = (community: string | undefined) => {
    if (community === undefined) return false;
    const max = quotas[community]?.max;
    return max !== undefined && (fundedPerCommunity.get(community) ?? 0) >= max;
  };

  // Phase 1: community minimums (社区最低资助数).
  const hasMinimums = Object.values(quotas).some((q) => (q.min ?? 0) > 0);
  if (hasMinimums) {
    for (const r of ranked) {
      const c = r.proposal.community;
      const min = c !== undefined ? (quotas[c]?.min ?? 0) : 0;
      if (c === undefined || min === 0 || !eligible(r)) continue;
      if ((fundedPerCommunity.get(c) ?? 0) >= min || atMax(c) || excluded.has(r.proposal.id))
        continue;
      if (available(r).amount < r.proposal.cost) continue;
      commit(r, r.proposal.cost);
      decisions.set(r.proposal.id, {
        decision: 'funded',
        amount: r.proposal.cost,
        phase: 1,
        notes: [{ code: 'community_minimum', params: { community: c } }],
      });
    }
    notes.push({ code: 'reserved_for_community_minimum' });
  }

  // Phase 2: main pass in rank order.
  let stopped = false;
  for (const r of ranked) {
    const id = r.proposal.id;
    if (decisions.has(id)) continue;
    const set = (decision: DecisionCode, amount = 0, extra: TraceNote[] = []) =>
      decisions.set(id, { decision, amount, phase: 2, notes: extra });
    if (!eligible(r)) {
      set('below_pass_line');
      continue;
    }
    if (stopped) {
      set('not_reached_after_stop');
      continue;
    }
    if (excluded.has(id)) {
      set('excluded_by_conflict');
      continue;
    }
    if (atMax(r.proposal.community)) {
      set('community_quota_reached');
      continue;
    }
    const { amount, limitedBy } = available(r);
    const cost = r.proposal.cost;
    if (amount >= cost) {
      commit(r, cost);
      set('funded', cost);
      continue;
    }
    const share = config.reducedGrant?.minShare;
    if (
      share !== undefined &&
      amount > 0 &&
      compare(fromInt(amount), mul(share, fromInt(cost))) >= 0
    ) {
      commit(r, amount);
      set('funded_reduced', amount, [
        { code: 'reduced_from', params: { requested: cost, amount } },
      ]);
      continue;
    }
    set(limitedBy === 'track' ? 'track_budget_exhausted' : 'skipped_does_not_fit');
    if (config.rule === 'greedy-no-skip') stopped = true;
  }

  for (const [community, quota] of Object.entries(quotas)) {
    const funded = fundedPerCommunity.get(community) ?? 0;
    if ((quota.min ?? 0) > funded) {
      notes.push({
        code: 'community_minimum_unmet',
        params: { community, min: quota.min ?? 0, funded },
      });
    }
  }
  if (threshold !== undefined)
    notes.push({ code: 'threshold_applied', params: { threshold: toString(threshold) } });
  return { decisions, notes };
}
