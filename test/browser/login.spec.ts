import { AddressInfo } from 'node:net';
import { Browser } from 'playwright-core';
import { createTestApp, launchBrowser, resetDatabase, TestApp } from '@gv/testing';

describe('login through the real page in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    t = await createTestApp();
    await resetDatabase(t.ds, t.config);
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('signs in with the labelled form, lands on the admin desk, switches to English and signs out', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/admin/users`);
    expect(page.url()).toContain('/login?next=%2Fadmin%2Fusers');
    expect(await page.locator('h1').textContent()).toBe('登录');
    await page.getByLabel('邮箱').fill('admin@dongguan.example.cn');
    await page.getByLabel('密码').fill('wrong-password');
    await page.getByRole('button', { name: '登录' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('邮箱或密码不正确');
    await page.getByLabel('密码').fill('Demo!2026');
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${base}/admin/users`);
    expect(await page.locator('h1').first().textContent()).toBe('用户管理');
    await page.getByRole('link', { name: 'English' }).click();
    expect(await page.locator('h1').first().textContent()).toBe('Users');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${base}/`);
    expect(await page.getByRole('link', { name: 'Sign in' }).count()).toBeGreaterThan(0);
    await page.close();
  });
});
