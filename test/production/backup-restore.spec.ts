import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { openSqlite, tableFingerprints, TableFingerprint } from '../../apps/cli/src/db-fingerprint';
import { TEST_DATABASE_URL } from '../support/constants';

/** `npm run db:backup` / `db:restore` as an operator runs them: the built CLI in its own process. */
const CLI = resolve(__dirname, '../../dist/apps/cli/src/main.js');
const worker = Number(process.env['JEST_WORKER_ID'] ?? '1');
const runId = process.env['GV_TEST_RUN'] ?? Date.now().toString(36);

function cli(args: string[], env: Record<string, string | undefined>) {
  const e: Record<string, string | undefined> = {
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    ...env,
  };
  delete e['REDIS_URL'];
  for (const [k, v] of Object.entries(e)) if (v === undefined) delete e[k];
  const r = spawnSync('node', [CLI, ...args], {
    encoding: 'utf8',
    env: e as NodeJS.ProcessEnv,
    input: '',
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, error: r.error };
}

/** Runs a CLI command that must succeed; its stdout. */
function ok(args: string[], env: Record<string, string | undefined>): string {
  const r = cli(args, env);
  if (r.status !== 0)
    throw new Error(
      `cli ${args.join(' ')} exited with ${r.status}: ${r.error?.message ?? ''}\n${r.stderr}`,
    );
  return r.stdout;
}

/** The `restored … : N tables` report lists every table with its row count. */
function expectCountsPrinted(stdout: string, fingerprints: TableFingerprint[]): void {
  expect(stdout).toContain(`${fingerprints.length} tables`);
  for (const f of fingerprints)
    expect(stdout).toMatch(new RegExp(`^\\s+${f.table}\\s+${f.rows}$`, 'm'));
}

function expectSame(restored: TableFingerprint[], original: TableFingerprint[]): void {
  expect(restored).toEqual(original);
  // The demo street fills most tables: an empty backup would compare equal too.
  expect(original.filter((f) => f.rows > 0).length).toBeGreaterThan(10);
}

async function onServer(sql: string): Promise<void> {
  const u = new URL(TEST_DATABASE_URL);
  const conn = await createConnection({
    host: u.hostname,
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
  });
  try {
    await conn.query(sql);
  } finally {
    await conn.end();
  }
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function databaseUrl(name: string): string {
  const u = new URL(TEST_DATABASE_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

describe('db backup / db restore on MariaDB (mariadb-dump)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gv-backup-'));
  const names = ['src', 'dst', 'new'].map((n) => `gv_bk_${runId}_${worker}_${n}`);
  const [srcUrl, dstUrl, newUrl] = names.map(databaseUrl);
  const env = (url: string) => ({ DATABASE_URL: url, VAR_DIR: dir });
  let original: TableFingerprint[];

  beforeAll(async () => {
    // No MariaDB: this fails (it never skips).
    for (const n of names.slice(0, 2))
      await onServer(`CREATE DATABASE \`${n}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    ok(['db', 'migrate'], env(srcUrl));
    expect(ok(['db', 'seed'], env(srcUrl))).toContain('seeded demo data');
    original = await tableFingerprints(srcUrl);
  }, 180_000);

  afterAll(async () => {
    for (const n of names) await onServer(`DROP DATABASE IF EXISTS \`${n}\``);
    rmSync(dir, { recursive: true, force: true });
  });

  it('restores a gzipped dump into a fresh database: every table has the same rows and checksum', async () => {
    const file = join(dir, 'backup.sql.gz');
    const out = ok(['db', 'backup', file], env(srcUrl));
    expect(out).toMatch(new RegExp(`^wrote ${esc(file)} \\(`));
    expect(existsSync(`${file}.partial`)).toBe(false);
    const restored = ok(['db', 'restore', file], env(dstUrl));
    const copy = await tableFingerprints(dstUrl);
    expectSame(copy, original);
    expectCountsPrinted(restored, copy);
    console.log(
      `MariaDB: ${copy.length} tables, ${copy.filter((f) => f.rows > 0).length} non-empty, ` +
        `${copy.reduce((n, f) => n + f.rows, 0)} rows restored equal`,
    );
  }, 120_000);

  it('writes <VAR_DIR>/backups/<db>-<YYYYMMDD-HHmmss>.sql by default and creates a missing database on restore', async () => {
    const out = ok(['db', 'backup'], env(srcUrl));
    const m = out.match(/^wrote (\S+) \(/);
    expect(m?.[1]).toMatch(
      new RegExp(`^${esc(join(dir, 'backups'))}/${names[0]}-\\d{8}-\\d{6}\\.sql$`),
    );
    ok(['db', 'restore', m?.[1] as string], env(newUrl));
    expectSame(await tableFingerprints(newUrl), original);
    // The checksum sees a changed value, not only a changed row count.
    await onServer(`UPDATE \`${names[2]}\`.\`organisation\` SET name = CONCAT(name, '!') LIMIT 1`);
    const changed = (await tableFingerprints(newUrl)).find((f) => f.table === 'organisation');
    const before = original.find((f) => f.table === 'organisation');
    expect(changed?.rows).toBe(before?.rows);
    expect(changed?.checksum).not.toBe(before?.checksum);
  }, 120_000);

  it('refuses to restore over a database that is not empty without --yes, then replaces it with --yes', async () => {
    const file = join(dir, 'backup.sql.gz');
    await onServer(`CREATE TABLE \`${names[1]}\`.\`stray\` (id INT PRIMARY KEY)`);
    const refused = cli(['db', 'restore', file], env(dstUrl));
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('replaces the whole database');
    expect(refused.stderr).toContain('--yes');
    ok(['db', 'restore', file, '--yes'], env(dstUrl));
    // The stray table is gone: the database is exactly the backup.
    expectSame(await tableFingerprints(dstUrl), original);
  }, 120_000);

  it('refuses an embedded (SQLite) backup', () => {
    const embedded = join(dir, 'embedded.sqlite');
    const db = openSqlite(embedded);
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY)');
    db.close();
    const r = cli(['db', 'restore', embedded, '--yes'], env(dstUrl));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('embedded (SQLite) backup');
  });
});

describe('db backup / db restore on the embedded database (SQLite online backup)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gv-backup-sqlite-'));
  const src = join(dir, 'src.sqlite');
  const dst = join(dir, 'restored', 'dst.sqlite');
  const env = (sqlite: string) => ({ DATABASE_URL: undefined, SQLITE_PATH: sqlite, VAR_DIR: dir });
  let original: TableFingerprint[];

  beforeAll(async () => {
    ok(['db', 'migrate'], env(src));
    expect(ok(['db', 'seed'], env(src))).toContain('seeded demo data');
    original = await tableFingerprints(src);
  }, 120_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('backs up while the database is open (online), restores into a fresh file: same rows and checksums', async () => {
    const file = join(dir, 'backup.sqlite.gz');
    const app = openSqlite(src);
    try {
      app.prepare('SELECT COUNT(*) FROM district').get();
      expect(ok(['db', 'backup', file], env(src))).toContain(`wrote ${file} (`);
    } finally {
      app.close();
    }
    const restored = ok(['db', 'restore', file], env(dst));
    const copy = await tableFingerprints(dst);
    expectSame(copy, original);
    expectCountsPrinted(restored, copy);
    console.log(
      `SQLite: ${copy.length} tables, ${copy.filter((f) => f.rows > 0).length} non-empty, ` +
        `${copy.reduce((n, f) => n + f.rows, 0)} rows restored equal`,
    );
  }, 120_000);

  it('writes <VAR_DIR>/backups/<name>-<YYYYMMDD-HHmmss>.sqlite by default', async () => {
    const out = ok(['db', 'backup'], env(src));
    const m = out.match(/^wrote (\S+) \(/);
    expect(m?.[1]).toMatch(new RegExp(`^${esc(join(dir, 'backups'))}/src-\\d{8}-\\d{6}\\.sqlite$`));
    const copy = m?.[1] as string;
    expectSame(await tableFingerprints(copy), original);
    // The checksum sees a changed value, not only a changed row count.
    const db = openSqlite(copy);
    db.exec(
      `UPDATE organisation SET name = name || '!' WHERE rowid = (SELECT MIN(rowid) FROM organisation)`,
    );
    db.close();
    const changed = (await tableFingerprints(copy)).find((f) => f.table === 'organisation');
    const before = original.find((f) => f.table === 'organisation');
    expect(changed?.rows).toBe(before?.rows);
    expect(changed?.checksum).not.toBe(before?.checksum);
  });

  it('refuses to replace a database that is not empty without --yes, or that an app has open', async () => {
    const file = join(dir, 'backup.sqlite.gz');
    const before = await tableFingerprints(dst);
    const refused = cli(['db', 'restore', file], env(dst));
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('replaces the whole database');
    const app = openSqlite(dst);
    try {
      app.prepare('SELECT COUNT(*) FROM district').get();
      const inUse = cli(['db', 'restore', file, '--yes'], env(dst));
      expect(inUse.status).toBe(1);
      expect(inUse.stderr).toContain('is in use');
    } finally {
      app.close();
    }
    expect(await tableFingerprints(dst)).toEqual(before);
    expect(ok(['db', 'restore', file, '--yes'], env(dst))).toContain('restored');
    expectSame(await tableFingerprints(dst), original);
  });

  it('refuses a MariaDB dump and a missing file', () => {
    const dump = join(dir, 'dump.sql');
    writeFileSync(dump, '-- MariaDB dump 10.19\nCREATE TABLE t (id INT);\n');
    const r = cli(['db', 'restore', dump, '--yes'], env(dst));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('not an embedded (SQLite) backup');
    const missing = cli(['db', 'restore', join(dir, 'nope.sqlite')], env(dst));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('no such backup file');
  });
});
