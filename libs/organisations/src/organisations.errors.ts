import { defineErrors } from '@gv/core';

/** The error codes of organisations and their HTTP statuses (text: `errors.<code>` in organisations.messages.ts). */
export const OrganisationsError = defineErrors({
  credit_code_taken: 409,
  organisation_status_conflict: 409,
});
