import { ChildProcess } from 'node:child_process';
import { loadConfig } from '@gv/config';
import { onServer, openDataSource, seedDemoIfEmpty } from '@gv/platform';
import { BenchResult } from '../bench-result';
import { BENCH_DB_SERVER, BENCH_REDIS, load, LoadResult, startServer, stop } from '../support';

/**
 * Foundation: the api in production mode (MariaDB + Redis) on /health/ready and on an authenticated
 * DB-backed page, against a bare NestJS hello-world in the same run.
 */
export async function run(): Promise<BenchResult> {
  const dbName = `gv_bench_${Date.now()}`;
  const url = new URL(BENCH_DB_SERVER);
  url.pathname = `/${dbName}`;
  const server = loadConfig({ DATABASE_URL: BENCH_DB_SERVER, LOG_LEVEL: 'silent' });
  await onServer(server, (s) =>
    s.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`),
  );
  const config = loadConfig({ DATABASE_URL: url.toString(), LOG_LEVEL: 'silent' });
  const ds = await openDataSource(config);
  await ds.runMigrations({ transaction: 'each' });
  await seedDemoIfEmpty(ds, config);
  await ds.destroy();

  let hello: ChildProcess | undefined;
  let api: ChildProcess | undefined;
  const rows: LoadResult[] = [];
  try {
    hello = await startServer(
      'bench/src/hello-server.js',
      { PORT: '3901' },
      'http://127.0.0.1:3901/',
    );
    api = await startServer(
      'apps/api/src/main.js',
      {
        NODE_ENV: 'production',
        PORT: '3902',
        HOST: '127.0.0.1',
        DATABASE_URL: url.toString(),
        REDIS_URL: BENCH_REDIS,
        QUEUE_PREFIX: `bench${Date.now()}`,
        SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-00',
        LOG_LEVEL: 'warn',
        COOKIE_SECURE: 'false',
        DB_POOL_SIZE: '20',
      },
      'http://127.0.0.1:3902/health/live',
    );
    const tokenRes = await fetch('http://127.0.0.1:3902/api/v1/auth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@dongguan.example.cn', password: 'Demo!2026' }),
    });
    const { token } = (await tokenRes.json()) as { token: string };
    rows.push(await load('baseline: bare NestJS hello-world GET /', 'http://127.0.0.1:3901/', 32));
    rows.push(
      await load(
        'api GET /health/ready (MariaDB + Redis ping)',
        'http://127.0.0.1:3902/health/ready',
        32,
      ),
    );
    rows.push(
      await load(
        'api GET /admin/users (signed in, DB-backed page)',
        'http://127.0.0.1:3902/admin/users',
        32,
        { cookie: `gv_session=${token}` },
      ),
    );
  } finally {
    await stop(api);
    await stop(hello);
    await onServer(server, (s) => s.query(`DROP DATABASE IF EXISTS \`${dbName}\``));
  }
  const base = rows[0].rps;
  return {
    scenario: 'http',
    rows: rows.map((r) => ({
      target: r.target,
      connections: r.connections,
      'req/s': r.rps,
      'p50 ms': r.p50,
      'p99 ms': r.p99,
      'ratio to baseline': Number((r.rps / base).toFixed(3)),
      errors: r.errors + r.non2xx,
    })),
    notes: [
      'api in production mode: NODE_ENV=production, MariaDB, Redis, one process; autocannon runs in the bench process.',
    ],
  };
}
