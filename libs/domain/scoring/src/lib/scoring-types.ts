import type { Rational } from '@gv/rational';

/** A rubric criterion (评分项): integer max points and integer weight. */
export interface Criterion {
  readonly id: string;
  readonly maxPoints: number;
  readonly weight: number;
}

export interface Rubric {
  readonly criteria: readonly Criterion[];
}

/** One judge's sheet (评分表) for one proposal; `null` = N/A (not applicable, never zero). */
export interface JudgeSheet {
  readonly judgeId: string;
  readonly proposalId: string;
  readonly scores: Readonly<Record<string, number | null>>;
  /** Panel group (e.g. experts, community, residents) when groups are weighted. */
  readonly group?: string;
  /** Conflict of interest declared: the sheet is not used (回避). */
  readonly recused?: boolean;
}

export type AggregationMethod = 'mean' | 'trimmed_mean' | 'median' | 'zscore';

export interface PanelGroup {
  readonly id: string;
  /** Integer or rational weight, e.g. 60 / 20 / 20. */
  readonly weight: number;
}

export interface ScoringConfig {
  readonly method: AggregationMethod;
  /** Trimmed mean applies only with at least this many valid sheets (default 5). */
  readonly trimMinSheets?: number;
  /** z-score: judges with fewer sheets are passed through (default 3). */
  readonly zscoreMinSheets?: number;
  readonly groups?: readonly PanelGroup[];
  /** Public vote component: score 0–100 per proposal, combined with weights. */
  readonly publicVote?: {
    readonly panelWeight: number;
    readonly publicWeight: number;
    readonly scores: Readonly<Record<string, Rational>>;
  };
  /** Flag a proposal when max - min of its sheet scores exceeds this (points on 0–100). */
  readonly divergenceThreshold?: Rational;
  /** Proposals to score even without sheets (reported with `no_valid_sheets`). */
  readonly proposalIds?: readonly string[];
}

export interface Explained {
  readonly code: string;
  readonly params?: Readonly<Record<string, string | number>>;
}

export interface UsedSheet {
  readonly judgeId: string;
  readonly group?: string | undefined;
  /** Sheet score on 0–100 (exact), after N/A renormalisation. */
  readonly score: Rational;
  /** z-score method: the rescaled score actually averaged. */
  readonly normalised?: Rational | undefined;
  readonly answered: number;
}

export interface DroppedSheet {
  readonly judgeId: string;
  readonly reason: string;
  readonly score?: Rational;
}

export interface ProposalScore {
  readonly proposalId: string;
  /** Final exact score on 0–100, or null when no valid sheet exists. */
  readonly score: Rational | null;
  /** Display with 2 decimals, half up ("—" when null). */
  readonly display: string;
  readonly used: readonly UsedSheet[];
  readonly dropped: readonly DroppedSheet[];
  readonly flags: readonly Explained[];
  readonly steps: readonly Explained[];
}

export interface ScoringResult {
  readonly method: AggregationMethod;
  readonly proposals: readonly ProposalScore[];
  /** Call-level notes (e.g. z-score call mean/spread, judges passed through). */
  readonly notes: readonly Explained[];
}
