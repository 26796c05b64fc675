import { mkdirSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { Browser, Page } from 'playwright-core';
import { Community } from '@gv/places';
import {
  clearNotifications,
  createTestApp,
  createTestWorker,
  launchBrowser,
  parseMail,
  resetDatabase,
  SmtpSink,
  TestApp,
} from '@gv/testing';

const JUDGE = 'judge@dongguan.example.cn';
const ADMIN = 'admin@dongguan.example.cn';

/**
 * 忘记密码 in Chromium: from the sign-in page to the mailed link, a refused and an accepted new password,
 * sign-in with it, the spent link; the phone layout in English; the favicon; a street admin's inbox entry
 * leading to a new organisation. Screenshots: var/screenshots/password-reset-*.png, inbox-links.png.
 */
describe('password reset and inbox links in Chromium', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let browser: Browser;
  let base: string;
  const smtp = new SmtpSink();
  const shots = join(__dirname, '..', '..', 'var', 'screenshots');

  beforeAll(async () => {
    await smtp.start();
    t = await createTestApp({ SMTP_URL: smtp.url });
    worker = await createTestWorker({ SMTP_URL: smtp.url });
    await resetDatabase(t.ds, t.config);
    await clearNotifications(t.ds);
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
    mkdirSync(shots, { recursive: true });
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await t?.close();
    await smtp.stop();
  });

  /** The newest mail to `to`, its first link moved onto this server. */
  async function linkMailedTo(to: string, count: number): Promise<string> {
    let mails = smtp.messages.filter((m) => m.to.includes(to));
    for (let n = smtp.messages.length + 1; mails.length < count; n++)
      mails = (await smtp.waitFor(n)).filter((m) => m.to.includes(to));
    const text = (await parseMail(mails[count - 1].raw)).text ?? '';
    const link = /http:\/\/localhost:3000(\/\S+)/.exec(text)?.[1];
    if (!link) throw new Error(`no link in:\n${text}`);
    return `${base}${link}`;
  }

  const noSidewaysScroll = (page: Page) =>
    page.evaluate('document.documentElement.scrollWidth <= window.innerWidth') as Promise<boolean>;

  it('resets a forgotten password through the mailed link', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    const missing: string[] = [];
    page.on('response', (r) => {
      if (r.status() === 404) missing.push(r.url());
    });
    await page.goto(`${base}/login`);
    // The favicon is declared and served.
    const icon = await page.locator('link[rel="icon"]').getAttribute('href');
    expect(icon).toBe('/assets/favicon.svg');
    expect((await page.request.get(`${base}${icon}`)).status()).toBe(200);

    await page.getByRole('link', { name: '忘记密码？' }).click();
    await page.waitForURL(`${base}/password/forgot`);
    expect(await page.locator('h1').textContent()).toBe('忘记密码');
    await page.screenshot({ path: join(shots, 'password-reset-1-forgot.png'), fullPage: true });
    await page.getByLabel('邮箱').fill(JUDGE);
    await page.getByRole('button', { name: '发送重置链接' }).click();
    expect(await page.getByRole('status').first().textContent()).toContain(
      `如果 ${JUDGE} 是平台账号的邮箱，我们已向它发送重置密码的链接`,
    );
    await page.screenshot({ path: join(shots, 'password-reset-2-sent.png'), fullPage: true });

    const link = await linkMailedTo(JUDGE, 1);
    await page.goto(link);
    expect(await page.locator('h1').textContent()).toBe('设置新密码');
    await page.locator('#password').fill('Fresh!Start2026');
    await page.locator('#passwordConfirm').fill('Fresh!Start2027');
    await page.getByRole('button', { name: '设置新密码' }).click();
    expect(await page.locator('#passwordConfirm-error').textContent()).toBe('两次输入的密码不一致');
    await page.screenshot({ path: join(shots, 'password-reset-3-refused.png'), fullPage: true });
    await page.locator('#password').fill('Fresh!Start2026');
    await page.locator('#passwordConfirm').fill('Fresh!Start2026');
    await page.getByRole('button', { name: '设置新密码' }).click();
    await page.waitForURL(`${base}/login?reset=1`);
    expect(await page.getByRole('status').first().textContent()).toContain('密码已重置');
    await page.screenshot({ path: join(shots, 'password-reset-4-done.png'), fullPage: true });

    await page.getByLabel('邮箱').fill(JUDGE);
    await page.getByLabel('密码').fill('Fresh!Start2026');
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${base}/`);
    expect(await page.getByRole('button', { name: '退出登录' }).count()).toBe(1);

    // The link is spent; the page says so and offers a new one.
    await page.goto(link);
    expect(await page.getByRole('alert').textContent()).toContain(
      '重置密码的链接无效、已使用或已过期',
    );
    expect(await page.getByRole('link', { name: '重新获取重置链接' }).count()).toBe(1);
    await page.screenshot({ path: join(shots, 'password-reset-5-spent.png'), fullPage: true });
    expect(missing.filter((u) => !u.startsWith(`${base}/password/reset/`))).toEqual([]);
    await page.close();
  });

  it('fits a phone in English', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${base}/password/forgot?lang=en`);
    expect(await page.locator('h1').textContent()).toBe('Forgot password');
    await page.getByLabel('Email').fill('not-an-email');
    await page.getByRole('button', { name: 'Send the reset link' }).click();
    expect(await page.locator('#email-error').textContent()).toMatch(/[A-Za-z]/);
    expect(await noSidewaysScroll(page)).toBe(true);
    await page.screenshot({ path: join(shots, 'password-reset-6-phone-en.png'), fullPage: true });
    await page.close();
  });

  it("leads a street admin from the inbox to a new organisation's page", async () => {
    const weiwan = await t.ds.getRepository(Community).findOneByOrFail({ code: 'weiwan' });
    const res = await fetch(`${base}/api/v1/organisations/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: '苇湾社区助浴服务队',
        type: 'mutual_aid',
        communityId: weiwan.id,
        registrationLevel: 'community',
        membersCount: 8,
        contactName: '孙丽',
        memberName: '孙丽',
        memberEmail: 'sun.li@example.cn',
        password: 'org-pass-123',
      }),
    });
    expect(res.status).toBe(201);
    const id = ((await res.json()) as { organisation: { id: number } }).organisation.id;

    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(`${base}/login`);
    await page.getByLabel('邮箱').fill(ADMIN);
    await page.getByLabel('密码').fill('Demo!2026');
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${base}/`);
    await page.goto(`${base}/inbox`);
    await page.screenshot({ path: join(shots, 'inbox-links.png'), fullPage: true });
    await page.getByRole('link', { name: '新的社会组织注册待审核' }).click();
    await page.waitForURL(`${base}/organisations/${id}`);
    expect(await page.locator('h1').first().textContent()).toContain('苇湾社区助浴服务队');
    await page.close();
  });
});
