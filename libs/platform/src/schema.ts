import { SchemaParts } from '@gv/database';
import { CONTEXTS } from './contexts';
import { MYSQL_MIGRATIONS, SQLITE_MIGRATIONS } from './migrations';

/** Every entity of every context, and every migration, as classes (no globs: they break under ts-jest and bundlers). */
export const ENTITIES = CONTEXTS.flatMap((c) => c.entities ?? []);

export const SCHEMA: SchemaParts = {
  entities: ENTITIES,
  migrations: { mysql: MYSQL_MIGRATIONS, sqlite: SQLITE_MIGRATIONS },
};
