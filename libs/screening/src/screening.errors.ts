import { defineErrors } from '@gv/core';

/** The error codes of screening and their HTTP statuses (text: `errors.<code>` in screening.messages.ts). */
export const ScreeningError = defineErrors({
  nothing_to_publish: 409,
  screening_already_published: 409,
});
