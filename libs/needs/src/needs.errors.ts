import { defineErrors } from '@gv/core';

/** The error codes of needs and their HTTP statuses (text: `errors.<code>` in needs.messages.ts). */
export const NeedsError = defineErrors({
  need_other_community: 403,
  need_status_conflict: 409,
});
