import { AllocationInputError } from './allocation-errors';
import type {
  AllocationConfig,
  AllocationProposal,
  AllocationResult,
  TraceNote,
  TraceRow,
} from './allocation-types';
import { runGreedy, type RowDecision } from './greedy-rule';
import { runKnapsack } from './knapsack-rule';
import { rankProposals, recordTieBreak, type RankedProposal } from './tie-break';

function validate(proposals: readonly AllocationProposal[], config: AllocationConfig): void {
  const fen = (label: string, x: number) => {
    if (!Number.isSafeInteger(x) || x < 0)
      throw new AllocationInputError(`${label} must be a non-negative integer (fen): ${x}`);
  };
  fen('budgetCap', config.budgetCap);
  for (const [track, cap] of Object.entries(config.trackBudgets ?? {}))
    fen(`trackBudgets.${track}`, cap);
  const seen = new Set<string>();
  for (const p of proposals) {
    if (seen.has(p.id)) throw new AllocationInputError(`duplicate proposal id: ${p.id}`);
    seen.add(p.id);
    fen(`cost of ${p.id}`, p.cost);
  }
}

/** Turns per-proposal decisions into the rank-ordered trace with a running remaining budget. */
export function buildTrace(
  ranked: readonly RankedProposal[],
  decisions: ReadonlyMap<string, RowDecision>,
  budgetCap: number,
): { trace: TraceRow[]; funded: string[]; total: number } {
  let remaining = budgetCap;
  const funded: string[] = [];
  const trace = ranked.map((r): TraceRow => {
    const d = decisions.get(r.proposal.id);
    if (!d) throw new Error(`internal: no decision for ${r.proposal.id}`);
    remaining -= d.amount;
    if (d.amount > 0 || d.decision === 'funded' || d.decision === 'funded_reduced')
      funded.push(r.proposal.id);
    const notes: TraceNote[] = [...d.notes];
    if (r.tieBrokenBy)
      notes.push({
        code: 'tie_broken_by',
        params: { key: r.tieBrokenBy.key, other: r.tieBrokenBy.other },
      });
    return {
      rank: r.rank,
      id: r.proposal.id,
      score: r.proposal.score,
      requested: r.proposal.cost,
      decision: d.decision,
      amount: d.amount,
      remainingAfter: remaining,
      ...(d.phase !== undefined ? { phase: d.phase } : {}),
      notes,
    };
  });
  return { trace, funded, total: budgetCap - remaining };
}

/**
 * Ranks and funds proposals under the cap (立项). Deterministic: the result does not depend on
 * the input order. The funded total never exceeds the cap nor any track cap.
 */
export function allocate(
  proposals: readonly AllocationProposal[],
  config: AllocationConfig,
): AllocationResult {
  validate(proposals, config);
  const tieBreak = recordTieBreak(config.tieBreak);
  const ranked = rankProposals(proposals, tieBreak);
  const { decisions, notes } =
    config.rule === 'knapsack' ? runKnapsack(ranked, config) : runGreedy(ranked, config);
  const { trace, funded, total } = buildTrace(ranked, decisions, config.budgetCap);
  if (total > config.budgetCap) throw new Error('internal: cap exceeded'); // invariant guard
  return {
    rule: config.rule,
    budgetCap: config.budgetCap,
    tieBreak,
    trace,
    funded,
    totalFunded: total,
    remaining: config.budgetCap - total,
    notes,
  };
}
