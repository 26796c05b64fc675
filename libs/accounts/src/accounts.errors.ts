import { defineErrors } from '@gv/core';

/** The error codes of accounts and their HTTP statuses (text: `errors.<code>` in accounts.messages.ts). */
export const AccountsError = defineErrors({
  email_taken: 409,
  invalid_credentials: 401,
  invalid_token: 401,
  invitation_invalid: 404,
  login_blocked: 429,
  password_reset_throttled: 429,
  reset_link_invalid: 404,
  too_many_requests: 429,
});
