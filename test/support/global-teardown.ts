// Global setup runs outside Jest's module resolution (no @gv/* aliases): it uses the build,
// which the test command makes first (`npm run build`).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { onServer } =
  require('../../dist/libs/platform/src/index.js') as typeof import('@gv/platform');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { loadConfig } =
  require('../../dist/libs/config/src/index.js') as typeof import('@gv/config');
import IORedis from 'ioredis';
import { MAX_WORKERS, TEST_DATABASE_URL, TEST_REDIS_URL, workerDatabaseUrl } from './constants';

export default async function globalTeardown(): Promise<void> {
  const runId = process.env['GV_TEST_RUN'];
  if (!runId) return;
  const server = loadConfig({ DATABASE_URL: TEST_DATABASE_URL, LOG_LEVEL: 'silent' });
  for (let w = 1; w <= MAX_WORKERS; w++) {
    const name = new URL(workerDatabaseUrl(runId, w)).pathname.slice(1);
    await onServer(server, (s) => s.query(`DROP DATABASE IF EXISTS \`${name}\``));
  }
  // This run's queues and counters (every worker's QUEUE_PREFIX starts with gvtest-<run>-).
  const redis = new IORedis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `gvtest-${runId}-*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
}
