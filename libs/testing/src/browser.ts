import { existsSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { Browser, chromium, Page } from 'playwright-core';
import { createTestApp, resetDatabase, TestApp } from './test-app';

export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Debian's Chromium through playwright-core. Fails loudly when it is not installed. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: apt-get install -y chromium (or set CHROMIUM_PATH)`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--disable-dev-shm-usage',
    ],
  });
}

/** The api on a random port with a fresh demo database, and Chromium: what a browser spec starts with. */
export interface BrowserApp {
  t: TestApp;
  browser: Browser;
  /** http://127.0.0.1:<port> */
  base: string;
  close(): Promise<void>;
}

export async function startBrowserApp(
  env: Record<string, string | undefined> = {},
): Promise<BrowserApp> {
  const t = await createTestApp(env);
  await resetDatabase(t.ds, t.config);
  await t.app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  const browser = await launchBrowser();
  return {
    t,
    browser,
    base,
    close: async () => {
      await browser.close();
      await t.close();
    },
  };
}

/** A new page signed in through the real (Chinese) sign-in form, on the home page. */
export async function signInPage(
  app: Pick<BrowserApp, 'browser' | 'base'>,
  email: string,
  viewport: { width: number; height: number } = { width: 1280, height: 900 },
): Promise<Page> {
  const page = await (await app.browser.newContext({ viewport })).newPage();
  await page.goto(`${app.base}/login`);
  await page.getByLabel('邮箱').fill(email);
  await page.getByLabel('密码').fill('Demo!2026');
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(`${app.base}/`);
  return page;
}
