import autocannon from 'autocannon';
import { ChildProcess, fork } from 'node:child_process';
import { resolve } from 'node:path';

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
  const child = fork(resolve(DIST, entry), [], {
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
