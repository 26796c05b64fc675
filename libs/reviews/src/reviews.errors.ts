import { defineErrors } from '@gv/core';

/** The error codes of reviews and their HTTP statuses (text: `errors.<code>` in reviews.messages.ts). */
export const ReviewsError = defineErrors({
  rubric_frozen: 409,
  judge_recused: 403,
  not_assigned: 404,
  sheet_submitted: 409,
  sheet_version_conflict: 409,
  sheet_incomplete: 400,
  score_out_of_range: 400,
  na_not_allowed: 400,
  unknown_criterion: 400,
  chair_only: 403,
  adjustment_needs_reason: 400,
  weights_invalid: 400,
  paper_unknown_judge: 400,
  paper_unknown_proposal: 400,
  paper_judge_recused: 403,
  paper_not_assigned: 403,
  paper_confirmed: 409,
  paper_entry_conflict: 409,
});
