import { defineErrors } from '@gv/core';

/** The error codes of funding and their HTTP statuses (text: `errors.<code>` in funding.messages.ts). */
export const FundingError = defineErrors({
  funding_inputs_changed: 409,
  funding_over_cap: 409,
  funding_amount_invalid: 400,
  funding_run_not_current: 409,
  funding_not_approved: 409,
  funding_chair_only: 403,
  funding_no_scores: 409,
  funding_already_published: 409,
  placement_not_preferred: 400,
  placement_not_yours: 403,
  placement_decided: 409,
  placement_pending: 409,
  placement_not_placed: 409,
  placement_over_capacity: 409,
  placement_refused_there: 409,
  publicity_closed: 409,
  publicity_not_open: 409,
  objection_answered: 409,
  calendar_year_missing: 409,
  calendar_invalid: 400,
});
