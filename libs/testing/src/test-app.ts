import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import IORedis from 'ioredis';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppConfig, loadConfig } from '@gv/config';
import { createApi, PlatformModule, seedDemoIfEmpty } from '@gv/platform';

export interface TestApp {
  app: INestApplication;
  config: AppConfig;
  ds: DataSource;
  http: ReturnType<typeof request>;
  close(): Promise<void>;
}

/** The full api (all modules, filters, guards, CSRF) on this worker's database; env overrides per test file. */
export async function createTestApp(
  env: Record<string, string | undefined> = {},
): Promise<TestApp> {
  const config = loadConfig({ ...process.env, ...env });
  const app = await createApi(config);
  const ds = app.get<DataSource>(getDataSourceToken());
  return {
    app,
    config,
    ds,
    get http() {
      return request(app.getHttpServer());
    },
    close: () => app.close(),
  };
}

/** The worker app (BullMQ consumers, no HTTP) on the same database and Redis prefix. */
export async function createTestWorker(
  env: Record<string, string | undefined> = {},
): Promise<INestApplicationContext> {
  const config = loadConfig({ ...process.env, ...env });
  const worker = await NestFactory.createApplicationContext(
    PlatformModule.forRoot(config, 'worker'),
    { logger: false },
  );
  await worker.init();
  return worker;
}

/** Empties every table (except the migrations table) and seeds the demo street again. */
export async function resetDatabase(ds: DataSource, config: AppConfig): Promise<void> {
  const tables = ds.entityMetadatas.map((m) => m.tableName);
  if (ds.options.type === 'better-sqlite3') {
    await ds.query('PRAGMA foreign_keys = OFF');
    for (const t of tables) await ds.query(`DELETE FROM "${t}"`);
    await ds.query('DELETE FROM sqlite_sequence').catch(() => undefined);
    await ds.query('PRAGMA foreign_keys = ON');
  } else {
    const qr = ds.createQueryRunner();
    try {
      await qr.query('SET FOREIGN_KEY_CHECKS = 0');
      for (const t of tables) await qr.query(`TRUNCATE TABLE \`${t}\``);
      await qr.query('SET FOREIGN_KEY_CHECKS = 1');
    } finally {
      await qr.release();
    }
  }
  await clearRedisPrefix(config);
  await seedDemoIfEmpty(ds, config);
}

/** Deletes this run's Redis keys (login throttle counters, queues) so tests start clean. */
export async function clearRedisPrefix(config: AppConfig): Promise<void> {
  if (!config.REDIS_URL) return;
  const redis = new IORedis(config.REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(
        cursor,
        'MATCH',
        `${config.QUEUE_PREFIX}:*`,
        'COUNT',
        500,
      );
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
}

/** A bearer token for a seeded account. */
export async function bearer(
  http: ReturnType<typeof request>,
  email: string,
  password = 'Demo!2026',
): Promise<string> {
  const res = await http.post('/api/v1/auth/token').send({ email, password }).expect(200);
  return res.body.token as string;
}

/** The CSRF token and cookies of a page, for posting its form like a browser. */
export function csrfFrom(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no CSRF token in page');
  return m[1];
}

/** Signs in through the login form like a browser; returns the session cookie (`gv_session=…`). */
export async function formLogin(
  http: ReturnType<typeof request>,
  email: string,
  password = 'Demo!2026',
): Promise<string> {
  const p = await http.get('/login').expect(200);
  const res = await http
    .post('/login')
    .set('Cookie', p.headers['set-cookie'] as unknown as string[])
    .type('form')
    .send({ _csrf: csrfFrom(p.text), email, password })
    .expect(303);
  const session = (res.headers['set-cookie'] as unknown as string[]).find((c) =>
    c.startsWith('gv_session='),
  );
  if (!session) throw new Error(`login as ${email} set no session cookie`);
  return session.split(';')[0];
}

/** GETs a page as a signed-in browser would; returns the page, the cookies to post with and its CSRF token. */
export async function openPage(
  http: ReturnType<typeof request>,
  session: string,
  url: string,
  status = 200,
) {
  const res = await http.get(url).set('Cookie', [session]).expect(status);
  const csrfCookie = ((res.headers['set-cookie'] as unknown as string[] | undefined) ?? [])
    .filter((c) => c.startsWith('gv_csrf='))
    .map((c) => c.split(';')[0]);
  return {
    res,
    cookies: [session, ...csrfCookie],
    csrf: /name="_csrf" value="([^"]+)"/.exec(res.text)?.[1] ?? '',
  };
}
