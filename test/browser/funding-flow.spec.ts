import { AddressInfo } from 'node:net';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { Call } from '@gv/calls';
import { FundingAward, FundingRun } from '@gv/funding';
import { Proposal, ProposalStatus } from '@gv/proposals';
import {
  createTestApp,
  launchBrowser,
  resetDatabase,
  TestApp,
  withdrawPublication,
} from '@gv/testing';

/** The street office dry-runs the rules side by side and the chair approves one (#11), in Chromium. */
describe('the funding decision in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let call: Call;
  const shots = join(process.env['VAR_DIR'] ?? 'var', 'screenshots');

  beforeAll(async () => {
    t = await createTestApp();
    await resetDatabase(t.ds, t.config);
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
    mkdirSync(shots, { recursive: true });
    call = await t.ds.getRepository(Call).findOneByOrFail({ code: 'DG' });
    await withdrawPublication(t.ds, call.id); // the demo publishes its decision: decide again
    // A cap that cannot fund everyone, so the rules differ.
    const eligible = await t.ds
      .getRepository(Proposal)
      .findBy({ callId: call.id, status: ProposalStatus.Eligible });
    const total = eligible.reduce((s, p) => s + p.totalFen, 0);
    await t.ds.getRepository(Call).update(call.id, { budgetCapFen: Math.floor(total * 0.6) });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signIn(email: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${base}/login?lang=en`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('Demo!2026');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/`);
    return page;
  }

  it('dry-runs the rules, sets an override with a reason, approves the knapsack version', async () => {
    const page = await signIn('admin@dongguan.example.cn');
    // The street office's competition pages sit under one drop-down of the menu.
    const menu = page.getByRole('navigation', { name: 'Main menu' });
    await menu.locator('summary', { hasText: 'Run the competition' }).click();
    await menu.getByRole('link', { name: 'Funding decision' }).click();
    await page.waitForURL(new RegExp(`/calls/${call.id}/funding`));
    // An amount above the request is refused beside the field, nothing stored.
    await page.locator('#ov-proposal').selectOption({ index: 0 });
    await page.locator('#ov-action').selectOption('amount');
    await page.locator('#ov-amount').fill('99999999');
    await page.locator('#ov-reason').fill('test');
    await page.getByRole('button', { name: 'Save the override' }).click();
    await page.locator('#ov-amount-error').waitFor();
    await page.getByRole('button', { name: 'Dry-run every rule' }).click();
    await page.locator('p.flash', { hasText: 'Dry run done.' }).waitFor();
    const headers = await page.locator('#funding-compare thead th').allTextContents();
    expect(headers.join(' ')).toMatch(/skipping.*stopping.*knapsack/s);
    await page.screenshot({ path: join(shots, 'funding-1-dry-run.png'), fullPage: true });
    await page
      .locator('#approve-knapsack')
      .getByRole('button', { name: 'Approve this version' })
      .click();
    await page.locator('p.flash', { hasText: 'Version approved' }).waitFor();
    await page.locator('#approved').waitFor();
    await page.screenshot({ path: join(shots, 'funding-2-approved.png'), fullPage: true });
    const run = await t.ds
      .getRepository(FundingRun)
      .findOneByOrFail({ callId: call.id, status: 'approved' });
    expect(run.rule).toBe('knapsack');
    const awards = await t.ds
      .getRepository(FundingAward)
      .findBy({ callId: call.id, status: 'awarded' });
    expect(awards.reduce((s, a) => s + a.amountFen, 0)).toBe(run.totalFundedFen);
    await page.goto(`${base}/funding-runs/${run.id}`);
    expect(await page.locator('#funding-trace tbody tr').count()).toBeGreaterThan(2);
    await page.screenshot({ path: join(shots, 'funding-3-trace.png'), fullPage: true });
  });
});
