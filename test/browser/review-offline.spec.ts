import { AddressInfo } from 'node:net';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { Call } from '@gv/calls';
import { formatShanghaiDate } from '@gv/core';
import { PanelConflict, PanelMember } from '@gv/panels';
import { Roadshow, RoadshowPitch } from '@gv/roadshows';
import { ReviewSheet } from '@gv/reviews';
import { createTestApp, launchBrowser, resetDatabase, TestApp } from '@gv/testing';

/**
 * The judge's day in Chromium (#10): declares a conflict (the proposal leaves the list), scores three
 * proposals without pressing save (autosave), loses the connection mid-sheet (the draft stays in the
 * browser and is sent when it returns), reloads with an unsent draft (restored and sent), submits; two
 * tabs on one sheet show both versions instead of losing one.
 */
describe('the review page keeps every score (Chromium)', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let seat: PanelMember;
  const shots = join(process.env['VAR_DIR'] ?? 'var', 'screenshots');

  beforeAll(async () => {
    t = await createTestApp();
    await resetDatabase(t.ds, t.config);
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
    mkdirSync(shots, { recursive: true });
    seat = await t.ds.getRepository(PanelMember).findOneOrFail({
      where: { user: { email: 'judge@dongguan.example.cn' } },
      relations: { user: true },
    });
    await t.ds.getRepository(ReviewSheet).delete({ memberId: seat.id });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signIn(context: BrowserContext): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${base}/login?lang=en`);
    await page.getByLabel('Email').fill('judge@dongguan.example.cn');
    await page.getByLabel('Password').fill('Demo!2026');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/`);
    return page;
  }
  const queueIds = async (page: Page) => {
    await page.goto(`${base}/reviews`);
    const hrefs = await page
      .locator('#review-queue a')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    return hrefs.map((h) => Number(h.split('/').pop()));
  };
  const sheetOf = (proposalId: number) =>
    t.ds.getRepository(ReviewSheet).findOneBy({ memberId: seat.id, proposalId });
  const state = (page: Page, name: string) =>
    page.locator(`#sync-state[data-state="${name}"]`).waitFor({ timeout: 15_000 });

  it('declares a conflict, scores three proposals through autosave, offline and a reload, and submits', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await signIn(context);
    const before = await queueIds(page);
    expect(before.length).toBeGreaterThanOrEqual(4);

    // 1. Declare a conflict on the first proposal: it leaves the list.
    const conflicted = before[0];
    await page.goto(`${base}/my/panel`);
    await page.locator(`#d-proposal-${seat.id}`).selectOption(String(conflicted));
    await page.locator(`#d-reason-${seat.id}`).fill('I volunteer for this organisation');
    await page.getByRole('button', { name: /declare/i }).click();
    await page.waitForURL(/\/my\/panel/);
    expect(
      await t.ds
        .getRepository(PanelConflict)
        .findOneBy({ memberId: seat.id, proposalId: conflicted }),
    ).toMatchObject({ status: 'confirmed', source: 'declared' });
    const after = await queueIds(page);
    expect(after).not.toContain(conflicted);
    expect(after).toEqual(before.slice(1));
    const [p1, p2, p3] = after;

    // 2. First proposal: typed with the keyboard, never "save": autosaved.
    await page.goto(`${base}/reviews/proposals/${p1}`);
    await page.locator('#score-need').focus();
    for (const [v, last] of [
      ['20', false],
      ['19', false],
      ['15', false],
      ['12', false],
      ['10', true],
    ] as const) {
      await page.keyboard.type(v);
      if (!last) {
        await page.keyboard.press('Tab'); // comment
        await page.keyboard.press('Tab'); // next score (or N/A box)
        if ((await page.locator(':focus').getAttribute('type')) === 'checkbox')
          await page.keyboard.press('Tab');
      }
    }
    await state(page, 'saved');
    expect((await sheetOf(p1))?.scores).toEqual({
      need: 20,
      design: 19,
      team: 15,
      budget: 12,
      sustain: 10,
    });

    // 3. Second proposal: the connection drops mid-sheet; the draft waits in the browser.
    await page.goto(`${base}/reviews/proposals/${p2}`);
    await page.locator('#score-need').fill('18');
    await state(page, 'saved');
    await context.setOffline(true);
    await page.locator('#score-design').fill('17');
    await page.locator('#score-team').fill('14');
    await state(page, 'offline');
    await page.screenshot({ path: join(shots, 'review-3-offline.png'), fullPage: true });
    expect((await sheetOf(p2))?.scores).toEqual({ need: 18 });
    // Runs in the page (no DOM types here): the draft kept in the browser's localStorage.
    const kept = await page.evaluate(
      `JSON.parse(localStorage.getItem(${JSON.stringify(`gv-review:${seat.userId}:${p2}`)}) ?? 'null')`,
    );
    expect((kept as { scores: unknown }).scores).toEqual({ need: 18, design: 17, team: 14 });
    await context.setOffline(false);
    await state(page, 'saved');
    expect((await sheetOf(p2))?.scores).toEqual({ need: 18, design: 17, team: 14 });

    // 4. Third proposal: the save cannot reach the server, the judge reloads: the draft comes back and is sent.
    await page.goto(`${base}/reviews/proposals/${p3}`);
    await page.route('**/autosave', (route) => route.abort('connectionfailed'));
    await page.locator('#score-need').fill('22');
    await page.locator('#score-design').fill('21');
    await state(page, 'offline');
    await page.unroute('**/autosave');
    await page.reload();
    expect(await page.locator('#score-need').inputValue()).toBe('22');
    expect(await page.locator('#score-design').inputValue()).toBe('21');
    await state(page, 'saved');
    expect((await sheetOf(p3))?.scores).toEqual({ need: 22, design: 21 });

    // 5. Finish and submit all three: each is locked.
    for (const [p, rest] of [
      [p2, { budget: '11', sustain: '9' }],
      [p3, { team: '16', budget: '13', sustain: '12' }],
      [p1, {}],
    ] as const) {
      await page.goto(`${base}/reviews/proposals/${p}`);
      for (const [id, v] of Object.entries(rest)) await page.locator(`#score-${id}`).fill(v);
      await page.getByRole('button', { name: 'Submit scores' }).click();
      await page.locator('p.flash', { hasText: 'Scores submitted and locked.' }).waitFor();
      expect(await page.locator('#score-need').isDisabled()).toBe(true);
      expect((await sheetOf(p))?.status).toBe('submitted');
    }
    expect((await sheetOf(p3))?.scores).toEqual({
      need: 22,
      design: 21,
      team: 16,
      budget: 13,
      sustain: 12,
    });
    await page.screenshot({ path: join(shots, 'review-4-submitted.png'), fullPage: true });
    await context.close();
  });

  it('two tabs on one sheet: the later save shows both versions, and the judge chooses', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const a = await signIn(context);
    const ids = await queueIds(a);
    const p = ids[0];
    await t.ds.getRepository(ReviewSheet).delete({ memberId: seat.id, proposalId: p });
    await a.goto(`${base}/reviews/proposals/${p}`);
    const b = await context.newPage();
    await b.goto(`${base}/reviews/proposals/${p}`);
    await a.locator('#score-need').fill('5');
    await state(a, 'saved');
    await b.locator('#score-need').fill('24');
    await state(b, 'conflict');
    await b.locator('#conflict-table').waitFor();
    const rows = await b.locator('#conflict-table tr.differs td').allTextContents();
    expect(rows).toEqual(expect.arrayContaining(['24', '5']));
    await b.screenshot({ path: join(shots, 'review-5-conflict.png'), fullPage: true });
    expect((await sheetOf(p))?.scores).toEqual({ need: 5 });
    await b.locator('#keep-mine').click();
    await state(b, 'saved');
    expect((await sheetOf(p))?.scores).toEqual({ need: 24 });
    await context.close();
  });

  it('live mode: the judge follows the roadshow agenda, the chair sees who has submitted', async () => {
    const call = await t.ds.getRepository(Call).findOneByOrFail({ code: 'DG' });
    const roadshow = await t.ds.getRepository(Roadshow).findOneByOrFail({ callId: call.id });
    const first = (await t.ds.getRepository(RoadshowPitch).findBy({ roadshowId: roadshow.id }))
      .filter((p) => p.publishedStartsAt)
      .sort((a, b) => a.publishedStartsAt!.getTime() - b.publishedStartsAt!.getTime())[0];
    const date = formatShanghaiDate(first.publishedStartsAt);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await signIn(context);
    await page.goto(`${base}/reviews`);
    await page.locator('#live-link').click();
    await page.goto(`${base}/reviews/live?date=${date}`);
    await page.locator('#live-current').waitFor();
    expect(await page.locator('.live-agenda tbody tr').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(shots, 'review-6-live-judge.png'), fullPage: true });
    const chair = await context.browser()!.newContext({ viewport: { width: 1280, height: 900 } });
    const c = await chair.newPage();
    await c.goto(`${base}/login?lang=en`);
    await c.getByLabel('Email').fill('admin@dongguan.example.cn');
    await c.getByLabel('Password').fill('Demo!2026');
    await c.getByRole('button', { name: 'Sign in' }).click();
    await c.waitForURL(`${base}/`);
    await c.goto(`${base}/calls/${call.id}/reviews/live?date=${date}&pitch=${first.id}`);
    await c.locator('#board-count').waitFor();
    expect(await c.locator('#board-count').textContent()).toMatch(/\d+ of \d+ submitted/);
    await c.screenshot({ path: join(shots, 'review-7-live-board.png'), fullPage: true });
    await chair.close();
    await context.close();
  });
});
