/**
 * Queue names are persisted identifiers (Redis keys). Never rename one without a drain plan:
 * stop producers, let workers empty the old queue, then deploy the new name.
 */
export enum QueueName {
  Mail = 'mail',
  Notifications = 'notifications',
  Sweeps = 'sweeps',
}

/** Job names: persisted in Redis with each job, same rule as queue names. */
export enum JobName {
  SendInvitation = 'accounts.send-invitation',
  PurgeExpiredSessions = 'accounts.purge-expired-sessions',
  SweepCallPhases = 'calls.sweep-phases',
  SendNotification = 'notifications.send',
  SweepOutbox = 'notifications.sweep-outbox',
  SweepReminders = 'notifications.sweep-reminders',
  SweepMilestones = 'delivery.sweep-milestones',
  MilestoneStep = 'delivery.milestone-step',
  FinalisePublicity = 'funding.finalise-publicity',
}

/** Payloads carry ids only; handlers re-read state and are idempotent. */
export interface JobPayloads {
  [JobName.SendInvitation]: { invitationId: number };
  [JobName.PurgeExpiredSessions]: Record<string, never>;
  [JobName.SweepCallPhases]: Record<string, never>;
  [JobName.SendNotification]: { notificationId: number };
  [JobName.SweepOutbox]: Record<string, never>;
  [JobName.SweepReminders]: Record<string, never>;
  [JobName.SweepMilestones]: Record<string, never>;
  /** `step` names the step and the due date it is for, e.g. `overdue@2026-06-10` (see milestone-tracking.ts). */
  [JobName.MilestoneStep]: { milestoneId: number; step: string };
  [JobName.FinalisePublicity]: Record<string, never>;
}

/** Every job belongs to exactly one queue (exhaustive: the compiler rejects a missing job). */
export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.SendInvitation]: QueueName.Mail,
  [JobName.PurgeExpiredSessions]: QueueName.Sweeps,
  [JobName.SweepCallPhases]: QueueName.Sweeps,
  [JobName.SendNotification]: QueueName.Notifications,
  [JobName.SweepOutbox]: QueueName.Sweeps,
  [JobName.SweepReminders]: QueueName.Sweeps,
  [JobName.SweepMilestones]: QueueName.Sweeps,
  [JobName.MilestoneStep]: QueueName.Sweeps,
  [JobName.FinalisePublicity]: QueueName.Sweeps,
};

export interface RetryPolicy {
  attempts: number;
  /** First retry delay; doubles each attempt, with ±20% jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
}

/** Named retry policies (exponential backoff with jitter). */
export const RETRY_MAIL: RetryPolicy = { attempts: 8, baseDelayMs: 2_000, maxDelayMs: 10 * 60_000 };
export const RETRY_SWEEP: RetryPolicy = { attempts: 3, baseDelayMs: 5_000, maxDelayMs: 60_000 };

export const JOB_RETRY: Record<JobName, RetryPolicy> = {
  [JobName.SendInvitation]: RETRY_MAIL,
  [JobName.PurgeExpiredSessions]: RETRY_SWEEP,
  [JobName.SweepCallPhases]: RETRY_SWEEP,
  [JobName.SendNotification]: RETRY_MAIL,
  [JobName.SweepOutbox]: RETRY_SWEEP,
  [JobName.SweepReminders]: RETRY_SWEEP,
  [JobName.SweepMilestones]: RETRY_SWEEP,
  [JobName.MilestoneStep]: RETRY_SWEEP,
  [JobName.FinalisePublicity]: RETRY_SWEEP,
};

/** Recurring jobs (BullMQ job schedulers with stable ids; intervals in embedded mode). */
export interface JobSchedule {
  id: string;
  job: JobName;
  everyMs: number;
}
export const JOB_SCHEDULES: JobSchedule[] = [
  { id: 'purge-expired-sessions', job: JobName.PurgeExpiredSessions, everyMs: 60 * 60_000 },
  // Moves calls to the phase their timeline dates say (idempotent).
  { id: 'calls-sweep-phases', job: JobName.SweepCallPhases, everyMs: 60_000 },
  // Re-dispatches outbox rows left pending by a crash between commit and enqueue.
  { id: 'notifications-sweep-outbox', job: JobName.SweepOutbox, everyMs: 30_000 },
  { id: 'notifications-sweep-reminders', job: JobName.SweepReminders, everyMs: 5 * 60_000 },
  // Milestone reminders, overdue notices, escalations, at-risk flags: what is due, from the database.
  { id: 'delivery-sweep-milestones', job: JobName.SweepMilestones, everyMs: 10 * 60_000 },
  // Publicity rounds whose period ended with no open objection become final (idempotent).
  { id: 'funding-finalise-publicity', job: JobName.FinalisePublicity, everyMs: 10 * 60_000 },
];

/** Delay before retry `attemptsMade` (1-based), exponential with jitter. */
export function backoffDelay(
  policy: RetryPolicy,
  attemptsMade: number,
  random = Math.random,
): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attemptsMade - 1));
  return Math.round(exp * (0.8 + 0.4 * random()));
}
