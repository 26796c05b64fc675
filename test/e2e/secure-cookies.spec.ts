import { createTestApp, csrfFrom, resetDatabase, TestApp } from '@gv/testing';

/** With PUBLIC_URL on https the sign-in cookie is Secure and `__Host-` prefixed (#15). */
describe('cookies of an https deployment', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ PUBLIC_URL: 'https://gongyi.example.cn' });
    await resetDatabase(t.ds, t.config);
  });
  afterAll(async () => {
    await t.close();
  });

  it('signs in with a Secure __Host- cookie and ignores a cookie under the plain name', async () => {
    const page = await t.http.get('/login').expect(200);
    const cookies = (page.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]);
    expect(cookies.some((c) => c.startsWith('__Host-gv.x-csrf='))).toBe(true);
    const res = await t.http
      .post('/login')
      .set('Cookie', cookies)
      .type('form')
      .send({
        _csrf: csrfFrom(page.text),
        email: 'admin@dongguan.example.cn',
        password: 'Demo!2026',
      })
      .expect(303);
    const session = (res.headers['set-cookie'] as unknown as string[]).find((c) =>
      c.startsWith('__Host-gv_session='),
    )!;
    expect(session).toMatch(/; Path=\//);
    expect(session).toMatch(/; Secure/i);
    expect(session).toMatch(/; HttpOnly/i);
    expect(session).not.toMatch(/Domain=/i);
    const token = session.split(';')[0].split('=')[1];
    // The same token under the name a plain-http deployment uses is not a sign-in here.
    await t.http
      .get('/admin/users')
      .set('Cookie', [`gv_session=${token}`])
      .expect(303);
    await t.http
      .get('/admin/users')
      .set('Cookie', [`__Host-gv_session=${token}`])
      .expect(200);
  });
});
