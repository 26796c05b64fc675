import { fromInt, parseRational, type Rational } from '@gv/rational';
import {
  allocate,
  methodOfEqualShares,
  type AllocationProposal,
  type GreedyRuleName,
  type AllocationResult,
  type MesOptions,
  type MesResult,
} from '@gv/allocation';
import { metaValue, type PbFile } from './pb-types';

export const PB_RULES = [
  'greedy',
  'greedy-threshold',
  'greedy-no-skip',
  'greedy-exclusive',
  'equalshares',
  'equalshares/add1',
  'equalshares/add1-comparison',
  'equalshares-comparison',
] as const;
export type PbRuleName = (typeof PB_RULES)[number];

export class PbRuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PbRuleError';
  }
}

export interface PbAllocationInputs {
  readonly budget: number;
  readonly voteType: string;
  /** `votes` = approval count (approval, choose-1, ordinal); `points` = sum of points. */
  readonly basis: 'votes' | 'points';
  readonly proposals: readonly AllocationProposal[];
  /** Ballots as lists of project ids (order kept for ordinal ballots). */
  readonly ballots: readonly (readonly string[])[];
  readonly threshold?: Rational;
}

function toInt(text: string, what: string): number {
  if (!/^\d+(\.\d+)?$/.test(text)) throw new PbRuleError(`${what} "${text}" is not a number`);
  const n = Number(text);
  return Math.floor(n);
}

/**
 * Turns a parsed file into allocation inputs, counting from the VOTES section (never from the
 * PROJECTS `votes`/`score`/`selected` columns). Project costs must be integers; a fractional
 * budget is floored (as the pabulib checker does).
 */
export function pbToAllocationInputs(file: PbFile): PbAllocationInputs {
  const budget = toInt(metaValue(file, 'budget') ?? '', 'budget');
  const voteType = metaValue(file, 'vote_type') ?? 'approval';
  const basis = voteType === 'cumulative' || voteType === 'scoring' ? 'points' : 'votes';
  const tally = new Map<string, bigint>(file.projects.map((p) => [p.id, 0n]));
  for (const v of file.votes) {
    v.vote.forEach((id, i) => {
      if (!tally.has(id)) throw new PbRuleError(`line ${v.line}: vote for unknown project ${id}`);
      const add =
        basis === 'points'
          ? BigInt(toInt(v.points?.[i] ?? '', `points of voter ${v.voterId}`))
          : 1n;
      tally.set(id, (tally.get(id) ?? 0n) + add);
    });
  }
  const proposals = file.projects.map((p, index): AllocationProposal => {
    const cost = p.fields['cost'] ?? '';
    if (!/^\d+$/.test(cost))
      throw new PbRuleError(`line ${p.line}: cost "${cost}" of project ${p.id} is not an integer`);
    return {
      id: p.id,
      cost: Number(cost),
      score: fromInt(tally.get(p.id) ?? 0n),
      submittedAt: index,
    };
  });
  const t = metaValue(file, 'min_project_score_threshold');
  return {
    budget,
    voteType,
    basis,
    proposals,
    ballots: file.votes.map((v) => v.vote),
    ...(t !== undefined && t !== '' ? { threshold: parseRational(t) } : {}),
  };
}

export interface PbOutcome {
  readonly rule: PbRuleName;
  readonly budget: number;
  /** Winners in the order the rule selected them. */
  readonly winners: readonly string[];
  readonly cost: number;
  readonly allocation?: AllocationResult;
  readonly mes?: MesResult;
}

export interface PbRunOptions {
  /** greedy-exclusive: groups of project ids of which at most one may win. */
  readonly exclusiveGroups?: readonly (readonly string[])[];
  /** Overrides for MES (defaults: add1 without exhaustive stop, ties minCost then maxVotes). */
  readonly mes?: MesOptions;
}

/**
 * Runs a pabulib rule (the file's META rule unless given). Greedy rules rank by the tally
 * (votes or points), ties by file order (as the pabulib checker's stable sort does);
 * `min_project_score_threshold`, when present, is the eligibility threshold of every greedy
 * rule. `equalshares*` runs the Method of Equal Shares on approval (or choose-1) ballots.
 */
export function runPbRule(
  file: PbFile,
  ruleOverride?: string,
  options: PbRunOptions = {},
): PbOutcome {
  const rule = (ruleOverride ?? metaValue(file, 'rule') ?? '') as PbRuleName;
  if (!(PB_RULES as readonly string[]).includes(rule)) {
    throw new PbRuleError(
      `rule "${rule}" is not implemented; choose one of ${PB_RULES.join(', ')}`,
    );
  }
  const input = pbToAllocationInputs(file);
  if (rule.startsWith('equalshares')) {
    if (input.voteType !== 'approval' && input.voteType !== 'choose-1') {
      throw new PbRuleError(`rule ${rule} needs approval ballots; this file has ${input.voteType}`);
    }
    const mes = methodOfEqualShares(
      input.proposals.map((p) => ({ id: p.id, cost: p.cost })),
      input.ballots,
      input.budget,
      {
        completion: rule.includes('add1') ? 'add1' : 'none',
        comparison: rule.endsWith('comparison') ? 'satisfaction' : 'none',
        ...options.mes,
      },
    );
    return { rule, budget: input.budget, winners: mes.winners, cost: mes.cost, mes };
  }
  const allocation = allocate(input.proposals, {
    rule: rule as GreedyRuleName,
    budgetCap: input.budget,
    ...(input.threshold ? { passLine: input.threshold, threshold: input.threshold } : {}),
    tieBreak: { chain: ['score', 'earlier_submission'] },
    ...(options.exclusiveGroups ? { exclusiveGroups: options.exclusiveGroups } : {}),
  });
  return {
    rule,
    budget: input.budget,
    winners: allocation.funded,
    cost: allocation.totalFunded,
    allocation,
  };
}
