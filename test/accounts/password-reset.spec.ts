import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { AuditLog } from '@gv/audit';
import { AuthSession, hashToken, PasswordReset, User } from '@gv/accounts';
import { Notification, NotificationEvent, NotificationSender } from '@gv/notifications';
import {
  bearer,
  clearNotifications,
  createTestApp,
  createTestWorker,
  csrfFrom,
  formLogin,
  openPage,
  parseMail,
  resetDatabase,
  SmtpSink,
  SunkMail,
  TestApp,
  untilNotificationsSettled,
} from '@gv/testing';

const JUDGE = 'judge@dongguan.example.cn';
const ADMIN = 'admin@dongguan.example.cn';
const NEW_PASSWORD = 'Fresh!Start2026';

/**
 * 忘记密码 over HTTP, with the real outbox, BullMQ worker and an SMTP server: the mailed link is single use,
 * expires, ends every session and every other link; the request answers alike for every address and is
 * throttled per address typed and per client address.
 */
describe('password reset by mailed link (MariaDB + Redis + SMTP)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  const smtp = new SmtpSink();

  beforeAll(async () => {
    await smtp.start();
    // 12 anonymous attempts per client address per hour: every test below stays within it, one spends it.
    t = await createTestApp({ SMTP_URL: smtp.url, SIGNUPS_PER_IP_PER_HOUR: '12' });
    worker = await createTestWorker({ SMTP_URL: smtp.url });
  });
  beforeEach(async () => {
    await resetDatabase(t.ds, t.config);
    await clearNotifications(t.ds);
    smtp.messages.length = 0;
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await smtp.stop();
  });

  /** Posts the "forgot password" form like a browser (page, CSRF cookie and token). */
  async function forgot(email: string, status: number, lang?: 'en') {
    const chosen = lang ? [`gv_lang=${lang}`] : [];
    const page = await t.http.get('/password/forgot').set('Cookie', chosen).expect(200);
    return t.http
      .post('/password/forgot')
      .set('Cookie', [...chosen, ...((page.headers['set-cookie'] as unknown as string[]) ?? [])])
      .type('form')
      .send({ _csrf: csrfFrom(page.text), email })
      .expect(status);
  }

  /** Posts a new password through a reset link. */
  async function setPassword(
    path: string,
    status: number,
    password: string,
    passwordConfirm = password,
  ) {
    const page = await t.http.get('/password/forgot');
    return t.http
      .post(path)
      .set('Cookie', page.headers['set-cookie'] as unknown as string[])
      .type('form')
      .send({ _csrf: csrfFrom(page.text), password, passwordConfirm })
      .expect(status);
  }

  /** The reset mail to `to` (waits for it), with the link's path. */
  async function resetMail(to: string, nth = 1): Promise<{ mail: SunkMail; path: string }> {
    let mails: SunkMail[] = [];
    for (let n = 1; mails.length < nth; n++)
      mails = (await smtp.waitFor(n)).filter((m) => m.to.includes(to));
    const mail = mails[nth - 1];
    const text = (await parseMail(mail.raw)).text ?? '';
    const path = /http:\/\/localhost:3000(\/password\/reset\/[A-Za-z0-9_-]{43})/.exec(text)?.[1];
    if (!path) throw new Error(`no reset link in:\n${text}`);
    return { mail, path };
  }

  const tokenOf = (path: string) => path.split('/').pop() as string;
  const passwordHash = async (email: string) =>
    (
      await t.ds
        .getRepository(User)
        .createQueryBuilder('u')
        .addSelect('u.passwordHash')
        .where('u.email = :email', { email })
        .getOneOrFail()
    ).passwordHash;
  const login = (email: string, password: string) =>
    t.http.post('/api/v1/auth/token').send({ email, password });

  /** The answer page without what differs per request (the CSRF token). */
  const answer = (html: string) => html.replace(/name="_csrf" value="[^"]+"/g, '');

  it('offers "忘记密码？" on the sign-in page and the form in both languages', async () => {
    const loginPage = await t.http.get('/login').expect(200);
    expect(loginPage.text).toContain('<a href="/password/forgot" id="forgot-link">忘记密码？</a>');
    const zh = await t.http.get('/password/forgot').expect(200);
    expect(zh.text).toContain('<h1>忘记密码</h1>');
    expect(zh.text).toContain('<label for="email">邮箱');
    expect(zh.text).toContain('<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">');
    const sw = await t.http.get('/password/forgot?lang=en').expect(303);
    const en = await t.http
      .get('/password/forgot')
      .set('Cookie', sw.headers['set-cookie'] as unknown as string[])
      .expect(200);
    expect(en.text).toContain('<h1>Forgot password</h1>');
    expect(en.text).toContain('Send the reset link');
    const icon = await t.http.get('/assets/favicon.svg').expect(200);
    expect(icon.headers['content-type']).toMatch(/^image\/svg\+xml/);
  });

  it('mails a single-use link through the outbox; it sets the password, ends every session and is audited', async () => {
    const apiToken = await bearer(t.http, JUDGE);
    const webSession = await formLogin(t.http, JUDGE);
    const res = await forgot(JUDGE, 200);
    expect(res.text).toContain(
      `如果 ${JUDGE} 是平台账号的邮箱，我们已向它发送重置密码的链接，30 分钟内有效。`,
    );

    const { mail, path } = await resetMail(JUDGE);
    const parsed = await parseMail(mail.raw);
    expect(parsed.subject).toBe('重置您在东关街道社区公益创投平台的密码');
    expect(parsed.html).toContain('<html lang="zh-CN">');
    expect(parsed.text).toContain('链接 30 分钟内有效');
    expect(mail.raw).toMatch(/Message-ID: <notification-\d+@gongyi-venture>/i);
    // The outbox row carries ids only and no inbox entry (addressed by email, not to the user).
    const [row] = await t.ds
      .getRepository(Notification)
      .findBy({ event: NotificationEvent.PasswordReset });
    expect(row).toMatchObject({ recipientUserId: null, recipientEmail: JUDGE, locale: 'zh-CN' });
    expect(Object.keys(JSON.parse(row.payload))).toEqual(['resetId']);
    // Once mailed, only the hash of the token stays in the database.
    const token = tokenOf(path);
    const deadline = Date.now() + 5_000;
    let stored = await t.ds.getRepository(PasswordReset).findOneByOrFail({});
    while (stored.pendingToken && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      stored = await t.ds.getRepository(PasswordReset).findOneByOrFail({});
    }
    expect(stored.pendingToken).toBeNull();
    expect(stored.sentAt).not.toBeNull();
    expect(stored.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(await t.ds.query('SELECT * FROM password_reset'))).not.toContain(token);

    const form = await t.http.get(path).expect(200);
    expect(form.text).toContain(`为账号 ${JUDGE} 设置新密码`);
    const before = await passwordHash(JUDGE);
    // Bad input: a translated 400 next to the field, nothing changed, the link still usable.
    const short = await setPassword(path, 400, 'short');
    expect(short.text).toMatch(/id="password-error">[^<]*8/);
    const differ = await setPassword(path, 400, NEW_PASSWORD, 'Something!Else1');
    expect(differ.text).toContain('两次输入的密码不一致');
    expect(await passwordHash(JUDGE)).toBe(before);
    await t.http.get('/api/v1/me').set('Authorization', `Bearer ${apiToken}`).expect(200);

    const done = await setPassword(path, 303, NEW_PASSWORD);
    expect(done.headers['location']).toBe('/login?reset=1');
    const flash = await t.http.get('/login?reset=1').expect(200);
    expect(flash.text).toContain('密码已重置，所有设备上的登录都已退出。请用新密码登录。');

    // Every session of the account ended, bearer and browser alike.
    await t.http.get('/api/v1/me').set('Authorization', `Bearer ${apiToken}`).expect(401);
    await t.http.get('/account/password').set('Cookie', [webSession]).expect(303);
    const judge = await t.ds.getRepository(User).findOneByOrFail({ email: JUDGE });
    expect(await t.ds.getRepository(AuthSession).countBy({ userId: judge.id })).toBe(0);
    // The old password is refused, the new one works.
    expect((await login(JUDGE, 'Demo!2026')).status).toBe(401);
    expect((await login(JUDGE, NEW_PASSWORD)).status).toBe(200);

    // Single use: the link is spent, in the page and in a second submission.
    const again = await t.http.get(path).expect(404);
    expect(again.text).toContain('重置密码的链接无效、已使用或已过期，请重新获取。');
    expect(again.text).toContain('href="/password/forgot"');
    await setPassword(path, 404, 'Another!Try2026');
    expect((await login(JUDGE, NEW_PASSWORD)).status).toBe(200);

    const audit = await t.ds
      .getRepository(AuditLog)
      .find({ where: { entity: 'user', entityId: String(judge.id) }, order: { id: 'ASC' } });
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['user.password_reset_requested', 'user.password_reset']),
    );
    const reset = audit.find((a) => a.action === 'user.password_reset');
    expect(reset).toMatchObject({ actorId: judge.id, actorLabel: JUDGE });
    expect(JSON.parse(reset?.after ?? '{}')).toMatchObject({ sessionsEnded: 2 });
  });

  it('using one link ends the other links of the account', async () => {
    await forgot(JUDGE, 200);
    const first = await resetMail(JUDGE, 1);
    await forgot(JUDGE, 200);
    const second = await resetMail(JUDGE, 2);
    expect(second.path).not.toBe(first.path);
    await t.http.get(first.path).expect(200);
    await setPassword(second.path, 303, NEW_PASSWORD);
    await t.http.get(first.path).expect(404);
    await setPassword(first.path, 404, 'Another!Try2026');
    expect((await login(JUDGE, NEW_PASSWORD)).status).toBe(200);
    const rows = await t.ds.getRepository(PasswordReset).find({ order: { id: 'ASC' } });
    expect(rows.map((r) => [!!r.usedAt, !!r.revokedAt])).toEqual([
      [false, true],
      [true, false],
    ]);
  });

  it('refuses an expired link and changes nothing', async () => {
    await forgot(JUDGE, 200);
    const { path } = await resetMail(JUDGE);
    await t.ds
      .getRepository(PasswordReset)
      .update({ tokenHash: hashToken(tokenOf(path)) }, { expiresAt: new Date(Date.now() - 1000) });
    const before = await passwordHash(JUDGE);
    await t.http.get(path).expect(404);
    await setPassword(path, 404, NEW_PASSWORD);
    expect(await passwordHash(JUDGE)).toBe(before);
    expect((await login(JUDGE, 'Demo!2026')).status).toBe(200);
    // Neither is a made-up or malformed token any use.
    await t.http.get('/password/reset/not-a-token').expect(404);
    await t.http.get(`/password/reset/${'A'.repeat(43)}`).expect(404);
  });

  it('answers an unknown or inactive address exactly like a known one, and sends nothing', async () => {
    const known = answer((await forgot(JUDGE, 200)).text).replace(JUDGE, 'X');
    await resetMail(JUDGE);
    await t.ds.getRepository(User).update({ email: ADMIN }, { active: false });
    const unknown = answer((await forgot('nobody@example.cn', 200)).text).replace(
      'nobody@example.cn',
      'X',
    );
    const inactive = answer((await forgot(ADMIN, 200)).text).replace(ADMIN, 'X');
    expect(unknown).toBe(known);
    expect(inactive).toBe(known);
    await new Promise((r) => setTimeout(r, 1500));
    expect(smtp.messages.map((m) => m.to)).toEqual([[JUDGE]]);
    expect(await t.ds.getRepository(PasswordReset).count()).toBe(1);
    expect(await t.ds.getRepository(Notification).count()).toBe(1);
  });

  it('answers a malformed address with a translated 400 next to the field, writing nothing', async () => {
    const res = await forgot('not-an-email', 400);
    expect(res.text).toMatch(/id="email-error">[^<]+</);
    expect(res.text).toContain('value="not-an-email"');
    const en = await forgot('not-an-email', 400, 'en');
    expect(en.text).toMatch(/id="email-error">[^<]*[A-Za-z]/);
    expect(await t.ds.getRepository(PasswordReset).count()).toBe(0);
    expect(await t.ds.getRepository(Notification).count()).toBe(0);
  });

  it('throttles per address typed (known or not): the 4th request in an hour is a 429 that mails nothing', async () => {
    for (let i = 0; i < 3; i++) await forgot(JUDGE, 200);
    const refused = await forgot(JUDGE, 429);
    expect(refused.text).toMatch(/此邮箱的重置请求过于频繁，请在 \d+ 秒后再试。/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // English, with ASCII punctuation.
    const en = await forgot(JUDGE, 429, 'en');
    expect(en.text).toMatch(
      /Too many reset requests for this email address; try again in \d+ seconds\./,
    );
    expect(await t.ds.getRepository(PasswordReset).count()).toBe(3);
    // The same budget for an address nobody has: a 429 tells nothing about accounts.
    for (let i = 0; i < 3; i++) await forgot('ghost@example.cn', 200);
    await forgot('ghost@example.cn', 429);
    // Three links for the judge, mailed (waited for, so none arrives during the next test).
    await smtp.waitFor(3);
  });

  it('throttles per client address across addresses, and the link submissions too', async () => {
    for (let i = 0; i < 12; i++) await forgot(`someone${i}@example.cn`, 200);
    const refused = await forgot(JUDGE, 429);
    expect(refused.text).toMatch(/此地址请求过于频繁，请在 \d+ 秒后再试。/);
    expect(await t.ds.getRepository(PasswordReset).count()).toBe(0);
    await setPassword('/password/reset/not-a-token', 429, NEW_PASSWORD);
  });

  it('mails an English account in English', async () => {
    await t.ds.getRepository(User).update({ email: JUDGE }, { locale: 'en' });
    await forgot(JUDGE, 200);
    const { mail } = await resetMail(JUDGE);
    const parsed = await parseMail(mail.raw);
    expect(parsed.subject).toBe(
      'Reset your password on the Dongguan Street community venture platform',
    );
    expect(parsed.html).toContain('<html lang="en">');
    expect(parsed.text).toContain('The link works once, for 30 minutes');
    // The send job run again (a redelivered job) mails nothing more, and the after-sent hook is harmless.
    const [row] = await t.ds
      .getRepository(Notification)
      .findBy({ event: NotificationEvent.PasswordReset });
    await untilNotificationsSettled(t.ds, [row.id]);
    await worker.get(NotificationSender).send({ notificationId: row.id });
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.messages).toHaveLength(1);
    const stored = await t.ds.getRepository(PasswordReset).findOneByOrFail({});
    expect(stored.pendingToken).toBeNull();
  });

  it('a changed password ends the links still in the mailbox; a reset lifts a sign-in block', async () => {
    await forgot(JUDGE, 200);
    const { path } = await resetMail(JUDGE);
    const session = await formLogin(t.http, JUDGE);
    const page = await openPage(t.http, session, '/account/password');
    await t.http
      .post('/account/password')
      .set('Cookie', page.cookies)
      .type('form')
      .send({ _csrf: page.csrf, currentPassword: 'Demo!2026', newPassword: 'Changed!2026x' })
      .expect(201);
    await t.http.get(path).expect(404);

    // Blocked after repeated wrong passwords; the owner resets through the mail and signs in at once.
    for (let i = 0; i < t.config.LOGIN_MAX_FAILURES; i++) await login(JUDGE, 'wrong');
    expect((await login(JUDGE, 'Changed!2026x')).status).toBe(429);
    await forgot(JUDGE, 200);
    const second = await resetMail(JUDGE, 2);
    await setPassword(second.path, 303, NEW_PASSWORD);
    expect((await login(JUDGE, NEW_PASSWORD)).status).toBe(200);
  });
});

/** The same flow in embedded mode: SQLite (its date comparisons), in-process jobs, mail as .eml files. */
describe('password reset in embedded mode (SQLite, in-process jobs)', () => {
  let t: TestApp;
  const varDir = join(process.env['VAR_DIR'] as string, 'embedded-reset');

  beforeAll(async () => {
    t = await createTestApp({
      DATABASE_URL: '',
      REDIS_URL: '',
      VAR_DIR: varDir,
      SQLITE_PATH: join(varDir, 'gv.sqlite'),
      SEED_DEMO: 'true',
      SMTP_URL: '',
      MAIL_DRIVER: '',
    });
  });
  afterAll(() => t?.close());

  /** The reset link of the only .eml file written so far (waits for it). */
  async function mailedLink(): Promise<string> {
    const dir = join(varDir, 'mail');
    const deadline = Date.now() + 10_000;
    for (;;) {
      const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.eml')) : [];
      if (files.length) {
        const text = (await parseMail(readFileSync(join(dir, files[0])))).text ?? '';
        const path = /http:\/\/localhost:\d+(\/password\/reset\/[A-Za-z0-9_-]{43})/.exec(text)?.[1];
        if (path) return path;
      }
      if (Date.now() > deadline) throw new Error('no reset mail written');
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('mails the link, sets the password once, refuses it expired', async () => {
    const form = await t.http.get('/password/forgot').expect(200);
    const cookies = form.headers['set-cookie'] as unknown as string[];
    await t.http
      .post('/password/forgot')
      .set('Cookie', cookies)
      .type('form')
      .send({ _csrf: csrfFrom(form.text), email: JUDGE })
      .expect(200);
    const path = await mailedLink();
    await t.http.get(path).expect(200);
    const post = (password: string) =>
      t.http
        .post(path)
        .set('Cookie', cookies)
        .type('form')
        .send({ _csrf: csrfFrom(form.text), password, passwordConfirm: password });
    await post(NEW_PASSWORD).expect(303);
    await post('Another!Try2026').expect(404);
    await t.http
      .post('/api/v1/auth/token')
      .send({ email: JUDGE, password: NEW_PASSWORD })
      .expect(200);
    // An expired link (SQLite compares the stored datetime text with the parameter).
    const reset = await t.ds.getRepository(PasswordReset).findOneByOrFail({});
    await t.ds
      .getRepository(PasswordReset)
      .update(reset.id, { usedAt: null, expiresAt: new Date(Date.now() - 1000) });
    await t.http.get(path).expect(404);
    await t.ds
      .getRepository(PasswordReset)
      .update(reset.id, { expiresAt: new Date(Date.now() + 60_000) });
    await t.http.get(path).expect(200);
    // Valid again: the conditional UPDATE (expiresAt > now, in SQL) takes it.
    await post('Third!Pass2026').expect(303);
  });
});
