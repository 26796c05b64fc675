import { AuditLog } from '@gv/audit';
import { AuthSession, Invitation, User } from '@gv/accounts';
import { INestApplicationContext } from '@nestjs/common';
import { Role } from '@gv/core';
import {
  bearer,
  createTestApp,
  createTestWorker,
  csrfFrom,
  formLogin,
  parseMail,
  resetDatabase,
  SmtpSink,
  TestApp,
} from '@gv/testing';

const ADMIN = 'admin@dongguan.example.cn';
const JUDGE = 'judge@dongguan.example.cn';

describe('foundation over HTTP (MariaDB + Redis + SMTP)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  const smtp = new SmtpSink();

  beforeAll(async () => {
    await smtp.start();
    t = await createTestApp({ SMTP_URL: smtp.url, LOGIN_MAX_FAILURES: '3' });
    worker = await createTestWorker({ SMTP_URL: smtp.url });
  });
  beforeEach(async () => {
    await resetDatabase(t.ds, t.config);
    smtp.messages.length = 0;
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
    await smtp.stop();
  });

  it('serves the login page in Simplified Chinese, English via ?lang=en', async () => {
    const zh = await t.http.get('/login').expect(200);
    expect(zh.text).toContain('<html lang="zh-CN">');
    expect(zh.text).toContain('<label for="email">邮箱');
    const sw = await t.http.get('/login?lang=en&next=%2Fadmin').expect(303);
    expect(sw.headers['location']).toBe('/login?next=%2Fadmin');
    const cookies = sw.headers['set-cookie'] as unknown as string[];
    expect(cookies.join(';')).toContain('gv_lang=en');
    const en = await t.http.get('/login').set('Cookie', cookies).expect(200);
    expect(en.text).toContain('<label for="email">Email');
    // Browsers asking for English still get Chinese pages until the switch is used; the API follows Accept-Language.
    const asked = await t.http.get('/login').set('Accept-Language', 'en-US').expect(200);
    expect(asked.text).toContain('<html lang="zh-CN">');
  });

  it('logs in through the form with CSRF, shows the role home, and audits the login', async () => {
    const agent = t.http;
    const page = await agent.get('/login').expect(200);
    const cookies = page.headers['set-cookie'] as unknown as string[];
    const res = await t.http
      .post('/login')
      .set('Cookie', cookies)
      .type('form')
      .send({
        _csrf: csrfFrom(page.text),
        email: ADMIN,
        password: 'Demo!2026',
        next: '/admin/users',
      })
      .expect(303);
    expect(res.headers['location']).toBe('/admin/users');
    const session = (res.headers['set-cookie'] as unknown as string[]).find((c) =>
      c.startsWith('gv_session='),
    )!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    const home = await t.http
      .get('/')
      .set('Cookie', [session.split(';')[0]])
      .expect(200);
    expect(home.text).toContain('街道管理员工作台');
    expect(await t.ds.getRepository(AuditLog).countBy({ action: 'auth.login' })).toBe(1);
  });

  it('refuses a form post without a CSRF token (403) and writes nothing', async () => {
    const before = await t.ds.getRepository(AuditLog).count();
    const res = await t.http
      .post('/login')
      .type('form')
      .send({ email: ADMIN, password: 'Demo!2026' })
      .expect(403);
    expect(res.text).toContain('表单已过期');
    expect(await t.ds.getRepository(AuditLog).count()).toBe(before);
  });

  it('needs the CSRF token for every cookie-authenticated change, whatever the Accept or Authorization headers say', async () => {
    const session = await formLogin(t.http, ADMIN);
    // Each of these used to skip the CSRF check while the session cookie still signed the request in.
    for (const headers of [
      { Accept: 'application/json' },
      { Authorization: 'Basic YWRtaW46eA==' },
      { Authorization: 'Token abc' },
    ]) {
      await t.http.post('/logout').set('Cookie', [session]).set(headers).expect(403);
    }
    // Still signed in: nothing happened.
    await t.http.get('/account/password').set('Cookie', [session]).expect(200);
    // A bearer request ignores the cookie, so it needs no CSRF token (and cannot ride on the session).
    const token = await bearer(t.http, ADMIN);
    await t.http
      .get('/api/v1/me')
      .set('Cookie', [session])
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
  });

  it('answers a wrong password with a generic 401, then 429 after repeated failures', async () => {
    const wrong = await t.http
      .post('/api/v1/auth/token')
      .set('Accept-Language', 'en')
      .send({ email: ADMIN, password: 'nope' })
      .expect(401);
    expect(wrong.body).toMatchObject({
      statusCode: 401,
      code: 'invalid_credentials',
      message: 'The email or password is not correct.',
    });
    expect(wrong.body.correlationId).toEqual(expect.any(String));
    const unknown = await t.http
      .post('/api/v1/auth/token')
      .send({ email: 'nobody@x.cn', password: 'nope' })
      .expect(401);
    expect(unknown.body.message).toBe('邮箱或密码不正确。');
    await t.http.post('/api/v1/auth/token').send({ email: ADMIN, password: 'nope' }).expect(401);
    await t.http.post('/api/v1/auth/token').send({ email: ADMIN, password: 'nope' }).expect(401);
    const blocked = await t.http
      .post('/api/v1/auth/token')
      .send({ email: ADMIN, password: 'Demo!2026' })
      .expect(429);
    expect(blocked.body.code).toBe('login_blocked');
    expect(blocked.headers['retry-after']).toBeDefined();
  });

  it('cannot dodge sign-in throttling with a forged X-Forwarded-For (no proxy is trusted by default)', async () => {
    // Three failures block an account and address here (as in the test above).
    for (let i = 0; i < 3; i++)
      await t.http
        .post('/api/v1/auth/token')
        .set('X-Forwarded-For', `203.0.113.${i + 1}`)
        .send({ email: 'weiwan@dongguan.example.cn', password: 'nope' })
        .expect(401);
    await t.http
      .post('/api/v1/auth/token')
      .set('X-Forwarded-For', '198.51.100.77')
      .send({ email: 'weiwan@dongguan.example.cn', password: 'Demo!2026' })
      .expect(429);
  });

  it('ends a sign-in at its absolute lifetime however active it stays', async () => {
    const session = await formLogin(t.http, ADMIN);
    await t.http.get('/account/password').set('Cookie', [session]).expect(200);
    // The sign-in began 73 hours ago (SESSION_MAX_HOURS is 72) and was used a minute ago.
    await t.ds
      .createQueryBuilder()
      .update(AuthSession)
      .set({ createdAt: new Date(Date.now() - 73 * 3600_000), lastSeenAt: new Date() })
      .where('1 = 1')
      .execute();
    const res = await t.http.get('/account/password').set('Cookie', [session]).expect(303);
    expect(res.headers['location']).toContain('/login');
  });

  it('refuses to invite an organisation member into an organisation that does not exist (400), creating nothing', async () => {
    const token = await bearer(t.http, ADMIN);
    const res = await t.http
      .post('/api/v1/invitations')
      .set('Authorization', `Bearer ${token}`)
      .set('Accept-Language', 'en')
      .send({
        email: 'ghost@example.cn',
        name: '无组织',
        role: 'org_member',
        organisationId: 999_999,
      })
      .expect(400);
    expect(res.body.details).toEqual([
      expect.objectContaining({ field: 'organisationId', code: 'unknown_organisation' }),
    ]);
    expect(await t.ds.getRepository(Invitation).countBy({ email: 'ghost@example.cn' })).toBe(0);
  });

  it('keeps user.organisationId pointing at an organisation (a foreign key, whatever writes it)', async () => {
    await expect(
      t.ds.getRepository(User).insert({
        email: 'orphan@example.cn',
        name: 'orphan',
        role: Role.OrgMember,
        organisationId: 999_999,
      }),
    ).rejects.toThrow(/foreign key constraint fails/i);
    expect(await t.ds.getRepository(User).countBy({ email: 'orphan@example.cn' })).toBe(0);
  });

  it('rejects malformed JSON, unknown fields, wrong types and oversized bodies with clear 4xx bodies', async () => {
    const malformed = await t.http
      .post('/api/v1/auth/token')
      .set('Content-Type', 'application/json')
      .send('{bad')
      .expect(400);
    expect(malformed.body.code).toBe('malformed_json');
    const unknown = await t.http
      .post('/api/v1/auth/token')
      .set('Accept-Language', 'en')
      .send({ email: ADMIN, password: 'x', admin: true })
      .expect(400);
    expect(unknown.body.code).toBe('validation_failed');
    expect(unknown.body.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          field: 'admin',
          code: 'whitelistValidation',
          message: 'is not an accepted field',
        }),
      ]),
    );
    const types = await t.http
      .post('/api/v1/auth/token')
      .send({ email: 12, password: 'x' })
      .expect(400);
    expect(types.body.details.map((d: { field: string }) => d.field)).toContain('email');
    const big = await t.http
      .post('/api/v1/auth/token')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ email: 'a'.repeat(2_000_000), password: 'x' }))
      .expect(413);
    expect(big.body.code).toBe('payload_too_large');
  });

  it('keeps roles apart: anonymous 401, a judge 403 on admin routes, bearer works for the API', async () => {
    await t.http.get('/api/v1/users').expect(401);
    const judge = await bearer(t.http, JUDGE);
    const forbidden = await t.http
      .get('/api/v1/users')
      .set('Authorization', `Bearer ${judge}`)
      .expect(403);
    expect(forbidden.body.code).toBe('forbidden');
    const admin = await bearer(t.http, ADMIN);
    const list = await t.http
      .get('/api/v1/users?pageSize=2')
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    // Five demo accounts, one per role, three more members of the demo review panel, and the delivery
    // demo's finance officer and three project organisations' members.
    expect(list.body).toMatchObject({ page: 1, pageSize: 2, total: 12, pages: 6 });
    await t.http
      .get('/api/v1/users?pageSize=1000')
      .set('Authorization', `Bearer ${admin}`)
      .expect(400);
    await t.http.get('/api/v1/me').set('Authorization', 'Bearer not-a-token').expect(401);
  });

  it('invites a user: the email arrives over SMTP, the invitee sets a password and signs in', async () => {
    const admin = await bearer(t.http, ADMIN);
    const inv = await t.http
      .post('/api/v1/invitations')
      .set('Authorization', `Bearer ${admin}`)
      .send({ email: 'new.judge@example.cn', name: '新评委', role: 'judge', locale: 'en' })
      .expect(201);
    const [mail] = await smtp.waitFor(1);
    const parsed = await parseMail(mail.raw);
    expect(mail.to).toEqual(['new.judge@example.cn']);
    expect(parsed.subject).toBe(
      'You are invited to the Dongguan Street community venture platform',
    );
    const link = /http:\/\/localhost:3000(\/invitations\/[A-Za-z0-9_-]+)/.exec(
      parsed.text ?? '',
    )![1];
    // Sent through the outbox; once sent, the clear token is gone from the database (only its hash stays).
    expect(mail.raw).toMatch(/Message-ID: <notification-\d+@gongyi-venture>/i);
    const deadline = Date.now() + 5_000;
    let stored = await t.ds.getRepository(Invitation).findOneByOrFail({ id: inv.body.id });
    while (stored.pendingToken && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      stored = await t.ds.getRepository(Invitation).findOneByOrFail({ id: inv.body.id });
    }
    expect(stored.pendingToken).toBeNull();
    expect(stored.sentAt).not.toBeNull();
    const form = await t.http.get(link).expect(200);
    await t.http
      .post(link)
      .set('Cookie', form.headers['set-cookie'] as unknown as string[])
      .type('form')
      .send({
        _csrf: csrfFrom(form.text),
        password: 'judge-pass-1',
        passwordConfirm: 'judge-pass-1',
      })
      .expect(303);
    await bearer(t.http, 'new.judge@example.cn', 'judge-pass-1');
    expect(await t.ds.getRepository(User).countBy({ email: 'new.judge@example.cn' })).toBe(1);
    const audit = await t.http
      .get(`/api/v1/audit?entity=invitation&entityId=${inv.body.id}`)
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    expect(audit.body.items[0]).toMatchObject({ action: 'user.invited', actorId: 1 });
    // A duplicate invitation is a 409 and changes nothing.
    const dup = await t.http
      .post('/api/v1/invitations')
      .set('Authorization', `Bearer ${admin}`)
      .send({ email: 'new.judge@example.cn', name: 'x', role: 'judge' })
      .expect(409);
    expect(dup.body.code).toBe('email_taken');
  });

  it('changes a password: the old one stops working and other sessions end', async () => {
    const a = await bearer(t.http, JUDGE);
    const b = await bearer(t.http, JUDGE);
    await t.http
      .put('/api/v1/me/password')
      .set('Authorization', `Bearer ${a}`)
      .send({ currentPassword: 'wrong', newPassword: 'another-pass-9' })
      .expect(400);
    await t.http
      .put('/api/v1/me/password')
      .set('Authorization', `Bearer ${a}`)
      .send({ currentPassword: 'Demo!2026', newPassword: 'another-pass-9' })
      .expect(204);
    await t.http.get('/api/v1/me').set('Authorization', `Bearer ${a}`).expect(200);
    await t.http.get('/api/v1/me').set('Authorization', `Bearer ${b}`).expect(401);
    await t.http
      .post('/api/v1/auth/token')
      .send({ email: JUDGE, password: 'Demo!2026' })
      .expect(401);
  });

  it('reports health, serves OpenAPI and sets helmet headers', async () => {
    const ready = await t.http.get('/health/ready').expect(200);
    expect(ready.body.details).toMatchObject({
      database: { status: 'up' },
      redis: { status: 'up' },
    });
    await t.http.get('/health/live').expect(200);
    const doc = await t.http.get('/api/docs-json').expect(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/auth/token', '/api/v1/communities', '/api/v1/audit']),
    );
    expect(ready.headers['x-content-type-options']).toBe('nosniff');
    expect(ready.headers['x-request-id']).toBeDefined();
  });

  it('lists the 9 communities of Dongguan Street, three marked invented', async () => {
    const res = await t.http.get('/api/v1/communities').expect(200);
    expect(res.body.total).toBe(9);
    expect(res.body.items.filter((c: { invented: boolean }) => c.invented)).toHaveLength(3);
    expect(res.body.items[0]).toMatchObject({
      name: '苇湾社区',
      streetOffice: { name: '东关街道' },
      district: { name: '奎文区' },
    });
  });
});
