import { defineErrors } from '@gv/core';

/** The error codes of calls and their HTTP statuses (text: `errors.<code>` in calls.messages.ts). */
export const CallsError = defineErrors({
  call_code_taken: 409,
  call_phase_unchanged: 409,
  call_phase_skip: 409,
  call_limits_conflict: 409,
  phase_switch_unconfirmed: 400,
});
