import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
// Global setup runs outside Jest's module resolution (no @gv/* aliases): it uses the build,
// which the test command makes first (`npm run build`).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { onServer, openDataSource } =
  require('../../dist/libs/platform/src/index.js') as typeof import('@gv/platform');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { loadConfig } =
  require('../../dist/libs/config/src/index.js') as typeof import('@gv/config');
import { MAX_WORKERS, TEST_DATABASE_URL, workerDatabaseUrl } from './constants';

/** Creates and migrates one database per Jest worker (dropped in global teardown). */
export default async function globalSetup(): Promise<void> {
  const runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  process.env['GV_TEST_RUN'] = runId;
  const server = loadConfig({ DATABASE_URL: TEST_DATABASE_URL, LOG_LEVEL: 'silent' });
  for (let w = 1; w <= MAX_WORKERS; w++) {
    const url = workerDatabaseUrl(runId, w);
    const name = new URL(url).pathname.slice(1);
    await onServer(server, (s) =>
      s.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`),
    );
    const ds = await openDataSource(loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent' }));
    await ds.runMigrations({ transaction: 'each' });
    await ds.destroy();
  }
}
