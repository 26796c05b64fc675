import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSourceOptions, MixedList } from 'typeorm';
import { AppConfig } from '@gv/config';
import { installEmbeddedWriteLock } from './embedded-write-lock';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type Classes = MixedList<Function | string>;

export interface SchemaParts {
  entities: Classes;
  /** Migrations per driver family: `mysql` serves MySQL 8 and MariaDB 10.11, `sqlite` serves better-sqlite3. */
  migrations: { mysql: Classes; sqlite: Classes };
}

/**
 * TypeORM options from the config. The driver follows the URL (mysql:// → mysql, mariadb:// → mariadb;
 * MariaDB needs its own type so JSON/datetime introspection is stable); no URL → better-sqlite3 file.
 * `synchronize` is always false: the schema changes only through migrations.
 */
export function dataSourceOptions(
  config: AppConfig,
  parts: SchemaParts,
  overrides: { database?: string } = {},
): DataSourceOptions {
  if (config.embedded) {
    // Every write of the shared SQLite connection runs under one re-entrant lock (see the function).
    installEmbeddedWriteLock();
    const file = overrides.database ?? config.SQLITE_PATH;
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    return {
      type: 'better-sqlite3',
      database: file,
      entities: parts.entities,
      migrations: parts.migrations.sqlite,
      migrationsTableName: 'migrations',
      synchronize: false,
      enableWAL: true,
      timeout: 10_000,
      prepareDatabase: (db: { pragma: (s: string) => unknown }) => {
        db.pragma('foreign_keys = ON');
        db.pragma('busy_timeout = 10000');
      },
    };
  }
  const url = new URL(config.DATABASE_URL as string);
  return {
    type: config.dbType as 'mysql' | 'mariadb',
    host: url.hostname,
    port: Number(url.port || 3306),
    username: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: overrides.database ?? url.pathname.replace(/^\//, ''),
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    supportBigNumbers: true,
    bigNumberStrings: true,
    entities: parts.entities,
    migrations: parts.migrations.mysql,
    migrationsTableName: 'migrations',
    synchronize: false,
    poolSize: config.DB_POOL_SIZE,
    // trace: false — mysql2 otherwise captures a stack trace at every query (about 6% of the api's CPU
    // in `npm run bench -- review`); a failed query still reports its SQL, and V8's async stack names
    // the caller.
    extra: { connectionLimit: config.DB_POOL_SIZE, waitForConnections: true, trace: false },
  } as DataSourceOptions;
}
