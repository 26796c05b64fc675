import { defineErrors } from '@gv/core';

/** The error codes of panels and their HTTP statuses (text: `errors.<code>` in panels.messages.ts). */
export const PanelsError = defineErrors({
  panel_member_exists: 409,
  unknown_account: 400,
  conflict_pinned: 409,
  not_a_panel_member: 403,
  proposal_not_in_call: 400,
  panel_member_in_use: 409,
  expert_pool_too_small: 409,
});
