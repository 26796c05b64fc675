import { mkdirSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { DeliveryMilestone, ProgressReport, ReportFile } from '@gv/delivery';
import { createTestApp, launchBrowser, resetDatabase, TestApp } from '@gv/testing';
import { ADMIN, ORG } from '../delivery/money-fixtures';
import { orgProject, png } from '../delivery/tracking-fixtures';

/**
 * Progress reports in Chromium (#12): an organisation member submits a report with a photo (marked
 * "shows people" and "consent to publish"), the street office returns it with comments, the
 * organisation fixes it and submits it again, the street office accepts it (its milestone is done);
 * the public page shows the photo, the dashboard counts the beneficiaries.
 * Screenshots: var/screenshots/delivery-report-*.png (English pages).
 */
describe('delivery: a progress report with a photo, returned, fixed and accepted (Chromium)', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let projectId: number;
  let milestone: DeliveryMilestone;
  const shots = join(__dirname, '..', '..', 'var', 'screenshots');

  beforeAll(async () => {
    t = await createTestApp();
    await resetDatabase(t.ds, t.config);
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
    mkdirSync(shots, { recursive: true });
    const made = await orgProject(t);
    projectId = made.project.id;
    milestone = made.milestones[0];
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
  const report = () => t.ds.getRepository(ProgressReport).findOneOrFail({ where: { projectId } });

  it('is submitted with a photo, returned, fixed and accepted; the public page shows the photo', async () => {
    // The organisation: its project's reports, the form (a refused number comes back beside its field).
    const org = await signIn(ORG);
    await org.goto(`${base}/delivery/projects/${projectId}/reports`);
    await org.locator('#report-milestone').selectOption(String(milestone.id));
    await org.locator('#report-beneficiaries').fill('-5');
    await org.locator('#report-hours').fill('36');
    await org.locator('#report-activities').fill('4');
    await org
      .locator('#report-narrative')
      .fill(
        'Four home-visit rounds with volunteers; 38 older residents living alone were visited.',
      );
    await org.locator('#spending-fields input').first().fill('850.00');
    await org.locator('#report-file').setInputFiles({
      name: '入户走访.png',
      mimeType: 'image/png',
      buffer: png(320, 200, [
        [183, 28, 28],
        [255, 193, 7],
        [46, 125, 50],
      ]),
    });
    await org.locator('#report-people').check();
    await org.locator('#report-consent').check();
    await org.getByRole('button', { name: 'Submit the report' }).click();
    await org.locator('#report-beneficiaries-error').waitFor();
    expect(await t.ds.getRepository(ProgressReport).count()).toBe(0);
    await org.screenshot({ path: join(shots, 'delivery-report-1-form.png'), fullPage: true });
    // The file input is empty again after a refused post: choose the photo once more.
    await org.locator('#report-beneficiaries').fill('38');
    await org.locator('#report-file').setInputFiles({
      name: '入户走访.png',
      mimeType: 'image/png',
      buffer: png(320, 200, [
        [183, 28, 28],
        [255, 193, 7],
        [46, 125, 50],
      ]),
    });
    await org.locator('#report-people').check();
    await org.locator('#report-consent').check();
    await org.getByRole('button', { name: 'Submit the report' }).click();
    await org.locator('p.flash', { hasText: 'Report submitted' }).waitFor();
    const r1 = await report();
    expect(r1).toMatchObject({ status: 'submitted', version: 1, beneficiaries: 38 });
    const files = await t.ds.getRepository(ReportFile).findBy({ reportId: r1.id });
    expect(files.map((f) => [f.fileName, f.showsPeople, f.publicConsent])).toEqual([
      ['入户走访.png', true, true],
    ]);
    expect(
      await org
        .locator(`#file-${files[0].id} img`)
        .evaluate((i: { naturalWidth: number }) => i.naturalWidth),
    ).toBe(320);
    await org.screenshot({ path: join(shots, 'delivery-report-2-submitted.png'), fullPage: true });

    // The street office returns it with comments.
    const admin = await signIn(ADMIN);
    await admin.goto(`${base}/delivery/reports/${r1.id}`);
    await admin.getByRole('button', { name: 'Return for fixes' }).click();
    await admin.locator('#return-comments-error').waitFor();
    await admin
      .locator('#return-comments')
      .fill('Please give the number of activities per budget line and the volunteers’ hours.');
    await admin.getByRole('button', { name: 'Return for fixes' }).click();
    await admin.locator('p.flash', { hasText: 'Report returned' }).waitFor();
    expect((await report()).status).toBe('returned');

    // The organisation sees the comments, fixes the report and submits it again.
    await org.goto(`${base}/delivery/reports/${r1.id}`);
    expect(await org.locator('#report-comments').textContent()).toContain('volunteers’ hours');
    // Shot before typing: a full-page shot taken after typing left the next click below the fold
    // without effect in this Chromium.
    await org.screenshot({ path: join(shots, 'delivery-report-3-returned.png'), fullPage: true });
    await org.locator('#edit-form #report-activities').fill('5');
    await org.locator('#edit-form #report-hours').fill('44');
    await org.getByRole('button', { name: 'Submit again' }).click();
    await org.locator('p.flash', { hasText: 'submitted again' }).waitFor();
    expect(await report()).toMatchObject({ status: 'submitted', version: 2, activities: 5 });

    // The street office accepts version 2: the milestone is done.
    await admin.goto(`${base}/delivery/reports/${r1.id}`);
    expect(await admin.locator('#accept-form').textContent()).toContain(milestone.title);
    await admin.getByRole('button', { name: 'Accept' }).click();
    await admin.locator('p.flash', { hasText: 'Report accepted' }).waitFor();
    expect(await admin.locator('#report-status').getAttribute('data-status')).toBe('accepted');
    expect(
      (await t.ds.getRepository(DeliveryMilestone).findOneByOrFail({ id: milestone.id })).status,
    ).toBe('done');
    await admin.screenshot({ path: join(shots, 'delivery-report-4-accepted.png'), fullPage: true });

    // Anyone: the public page with the photo and the numbers, no sign-in.
    const visitor = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await visitor.goto(`${base}/projects/${projectId}?lang=en`);
    await visitor.locator(`#public-report-${r1.id} img`).waitFor();
    expect(
      await visitor
        .locator(`#public-report-${r1.id} img`)
        .evaluate((i: { naturalWidth: number }) => i.naturalWidth),
    ).toBe(320);
    expect(await visitor.locator('#public-beneficiaries').textContent()).toBe('38');
    await visitor.screenshot({ path: join(shots, 'delivery-report-5-public.png'), fullPage: true });

    // The milestones with their tracking: the first done, a change of the second awaits the office.
    await org.goto(`${base}/delivery/projects/${projectId}/milestones`);
    const second = (
      await t.ds
        .getRepository(DeliveryMilestone)
        .find({ where: { projectId }, order: { seq: 'ASC' } })
    )[1];
    await org.locator(`#milestone-${second.id} summary`).click();
    await org.locator(`#change-due-${second.id}`).fill('2027-02-01');
    await org
      .locator(`#change-reason-${second.id}`)
      .fill('The community hall is closed for repairs.');
    await org.locator(`#change-form-${second.id} button`).click();
    await org.locator(`#change-due-${second.id}-error`).waitFor();
    expect(await org.locator('#milestone-error').textContent()).toContain('2026-12-31');
    await org.locator(`#change-due-${second.id}`).fill('2026-10-20');
    await org
      .locator(`#change-reason-${second.id}`)
      .fill('The community hall is closed for repairs.');
    await org.locator(`#change-form-${second.id} button`).click();
    await org.locator('p.flash', { hasText: 'Change requested' }).waitFor();
    await admin.goto(`${base}/delivery/projects/${projectId}/milestones`);
    await admin.screenshot({
      path: join(shots, 'delivery-report-6-milestones.png'),
      fullPage: true,
    });
    await admin.getByRole('button', { name: 'Approve' }).click();
    await admin.locator('p.flash', { hasText: 'Change approved' }).waitFor();
    expect(
      (await t.ds.getRepository(DeliveryMilestone).findOneByOrFail({ id: second.id })).dueOn,
    ).toBe('2026-10-20');

    // The street office's dashboard counts the beneficiaries reached.
    await admin.goto(`${base}/delivery/dashboard`);
    expect(await admin.locator(`#dash-project-${projectId}`).textContent()).toContain('38');
    await admin.locator('#chart-status').waitFor();
    await admin.screenshot({
      path: join(shots, 'delivery-report-7-dashboard.png'),
      fullPage: true,
    });
  }, 90_000);
});
