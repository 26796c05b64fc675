import { FieldError } from '@gv/core';
import { ReviewRubric } from './entities/review.entity';
import { ReviewsError } from './reviews.errors';

/** Each score an integer within its criterion's range, N/A only where allowed; all present to submit. */
export function checkSheetScores(
  rubric: Pick<ReviewRubric, 'criteria'>,
  scores: Record<string, number | null>,
  complete: boolean,
): void {
  const errors: FieldError[] = [];
  for (const [id, v] of Object.entries(scores ?? {})) {
    const c = rubric.criteria.find((x) => x.id === id);
    if (!c) errors.push({ field: id, code: 'unknown_criterion' });
    else if (v === null) {
      if (!c.allowNa) errors.push({ field: id, code: 'na_not_allowed' });
    } else if (!Number.isInteger(v) || v < 0 || v > c.maxPoints)
      errors.push({ field: id, code: 'score_out_of_range', params: { max: c.maxPoints } });
  }
  if (complete)
    for (const c of rubric.criteria)
      if (!(c.id in (scores ?? {}))) errors.push({ field: c.id, code: 'sheet_incomplete' });
  if (errors.length) {
    const first = errors[0].code as 'score_out_of_range';
    throw ReviewsError.error(first, errors[0].params ?? {}, errors);
  }
}
