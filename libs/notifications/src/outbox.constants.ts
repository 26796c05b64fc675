/** Deterministic BullMQ job id of an outbox row (one job per row; see OutboxDispatcher). */
export const notificationJobId = (id: number) => `notification-${id}`;

/** Deterministic Message-ID of an outbox row's email, so a resend is recognisable as the same message. */
export const notificationMessageId = (id: number) => `<notification-${id}@gongyi-venture>`;

/** Template used for events that have no templates of their own. */
export const GENERIC_TEMPLATE = 'notifications.generic';

/** Rows handled per sweep run (bounded batches). */
export const SWEEP_BATCH = 500;
