import { defineErrors } from '@gv/core';

/** The error codes of calls and their HTTP statuses (text: `errors.<code>` in calls.messages.ts). */
export const CallsError = defineErrors({
  call_code_taken: 409,
  call_phase_unchanged: 409,
});
