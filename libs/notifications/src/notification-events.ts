/**
 * Notification events: persisted in the outbox, so never rename one without migrating rows.
 * Each event has mail templates `<event>.<locale>.{subject,html,text}.hbs` under the owning context's `mail/` folder (e.g. libs/proposals/mail)
 * and an i18n title `notifications.events.<event>` for the inbox.
 */
export enum NotificationEvent {
  // accounts: the invitation email and the "forgot password" link (templates accounts.* under libs/mail/templates)
  AccountInvitation = 'accounts.invitation',
  PasswordReset = 'accounts.password_reset',
  // calls / proposals / screening (issue 4)
  CallPhaseChanged = 'call.phase_changed',
  ProposalSubmitted = 'proposal.submitted',
  ProposalVersionSubmitted = 'proposal.version_submitted',
  ProposalDeadlineReminder = 'proposal.deadline_reminder',
  ProposalReturned = 'proposal.returned',
  ScreeningResult = 'screening.result',
  // organisations: the street office's review (街道审核) of a signed-up organisation
  OrganisationVerified = 'organisation.verified',
  OrganisationRejected = 'organisation.rejected',
  // organisations: a new sign-up waiting for the street office's review (to the street admins)
  OrganisationSignedUp = 'organisation.signed_up',
  // roadshows: calendar invitations (an update has the same UID and a higher SEQUENCE), cancellations, reminders
  RoadshowInvitation = 'roadshow.invitation',
  RoadshowCancelled = 'roadshow.cancelled',
  RoadshowReminder = 'roadshow.reminder',
  // reviews: judges with sheets still open before the scoring deadline (the publicity date)
  ReviewReminder = 'review.reminder',
  // funding: the confirmation code of a resident of the residents' voice (居民网上议事厅)
  ResidentVoteCode = 'resident.vote_code',
  // funding: publicity (公示) letters to organisations, and the reply to an objection
  FundingAwardLetter = 'funding.award',
  FundingNotFundedLetter = 'funding.not_funded',
  FundingObjectionAnswered = 'funding.objection_answered',
  // delivery: milestone tracking (reminders, overdue, escalation, at risk), change requests, progress reports
  DeliveryMilestoneReminder = 'delivery.milestone_reminder',
  DeliveryMilestoneOverdue = 'delivery.milestone_overdue',
  DeliveryMilestoneEscalated = 'delivery.milestone_escalated',
  DeliveryProjectAtRisk = 'delivery.project_at_risk',
  DeliveryMilestoneChangeRequested = 'delivery.milestone_change_requested',
  DeliveryMilestoneChangeDecided = 'delivery.milestone_change_decided',
  DeliveryReportSubmitted = 'delivery.report_submitted',
  DeliveryReportReturned = 'delivery.report_returned',
  DeliveryReportAccepted = 'delivery.report_accepted',
}

/** Reminders and digests can be switched off by the user; decisions are always sent. */
export const OPTIONAL_EVENTS: ReadonlySet<NotificationEvent> = new Set([
  NotificationEvent.ProposalDeadlineReminder,
  NotificationEvent.RoadshowReminder,
  NotificationEvent.ReviewReminder,
  NotificationEvent.DeliveryMilestoneReminder,
]);
