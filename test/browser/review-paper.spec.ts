import { AddressInfo } from 'node:net';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { User } from '@gv/accounts';
import { Call } from '@gv/calls';
import { Role } from '@gv/core';
import { PanelMember, panelRecusals } from '@gv/panels';
import { Proposal, ProposalStatus } from '@gv/proposals';
import { ReviewPaperEntry, ReviewSheet } from '@gv/reviews';
import { createTestApp, launchBrowser, resetDatabase, TestApp } from '@gv/testing';

const ADMIN2 = 'paper-second@dongguan.example.cn';

/**
 * 纸质评分表双人录入 in Chromium: one staff member types a judge's paper sheet in, a second one types a
 * different value and sees the difference, corrects it, and the sheet is confirmed; then the printable
 * review report (#10). English pages (the machine has no CJK fonts), screenshots in var/screenshots.
 */
describe('paper score sheets and the review report in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const shots = process.env['SCREENSHOT_DIR'] ?? join(__dirname, '..', '..', 'var', 'screenshots');

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

  async function signIn(email: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${base}/login?lang=en`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('Demo!2026');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/`);
    return page;
  }

  async function fillSheet(page: Page, scores: Record<string, number | 'na'>): Promise<void> {
    for (const [id, v] of Object.entries(scores)) {
      if (v === 'na') await page.locator(`#na-${id}`).check();
      else await page.locator(`#score-${id}`).fill(String(v));
    }
  }

  it('two staff members type a paper sheet in, see the difference, confirm it; the report prints', async () => {
    // A second street-office account (the demo has one), with the demo password.
    const users = t.ds.getRepository(User);
    const admin = await users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :e', { e: 'admin@dongguan.example.cn' })
      .getOneOrFail();
    await users.insert({
      email: ADMIN2,
      name: 'Sun Li (street office)',
      role: Role.StreetAdmin,
      communityId: null,
      organisationId: null,
      passwordHash: admin.passwordHash,
      locale: 'en',
      active: true,
      lastLoginAt: null,
    });
    const call = await t.ds.getRepository(Call).findOneByOrFail({ code: 'DG' });
    const seat = await t.ds.getRepository(PanelMember).findOneOrFail({
      where: { callId: call.id, user: { email: 'judge@dongguan.example.cn' } },
      relations: { user: true },
    });
    const recused = await panelRecusals(t.ds.manager, call.id);
    const proposal = (
      await t.ds.getRepository(Proposal).find({
        where: { callId: call.id, status: ProposalStatus.Eligible },
        order: { number: 'ASC' },
      })
    ).find((p) => !recused.get(p.id)?.has(seat.id))!;
    // The judge scored this one on paper.
    await t.ds.getRepository(ReviewSheet).delete({ memberId: seat.id, proposalId: proposal.id });
    const paperUrl = `${base}/calls/${call.id}/reviews/paper`;

    // The first staff member types the sheet in.
    const first = await signIn('admin@dongguan.example.cn');
    await first.goto(`${base}/calls/${call.id}/reviews`);
    await first.locator('#paper-link').click();
    await first.waitForURL(paperUrl);
    await first.locator('#paper-none').waitFor();
    await first.selectOption('#paper-member', String(seat.id));
    await first.selectOption('#paper-proposal', String(proposal.id));
    const sheet = { need: 21, design: 19, team: 16, budget: 12 } as const;
    await fillSheet(first, { ...sheet, sustain: 'na' });
    await first.locator('#paper-overall').fill('Clear budget; sustainability not applicable.');
    await first.getByRole('button', { name: 'Enter', exact: true }).click();
    await first
      .locator('p.flash', { hasText: 'Entered; waiting for a second staff member' })
      .waitFor();
    const row = (p: Page) => p.locator(`#paper-list tr[data-member="${seat.id}"]`);
    expect(await row(first).getAttribute('data-status')).toBe('pending');
    await first.screenshot({ path: join(shots, 'review-paper-1-pending.png'), fullPage: true });

    // The second staff member reads the budget line as 13: a mismatch, the difference side by side.
    const second = await signIn(ADMIN2);
    await second.goto(paperUrl);
    await second.selectOption('#paper-member', String(seat.id));
    await second.selectOption('#paper-proposal', String(proposal.id));
    await fillSheet(second, { ...sheet, budget: 13, sustain: 'na' });
    await second.getByRole('button', { name: 'Enter', exact: true }).click();
    await second.locator('p.flash', { hasText: 'The two entries differ' }).waitFor();
    expect(await row(second).getAttribute('data-status')).toBe('mismatch');
    const diff = second.locator('table.differences tr[data-criterion="budget"] td');
    expect(await diff.allInnerTexts()).toEqual(['Budget', '12', '13']);
    expect(await second.locator('table.differences tr[data-criterion]').count()).toBe(1);
    await second.screenshot({ path: join(shots, 'review-paper-2-mismatch.png'), fullPage: true });
    // The first staff member sees the same difference.
    await first.goto(paperUrl);
    expect(
      await first.locator('table.differences tr[data-criterion="budget"] td').allInnerTexts(),
    ).toEqual(['Budget', '12', '13']);
    expect(
      await t.ds.getRepository(ReviewSheet).countBy({ memberId: seat.id, proposalId: proposal.id }),
    ).toBe(0);

    // The second one checks the paper again and corrects their entry: equal, confirmed.
    await row(second).locator('a.reenter').click();
    expect(await second.locator('#paper-member').inputValue()).toBe(String(seat.id));
    expect(await second.locator('#paper-proposal').inputValue()).toBe(String(proposal.id));
    await fillSheet(second, { ...sheet, sustain: 'na' });
    await second.locator('#paper-overall').fill('Clear budget; sustainability not applicable.');
    await second.getByRole('button', { name: 'Enter', exact: true }).click();
    await second.locator('p.flash', { hasText: 'Both entries match' }).waitFor();
    expect(await row(second).getAttribute('data-status')).toBe('confirmed');
    await second.screenshot({ path: join(shots, 'review-paper-3-confirmed.png'), fullPage: true });
    const stored = await t.ds
      .getRepository(ReviewSheet)
      .findOneByOrFail({ memberId: seat.id, proposalId: proposal.id });
    expect(stored).toMatchObject({
      status: 'submitted',
      source: 'paper',
      scores: { ...sheet, sustain: null },
    });
    expect(
      await t.ds
        .getRepository(ReviewPaperEntry)
        .findOneByOrFail({ memberId: seat.id, proposalId: proposal.id }),
    ).toMatchObject({ status: 'confirmed', sheetId: stored.id });

    // The printable report, from the confirmed row.
    await row(second).getByRole('link', { name: 'Report' }).click();
    await second.waitForURL(/\/reviews\/proposals\/\d+\/report$/);
    const judgeRow = second.locator(`#report-sheets tr.report-sheet[data-member="${seat.id}"]`);
    expect(await judgeRow.getAttribute('data-source')).toBe('paper');
    expect(await judgeRow.locator('td[data-criterion="sustain"]').innerText()).toBe('N/A');
    expect(await judgeRow.locator('td[data-criterion="budget"]').innerText()).toBe('12');
    expect(await second.locator('#report-explanation li').count()).toBeGreaterThan(1);
    expect(await second.locator('#report-signatures').innerText()).toContain(
      'Signature of the panel chair',
    );
    await second.screenshot({ path: join(shots, 'review-paper-4-report.png'), fullPage: true });
    // As printed: no menu, no buttons.
    await second.emulateMedia({ media: 'print' });
    expect(await second.locator('header.top').isVisible()).toBe(false);
    expect(await second.locator('#print-report').isVisible()).toBe(false);
    await second.screenshot({
      path: join(shots, 'review-paper-5-report-print.png'),
      fullPage: true,
    });
  });
});
