import 'reflect-metadata';
import { resolve } from 'node:path';
import { loadConfigOrExit } from '@gv/config';
import { createApi, DEMO_ACCOUNTS } from '@gv/platform';

async function main() {
  const config = loadConfigOrExit();
  const app = await createApi(config);
  await app.listen(config.PORT, config.HOST);
  const mode = config.embedded
    ? `embedded (SQLite ${resolve(config.SQLITE_PATH)}, in-process jobs, mail → ${resolve(config.VAR_DIR, 'mail')})`
    : `production (${config.dbType}, ${config.usesRedis ? 'BullMQ' : 'in-process jobs'})`;
  const lines = [
    '',
    `  东关街道社区公益创投平台 / gongyi-venture is running: ${config.PUBLIC_URL}`,
    `  mode: ${mode}`,
    `  API docs: ${config.PUBLIC_URL}/api/docs`,
  ];
  if (config.seedDemo) {
    lines.push(`  demo accounts (password ${config.DEMO_PASSWORD}):`);
    for (const a of DEMO_ACCOUNTS) lines.push(`    ${a.role.padEnd(16)} ${a.email}`);
  }
  console.log(lines.join('\n') + '\n');
}

void main();
