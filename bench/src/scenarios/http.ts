import { ChildProcess } from 'node:child_process';
import { BenchResult } from '../bench-result';
import {
  load,
  LoadResult,
  ratioRows,
  scratchDatabase,
  signIn,
  startBaseline,
  startProductionApi,
  stop,
} from '../support';

/**
 * Foundation: the api in production mode (MariaDB + Redis) on /health/live, /health/ready and on an authenticated
 * DB-backed page, against a bare NestJS hello-world in the same run.
 */
export async function run(): Promise<BenchResult> {
  const db = await scratchDatabase('gv_bench');
  let hello: ChildProcess | undefined;
  let api: ChildProcess | undefined;
  const rows: LoadResult[] = [];
  try {
    hello = await startBaseline(3901);
    api = await startProductionApi(3902, db.url);
    const token = await signIn('http://127.0.0.1:3902', 'admin@dongguan.example.cn');
    rows.push(await load('baseline: bare NestJS hello-world GET /', 'http://127.0.0.1:3901/', 32));
    rows.push(
      await load('api GET /health/live (no database)', 'http://127.0.0.1:3902/health/live', 32),
    );
    rows.push(
      await load(
        'api GET /health/ready (MariaDB + Redis ping)',
        'http://127.0.0.1:3902/health/ready',
        32,
      ),
    );
    rows.push(
      await load(
        'api GET /api/v1/me (bearer, answered from the sign-in cache: the signed-in floor)',
        'http://127.0.0.1:3902/api/v1/me',
        32,
        { authorization: `Bearer ${token}` },
      ),
    );
    rows.push(
      await load(
        'api GET /admin/users (signed in, DB-backed page)',
        'http://127.0.0.1:3902/admin/users',
        32,
        {
          cookie: `gv_session=${token}`,
        },
      ),
    );
  } finally {
    await stop(api);
    await stop(hello);
    await db.drop();
  }
  return {
    scenario: 'http',
    rows: ratioRows(rows),
    notes: [
      'api in production mode: NODE_ENV=production, MariaDB, Redis, one process; autocannon runs in the bench process.',
    ],
  };
}
