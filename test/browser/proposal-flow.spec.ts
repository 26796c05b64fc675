import { INestApplicationContext } from '@nestjs/common';
import { AddressInfo } from 'node:net';
import { Browser, Page } from 'playwright-core';
import { Community } from '@gv/places';
import {
  bearer,
  createTestApp,
  createTestWorker,
  launchBrowser,
  parseMail,
  resetDatabase,
  SmtpSink,
  TestApp,
  callPayload,
} from '@gv/testing';

const ORG = 'org@dongguan.example.cn';

describe('proposal flow in Chromium: fill the real form, submit, screen, publish, both emails arrive', () => {
  let smtp: SmtpSink;
  let t: TestApp;
  let worker: INestApplicationContext;
  let browser: Browser;
  let base: string;
  let callId: number;
  let weiwanId: number;

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    t = await createTestApp({ SMTP_URL: smtp.url });
    await resetDatabase(t.ds, t.config);
    worker = await createTestWorker({ SMTP_URL: smtp.url });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
    weiwanId = (await t.ds.getRepository(Community).findOneByOrFail({ code: 'weiwan' })).id;
    const admin = await bearer(t.http, 'admin@dongguan.example.cn');
    const res = await t.http
      .post('/api/v1/calls')
      .set('Authorization', `Bearer ${admin}`)
      .send(callPayload())
      .expect(201);
    callId = res.body.id;
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await t?.close();
    await smtp?.stop();
  });

  async function signIn(email: string): Promise<Page> {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(`${base}/login`);
    await page.getByLabel('邮箱').fill(email);
    await page.getByLabel('密码').fill('Demo!2026');
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${base}/`);
    return page;
  }

  it('goes from the organisation form to the published screening result', async () => {
    // Organisation member: my proposals → new → fill the form (budget lines in yuan), add rows, save, submit.
    const org = await signIn(ORG);
    await org.getByRole('link', { name: '我的申报' }).first().click();
    await org.locator(`a[href="/proposals/new?callId=${callId}"]`).click();
    await org.getByLabel('项目名称').fill('苇湾长者助餐点');
    await org.getByLabel('第 1 意向').selectOption(String(weiwanId));
    await org.getByLabel('老年人', { exact: true }).check();
    await org.getByLabel('预计受益人数').fill('120');
    await org.getByLabel('项目概述').fill('为高龄独居老人提供助餐。');
    await org.getByLabel('项目目标').fill('每周 5 次助餐');
    await org.getByLabel('主要活动').fill('助餐、探访');
    await org.getByLabel('类别 1', { exact: true }).selectOption('materials');
    await org.getByLabel('项目 1', { exact: true }).fill('助餐食材');
    await org.getByLabel('单价（元） 1', { exact: true }).fill('12.50');
    await org.getByLabel('数量 1', { exact: true }).fill('400');
    await org.getByLabel('类别 2', { exact: true }).selectOption('personnel');
    await org.getByLabel('项目 2', { exact: true }).fill('社工补贴');
    await org.getByLabel('单价（元） 2', { exact: true }).fill('500');
    await org.getByLabel('数量 2', { exact: true }).fill('10');
    await org.getByRole('button', { name: '增加预算行' }).click();
    expect(await org.getByLabel('项目 8', { exact: true }).count()).toBe(1);
    expect(await org.getByLabel('项目 2', { exact: true }).inputValue()).toBe('社工补贴');
    await org.getByLabel('类别 3', { exact: true }).selectOption('publicity');
    await org.getByLabel('项目 3', { exact: true }).fill('宣传海报');
    await org.getByLabel('单价（元） 3', { exact: true }).fill('0.50');
    await org.getByLabel('数量 3', { exact: true }).fill('100');
    await org.getByLabel('里程碑 1', { exact: true }).fill('启动');
    await org.getByLabel('完成日期 1', { exact: true }).fill('2027-06-30');
    await org.getByLabel('交付成果 1', { exact: true }).fill('服务名册');
    await org.getByLabel('项目团队').fill('社工 3 名，志愿者 20 名');
    await org.getByRole('button', { name: '保存草稿' }).click();
    await org.waitForURL(/\/proposals\/\d+\/edit\?done=saved$/);
    expect(await org.locator('p.flash[role=status]').textContent()).toContain('草稿已保存');
    expect(await org.locator('#budget-total').textContent()).toBe('10,050.00');
    await org.getByRole('button', { name: '提交申报' }).click();
    await org.waitForURL(/\/proposals\/\d+\?done=submitted$/);
    expect(await org.locator('p.flash[role=status]').textContent()).toBe(
      '申报已提交，编号 DG-2027-001。',
    );
    expect(await org.locator('#proposal-total').textContent()).toBe('10,050.00');

    const [receipt] = await smtp.waitFor(1, 30_000);
    const r = await parseMail(receipt.raw);
    expect(receipt.to).toEqual([ORG]);
    expect(r.subject).toBe('申报已提交：DG-2027-001 苇湾长者助餐点');

    // Community staff of 苇湾: the list filtered to their community, then the screening form.
    const staff = await signIn('weiwan@dongguan.example.cn');
    await staff.goto(`${base}/staff/proposals?callId=${callId}`);
    await staff.getByLabel('状态').selectOption('submitted');
    await staff.getByLabel('项目名称').fill('助餐');
    await staff.getByRole('button', { name: '筛选' }).click();
    await staff
      .getByRole('row', { name: /DG-2027-001/ })
      .getByRole('link', { name: '资格审查' })
      .click();
    await staff.getByRole('checkbox', { name: '在东关街道登记或备案' }).check();
    await staff.getByRole('checkbox', { name: '项目回应社区需求' }).check();
    await staff.getByLabel('通过', { exact: true }).check();
    await staff.getByRole('button', { name: '保存审查结论' }).click();
    expect(await staff.getByRole('status').textContent()).toContain('审查结论已保存');

    // The admin publishes the call's decisions in one batch.
    const admin = await signIn('admin@dongguan.example.cn');
    await admin.goto(`${base}/staff/proposals?callId=${callId}`);
    await admin.getByRole('button', { name: '公布本届审查结果' }).click();
    expect(await admin.getByRole('status').textContent()).toBe(
      '已公布 1 条审查结论，相关组织将收到通知。',
    );

    const mails = await smtp.waitFor(2, 30_000);
    const result = await parseMail(mails[1].raw);
    expect(mails[1].to).toEqual([ORG]);
    expect(result.subject).toBe('资格审查结果：DG-2027-001 通过');

    // The organisation now sees the result; the public sees the eligible list.
    await org.reload();
    expect(await org.locator('#screening-result').textContent()).toContain('通过');
    const anon = await browser.newPage();
    await anon.goto(`${base}/calls/${callId}/eligible`);
    expect(await anon.getByRole('row', { name: /苇湾长者助餐点/ }).textContent()).toContain(
      '10,050.00',
    );
  }, 120_000);
});
