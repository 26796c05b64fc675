import { defineErrors } from '@gv/core';

/** The error codes of notifications and their HTTP statuses (text: `errors.<code>` in notifications.messages.ts). */
export const NotificationsError = defineErrors({
  notification_not_failed: 409,
  notification_not_found: 404,
});
