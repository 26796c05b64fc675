import { Call } from '@gv/calls';
import { bearer, callPayload, createTestApp, resetDatabase, TestApp } from '@gv/testing';

/** Two requests that race for one unique value: one wins, the other gets a translated 409, never a 500. */
describe('unique-value races answer 409 (MariaDB)', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp();
  });
  beforeEach(async () => {
    await resetDatabase(t.ds, t.config);
    admin = await bearer(t.http, 'admin@dongguan.example.cn');
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses a second call with the same code and year (their proposals would number alike)', async () => {
    const auth = { Authorization: `Bearer ${admin}` };
    await t.http
      .post('/api/v1/calls')
      .set(auth)
      .send(callPayload({ code: 'QX' }))
      .expect(201);
    const again = await t.http
      .post('/api/v1/calls')
      .set(auth)
      .set('Accept-Language', 'en')
      .send(callPayload({ code: 'QX' }))
      .expect(409);
    expect(again.body).toMatchObject({ code: 'call_code_taken' });
    expect(again.body.message).toContain('QX');
    const racing = await Promise.all(
      [0, 1, 2, 3].map(() =>
        t.http
          .post('/api/v1/calls')
          .set(auth)
          .send(callPayload({ code: 'RC' })),
      ),
    );
    expect(racing.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    expect(await t.ds.getRepository(Call).countBy({ code: 'RC' })).toBe(1);
  });

  it('signs up the same email twice at once: one account, the other request a 409', async () => {
    const { id: communityId } = (await t.http.get('/api/v1/communities').expect(200)).body
      .items[0] as { id: number };
    const signup = (name: string) =>
      t.http.post('/api/v1/organisations/signup').send({
        name,
        type: 'resident_services',
        communityId,
        registrationLevel: 'street',
        foundedOn: '2025-03-15',
        membersCount: 8,
        contactName: '孙丽',
        contactPhone: '0536-8123456',
        memberName: '孙丽',
        memberEmail: 'twice@example.cn',
        password: 'org-pass-123',
      });
    const res = await Promise.all([
      signup('同时注册甲'),
      signup('同时注册乙'),
      signup('同时注册丙'),
    ]);
    const statuses = res.map((r) => r.status).sort();
    expect(statuses[0]).toBe(201);
    expect(statuses.slice(1)).toEqual([409, 409]);
    for (const r of res.filter((x) => x.status === 409))
      expect(['email_taken', 'duplicate']).toContain(r.body.code);
  });

  it('answers out-of-range paging with a translated 400 on every kind of list, never a 500', async () => {
    const auth = { Authorization: `Bearer ${admin}` };
    for (const url of [
      '/api/v1/proposals',
      '/api/v1/calls',
      '/api/v1/needs',
      '/api/v1/organisations',
      '/api/v1/audit',
      '/api/v1/communities',
    ])
      for (const q of ['page=1e300', 'page=abc', 'pageSize=0', 'pageSize=101', 'page=-1']) {
        const res = await t.http.get(`${url}?${q}`).set(auth).set('Accept-Language', 'en');
        expect([url, q, res.status]).toEqual([url, q, 400]);
        expect(res.body.code).toBe('validation_failed');
      }
  });
});
