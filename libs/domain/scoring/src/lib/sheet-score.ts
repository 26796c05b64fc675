import { ScoringInputError } from './scoring-errors';
import type { JudgeSheet, Rubric } from './scoring-types';

/** A sheet score as an integer fraction n/d on 0–100 (exact, in safe integers). */
export interface Frac {
  readonly n: number;
  readonly d: number;
}

export interface CompiledRubric {
  readonly ids: readonly string[];
  /** weight * (L / maxPoints) * 100 per criterion. */
  readonly factor: readonly number[];
  readonly weight: readonly number[];
  readonly max: readonly number[];
  /** L = lcm of max points. */
  readonly L: number;
}

function gcdN(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

export function compileRubric(rubric: Rubric): CompiledRubric {
  if (rubric.criteria.length === 0) throw new ScoringInputError('rubric has no criteria');
  let L = 1;
  const seen = new Set<string>();
  for (const c of rubric.criteria) {
    if (seen.has(c.id)) throw new ScoringInputError(`duplicate criterion ${c.id}`);
    seen.add(c.id);
    if (!Number.isSafeInteger(c.maxPoints) || c.maxPoints <= 0)
      throw new ScoringInputError(`criterion ${c.id}: maxPoints must be a positive integer`);
    if (!Number.isSafeInteger(c.weight) || c.weight <= 0)
      throw new ScoringInputError(`criterion ${c.id}: weight must be a positive integer`);
    L = (L / gcdN(L, c.maxPoints)) * c.maxPoints;
  }
  const totalW = rubric.criteria.reduce((s, c) => s + c.weight, 0);
  // keep every numerator of a 1,000-sheet sum exactly representable
  if (
    !Number.isSafeInteger(
      L * totalW * 100 * 1000 * Math.max(...rubric.criteria.map((c) => c.maxPoints)),
    )
  ) {
    throw new ScoringInputError('rubric too large for exact integer scoring');
  }
  return {
    ids: rubric.criteria.map((c) => c.id),
    factor: rubric.criteria.map((c) => c.weight * (L / c.maxPoints) * 100),
    weight: rubric.criteria.map((c) => c.weight),
    max: rubric.criteria.map((c) => c.maxPoints),
    L,
  };
}

export type SheetOutcome =
  { ok: true; frac: Frac; answered: number } | { ok: false; reason: string };

/**
 * Weighted sheet score on 0–100 with N/A renormalisation: 100 * sum(w_i * s_i / max_i) over
 * answered criteria, divided by the sum of their weights. N/A is missing, never zero.
 */
export function scoreSheet(rubric: CompiledRubric, sheet: JudgeSheet): SheetOutcome {
  if (sheet.recused) return { ok: false, reason: 'recused' };
  let n = 0;
  let w = 0;
  let answered = 0;
  for (let i = 0; i < rubric.ids.length; i++) {
    const s = sheet.scores[rubric.ids[i]];
    if (s === null) continue;
    if (s === undefined) return { ok: false, reason: 'missing_criterion' };
    if (!Number.isInteger(s) || s < 0 || s > rubric.max[i])
      return { ok: false, reason: 'invalid_score' };
    n += rubric.factor[i] * s;
    w += rubric.weight[i];
    answered++;
  }
  // every rubric id is present (checked above): any extra key is an unknown criterion
  let keys = 0;
  for (const key in sheet.scores)
    if (Object.prototype.hasOwnProperty.call(sheet.scores, key)) keys++;
  if (keys !== rubric.ids.length) return { ok: false, reason: 'unknown_criterion' };
  if (answered === 0) return { ok: false, reason: 'all_not_applicable' };
  return { ok: true, frac: { n, d: rubric.L * w }, answered };
}
