import { defineErrors } from '@gv/core';

/** The error codes of proposals and their HTTP statuses (text: `errors.<code>` in proposals.messages.ts). */
export const ProposalsError = defineErrors({
  file_too_large: 413,
  file_type_not_allowed: 415,
  budget_above_max: 400,
  budget_below_min: 400,
  call_not_found: 404,
  call_not_open: 409,
  correction_deadline_passed: 409,
  max_proposals_reached: 409,
  organisation_not_verified: 403,
  organisation_required: 403,
  proposal_incomplete: 400,
  proposal_locked: 409,
  proposal_no_changes: 409,
  proposal_not_screenable: 409,
  submission_closed: 409,
  too_many_files: 409,
  version_not_found: 404,
});
