import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { loadConfigOrExit } from '@gv/config';
import { PlatformModule } from '@gv/platform';
import { quietNestLogger } from '@gv/web';

/** Consumes the BullMQ queues (WORKER_QUEUES, default all); no HTTP. SIGTERM finishes the jobs in hand. */
async function main() {
  const config = loadConfigOrExit();
  if (!config.usesRedis) {
    console.error(
      'REDIS_URL is not set: the worker consumes BullMQ queues. In embedded mode the api runs jobs itself.',
    );
    process.exit(78);
  }
  const app = await NestFactory.createApplicationContext(PlatformModule.forRoot(config, 'worker'), {
    bufferLogs: true,
  });
  app.useLogger(quietNestLogger(app.get(Logger)));
  app.enableShutdownHooks();
  await app.init();
}

void main();
