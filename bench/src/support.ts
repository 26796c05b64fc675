import autocannon from 'autocannon';
import { ChildProcess, fork } from 'node:child_process';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '@gv/config';
import { onServer, openDataSource, seedDemoIfEmpty } from '@gv/platform';

export const DIST = resolve(__dirname, '../..');
export const BENCH_DB_SERVER =
  process.env['BENCH_DATABASE_URL'] ?? 'mariadb://root@127.0.0.1:3306/test';
export const BENCH_REDIS = process.env['BENCH_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
export const DURATION = Number(process.env['BENCH_SECONDS'] ?? 8);

export interface LoadResult {
  target: string;
  connections: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

/** autocannon from this process against a server in another process. */
export async function load(
  target: string,
  url: string,
  connections: number,
  headers: Record<string, string> = {},
): Promise<LoadResult> {
  const r = await autocannon({ url, connections, duration: DURATION, headers });
  return {
    target,
    connections,
    rps: Math.round(r.requests.average),
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors,
    non2xx: r.non2xx,
  };
}

/** Starts a built entry point as a child process and waits until `probe` answers. */
export async function startServer(
  entry: string,
  env: Record<string, string>,
  probe: string,
): Promise<ChildProcess> {
  // BENCH_PROFILE_DIR=/tmp/prof: every server writes a V8 CPU profile there when it stops (open it in
  // Chrome DevTools or speedscope), to see where a scenario's time goes.
  const profile = process.env['BENCH_PROFILE_DIR'];
  const child = fork(resolve(DIST, entry), [], {
    execArgv: profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const res = await fetch(probe);
      if (res.ok) return child;
    } catch {
      /* not up yet */
    }
    if (child.exitCode !== null) throw new Error(`${entry} exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error(`${entry} did not answer ${probe}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export function stop(child: ChildProcess | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (!child || child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

export interface ScratchDatabase<T> {
  /** mariadb://…/<name> of the new database. */
  url: string;
  /** What `prepare` returned. */
  prepared: T;
  drop(): Promise<void>;
}

/**
 * A new MariaDB database on BENCH_DATABASE_URL's server, migrated and seeded with the demo street;
 * `prepare` may add data before the connection closes. `drop()` removes it.
 */
export async function scratchDatabase<T = undefined>(
  prefix: string,
  prepare?: (ds: DataSource) => Promise<T>,
): Promise<ScratchDatabase<T>> {
  const name = `${prefix}_${Date.now()}`;
  const url = new URL(BENCH_DB_SERVER);
  url.pathname = `/${name}`;
  const server = loadConfig({ DATABASE_URL: BENCH_DB_SERVER, LOG_LEVEL: 'silent' });
  const drop = () =>
    onServer(server, (s) => s.query(`DROP DATABASE IF EXISTS \`${name}\``)).then(() => undefined);
  await onServer(server, (s) =>
    s.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`),
  );
  let prepared = undefined as T;
  try {
    const config = loadConfig({ DATABASE_URL: url.toString(), LOG_LEVEL: 'silent' });
    const ds = await openDataSource(config);
    try {
      await ds.runMigrations({ transaction: 'each' });
      await seedDemoIfEmpty(ds, config);
      if (prepare) prepared = await prepare(ds);
    } finally {
      await ds.destroy();
    }
  } catch (err) {
    await drop();
    throw err;
  }
  return { url: url.toString(), prepared, drop };
}

/** The bare NestJS hello-world every HTTP scenario compares against, on `port`. */
export function startBaseline(port: number): Promise<ChildProcess> {
  return startServer(
    'bench/src/hello-server.js',
    { PORT: String(port) },
    `http://127.0.0.1:${port}/`,
  );
}

/** The built api in production mode (MariaDB + Redis, one process) on `port`. */
export function startProductionApi(port: number, databaseUrl: string): Promise<ChildProcess> {
  return startServer(
    'apps/api/src/main.js',
    {
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      REDIS_URL: BENCH_REDIS,
      QUEUE_PREFIX: `bench${port}x${Date.now()}`,
      SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-00',
      LOG_LEVEL: 'warn',
      COOKIE_SECURE: 'false',
      DB_POOL_SIZE: '20',
    },
    `http://127.0.0.1:${port}/health/live`,
  );
}

/** A bearer token (also usable as the session cookie) for a seeded demo account. */
export async function signIn(base: string, email: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'Demo!2026' }),
  });
  return ((await res.json()) as { token: string }).token;
}

/** Table rows with the ratio of each target's req/s to the first row (the baseline). */
export function ratioRows(rows: LoadResult[]): Array<Record<string, string | number>> {
  const base = rows[0].rps;
  return rows.map((r) => ({
    target: r.target,
    connections: r.connections,
    'req/s': r.rps,
    'p50 ms': r.p50,
    'p99 ms': r.p99,
    'ratio to baseline': Number((r.rps / base).toFixed(3)),
    errors: r.errors + r.non2xx,
  }));
}
