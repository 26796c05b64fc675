import { AddressInfo } from 'node:net';
import { Browser } from 'playwright-core';
import { Proposal } from '@gv/proposals';
import {
  bearer,
  createTestApp,
  launchBrowser,
  resetDatabase,
  TestApp,
  callPayload,
} from '@gv/testing';

describe('proposal drafts autosave in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let callId: number;

  beforeAll(async () => {
    t = await createTestApp();
    await resetDatabase(t.ds, t.config);
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
    const admin = await bearer(t.http, 'admin@dongguan.example.cn');
    const res = await t.http
      .post('/api/v1/calls')
      .set('Authorization', `Bearer ${admin}`)
      .send(
        callPayload({
          code: 'AS',
          title: '自动保存测试大赛',
          tracks: ['venture'],
          checklist: ['项目回应社区需求'],
        }),
      )
      .expect(201);
    callId = res.body.id;
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('saves a new draft in the background, then keeps saving to the same proposal', async () => {
    const page = await browser.newPage();
    await page.clock.install();
    await page.goto(`${base}/login`);
    await page.getByLabel('邮箱').fill('org@dongguan.example.cn');
    await page.getByLabel('密码').fill('Demo!2026');
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${base}/`);
    await page.goto(`${base}/proposals/new?callId=${callId}`);
    await page.getByLabel('项目名称').fill('自动保存的草稿');
    await page.clock.runFor(21_000);
    await page.getByRole('status').filter({ hasText: '草稿已自动保存' }).waitFor();
    await page.waitForURL(/\/proposals\/\d+\/edit$/);
    const saved = await t.ds.getRepository(Proposal).findOneByOrFail({ title: '自动保存的草稿' });
    expect(saved.status).toBe('draft');
    await page.getByLabel('项目名称').fill('自动保存的草稿（改）');
    await page.clock.runFor(21_000);
    await page.getByRole('status').filter({ hasText: '草稿已自动保存' }).waitFor();
    await page.waitForLoadState('networkidle');
    let title = '';
    for (let i = 0; i < 50 && title !== '自动保存的草稿（改）'; i++) {
      title = (await t.ds.getRepository(Proposal).findOneByOrFail({ id: saved.id })).title;
      if (title !== '自动保存的草稿（改）') await new Promise((r) => setTimeout(r, 200));
    }
    expect(title).toBe('自动保存的草稿（改）');
    expect(await t.ds.getRepository(Proposal).countBy({ callId })).toBe(1);
  });
});
