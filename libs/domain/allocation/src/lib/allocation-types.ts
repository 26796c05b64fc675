import type { Rational } from '@gv/rational';
import type { DecisionCode } from './decision-codes';

/** One proposal to rank and fund. Money is integer fen (分). */
export interface AllocationProposal {
  readonly id: string;
  /** Requested amount in integer fen. */
  readonly cost: number;
  /** Final score (exact). For pabulib inputs: approval count or sum of points. */
  readonly score: Rational;
  /** Value of the named priority criterion (higher ranks first), if the chain uses it. */
  readonly priority?: Rational;
  /** Submission time or sequence number (earlier ranks first). */
  readonly submittedAt?: number;
  readonly track?: string;
  readonly community?: string;
}

export type TieBreakKey = 'score' | 'priority' | 'lower_cost' | 'earlier_submission' | 'lot';

export interface TieBreakConfig {
  /** Ordered keys; `lot` should come last. Default: all five in the order above. */
  readonly chain?: readonly TieBreakKey[];
  /** Human name of the priority criterion (recorded, e.g. "need_fit"). */
  readonly priorityName?: string;
  /** Stored seed of the drawn lot (抽签种子). */
  readonly seed?: string;
}

export type GreedyRuleName = 'greedy' | 'greedy-no-skip' | 'greedy-threshold' | 'greedy-exclusive';
export type AllocationRuleName = GreedyRuleName | 'knapsack';

export interface CommunityQuota {
  readonly min?: number;
  readonly max?: number;
}

export interface AllocationConfig {
  readonly rule: AllocationRuleName;
  /** Total cap in integer fen (预算上限). */
  readonly budgetCap: number;
  /** Minimum score to be fundable (及格线). */
  readonly passLine?: Rational;
  /** greedy-threshold: minimum score (e.g. pabulib min_project_score_threshold). */
  readonly threshold?: Rational;
  readonly tieBreak?: TieBreakConfig;
  /** Per-track caps in fen (分赛道预算). Proposals of a track not listed have no track cap. */
  readonly trackBudgets?: Readonly<Record<string, number>>;
  /** Per-community min/max number of funded proposals. */
  readonly communityQuotas?: Readonly<Record<string, CommunityQuota>>;
  /** 核减: fund what remains when it is at least `minShare` of the request. */
  readonly reducedGrant?: { readonly minShare: Rational };
  /** greedy-exclusive: groups of proposal ids of which at most one may be funded. */
  readonly exclusiveGroups?: readonly (readonly string[])[];
}

export interface TraceNote {
  readonly code: string;
  readonly params?: Readonly<Record<string, string | number>>;
}

/** One CONSUL-style row, in rank order. */
export interface TraceRow {
  readonly rank: number;
  readonly id: string;
  readonly score: Rational;
  readonly requested: number;
  readonly decision: DecisionCode;
  /** Granted amount in fen (0 unless funded). */
  readonly amount: number;
  /** Remaining overall budget after this row, walking the table in rank order. */
  readonly remainingAfter: number;
  /** 1 = community-minimum pass, 2 = main pass. */
  readonly phase?: 1 | 2;
  readonly notes: readonly TraceNote[];
}

export interface RecordedTieBreak {
  readonly chain: readonly TieBreakKey[];
  readonly priorityName?: string;
  readonly seed: string;
}

export interface AllocationResult {
  readonly rule: string;
  readonly budgetCap: number;
  readonly tieBreak: RecordedTieBreak;
  readonly trace: readonly TraceRow[];
  /** Funded ids in rank order. */
  readonly funded: readonly string[];
  readonly totalFunded: number;
  readonly remaining: number;
  readonly notes: readonly TraceNote[];
}
