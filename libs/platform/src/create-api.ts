import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '@gv/config';
import { configureApp } from '@gv/web';
import { HealthController } from './health.controller';
import { PlatformModule } from './platform.module';
import { resolveSecret } from './secret';
import { seedDemoIfEmpty } from './seed';
import { NAV, VIEW_DIRS } from './view-dirs';
import { mountQueueDashboard } from './queue-dashboard';

/** Builds the HTTP app (used by apps/api, the e2e tests and the bench) without listening. */
export async function createApi(config: AppConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    PlatformModule.forRoot(config, 'api'),
    { bufferLogs: true, bodyParser: false },
  );
  const health = app.get(HealthController);
  configureApp(app, {
    viewDirs: VIEW_DIRS,
    nav: NAV,
    secret: resolveSecret(config),
    // The probes skip the middleware (the controller still documents them and serves other methods' 404s).
    earlyRoutes: {
      '/health/live': () => health.live(),
      '/health/ready': (res) => health.ready(res),
    },
  });
  if (config.usesRedis && config.QUEUE_DASHBOARD) mountQueueDashboard(app);
  if (config.seedDemo) await seedDemoIfEmpty(app.get<DataSource>(getDataSourceToken()), config);
  await app.init();
  return app;
}
