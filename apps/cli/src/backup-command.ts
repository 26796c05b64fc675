import { spawn } from 'node:child_process';
import {
  accessSync,
  constants,
  copyFileSync,
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  openSync,
  readSync,
  closeSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, delimiter, dirname, extname, join, resolve } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { createGunzip, createGzip } from 'node:zlib';
import { createConnection } from 'mysql2/promise';
import type { AppConfig } from '@gv/config';
import {
  openSqlite,
  serverTarget,
  ServerTarget,
  SqliteDatabase,
  tableRowCounts,
} from './db-fingerprint';

export const BACKUP_USAGE = `usage:
  cli db backup [FILE]          write a backup of the configured database (FILE ending in .gz: gzipped)
                                default: <VAR_DIR>/backups/<db>-<YYYYMMDD-HHmmss, Asia/Shanghai>.sql (.sqlite embedded)
  cli db restore FILE [--yes]   replace the configured database with a backup; --yes when it is not empty
  MariaDB/MySQL (DATABASE_URL): mariadb-dump / mariadb (else mysqldump / mysql) from the MariaDB or MySQL client.
  Embedded (SQLite): SQLite's online backup; restore refuses while the api or worker has the database open.`;

export interface BackupIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

const consoleIo: BackupIo = {
  out: (l) => console.log(l),
  err: (l) => console.error(l),
};

/** `cli db backup [FILE]` and `cli db restore FILE [--yes]`; returns the exit code. */
export async function runBackupCommand(
  args: string[],
  config: AppConfig,
  io: BackupIo = consoleIo,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { yes: { type: 'boolean', short: 'y' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: true,
  });
  const [cmd, file, ...extra] = positionals;
  if (values.help) {
    io.out(BACKUP_USAGE);
    return 0;
  }
  if (extra.length || (cmd !== 'backup' && cmd !== 'restore')) {
    io.err(BACKUP_USAGE);
    return 2;
  }
  if (cmd === 'backup') {
    const target = resolve(file ?? defaultBackupFile(config));
    mkdirSync(dirname(target), { recursive: true });
    if (config.DATABASE_URL) await dumpServer(serverTarget(config.DATABASE_URL), target);
    else await backupSqlite(resolve(config.SQLITE_PATH), target);
    io.out(`wrote ${target} (${formatSize(statSync(target).size)})`);
    return 0;
  }
  if (!file) {
    io.err(`db restore needs the backup FILE\n${BACKUP_USAGE}`);
    return 2;
  }
  const source = resolve(file);
  if (!existsSync(source)) {
    io.err(`no such backup file: ${source}`);
    return 1;
  }
  const yes = values.yes === true;
  const restored = config.DATABASE_URL
    ? await restoreServer(serverTarget(config.DATABASE_URL), source, yes, io)
    : await restoreSqlite(source, resolve(config.SQLITE_PATH), yes, io);
  if (!restored) return 1;
  const counts = await tableRowCounts(config.DATABASE_URL ?? resolve(config.SQLITE_PATH));
  io.out(`restored ${source} into ${restored}: ${counts.length} tables`);
  const width = Math.max(0, ...counts.map((c) => c.table.length));
  for (const c of counts) io.out(`  ${c.table.padEnd(width)}  ${String(c.rows).padStart(8)}`);
  return 0;
}

/** `<VAR_DIR>/backups/<database>-<YYYYMMDD-HHmmss>.sql|.sqlite`, the time in Asia/Shanghai. */
export function defaultBackupFile(config: AppConfig, now = new Date()): string {
  const name = config.DATABASE_URL
    ? serverTarget(config.DATABASE_URL).database
    : basename(config.SQLITE_PATH, extname(config.SQLITE_PATH));
  const ext = config.DATABASE_URL ? 'sql' : 'sqlite';
  return join(config.VAR_DIR, 'backups', `${name}-${shanghaiStamp(now)}.${ext}`);
}

/** YYYYMMDD-HHmmss in Asia/Shanghai (UTC+8 all year: China has no daylight saving time). */
export function shanghaiStamp(d: Date): string {
  const iso = new Date(d.getTime() + 8 * 3600_000).toISOString();
  return `${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}`;
}

export function formatSize(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let n = bytes;
  let u = 0;
  while (n >= 1024 && u < units.length - 1) {
    n /= 1024;
    u++;
  }
  return u === 0 ? `${bytes} bytes` : `${n.toFixed(1)} ${units[u]}, ${bytes} bytes`;
}

const isGz = (file: string) => file.toLowerCase().endsWith('.gz');

/** The first bytes of a file (fewer if it is shorter). */
function head(file: string, length: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(length);
    return buf.subarray(0, readSync(fd, buf, 0, length, 0));
  } finally {
    closeSync(fd);
  }
}

const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/** The first bytes of the backup's content (gunzipped when the file is gzip). */
async function contentHead(file: string, length: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let got = 0;
  const stream = readBackup(file);
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      got += chunk.length;
      if (got >= length) break;
    }
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks).subarray(0, length);
}

/** The backup's content as a stream, gunzipped when the file is gzip (by its first bytes). */
function readBackup(file: string): Readable {
  const raw = createReadStream(file);
  return head(file, 2).equals(GZIP_MAGIC) ? raw.pipe(createGunzip()) : raw;
}

/** Writes `source` to `<file>.partial` (through gzip when `file` ends in .gz): the caller renames it when complete. */
async function writePartial(file: string, source: Readable): Promise<string> {
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  await (isGz(file)
    ? pipeline(source, createGzip(), createWriteStream(partial))
    : pipeline(source, createWriteStream(partial)));
  return partial;
}

/** The first of `names` found as an executable on PATH. */
function findExecutable(names: string[]): string | undefined {
  const dirs = (process.env['PATH'] ?? '').split(delimiter).filter(Boolean);
  for (const name of names)
    for (const dir of dirs) {
      const full = join(dir, name);
      try {
        accessSync(full, constants.X_OK);
        if (statSync(full).isFile()) return full;
      } catch {
        /* not here */
      }
    }
  return undefined;
}

/** Client arguments for a server: no option files (the URL is the whole truth), TCP like the platform. */
function connectionArgs(t: ServerTarget): string[] {
  return [
    '--no-defaults',
    '--protocol=TCP',
    `--host=${t.host}`,
    `--port=${t.port}`,
    `--user=${t.user}`,
    '--default-character-set=utf8mb4',
  ];
}

/** The password reaches the client through MYSQL_PWD, never its argv (visible in ps). */
const clientEnv = (t: ServerTarget): NodeJS.ProcessEnv => ({
  ...process.env,
  MYSQL_PWD: t.password,
});

function waitExit(child: ReturnType<typeof spawn>): Promise<number> {
  return new Promise((res, rej) => {
    child.once('error', rej);
    child.once('close', (code, signal) => res(code ?? (signal ? 128 : 1)));
  });
}

async function dumpServer(t: ServerTarget, file: string): Promise<void> {
  if (!t.database) throw new Error('DATABASE_URL names no database');
  const bin = findExecutable(['mariadb-dump', 'mysqldump']);
  if (!bin)
    throw new Error(
      'db backup needs mariadb-dump or mysqldump on PATH (Debian/Ubuntu: apt-get install mariadb-client)',
    );
  const child = spawn(
    bin,
    [
      ...connectionArgs(t),
      '--single-transaction',
      '--routines',
      '--triggers',
      '--hex-blob',
      '--no-tablespaces',
      t.database,
    ],
    { env: clientEnv(t), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const stderr = collect(child.stderr);
  const exited = waitExit(child);
  const written = writePartial(file, child.stdout as Readable);
  const [code, write] = await Promise.allSettled([exited, written]);
  const status = code.status === 'fulfilled' ? code.value : undefined;
  if (status !== 0 || write.status === 'rejected') {
    rmSync(`${file}.partial`, { force: true });
    const why =
      code.status === 'rejected'
        ? (code.reason as Error).message
        : status !== 0
          ? `exit code ${status}`
          : write.status === 'rejected'
            ? (write.reason as Error).message
            : '';
    throw new Error(`${basename(bin)} failed (${why})${stderr() ? `:\n${stderr()}` : ''}`);
  }
  renameSync(write.value, file);
  const warnings = stderr();
  if (warnings) process.stderr.write(`${warnings}\n`);
}

function collect(stream: Readable | null): () => string {
  const chunks: Buffer[] = [];
  stream?.on('data', (c: Buffer) => chunks.push(c));
  return () => Buffer.concat(chunks).toString('utf8').trim();
}

async function withServer<T>(
  t: ServerTarget,
  database: string | undefined,
  fn: (
    query: (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>,
  ) => Promise<T>,
): Promise<T> {
  const conn = await createConnection({
    host: t.host,
    port: t.port,
    user: t.user,
    password: t.password,
    database,
    charset: 'utf8mb4_unicode_ci',
  });
  try {
    return await fn(async (sql, params) => (await conn.query(sql, params))[0] as never);
  } finally {
    await conn.end();
  }
}

const bq = (name: string) => `\`${name.replace(/`/g, '``')}\``;

/** Restores a dump into the URL's database (created when missing); the name of the database, or undefined when refused. */
async function restoreServer(
  t: ServerTarget,
  file: string,
  yes: boolean,
  io: BackupIo,
): Promise<string | undefined> {
  if (!t.database) throw new Error('DATABASE_URL names no database');
  const start = await contentHead(file, 4096);
  if (start.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC))
    throw new Error(`${file} is an embedded (SQLite) backup: restore it without DATABASE_URL`);
  if (start.includes(0)) throw new Error(`${file} is not an SQL dump (binary content)`);
  const bin = findExecutable(['mariadb', 'mysql']);
  if (!bin)
    throw new Error(
      'db restore needs the mariadb or mysql client on PATH (Debian/Ubuntu: apt-get install mariadb-client)',
    );
  await withServer(t, undefined, async (query) => {
    const found = await query('SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [
      t.database,
    ]);
    if (!found.length)
      await query(
        `CREATE DATABASE ${bq(t.database)} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
      );
  });
  const refused = await withServer(t, t.database, async (query) => {
    const objects = await query(
      `SELECT TABLE_NAME AS name, TABLE_TYPE AS type FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()`,
    );
    if (!objects.length) return false;
    if (!yes) {
      io.err(
        `database ${t.database} is not empty (${objects.length} tables): a restore replaces the whole database. ` +
          'Stop the api and worker, then run again with --yes.',
      );
      return true;
    }
    const others = await query(
      'SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE DB = DATABASE() AND ID <> CONNECTION_ID()',
    );
    if (Number(others[0]?.['n']) > 0)
      io.err(
        `warning: ${others[0]['n']} other connections use ${t.database}; stop the api and worker during a restore`,
      );
    // Tables the backup lacks must go too: the database becomes exactly the backup.
    await query('SET FOREIGN_KEY_CHECKS = 0');
    for (const o of objects)
      await query(
        `DROP ${o['type'] === 'VIEW' ? 'VIEW' : 'TABLE'} IF EXISTS ${bq(String(o['name']))}`,
      );
    await query('SET FOREIGN_KEY_CHECKS = 1');
    return false;
  });
  if (refused) return undefined;
  const child = spawn(bin, [...connectionArgs(t), '--batch', t.database], {
    env: clientEnv(t),
    stdio: ['pipe', 'inherit', 'pipe'],
  });
  const stderr = collect(child.stderr);
  const exited = waitExit(child);
  const fed = pipeline(readBackup(file), child.stdin as Writable);
  const [code, feed] = await Promise.allSettled([exited, fed]);
  const status = code.status === 'fulfilled' ? code.value : undefined;
  if (status !== 0 || feed.status === 'rejected') {
    const why =
      code.status === 'rejected'
        ? (code.reason as Error).message
        : status !== 0
          ? `exit code ${status}`
          : feed.status === 'rejected'
            ? (feed.reason as Error).message
            : '';
    throw new Error(
      `${basename(bin)} failed (${why})${stderr() ? `:\n${stderr()}` : ''}\nThe database ${t.database} may be partly restored: restore again.`,
    );
  }
  return t.database;
}

/** SQLite's online backup: consistent while the api and worker keep writing. */
async function backupSqlite(database: string, file: string): Promise<void> {
  if (!existsSync(database)) throw new Error(`no embedded database at ${database} (SQLITE_PATH)`);
  const db = openSqlite(database, { fileMustExist: true });
  const raw = `${file}.${process.pid}.sqlite.tmp`;
  rmSync(raw, { force: true });
  try {
    await db.backup(raw);
    if (isGz(file)) renameSync(await writePartial(file, createReadStream(raw)), file);
    else renameSync(raw, file);
  } finally {
    db.close();
    rmSync(raw, { force: true });
    rmSync(`${file}.partial`, { force: true });
  }
}

/** True when another connection (the api, the worker) has the SQLite file open or is writing to it. */
function inUse(db: SqliteDatabase): boolean {
  db.pragma('busy_timeout = 0');
  try {
    // Leaving WAL mode needs every other connection closed; BEGIN EXCLUSIVE catches a writer otherwise.
    db.pragma('journal_mode = DELETE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('ROLLBACK');
    return false;
  } catch (err) {
    if ((err as { code?: string }).code?.startsWith('SQLITE_BUSY')) return true;
    throw err;
  }
}

/** Copies a backup over the SQLite file (when no one has it open); the file, or undefined when refused. */
async function restoreSqlite(
  file: string,
  database: string,
  yes: boolean,
  io: BackupIo,
): Promise<string | undefined> {
  if (file === database) throw new Error('the backup file is the database itself');
  mkdirSync(dirname(database), { recursive: true });
  const temp = `${database}.restore-${process.pid}.tmp`;
  const cleanTemp = () => {
    for (const f of [temp, `${temp}-wal`, `${temp}-shm`, `${temp}-journal`])
      rmSync(f, { force: true });
  };
  try {
    if (head(file, 2).equals(GZIP_MAGIC))
      await pipeline(createReadStream(file), createGunzip(), createWriteStream(temp));
    else copyFileSync(file, temp);
    if (!head(temp, SQLITE_MAGIC.length).equals(SQLITE_MAGIC))
      throw new Error(
        `${file} is not an embedded (SQLite) backup: a MariaDB/MySQL dump restores with DATABASE_URL set`,
      );
    const check = openSqlite(temp, { fileMustExist: true });
    try {
      const result = check.pragma('quick_check', { simple: true });
      if (result !== 'ok') throw new Error(`${file} is damaged: ${String(result)}`);
    } finally {
      check.close();
    }
    if (existsSync(database)) {
      const db = openSqlite(database, { fileMustExist: true });
      try {
        const tables = db
          .prepare(
            `SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'`,
          )
          .get() as { n: number };
        if (tables.n > 0 && !yes) {
          io.err(
            `${database} is not empty (${tables.n} tables): a restore replaces the whole database. ` +
              'Stop the api and worker, then run again with --yes.',
          );
          return undefined;
        }
        if (inUse(db)) {
          io.err(
            `${database} is in use (the api or worker has it open): stop them, then restore again. ` +
              'Copying a backup over an open SQLite database would corrupt it.',
          );
          return undefined;
        }
      } finally {
        db.close();
      }
    }
    // The old database's journal files belong to it, never to the restored one.
    for (const f of [`${database}-wal`, `${database}-shm`, `${database}-journal`])
      rmSync(f, { force: true });
    renameSync(temp, database);
    return database;
  } finally {
    cleanTemp();
  }
}
