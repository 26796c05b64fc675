import { SchemaParts } from '@gv/database';
import { AuditLog } from '@gv/audit';
import { AuthSession, Invitation, User } from '@gv/accounts';
import { Community, District, StreetOffice } from '@gv/places';
import { Notification } from '@gv/notifications';
import { Organisation } from '@gv/organisations';
import { Need } from '@gv/needs';
import { MYSQL_MIGRATIONS, SQLITE_MIGRATIONS } from './migrations';

/** Every entity and every migration, as classes (no globs: they break under ts-jest and bundlers). */
export const ENTITIES = [District, StreetOffice, Community, User, AuthSession, Invitation, AuditLog, Notification, Organisation, Need];

export const SCHEMA: SchemaParts = {
  entities: ENTITIES,
  migrations: { mysql: MYSQL_MIGRATIONS, sqlite: SQLITE_MIGRATIONS },
};
