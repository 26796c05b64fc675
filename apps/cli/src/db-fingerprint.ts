import { createHash } from 'node:crypto';
import { createConnection } from 'mysql2/promise';
import type { DataSource } from 'typeorm';

/** One table's size and content checksum: equal fingerprints mean equal rows. */
export interface TableFingerprint {
  table: string;
  rows: number;
  /** MariaDB/MySQL: `CHECKSUM TABLE`; SQLite: sha256 over every row (typed literals) in key order. */
  checksum: string;
}

/** The little of better-sqlite3 the CLI uses (the package ships no types). */
export interface SqliteDatabase {
  pragma(source: string, options?: { simple?: boolean }): unknown;
  prepare(sql: string): {
    all(...params: unknown[]): unknown[];
    get(...params: unknown[]): unknown;
  };
  exec(sql: string): void;
  backup(file: string): Promise<unknown>;
  close(): void;
}

type SqliteConstructor = new (
  file: string,
  options?: { readonly?: boolean; fileMustExist?: boolean; timeout?: number },
) => SqliteDatabase;

export function openSqlite(
  file: string,
  options: { readonly?: boolean; fileMustExist?: boolean } = {},
): SqliteDatabase {
  const Database = require('better-sqlite3') as SqliteConstructor;
  return new Database(file, { timeout: 10_000, ...options });
}

/** Connection parameters of a mysql://… or mariadb://… URL, read as the platform reads them. */
export interface ServerTarget {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

export function serverTarget(url: string): ServerTarget {
  const u = new URL(url);
  return {
    host: u.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.replace(/^\//, '')),
  };
}

export const isServerUrl = (s: string): boolean => /^(mysql|mariadb):\/\//.test(s);

type Query = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;
interface Session {
  dialect: 'mysql' | 'sqlite';
  query: Query;
}

/** Runs `fn` on a DataSource as it is, or on a connection opened (and closed) for a URL / SQLite file. */
async function withSession<T>(
  source: DataSource | string,
  fn: (s: Session) => Promise<T>,
): Promise<T> {
  if (typeof source !== 'string') {
    const dialect = source.options.type === 'better-sqlite3' ? 'sqlite' : 'mysql';
    return fn({ dialect, query: (sql, params) => source.query(sql, params) });
  }
  if (isServerUrl(source)) {
    const t = serverTarget(source);
    const conn = await createConnection({
      ...t,
      charset: 'utf8mb4_unicode_ci',
      supportBigNumbers: true,
      bigNumberStrings: true,
    });
    try {
      return await fn({
        dialect: 'mysql',
        query: async (sql, params) =>
          (await conn.query(sql, params))[0] as Record<string, unknown>[],
      });
    } finally {
      await conn.end();
    }
  }
  // Read-write (nothing is written): the last connection to close removes the -wal and -shm files.
  const db = openSqlite(source, { fileMustExist: true });
  try {
    return await fn({
      dialect: 'sqlite',
      query: async (sql, params = []) =>
        db.prepare(sql).all(...params) as Record<string, unknown>[],
    });
  } finally {
    db.close();
  }
}

const q = (dialect: Session['dialect'], name: string) =>
  dialect === 'mysql' ? `\`${name.replace(/`/g, '``')}\`` : `"${name.replace(/"/g, '""')}"`;

/** The database's tables (not views), sorted by name; SQLite's own sqlite_* tables excluded. */
async function tableNames(s: Session): Promise<string[]> {
  const rows =
    s.dialect === 'mysql'
      ? await s.query(
          `SELECT TABLE_NAME AS name FROM information_schema.TABLES
           WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'`,
        )
      : await s.query(
          `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'`,
        );
  return rows.map((r) => String(r['name'])).sort();
}

async function rowCount(s: Session, table: string): Promise<number> {
  const [row] = await s.query(`SELECT COUNT(*) AS n FROM ${q(s.dialect, table)}`);
  return Number(row['n']);
}

/** sha256 over every row of a SQLite table, each value as its typed SQL literal (quote()), in key order. */
async function sqliteChecksum(s: Session, table: string): Promise<string> {
  const info = await s.query(`SELECT name, pk FROM pragma_table_info(?)`, [table]);
  const columns = info.map((c) => String(c['name']));
  const key = info
    .filter((c) => Number(c['pk']) > 0)
    .sort((a, b) => Number(a['pk']) - Number(b['pk']))
    .map((c) => q('sqlite', String(c['name'])));
  const row = columns.map((c) => `quote(${q('sqlite', c)})`).join(` || ',' || `);
  const rows = await s.query(
    `SELECT ${row || "''"} AS r FROM ${q('sqlite', table)} ORDER BY ${key.length ? key.join(', ') : 'rowid'}`,
  );
  const hash = createHash('sha256').update(columns.join(',')).update('\n');
  for (const r of rows) hash.update(String(r['r'])).update('\n');
  return hash.digest('hex');
}

/** Every table's row count and checksum, sorted by table name: compare two databases with toEqual. */
export function tableFingerprints(source: DataSource | string): Promise<TableFingerprint[]> {
  return withSession(source, async (s) => {
    const out: TableFingerprint[] = [];
    for (const table of await tableNames(s)) {
      let checksum: string;
      if (s.dialect === 'mysql') {
        const [row] = await s.query(`CHECKSUM TABLE ${q('mysql', table)}`);
        checksum = String(row['Checksum']);
      } else checksum = await sqliteChecksum(s, table);
      out.push({ table, rows: await rowCount(s, table), checksum });
    }
    return out;
  });
}

/** Every table's row count, sorted by table name. */
export function tableRowCounts(
  source: DataSource | string,
): Promise<Array<{ table: string; rows: number }>> {
  return withSession(source, async (s) => {
    const out: Array<{ table: string; rows: number }> = [];
    for (const table of await tableNames(s)) out.push({ table, rows: await rowCount(s, table) });
    return out;
  });
}
