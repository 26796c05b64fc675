import { compare, lcm, rational, toString } from '@gv/rational';
import type { AllocationConfig, TraceNote } from './allocation-types';
import { KnapsackTooLargeError, UnsupportedConstraintError } from './allocation-errors';
import type { RowDecision } from './greedy-rule';
import type { RankedProposal } from './tie-break';

/**
 * Documented size limit of the exact knapsack: at most 400 eligible proposals and at most
 * 1,000,000 Pareto states (cost, score) alive at any step. Past either limit a
 * {@link KnapsackTooLargeError} is thrown immediately: the rule never hangs.
 */
export const KNAPSACK_LIMITS = { maxItems: 400, maxStates: 1_000_000 } as const;

interface State {
  readonly cost: number;
  readonly value: bigint;
  /** Membership bits; bit (n-1-i) = i-th eligible proposal in rank order. */
  readonly mask: bigint;
}

/**
 * Exact 0/1 knapsack (最优组合): maximise the total score within the cap; among optimal sets
 * prefer the lower total cost, then the set that is lexicographically best in rank order (i.e.
 * the tie-break chain decides). Sparse dynamic programming over the Pareto frontier of
 * (cost, score): a state is dropped only when another one has cost <= and score >= (with the
 * same extensions available), so the optimum and its tie-break are preserved exactly.
 * Scores are scaled to integers by the lcm of their denominators (no rounding).
 */
export function runKnapsack(
  ranked: readonly RankedProposal[],
  config: AllocationConfig,
  limits: { readonly maxItems: number; readonly maxStates: number } = KNAPSACK_LIMITS,
): { decisions: Map<string, RowDecision>; notes: TraceNote[] } {
  if (config.trackBudgets && Object.keys(config.trackBudgets).length > 0) {
    throw new UnsupportedConstraintError('knapsack', 'trackBudgets');
  }
  if (config.communityQuotas && Object.keys(config.communityQuotas).length > 0) {
    throw new UnsupportedConstraintError('knapsack', 'communityQuotas');
  }
  if (config.reducedGrant) throw new UnsupportedConstraintError('knapsack', 'reducedGrant');
  if (config.exclusiveGroups && config.exclusiveGroups.length > 0) {
    throw new UnsupportedConstraintError('knapsack', 'exclusiveGroups');
  }
  const decisions = new Map<string, RowDecision>();
  const items = ranked.filter(
    (r) => config.passLine === undefined || compare(r.proposal.score, config.passLine) >= 0,
  );
  for (const r of ranked)
    if (!items.includes(r))
      decisions.set(r.proposal.id, { decision: 'below_pass_line', amount: 0, notes: [] });
  if (items.length > limits.maxItems) throw new KnapsackTooLargeError(items.length, 0, limits);

  let scale = 1n;
  for (const r of items) scale = lcm(scale, r.proposal.score.den);
  const n = items.length;
  let frontier: State[] = [{ cost: 0, value: 0n, mask: 0n }];
  items.forEach((r, i) => {
    const c = r.proposal.cost;
    const v = (r.proposal.score.num * scale) / r.proposal.score.den;
    const bit = 1n << BigInt(n - 1 - i);
    const extended: State[] = [];
    for (const s of frontier) {
      if (s.cost + c <= config.budgetCap)
        extended.push({ cost: s.cost + c, value: s.value + v, mask: s.mask | bit });
    }
    const merged = mergeByCost(frontier, extended);
    const next: State[] = [];
    let best = -1n;
    for (const s of merged) {
      if (next.length === 0 || s.value > best) {
        next.push(s);
        best = s.value;
      }
    }
    if (next.length > limits.maxStates) throw new KnapsackTooLargeError(n, next.length, limits);
    frontier = next;
  });
  const opt = frontier[frontier.length - 1];
  items.forEach((r, i) => {
    const inSet = (opt.mask >> BigInt(n - 1 - i)) & 1n;
    decisions.set(
      r.proposal.id,
      inSet
        ? { decision: 'funded', amount: r.proposal.cost, notes: [] }
        : { decision: 'not_in_optimal_set', amount: 0, notes: [] },
    );
  });
  const notes: TraceNote[] = [
    {
      code: 'knapsack_optimum',
      params: { score: toString(rational(opt.value, scale)), cost: opt.cost },
    },
  ];
  return { decisions, notes };
}

/** Merge two cost-sorted lists; equal cost: higher value first, then larger mask first. */
function mergeByCost(a: readonly State[], b: readonly State[]): State[] {
  const out: State[] = [];
  let i = 0;
  let j = 0;
  const before = (x: State, y: State) =>
    x.cost !== y.cost
      ? x.cost < y.cost
      : x.value !== y.value
        ? x.value > y.value
        : x.mask >= y.mask;
  while (i < a.length && j < b.length) out.push(before(a[i], b[j]) ? a[i++] : b[j++]);
  while (i < a.length) out.push(a[i++]);
  while (j < b.length) out.push(b[j++]);
  return out;
}
