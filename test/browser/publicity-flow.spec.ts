import { AddressInfo } from 'node:net';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { Call } from '@gv/calls';
import { FundingAward, FundingRun, Objection, Publicity, PublicityService } from '@gv/funding';
import { TestApp, createTestApp, launchBrowser, resetDatabase } from '@gv/testing';
import { calendarForToday, decideWithNotFunded } from '../funding/publicity-fixtures';

/**
 * 公示 in Chromium (#11), English pages: the street office publishes the demo's approved and placed
 * decision, a resident files an objection on the public page (no account), the street office rejects
 * it with a reply, the period ends (the finalise job run at a later time) and the page shows the
 * results final. Screenshots: var/screenshots/publicity-*.png.
 */
describe('publicity and objections in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let call: Call;
  const shots = join(__dirname, '..', '..', 'var', 'screenshots');

  beforeAll(async () => {
    t = await createTestApp();
    await resetDatabase(t.ds, t.config);
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
    mkdirSync(shots, { recursive: true });
    call = await t.ds.getRepository(Call).findOneByOrFail({ code: 'DG' });
    // The demo decision (approved, placed), decided again so that two projects are not funded.
    expect(
      await t.ds.getRepository(FundingRun).countBy({ callId: call.id, status: 'approved' }),
    ).toBe(1);
    await decideWithNotFunded(t, call.id);
    await calendarForToday(t);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function open(path: string, email?: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    if (email) {
      await page.goto(`${base}/login?lang=en`);
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill('Demo!2026');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(`${base}/`);
    }
    await page.goto(`${base}${path}${path.includes('?') ? '&' : '?'}lang=en`);
    return page;
  }
  const status = (page: Page) => page.locator('#publicity-status').getAttribute('data-status');

  it('publishes, takes a resident’s objection, answers it, and ends final after the period', async () => {
    // The street office publishes.
    const admin = await open(`/calls/${call.id}/publicity`, 'admin@dongguan.example.cn');
    await admin.getByRole('button', { name: 'Publish the results' }).click();
    await admin.locator('p.flash', { hasText: 'Results published' }).waitFor();
    expect(await admin.locator('#publicity-state').getAttribute('data-status')).toBe('open');
    const round = await t.ds.getRepository(Publicity).findOneByOrFail({ callId: call.id });
    await admin.screenshot({ path: join(shots, 'publicity-1-published.png'), fullPage: true });

    // A resident, not signed in, reads the results and objects to one funded project.
    const resident = await open(`/results/${call.id}`);
    expect(await status(resident)).toBe('open');
    const funded = await t.ds
      .getRepository(FundingAward)
      .findOneOrFail({ where: { callId: call.id, status: 'awarded' }, order: { id: 'ASC' } });
    expect(await resident.locator(`#result-${funded.proposalId}`).count()).toBe(1);
    expect(await resident.locator('#funded-table tbody tr').count()).toBe(2);
    expect(await resident.locator('#not-funded-table').textContent()).toContain(
      'Skipped: does not fit the remaining budget',
    );
    expect(await resident.locator('#not-funded-table').textContent()).toContain(
      'Below the pass line',
    );
    await resident.screenshot({ path: join(shots, 'publicity-2-results.png'), fullPage: true });
    // The form is one click away, on its own page (the results page is the same for every visitor).
    await resident.getByRole('link', { name: 'Object to these results' }).click();
    await resident.getByLabel('Name (person or organisation)').fill('Wang Li (resident)');
    await resident.getByLabel('Email (for the reply only, never shown)').fill('wangli@example.cn');
    await resident.locator('#objection-project').selectOption(String(funded.proposalId));
    await resident
      .getByLabel('What you object to, and why')
      .fill('The project already runs in our community with other money; please check.');
    await resident.getByRole('button', { name: 'Send the objection' }).click();
    await resident.locator('p.flash', { hasText: 'Your objection has been received' }).waitFor();
    expect(await resident.content()).not.toContain('wangli@example.cn');
    const filed = await t.ds.getRepository(Objection).findOneByOrFail({ callId: call.id });
    expect(filed).toMatchObject({ proposalId: funded.proposalId, status: 'open' });

    // The street office answers it: rejected, with a reply (mailed to the resident).
    await admin.reload();
    const row = admin.locator(`#objection-${filed.id}`);
    expect(await row.getAttribute('data-status')).toBe('open');
    expect(await row.textContent()).toContain('w***@example.cn');
    expect(await row.textContent()).not.toContain('wangli@example.cn');
    await admin.locator(`#answer-decision-${filed.id}`).selectOption('rejected');
    await admin
      .locator(`#answer-reply-${filed.id}`)
      .fill('Checked with the community: the activities do not overlap. The result stands.');
    await admin.screenshot({ path: join(shots, 'publicity-3-objection.png'), fullPage: true });
    await admin.locator(`#answer-submit-${filed.id}`).click();
    await admin.locator('p.flash', { hasText: 'Reply recorded' }).waitFor();
    expect(await admin.locator(`#objection-${filed.id}`).getAttribute('data-status')).toBe(
      'rejected',
    );

    // The period ends: the scheduled job, run at a moment after the deadline, makes it final.
    const svc = t.app.get(PublicityService, { strict: false });
    expect(await svc.finaliseDue(new Date(round.deadline.getTime() - 60_000))).toBe(0);
    expect(await svc.finaliseDue(new Date(round.deadline.getTime() + 1_000))).toBe(1);
    await resident.goto(`${base}/results/${call.id}`);
    expect(await status(resident)).toBe('final');
    expect(await resident.locator('#publicity-status').textContent()).toContain(
      'The results are final.',
    );
    expect(await resident.locator('#objection-closed').textContent()).toContain(
      'The objection period is over.',
    );
    expect(await resident.locator('#round-1').getAttribute('data-status')).toBe('final');
    await resident.screenshot({ path: join(shots, 'publicity-4-final.png'), fullPage: true });
    await resident.goto(`${base}/results/${call.id}?lang=zh-CN`);
    expect(await resident.locator('#publicity-status').textContent()).toContain('立项结果已生效');
    await resident.screenshot({ path: join(shots, 'publicity-4-final-zh.png'), fullPage: true });

    // The printable notice and the award letter (print CSS; the street office prints them).
    await resident.goto(`${base}/results/${call.id}/notice?lang=en`);
    expect(await resident.locator('#notice-contact').textContent()).toContain('0536-8000 1234');
    await resident.emulateMedia({ media: 'print' });
    await resident.screenshot({
      path: join(shots, 'publicity-5-notice-print.png'),
      fullPage: true,
    });
    await admin.goto(`${base}/awards/${funded.proposalId}/letter`);
    expect(await admin.locator('#letter').getAttribute('data-kind')).toBe('award');
    await admin.emulateMedia({ media: 'print' });
    await admin.screenshot({ path: join(shots, 'publicity-6-letter-print.png'), fullPage: true });
    await admin.emulateMedia({ media: 'screen' });
    await admin.goto(`${base}/admin/work-calendar?year=2026`);
    expect(await admin.locator('#day-2026-10-10').getAttribute('data-kind')).toBe('workday');
    await admin.screenshot({ path: join(shots, 'publicity-7-calendar.png'), fullPage: true });
  });
});
