import { EntityManager } from 'typeorm';
import { AppException } from '@gv/core';
import { freshReadLock } from '@gv/database';
import { ReviewRubric, RubricCriterion } from './entities/review.entity';

/** A 5-criterion default (100 points), as common street-level practice weighs them. */
export const DEFAULT_CRITERIA: RubricCriterion[] = [
  {
    id: 'need',
    label: '需求回应',
    labelEn: 'Response to need',
    maxPoints: 25,
    weight: 1,
    allowNa: false,
    levels: ['未回应社区需求', '部分回应', '精准回应、有调研依据'],
  },
  {
    id: 'design',
    label: '项目设计',
    labelEn: 'Project design',
    maxPoints: 25,
    weight: 1,
    allowNa: false,
    levels: ['目标与活动脱节', '基本可行', '目标清晰、活动有逻辑'],
  },
  {
    id: 'team',
    label: '团队与可行性',
    labelEn: 'Team and feasibility',
    maxPoints: 20,
    weight: 1,
    allowNa: false,
    levels: ['缺乏执行能力', '能力一般', '经验充分、分工明确'],
  },
  {
    id: 'budget',
    label: '预算合理性',
    labelEn: 'Budget',
    maxPoints: 15,
    weight: 1,
    allowNa: false,
    levels: ['预算不合理', '基本合理', '明细清楚、性价比高'],
  },
  {
    id: 'sustain',
    label: '可持续与创新',
    labelEn: 'Sustainability and innovation',
    maxPoints: 15,
    weight: 1,
    allowNa: true,
    levels: ['无延续计划', '有一定延续性', '可复制、可持续'],
  },
];

/** The call's rubric, created with the default criteria on first use; 404 for an unknown call. */
export async function ensureRubric(m: EntityManager, callId: number): Promise<ReviewRubric> {
  const found = await m.findOneBy(ReviewRubric, { callId });
  if (found) return found;
  if (
    !(await m
      .query('SELECT id FROM `call` WHERE id = ?', [callId])
      .then((r: unknown[]) => r.length))
  )
    throw AppException.notFound();
  await m
    .createQueryBuilder()
    .insert()
    .into(ReviewRubric)
    .values({ callId, criteria: DEFAULT_CRITERIA, method: 'trimmed_mean', divergenceThreshold: 20 })
    .orIgnore()
    .execute();
  return m.findOneOrFail(ReviewRubric, { where: { callId }, lock: freshReadLock(m) });
}
