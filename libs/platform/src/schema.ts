import { SchemaParts } from '@gv/database';
import { AuditLog } from '@gv/audit';
import { AuthSession, Invitation, User } from '@gv/accounts';
import { Community, District, StreetOffice } from '@gv/places';
import { Notification, NotificationOptOut, ReminderSent } from '@gv/notifications';
import { Organisation } from '@gv/organisations';
import { Need } from '@gv/needs';
import { Call, CallChecklistItem, CallNeed } from '@gv/calls';
import {
  Proposal,
  ProposalAttachment,
  ProposalBudgetLine,
  ProposalCommunity,
  ProposalMilestone,
  ProposalVersion,
  Screening,
  ScreeningCheck,
} from '@gv/proposals';
import { MYSQL_MIGRATIONS, SQLITE_MIGRATIONS } from './migrations';

/** Every entity and every migration, as classes (no globs: they break under ts-jest and bundlers). */
export const ENTITIES = [
  District,
  StreetOffice,
  Community,
  User,
  AuthSession,
  Invitation,
  AuditLog,
  Notification,
  NotificationOptOut,
  ReminderSent,
  Organisation,
  Need,
  Call,
  CallChecklistItem,
  CallNeed,
  Proposal,
  ProposalCommunity,
  ProposalBudgetLine,
  ProposalMilestone,
  ProposalVersion,
  ProposalAttachment,
  Screening,
  ScreeningCheck,
];

export const SCHEMA: SchemaParts = {
  entities: ENTITIES,
  migrations: { mysql: MYSQL_MIGRATIONS, sqlite: SQLITE_MIGRATIONS },
};
