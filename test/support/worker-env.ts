import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_REDIS_URL, workerDatabaseUrl } from './constants';

// Runs in each Jest worker before any import: points the platform at this worker's database,
// a per-run Redis prefix and a private var/ folder. LOG_LEVEL must be set before Nest modules load.
const worker = Number(process.env['JEST_WORKER_ID'] ?? '1');
const runId = process.env['GV_TEST_RUN'] as string;
process.env['NODE_ENV'] = 'test';
process.env['LOG_LEVEL'] = process.env['TEST_LOG_LEVEL'] ?? 'silent';
process.env['DATABASE_URL'] = workerDatabaseUrl(runId, worker);
process.env['REDIS_URL'] = TEST_REDIS_URL;
process.env['QUEUE_PREFIX'] = `gvtest-${runId}-${worker}`;
process.env['DB_RETRY_ATTEMPTS'] = '0';
process.env['SEED_DEMO'] = 'false';
process.env['SESSION_SECRET'] = 'test-secret-test-secret-test-secret-0123';
process.env['VAR_DIR'] = mkdtempSync(join(tmpdir(), `gv-test-${worker}-`));
process.env['SQLITE_PATH'] = join(process.env['VAR_DIR'], 'embedded.sqlite');
