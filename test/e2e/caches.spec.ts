import IORedis from 'ioredis';
import { DataSource } from 'typeorm';
import { User } from '@gv/accounts';
import { Call } from '@gv/calls';
import { Role } from '@gv/core';
import { openDataSource } from '@gv/platform';
import { bearer, createTestApp, formLogin, resetDatabase, TestApp } from '@gv/testing';

const ADMIN = 'admin@dongguan.example.cn';
const JUDGE = 'judge@dongguan.example.cn';

/**
 * The in-process caches (#14): public pages shared by anonymous visitors, and checked sign-ins. Neither may
 * show one visitor's page or CSRF token to another, nor outlive a change: a write of this process, or of
 * another one (a second api instance, the worker) announced on Redis.
 */
describe('page and session caches (MariaDB + Redis)', () => {
  let t: TestApp;
  /** A second connection to the same database: a write through it is "another process's" write. */
  let other: DataSource;
  let redis: IORedis;
  const announce = (kinds: string[]) =>
    redis.publish(
      `${t.config.QUEUE_PREFIX}:changes`,
      JSON.stringify({ from: 'another-process', kinds }),
    );
  /** Waits until the announcement reached the app's subscriber (pub/sub is asynchronous). */
  const until = async (check: () => Promise<boolean>) => {
    for (let i = 0; i < 50; i++) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('condition not met within 1 s');
  };

  beforeAll(async () => {
    t = await createTestApp({ SESSION_CACHE_MS: '60000', PAGE_CACHE_MS: '60000' });
    other = await openDataSource(t.config);
    redis = new IORedis(t.config.REDIS_URL as string);
  });
  beforeEach(async () => {
    await resetDatabase(t.ds, t.config);
  });
  afterAll(async () => {
    redis.disconnect();
    await other.destroy();
    await t.close();
  });

  it('shares an anonymous public page with ETag and 304, never a signed-in one or a CSRF token', async () => {
    const first = await t.http.get('/calls').expect(200);
    expect(first.headers['cache-control']).toBe('no-cache');
    expect(first.headers['vary']).toMatch(/Cookie/);
    const etag = first.headers['etag'];
    expect(etag).toBeDefined();
    expect(first.text).not.toContain('name="_csrf"');
    const again = await t.http.get('/calls').expect(200);
    expect(again.headers['etag']).toBe(etag);
    expect(again.text).toBe(first.text);
    expect(again.headers['set-cookie']).toBeUndefined();
    await t.http.get('/calls').set('If-None-Match', etag).expect(304);

    // A signed-in visitor gets their own page (name, logout form with their token), never the shared one…
    const session = await formLogin(t.http, ADMIN);
    const mine = await t.http.get('/calls').set('Cookie', [session]).expect(200);
    expect(mine.text).toContain('name="_csrf"');
    expect(mine.text).not.toBe(first.text);
    // …and it is not shared with the next anonymous visitor.
    const anon = await t.http.get('/calls').expect(200);
    expect(anon.text).toBe(first.text);
    expect(anon.text).not.toContain('name="_csrf"');
    expect(anon.text).not.toContain('/logout');

    // Languages are cached apart.
    const en = await t.http.get('/calls').set('Cookie', ['gv_lang=en']).expect(200);
    expect(en.text).toContain('<html lang="en">');
    expect((await t.http.get('/calls').expect(200)).text).toContain('<html lang="zh-CN">');
  });

  it('does not share a listed page that carries a form (its CSRF token is per visitor)', async () => {
    const call = await t.ds.getRepository(Call).findOneOrFail({ where: {}, order: { id: 'ASC' } });
    for (const url of ['/', `/calls/${call.id}`, `/results/${call.id}`]) {
      const a = await t.http.get(url);
      const b = await t.http.get(url);
      const token = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
      if (token(a.text)) expect(token(b.text)).not.toBe(token(a.text));
    }
  });

  it('shows a change at once: a write of this process, and one of another process announced on Redis', async () => {
    const call = await t.ds.getRepository(Call).findOneOrFail({ where: {}, order: { id: 'ASC' } });
    const before = await t.http.get('/calls').expect(200);
    expect(before.text).toContain(call.title);

    await t.ds.getRepository(Call).update(call.id, { title: '缓存测试一' });
    const local = await t.http.get('/calls').expect(200);
    expect(local.text).toContain('缓存测试一');
    expect(local.headers['etag']).not.toBe(before.headers['etag']);

    // Another process's write: stale here until it is announced.
    await other.getRepository(Call).update(call.id, { title: '缓存测试二' });
    expect((await t.http.get('/calls').expect(200)).text).toContain('缓存测试一');
    await announce(['content']);
    await until(async () => (await t.http.get('/calls')).text.includes('缓存测试二'));
  });

  it('ends a cached sign-in at once on logout, deactivation and role change', async () => {
    const token = await bearer(t.http, JUDGE);
    const me = () => t.http.get('/api/v1/me').set('Authorization', `Bearer ${token}`);
    await me().expect(200);
    await me().expect(200); // now served from the cache
    await t.ds.getRepository(User).update({ email: JUDGE }, { active: false });
    await me().expect(401);
    await t.ds.getRepository(User).update({ email: JUDGE }, { active: true });
    await me().expect(200);

    // A role change applies to the next request.
    const admin = await bearer(t.http, ADMIN);
    const users = () => t.http.get('/api/v1/users').set('Authorization', `Bearer ${admin}`);
    await users().expect(200);
    await t.ds.getRepository(User).update({ email: ADMIN }, { role: Role.Judge });
    await users().expect(403);
    await t.ds.getRepository(User).update({ email: ADMIN }, { role: Role.StreetAdmin });
    await users().expect(200);

    // Logout through the page ends the cookie session.
    const session = await formLogin(t.http, JUDGE);
    const page = await t.http.get('/calls').set('Cookie', [session]).expect(200);
    const csrfCookie = (page.headers['set-cookie'] as unknown as string[])
      .filter((c) => c.startsWith('gv_csrf='))
      .map((c) => c.split(';')[0]);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    await t.http
      .post('/logout')
      .set('Cookie', [session, ...csrfCookie])
      .type('form')
      .send({ _csrf: csrf })
      .expect(303);
    const after = await t.http.get('/calls').set('Cookie', [session]).expect(200);
    expect(after.text).not.toContain('/logout');
  });

  it('ends a cached sign-in revoked by another process once announced on Redis', async () => {
    const token = await bearer(t.http, JUDGE);
    const me = () => t.http.get('/api/v1/me').set('Authorization', `Bearer ${token}`);
    await me().expect(200);
    await other.query('DELETE FROM auth_session');
    await me().expect(200); // still cached here: the other process has not said so yet
    await announce(['sessions']);
    await until(async () => (await me()).status === 401);
  });
});
