import { Organisation } from '@gv/organisations';
import { createTestApp, csrfFrom, resetDatabase, TestApp } from '@gv/testing';

const ADMIN = 'admin@dongguan.example.cn';

/**
 * Attempt budgets (#15): each attempt is taken atomically *before* the password is checked, per
 * account and per client address; organisation sign-up and invitation acceptance have an hourly
 * budget per address.
 */
describe('throttling sign-in, sign-up and invitation acceptance (MariaDB + Redis)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      LOGIN_MAX_FAILURES: '3',
      LOGIN_MAX_FAILURES_PER_IP: '6',
      SIGNUPS_PER_IP_PER_HOUR: '2',
    });
  });
  beforeEach(async () => {
    await resetDatabase(t.ds, t.config);
  });
  afterAll(async () => {
    await t.close();
  });

  const login = (email: string, password: string) =>
    t.http.post('/api/v1/auth/token').send({ email, password });

  it('lets no more than the budget of parallel wrong passwords through (atomic consumption)', async () => {
    const res = await Promise.all(Array.from({ length: 12 }, () => login(ADMIN, 'wrong')));
    const statuses = res.map((r) => r.status).sort();
    console.log(`12 parallel wrong sign-ins with a budget of 3: ${statuses.join(' ')}`);
    expect(statuses.filter((s) => s === 401)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(9);
    // Blocked for the account, even with the right password.
    expect((await login(ADMIN, 'Demo!2026')).status).toBe(429);
  });

  it('blocks an address that guesses across many accounts', async () => {
    for (let i = 0; i < 6; i++)
      expect((await login(`nobody${i}@example.cn`, 'guess')).status).toBe(401);
    const blocked = await login(ADMIN, 'Demo!2026');
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('login_blocked');
  });

  it('gives the account its budget back after a correct password (the address keeps its failures)', async () => {
    // 4 failures in all: more than the account's 3, fewer than the address's 6.
    for (let round = 0; round < 2; round++) {
      expect((await login(ADMIN, 'wrong')).status).toBe(401);
      expect((await login(ADMIN, 'wrong')).status).toBe(401);
      expect((await login(ADMIN, 'Demo!2026')).status).toBe(200);
    }
  });

  it('throttles organisation sign-up per address, and changes nothing when refused', async () => {
    const { id: communityId } = (await t.http.get('/api/v1/communities').expect(200)).body
      .items[0] as { id: number };
    const signup = (n: number) =>
      t.http
        .post('/api/v1/organisations/signup')
        .set('Accept-Language', 'en')
        .send({
          name: `节流测试社${n}`,
          type: 'resident_services',
          communityId,
          registrationLevel: 'street',
          foundedOn: '2025-03-15',
          membersCount: 8,
          contactName: '孙丽',
          contactPhone: '0536-8123456',
          memberName: '孙丽',
          memberEmail: `throttle${n}@example.cn`,
          password: 'org-pass-123',
        });
    const before = await t.ds.getRepository(Organisation).count();
    expect((await signup(1)).status).toBe(201);
    expect((await signup(2)).status).toBe(201);
    const refused = await signup(3);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ statusCode: 429, code: 'too_many_requests' });
    expect(refused.body.message).toMatch(/^Too many requests/);
    expect(refused.headers['retry-after']).toBeDefined();
    expect(await t.ds.getRepository(Organisation).count()).toBe(before + 2);
  });

  it('throttles invitation acceptance per address', async () => {
    const page = await t.http.get('/organisations/signup').expect(200);
    const csrf = csrfFrom(page.text);
    const cookie = page.headers['set-cookie'] as unknown as string[];
    const attempt = () =>
      t.http
        .post('/invitations/not-a-real-token')
        .set('Cookie', cookie)
        .type('form')
        .send({ _csrf: csrf, password: 'a-long-pass-1', passwordConfirm: 'a-long-pass-1' });
    expect((await attempt()).status).toBe(404);
    expect((await attempt()).status).toBe(404);
    expect((await attempt()).status).toBe(429);
  });
});
