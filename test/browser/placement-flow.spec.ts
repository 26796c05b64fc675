import { AddressInfo } from 'node:net';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { Call } from '@gv/calls';
import { CommunityCapacity, FundingAward, FundingPlacement } from '@gv/funding';
import { Community } from '@gv/places';
import { Proposal, ProposalCommunity, ProposalStatus } from '@gv/proposals';
import {
  TestApp,
  createTestApp,
  launchBrowser,
  resetDatabase,
  undoFundingDecision,
} from '@gv/testing';

/** Funded demo projects and their preferred host communities; 苇湾 is wanted by three. */
const FUNDED: ReadonlyArray<[title: string, prefs: string[]]> = [
  ['苇湾银龄日间照料与助餐', ['weiwan', 'kuiwenmen']],
  ['苇湾网上议事厅议题落地行动', ['weiwan', 'zhongheyuan']],
  ['院校街白领志愿者联盟“周末一小时”', ['weiwan', 'yuanxiaojie']],
  ['工福街困难家庭儿童“四点半课堂”', ['gongfujie', 'weiwan']],
  ['李家街微论坛议事员培育', ['lijiajie']],
];

/**
 * 落户 in Chromium (#11), English pages: the street office places the funded projects (one cannot be
 * placed: 李家街 can host none), 苇湾's staff accept one project and refuse another with a reason, the
 * refused one moves to its next preferred community; the street office raises 李家街's capacity and
 * places again. Screenshots: var/screenshots/placement-*.png.
 */
describe('placement of funded projects in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let call: Call;
  let community: Record<string, number>;
  const id: Record<string, number> = {};
  const shots = join(__dirname, '..', '..', 'var', 'screenshots');

  beforeAll(async () => {
    t = await createTestApp();
    await resetDatabase(t.ds, t.config);
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
    mkdirSync(shots, { recursive: true });
    call = await t.ds.getRepository(Call).findOneByOrFail({ code: 'DG' });
    community = Object.fromEntries(
      (await t.ds.getRepository(Community).find()).map((c) => [c.code, c.id]),
    );
    // The demo may have no awards yet: fund these projects (only these) and give them their preferences.
    await undoFundingDecision(t.ds, call.id);
    for (const [title, prefs] of FUNDED) {
      const p = await t.ds.getRepository(Proposal).findOneByOrFail({ title, callId: call.id });
      id[title] = p.id;
      await t.ds.getRepository(Proposal).update(p.id, { status: ProposalStatus.Eligible });
      await t.ds
        .getRepository(ProposalCommunity)
        .delete({ proposalId: p.id, version: p.currentVersion });
      await t.ds.getRepository(ProposalCommunity).insert(
        prefs.map((code, i) => ({
          proposalId: p.id,
          version: p.currentVersion,
          preference: i + 1,
          communityId: community[code],
        })),
      );
      await t.ds.getRepository(FundingAward).upsert(
        {
          callId: call.id,
          runId: null,
          proposalId: p.id,
          track: p.track,
          requestedFen: p.totalFen,
          amountFen: p.totalFen,
          status: 'awarded',
          reason: '',
        },
        ['proposalId'],
      );
    }
    await t.ds.getRepository(FundingPlacement).delete({ callId: call.id });
    await t.ds.getRepository(CommunityCapacity).delete({ callId: call.id });
    await t.ds
      .getRepository(CommunityCapacity)
      .insert({ callId: call.id, communityId: community.lijiajie, capacity: 0, updatedById: null });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signIn(email: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${base}/login?lang=en`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('Demo!2026');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/`);
    return page;
  }
  const placement = (proposalId: number) =>
    t.ds.getRepository(FundingPlacement).findOneByOrFail({ proposalId });
  const statusOf = (page: Page, proposalId: number) =>
    page.locator(`#placement-${proposalId}`).getAttribute('data-status');

  it('places, 苇湾 accepts one and refuses another, the refused one moves; the unplaced one is resolved', async () => {
    const admin = await signIn('admin@dongguan.example.cn');
    await admin.goto(`${base}/calls/${call.id}/placements`);
    await admin.getByRole('button', { name: 'Place projects' }).click();
    await admin.locator('p.flash', { hasText: 'Placement done.' }).waitFor();
    // The unplaceable project is listed first, with both ways to resolve it.
    const d = id['李家街微论坛议事员培育'];
    const first = admin.locator('#placement-table tbody tr').first();
    expect(await first.getAttribute('id')).toBe(`placement-${d}`);
    expect(await first.textContent()).toContain('Every listed community is at capacity');
    expect(await first.getByRole('button', { name: 'Withdraw the award' }).count()).toBe(1);
    await admin.screenshot({ path: join(shots, 'placement-1-overview.png'), fullPage: true });

    const inWeiwan = (await t.ds.getRepository(FundingPlacement).findBy({ callId: call.id }))
      .filter((p) => p.communityId === community.weiwan)
      .map((p) => p.proposalId)
      .sort((a, b) => a - b);
    expect(inWeiwan).toHaveLength(2);
    const [accepted, refused] = inWeiwan;

    // 苇湾's staff: their page lists the two; accept one, refuse the other with a reason.
    const staff = await signIn('weiwan@dongguan.example.cn');
    await staff.goto(`${base}/community/placements`);
    expect(await staff.locator('#community-placements tbody tr').count()).toBe(2);
    await staff.locator(`#accept-${accepted}`).click();
    await staff.locator('p.flash', { hasText: 'Project accepted.' }).waitFor();
    expect(await statusOf(staff, accepted)).toBe('accepted');
    // Refusing without a reason is refused beside the field.
    await staff.locator(`#refuse-${refused}`).click();
    await staff.locator(`#refuse-reason-${refused}-error`).waitFor();
    await staff.locator(`#refuse-reason-${refused}`).fill('No room for another weekly activity');
    await staff.screenshot({ path: join(shots, 'placement-2-community.png'), fullPage: true });
    await staff.locator(`#refuse-${refused}`).click();
    await staff.locator('p.flash', { hasText: /^Refused/ }).waitFor();
    // It left 苇湾's list; the accepted one stayed.
    expect(await staff.locator(`#placement-${refused}`).count()).toBe(0);
    expect(await statusOf(staff, accepted)).toBe('accepted');
    await staff.screenshot({
      path: join(shots, 'placement-3-community-after.png'),
      fullPage: true,
    });
    const moved = await placement(refused);
    expect(moved.refusedBy).toEqual([community.weiwan]);
    expect(moved.communityId).not.toBe(community.weiwan);
    expect((await placement(accepted)).communityId).toBe(community.weiwan);

    // The street office sees it elsewhere (or unplaced, listed first), then resolves 李家街.
    await admin.reload();
    const row = admin.locator(`#placement-${refused}`);
    expect(await row.getAttribute('data-status')).toBe(moved.status);
    expect(await row.textContent()).toContain('Refused by');
    expect(await row.textContent()).toContain('No room for another weekly activity');
    await admin.locator(`#capacity-${community.lijiajie}`).fill('1');
    await admin.getByRole('button', { name: 'Save capacities' }).click();
    await admin.locator('p.flash', { hasText: 'Capacity saved.' }).waitFor();
    await admin.getByRole('button', { name: 'Place projects' }).click();
    await admin.locator('p.flash', { hasText: 'Placement done.' }).waitFor();
    expect(await statusOf(admin, d)).toBe('placed');
    expect(await placement(d)).toMatchObject({ communityId: community.lijiajie, needFit: true });
    expect(await statusOf(admin, accepted)).toBe('accepted');
    await admin.screenshot({ path: join(shots, 'placement-4-resolved.png'), fullPage: true });
  });
});
