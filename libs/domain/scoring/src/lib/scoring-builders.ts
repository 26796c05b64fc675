import type { JudgeSheet, Rubric } from './scoring-types';

/** Shared test builders: a 3-criterion rubric (max 10 each, weights 2/1/1). */
export const RUBRIC: Rubric = {
  criteria: [
    { id: 'need', maxPoints: 10, weight: 2 },
    { id: 'plan', maxPoints: 10, weight: 1 },
    { id: 'budget', maxPoints: 10, weight: 1 },
  ],
};

/** A sheet where every criterion gets the same score s (so the sheet score is 10 * s). */
export function flat(
  judgeId: string,
  proposalId: string,
  s: number,
  extra: Partial<JudgeSheet> = {},
): JudgeSheet {
  return { judgeId, proposalId, scores: { need: s, plan: s, budget: s }, ...extra };
}
