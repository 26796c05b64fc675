import { FieldError } from '@gv/core';
import { gte, rational, Rational, toFixed } from '@gv/rational';
import { aggregateScores } from '@gv/scoring';

/** A criterion of the supervision rubric (督导评估): whole points from 0 to `maxPoints`. */
export interface EvaluationCriterion {
  id: string;
  label: string;
  labelEn: string;
  maxPoints: number;
  hint: string;
  hintEn: string;
}

/**
 * The default 100-point rubric of mid-term and final evaluations: the four areas a street-level
 * mid-term evaluation checks (delivery, people and materials, finance, results; PRACTICE.md §4).
 */
export const EVALUATION_CRITERIA: readonly EvaluationCriterion[] = [
  {
    id: 'delivery',
    label: '项目执行与进度',
    labelEn: 'Delivery and schedule',
    maxPoints: 30,
    hint: '活动按计划开展，里程碑按期完成',
    hintEn: 'Activities held as planned, milestones met on time',
  },
  {
    id: 'resources',
    label: '人员与物资管理',
    labelEn: 'People and materials',
    maxPoints: 20,
    hint: '团队稳定、分工明确，物资登记使用规范',
    hintEn: 'A stable team with clear roles; materials recorded and used properly',
  },
  {
    id: 'finance',
    label: '财务管理与预算执行',
    labelEn: 'Finance and budget',
    maxPoints: 25,
    hint: '支出与预算科目一致，票据齐全，无挪用',
    hintEn: 'Spending matches the budget lines, receipts complete, nothing diverted',
  },
  {
    id: 'results',
    label: '服务成效与居民反馈',
    labelEn: 'Results and residents’ feedback',
    maxPoints: 25,
    hint: '服务人次与目标相符，居民满意度高',
    hintEn: 'People served as targeted; residents satisfied',
  },
];

/** Pass line on 0–100 (PRACTICE.md §4: 60 for the mid-term evaluation). */
export const EVALUATION_PASS_LINE = 60;

export type EvaluationScore =
  | { ok: true; score: Rational; display: string; pass: boolean }
  | { ok: false; errors: FieldError[] };

/**
 * One evaluator's sheet scored by @gv/scoring (one sheet → its score on 0–100, exact), then compared
 * with the pass line. Each criterion needs a whole number of points within its maximum.
 */
export function scoreEvaluation(
  scores: Record<string, unknown>,
  passLine = EVALUATION_PASS_LINE,
): EvaluationScore {
  const errors: FieldError[] = [];
  const sheet: Record<string, number> = {};
  for (const c of EVALUATION_CRITERIA) {
    const v = scores[c.id];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > c.maxPoints)
      errors.push({
        field: `scores.${c.id}`,
        code: 'evaluation_points',
        params: { max: c.maxPoints },
      });
    else sheet[c.id] = v;
  }
  for (const k of Object.keys(scores))
    if (!EVALUATION_CRITERIA.some((c) => c.id === k))
      errors.push({ field: `scores.${k}`, code: 'evaluation_points', params: { max: 0 } });
  if (errors.length) return { ok: false, errors };
  const result = aggregateScores(
    { criteria: EVALUATION_CRITERIA.map((c) => ({ id: c.id, maxPoints: c.maxPoints, weight: 1 })) },
    [{ judgeId: 'evaluator', proposalId: 'project', scores: sheet }],
    { method: 'mean' },
  );
  const score = result.proposals[0]?.score;
  if (!score) return { ok: false, errors: [{ field: 'scores', code: 'evaluation_points' }] };
  return { ok: true, score, display: toFixed(score, 2), pass: gte(score, rational(passLine)) };
}
