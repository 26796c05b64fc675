import { AddressInfo } from 'node:net';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { DeliveryEvaluation, Tranche } from '@gv/delivery';
import { Call } from '@gv/calls';
import {
  createTestApp,
  launchBrowser,
  resetDatabase,
  TestApp,
  undoFundingDecision,
} from '@gv/testing';
import {
  ADMIN,
  ADMIN2,
  auth,
  awardAndStart,
  checkedAgreement,
  eligibleProposals,
  ORG,
  Tokens,
  tokens,
} from '../delivery/money-fixtures';

/**
 * Delivery in Chromium (#12): a mid-term evaluation passes and releases the second tranche. The first
 * tranche is paid already (API); the street office evaluates on the rubric page, the organisation
 * requests the second tranche, street admin 1 approves it (and is offered no payment form), street
 * admin 2 records it paid. Screenshots: var/screenshots/delivery-*.png (English pages).
 */
describe('delivery: a mid-term evaluation releases the second tranche (Chromium)', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let tk: Tokens;
  let projectId: number;
  const shots = join(__dirname, '..', '..', 'var', 'screenshots');

  beforeAll(async () => {
    t = await createTestApp();
    await resetDatabase(t.ds, t.config);
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
    mkdirSync(shots, { recursive: true });
    const call = await t.ds.getRepository(Call).findOneByOrFail({ code: 'DG' });
    await undoFundingDecision(t.ds, call.id);
    tk = await tokens(t);
    const [p] = await eligibleProposals(t);
    projectId = (await awardAndStart(t, tk.admin, p)).project.id;
    await checkedAgreement(t, tk, projectId);
    const [t1] = await t.ds
      .getRepository(Tranche)
      .find({ where: { projectId }, order: { seq: 'ASC' } });
    for (const [step, token, body] of [
      ['request', tk.org, {}],
      ['approve', tk.admin, {}],
      ['pay', tk.admin2, { bankReference: 'WF-0001' }],
    ] as const)
      await t.http
        .post(`/api/v1/delivery/tranches/${t1.id}/${step}`)
        .set(auth(token))
        .send(body)
        .expect(200);
  }, 90_000);
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
  const tranche = (seq: number) => t.ds.getRepository(Tranche).findOneByOrFail({ projectId, seq });
  const row = (page: Page, seq: number) => page.locator(`#tranche-${seq}`);

  it('passes the mid-term evaluation, then the second tranche is requested, approved and paid by another admin', async () => {
    // Street admin 1: the list, the project; the second tranche waits for the mid-term.
    const admin = await signIn(ADMIN);
    const menu = admin.getByRole('navigation', { name: 'Main menu' });
    await menu.locator('summary', { hasText: 'Delivery' }).click();
    await menu.getByRole('link', { name: 'Delivery', exact: true }).click();
    await admin.waitForURL(`${base}/delivery`);
    await admin.locator(`#project-${projectId} a`).click();
    await admin.waitForURL(`${base}/delivery/projects/${projectId}`);
    expect(await row(admin, 1).getAttribute('data-status')).toBe('paid');
    expect(await row(admin, 2).textContent()).toContain('Mid-term evaluation passed');
    expect(await row(admin, 2).getAttribute('data-status')).toBe('scheduled');
    await admin.screenshot({ path: join(shots, 'delivery-1-project.png'), fullPage: true });

    // The evaluation on the rubric: a score out of range is refused beside its field.
    await admin.locator('#evaluate-midterm').click();
    await admin.waitForURL(/\/evaluation\?kind=midterm/);
    await admin.locator('#score-delivery').fill('31');
    await admin.locator('#score-resources').fill('16');
    await admin.locator('#score-finance').fill('20');
    await admin.locator('#score-results').fill('19');
    await admin
      .locator('#evaluation-comments')
      .fill('Activities on schedule; accounts and receipts in order.');
    await admin.getByRole('button', { name: 'Submit the evaluation' }).click();
    await admin.locator('#score-delivery-error').waitFor();
    expect(await t.ds.getRepository(DeliveryEvaluation).count()).toBe(0);
    await admin.locator('#score-delivery').fill('24');
    await admin.screenshot({ path: join(shots, 'delivery-2-evaluation.png'), fullPage: true });
    await admin.getByRole('button', { name: 'Submit the evaluation' }).click();
    await admin.locator('p.flash', { hasText: 'Evaluation recorded.' }).waitFor();
    const evaluation = await t.ds.getRepository(DeliveryEvaluation).findOneByOrFail({ projectId });
    expect(evaluation).toMatchObject({ kind: 'midterm', result: 'pass', score: '79.00' });
    expect(await admin.locator('#evaluation-table').textContent()).toContain('Passed');

    // The organisation requests the second tranche from its own project list.
    const org = await signIn(ORG);
    await org
      .getByRole('navigation', { name: 'Main menu' })
      .getByRole('link', { name: 'My projects' })
      .click();
    await org.locator(`#project-${projectId} a`).click();
    await org.locator('#request-2').click();
    await org.locator('p.flash', { hasText: 'Tranche requested.' }).waitFor();
    expect((await tranche(2)).status).toBe('requested');
    await org.screenshot({ path: join(shots, 'delivery-3-requested.png'), fullPage: true });

    // Street admin 1 approves: no payment form for the approver.
    await admin.goto(`${base}/delivery/projects/${projectId}`);
    await admin.locator('#approve-2').click();
    await admin.locator('p.flash', { hasText: 'Tranche approved.' }).waitFor();
    expect(await admin.locator('#pay-2').count()).toBe(0);
    expect(await row(admin, 2).textContent()).toContain(
      'Another street officer records the payment.',
    );
    await admin.screenshot({ path: join(shots, 'delivery-4-approved.png'), fullPage: true });

    // Street admin 2 records it paid with the bank reference.
    const admin2 = await signIn(ADMIN2);
    await admin2.goto(`${base}/delivery/projects/${projectId}`);
    await admin2.locator('#reference-2').fill('WF-20260315-0002');
    await admin2.locator('#pay-2').click();
    await admin2.locator('p.flash', { hasText: 'Payment recorded.' }).waitFor();
    const paid = await tranche(2);
    expect(paid).toMatchObject({ status: 'paid', bankReference: 'WF-20260315-0002' });
    expect(paid.paidById).not.toBe(paid.approvedById);
    expect(await row(admin2, 2).getAttribute('data-status')).toBe('paid');
    const t1 = await tranche(1);
    expect(await admin2.locator('#money-paid').textContent()).toBe(
      ((t1.amountFen + paid.amountFen) / 100).toLocaleString('en-US', {
        minimumFractionDigits: 2,
      }),
    );
    await admin2.screenshot({ path: join(shots, 'delivery-5-paid.png'), fullPage: true });

    // The printable agreement.
    await admin2.locator('#agreement-print').click();
    await admin2.locator('#agreement-doc').waitFor();
    expect(await admin2.locator('#agreement-schedule tbody tr').count()).toBe(4);
    await admin2.screenshot({ path: join(shots, 'delivery-6-agreement.png'), fullPage: true });
  });
});
