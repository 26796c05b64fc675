import { AddressInfo } from 'node:net';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser } from 'playwright-core';
import { PanelMember } from '@gv/panels';
import { ReviewSheet } from '@gv/reviews';
import { createTestApp, launchBrowser, resetDatabase, TestApp } from '@gv/testing';

/** A judge scores on the real page with the keyboard, reloads and finds the draft, submits; the chair reopens (#10). */
describe('the review page in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const shots = join(process.env['VAR_DIR'] ?? 'var', 'screenshots');

  beforeAll(async () => {
    t = await createTestApp();
    await resetDatabase(t.ds, t.config);
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
    mkdirSync(shots, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('scores a proposal, finds the saved draft after a reload, submits and sees it locked; the chair reopens it', async () => {
    const seat = await t.ds.getRepository(PanelMember).findOneOrFail({
      where: { user: { email: 'judge@dongguan.example.cn' } },
      relations: { user: true },
    });
    await t.ds.getRepository(ReviewSheet).delete({ memberId: seat.id });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${base}/login?lang=en`);
    await page.getByLabel('Email').fill('judge@dongguan.example.cn');
    await page.getByLabel('Password').fill('Demo!2026');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/`);
    await page.goto(`${base}/reviews`);
    await page.locator('#review-queue a').first().click();
    await page.waitForURL(/\/reviews\/proposals\/\d+$/);
    const url = page.url();
    // Keyboard only: focus the first score, type, tab through the comment to the next score.
    await page.locator('#score-need').focus();
    await page.keyboard.type('21');
    await page.keyboard.press('Tab');
    await page.keyboard.type('回应了老年人助餐需求');
    await page.keyboard.press('Tab');
    await page.keyboard.type('20');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.locator('p.flash', { hasText: 'Draft saved.' }).waitFor();
    await page.reload();
    expect(await page.locator('#score-need').inputValue()).toBe('21');
    expect(await page.locator('#score-design').inputValue()).toBe('20');
    expect(await page.locator('#comment-need').inputValue()).toBe('回应了老年人助餐需求');
    // Out of range: the page says why beside the field, nothing saved.
    await page.locator('#score-team').fill('99');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.locator('#score-team-error').waitFor();
    await page.locator('#score-team').fill('16');
    await page.locator('#score-budget').fill('12');
    await page.locator('#score-sustain').fill('11');
    await page.getByRole('button', { name: 'Submit scores' }).click();
    await page.locator('p.flash', { hasText: 'Scores submitted and locked.' }).waitFor();
    expect(await page.locator('#score-need').isDisabled()).toBe(true);
    await page.screenshot({ path: join(shots, 'review-1-submitted.png'), fullPage: true });
    const sheet = await t.ds.getRepository(ReviewSheet).findOneByOrFail({ memberId: seat.id });
    expect(sheet).toMatchObject({
      status: 'submitted',
      scores: { need: 21, design: 20, team: 16, budget: 12, sustain: 11 },
    });

    // The chair (the street admin in the demo) reopens it with a reason.
    const chair = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await chair.goto(`${base}/login?lang=en`);
    await chair.getByLabel('Email').fill('admin@dongguan.example.cn');
    await chair.getByLabel('Password').fill('Demo!2026');
    await chair.getByRole('button', { name: 'Sign in' }).click();
    await chair.waitForURL(`${base}/`);
    await chair.goto(`${base}/reviews/current`);
    await chair.screenshot({ path: join(shots, 'review-2-results.png'), fullPage: true });
    const form = chair.locator(`form[action="/review-sheets/${sheet.id}/unlock"]`);
    await form.locator('input[name="reason"]').fill('The judge asks to correct the budget score');
    await form.getByRole('button', { name: 'Reopen' }).click();
    await chair.locator('p.flash', { hasText: 'Sheet reopened.' }).waitFor();
    await page.goto(url);
    expect(await page.locator('#score-need').isDisabled()).toBe(false);
  });
});
