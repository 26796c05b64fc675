import { AddressInfo } from 'node:net';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import ICAL from 'ical.js';
import { Browser, Page } from 'playwright-core';
import { User } from '@gv/accounts';
import { Call } from '@gv/calls';
import { Role } from '@gv/core';
import { Roadshow, RoadshowPitch } from '@gv/roadshows';
import {
  createTestApp,
  createTestWorker,
  launchBrowser,
  parseMail,
  resetDatabase,
  SmtpSink,
  TestApp,
} from '@gv/testing';

/**
 * The clerk's whole roadshow in Chromium (#9): sessions, the scheduler, a pitch moved by hand, lock and
 * publish; a calendar invitation that parses as iCalendar arrives over SMTP; check-in on the day.
 */
describe('the roadshow in Chromium', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let smtp: SmtpSink;
  let browser: Browser;
  let base: string;
  const shots = join(process.env['VAR_DIR'] ?? 'var', 'screenshots');

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    t = await createTestApp({ SMTP_URL: smtp.url });
    await resetDatabase(t.ds, t.config);
    worker = await createTestWorker({ SMTP_URL: smtp.url });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
    mkdirSync(shots, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await t?.close();
    await smtp?.stop();
  });

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(shots, `roadshow-${name}.png`), fullPage: true });

  it('runs, moves a pitch, publishes with a valid .ics, and checks an organisation in', async () => {
    const call = await t.ds.getRepository(Call).findOneByOrFail({ code: 'DG' });
    // Start from an empty agenda (the demo's is published already).
    const seeded = await t.ds.getRepository(Roadshow).findOneByOrFail({ callId: call.id });
    const day = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(
      (
        await t.ds.query('SELECT MIN(startsAt) AS s FROM roadshow_session WHERE roadshowId = ?', [
          seeded.id,
        ])
      )[0].s,
    );
    await t.ds.getRepository(Roadshow).delete(seeded.id);
    // Each eligible organisation has a member to invite.
    const eligible = await t.ds.query(
      "SELECT DISTINCT organisationId FROM proposal WHERE callId = ? AND status = 'eligible'",
      [call.id],
    );
    for (const [i, row] of (eligible as { organisationId: number }[]).entries())
      await t.ds.getRepository(User).insert({
        email: `contact${i}@example.cn`,
        name: `联系人${i}`,
        role: Role.OrgMember,
        organisationId: row.organisationId,
        locale: 'en',
        active: true,
        passwordHash: null,
      });

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${base}/login?lang=en`);
    await page.getByLabel('Email').fill('admin@dongguan.example.cn');
    await page.getByLabel('Password').fill('Demo!2026');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/`);
    await page.goto(`${base}/calls/${call.id}/roadshow`);
    await page.waitForURL(/\/roadshows\/\d+$/);
    const roadshowId = Number(/\/roadshows\/(\d+)$/.exec(page.url())![1]);

    // Two sessions at once in two rooms, each with three judges.
    const boxes = page.locator('input[name="judgeIds"]');
    for (const [room, judges] of [
      ['Room A', [0, 1, 2]],
      ['Room B', [3, 4, 5]],
    ] as const) {
      await page.locator('#s-start').fill(`${day}T09:00`);
      await page.locator('#s-end').fill(`${day}T10:00`);
      await page.locator('#s-room').fill(room);
      for (const j of judges) await boxes.nth(j).check();
      await page.getByRole('button', { name: 'Add a session' }).click();
      await page
        .locator('p.flash', { hasText: 'Session added.' })
        .waitFor({ timeout: 5000 })
        .catch(async (e) => {
          await shot(page, 'debug');
          throw e;
        });
    }
    // The same room at the same time is refused on the page, nothing added.
    await page.locator('#s-start').fill(`${day}T09:30`);
    await page.locator('#s-end').fill(`${day}T10:30`);
    await page.locator('#s-room').fill('Room A');
    await boxes.nth(0).check();
    await page.getByRole('button', { name: 'Add a session' }).click();
    await page.getByRole('alert').filter({ hasText: 'Room A already has a session' }).waitFor();

    await page.getByRole('button', { name: 'Schedule automatically' }).click();
    await page.locator('p.flash', { hasText: 'Agenda scheduled.' }).waitFor();
    await shot(page, '1-scheduled');
    const before = await t.ds.getRepository(RoadshowPitch).find({ where: { roadshowId } });
    const placed = before.filter((p) => p.sessionId);
    expect(placed.length).toBeGreaterThan(0);

    // Move the first pitch to the first free slot offered.
    const move = page.locator('form.move').first();
    await move.locator('select[name="target"]').selectOption({ index: 0 });
    await move.getByRole('button', { name: 'Move' }).click();
    await page.locator('p.flash', { hasText: 'Moved.' }).waitFor();
    const after = await t.ds.getRepository(RoadshowPitch).find({ where: { roadshowId } });
    expect(after.map((p) => `${p.sessionId}@${p.startsAt?.getTime()}`).sort()).not.toEqual(
      before.map((p) => `${p.sessionId}@${p.startsAt?.getTime()}`).sort(),
    );

    await page.getByRole('button', { name: 'Lock the agenda' }).click();
    await page.locator('p.flash', { hasText: 'Agenda locked.' }).waitFor();
    await page.getByRole('button', { name: 'Publish and send calendar invitations' }).click();
    await page.locator('p.flash', { hasText: 'Agenda published' }).waitFor();
    await shot(page, '2-published');

    // Invitations arrive over SMTP with an iCalendar that parses.
    const mails = await smtp.waitFor(placed.length);
    const parsed = await Promise.all(mails.map((m) => parseMail(m.raw)));
    const invite = parsed.find((m) => m.to && JSON.stringify(m.to).includes('contact'))!;
    const ics = invite.attachments
      .find((a) => a.contentType.startsWith('text/calendar'))!
      .content.toString();
    const cal = new ICAL.Component(ICAL.parse(ics));
    expect(cal.getFirstPropertyValue('method')).toBe('REQUEST');
    const vevent = cal.getFirstSubcomponent('vevent')!;
    const event = new ICAL.Event(vevent);
    expect(event.uid).toMatch(/^roadshow-pitch-\d+@gongyi-venture$/);
    expect(vevent.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Asia/Shanghai');
    expect(event.startDate.toString()).toContain(`${day}T`);
    expect(cal.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid')).toBe(
      'Asia/Shanghai',
    );

    // The public agenda, then the day: check-in with the organisation's code.
    await page.goto(`${base}/roadshows/${roadshowId}/agenda`);
    await shot(page, '3-public-agenda');
    const pitch = (await t.ds.getRepository(RoadshowPitch).find({ where: { roadshowId } })).find(
      (p) => p.publishedSessionId,
    )!;
    await page.goto(`${base}/roadshows/${roadshowId}/day`);
    await page.getByLabel('Check-in code').fill(pitch.checkInCode.toLowerCase());
    await page.getByRole('button', { name: 'Check in', exact: true }).click();
    await page.locator('p.flash', { hasText: 'Checked in.' }).waitFor();
    await shot(page, '4-day');
    expect(
      (await t.ds.getRepository(RoadshowPitch).findOneByOrFail({ id: pitch.id })).checkedInAt,
    ).not.toBeNull();
  });
});
