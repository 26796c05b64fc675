/** Shared by global setup, the per-worker env and teardown. */
export const TEST_DATABASE_URL =
  process.env['TEST_DATABASE_URL'] ?? 'mariadb://root@127.0.0.1:3306/test';
export const TEST_REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
export const MAX_WORKERS = 2;

export function workerDatabaseUrl(runId: string, worker: number): string {
  const u = new URL(TEST_DATABASE_URL);
  u.pathname = `/gv_t_${runId}_${worker}`;
  return u.toString();
}
