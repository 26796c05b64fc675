import { INestApplicationContext } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { User } from '@gv/accounts';
import { Call } from '@gv/calls';
import { Role } from '@gv/core';
import { Notification } from '@gv/notifications';
import { PanelMember } from '@gv/panels';
import { Roadshow, RoadshowPitch, RoadshowSession, RoadshowUnavailability } from '@gv/roadshows';
import {
  bearer,
  createTestApp,
  createTestWorker,
  parseMail,
  resetDatabase,
  SmtpSink,
  TestApp,
} from '@gv/testing';

const ADMIN = 'admin@dongguan.example.cn';

interface Grid {
  sessions: {
    id: number;
    slots: { index: number; pitch?: { id: number; proposalId: number; number: string } }[];
  }[];
  unplaced: { id: number; reason: string }[];
  placed: number;
}

describe('roadshows: sessions, scheduling, moves, publishing with calendar invitations, the day (MariaDB + Redis + SMTP)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  const smtp = new SmtpSink();
  let admin: string;
  let call: Call;
  let roadshowId: number;

  beforeAll(async () => {
    await smtp.start();
    t = await createTestApp({ SMTP_URL: smtp.url });
    worker = await createTestWorker({ SMTP_URL: smtp.url });
  });
  beforeEach(async () => {
    await resetDatabase(t.ds, t.config);
    smtp.messages.length = 0;
    admin = await bearer(t.http, ADMIN);
    call = await t.ds.getRepository(Call).findOneByOrFail({ code: 'DG' });
    roadshowId = (await t.ds.getRepository(Roadshow).findOneByOrFail({ callId: call.id })).id;
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
    await smtp.stop();
  });
  const auth = (tok: string) => ({ Authorization: `Bearer ${tok}` });
  const grid = async () =>
    (await t.http.get(`/api/v1/roadshows/${roadshowId}/agenda`).set(auth(admin)).expect(200))
      .body as Grid;
  const judges = async () =>
    (
      await t.ds
        .getRepository(PanelMember)
        .find({ where: { callId: call.id }, order: { id: 'ASC' } })
    ).map((x) => x.id);
  const day = async () => {
    const s = await t.ds
      .getRepository(RoadshowSession)
      .find({ where: { roadshowId }, order: { startsAt: 'ASC' } });
    return s[0].startsAt;
  };
  const wall = (d: Date, hm: string) =>
    `${new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(d)}T${hm}`;

  it('seeds a published agenda for the first competition, public to everyone', async () => {
    const r = await t.http.get(`/api/v1/calls/${call.id}/roadshow`).set(auth(admin)).expect(200);
    expect(r.body).toMatchObject({
      status: 'published',
      version: 1,
      seed: 'dg-2026',
      pitchMinutes: 8,
    });
    const pub = await t.http.get(`/api/v1/roadshows/${roadshowId}/published-agenda`).expect(200);
    const pitches = pub.body.sessions.flatMap((s: { pitches: unknown[] }) => s.pitches);
    expect(pitches.length).toBeGreaterThanOrEqual(3);
    const page = await t.http.get(`/roadshows/${roadshowId}/agenda`).expect(200);
    expect(page.text).toContain('dg-2026');
    // The working agenda and the clerk's page are the street office's.
    await t.http.get(`/api/v1/roadshows/${roadshowId}/agenda`).expect(401);
    await t.http
      .get(`/api/v1/roadshows/${roadshowId}/agenda`)
      .set(auth(await bearer(t.http, 'judge@dongguan.example.cn')))
      .expect(403);
  });

  it('refuses a room or a judge double-booked, a slot longer than the session, a stranger as judge, changing nothing', async () => {
    const ids = await judges();
    const d = await day();
    const count = await t.ds.getRepository(RoadshowSession).count();
    const add = (body: Record<string, unknown>) =>
      t.http
        .post(`/api/v1/roadshows/${roadshowId}/sessions`)
        .set(auth(admin))
        .set('Accept-Language', 'en')
        .send({
          start: wall(d, '10:00'),
          end: wall(d, '11:00'),
          room: '东关街道办事处一楼会议室',
          judgeIds: [ids[5]],
          ...body,
        });
    const room = await add({}).expect(409);
    expect(room.body.code).toBe('room_double_booked');
    expect(room.body.message).toContain('东关街道办事处一楼会议室');
    const judge = await add({ room: '另一间会议室', judgeIds: [ids[0]] }).expect(409);
    expect(judge.body.code).toBe('judge_double_booked');
    expect(
      (
        await add({ room: '另一间会议室', start: wall(d, '20:00'), end: wall(d, '20:10') }).expect(
          400,
        )
      ).body.code,
    ).toBe('slot_longer_than_session');
    expect(
      (
        await add({ room: '另一间会议室', start: wall(d, '20:00'), end: wall(d, '19:00') }).expect(
          400,
        )
      ).body.code,
    ).toBe('session_end_before_start');
    expect(
      (
        await add({
          room: '另一间会议室',
          start: wall(d, '20:00'),
          end: wall(d, '21:00'),
          judgeIds: [999999],
        }).expect(400)
      ).body.code,
    ).toBe('unknown_judge');
    await add({ room: '另一间会议室', start: 'tomorrow' }).expect(400);
    expect(await t.ds.getRepository(RoadshowSession).count()).toBe(count);
    // A free room at a free time with free judges is fine.
    await add({
      room: '另一间会议室',
      start: wall(d, '19:00'),
      end: wall(d, '20:00'),
      judgeIds: ids.slice(0, 3),
    }).expect(201);
  });

  it('the clerk builds an agenda from scratch: sessions, an unavailable time, the scheduler, then moves and swaps with clash checks', async () => {
    const d = await day();
    await t.ds.getRepository(Roadshow).delete(roadshowId);
    roadshowId = (
      await t.http.get(`/api/v1/calls/${call.id}/roadshow`).set(auth(admin)).expect(200)
    ).body.id;
    const ids = await judges();
    for (const [start, end, room] of [
      ['09:00', '10:00', 'A'],
      ['09:00', '10:00', 'B'],
    ])
      await t.http
        .post(`/api/v1/roadshows/${roadshowId}/sessions`)
        .set(auth(admin))
        .send({
          start: wall(d, start),
          end: wall(d, end),
          room,
          judgeIds: room === 'A' ? ids.slice(0, 3) : ids.slice(3),
        })
        .expect(201);
    const run = await t.http
      .post(`/api/v1/roadshows/${roadshowId}/schedule`)
      .set(auth(admin))
      .expect(200);
    expect(run.body.seed).toBe('dg-2026');
    const g = await grid();
    expect(g.placed + g.unplaced.length).toBe(
      run.body.assignments.length + run.body.unplaced.length,
    );
    expect(g.placed).toBe(run.body.assignments.length);
    // The same input and seed give the same agenda.
    const again = await t.http
      .post(`/api/v1/roadshows/${roadshowId}/schedule`)
      .set(auth(admin))
      .expect(200);
    expect(again.body.assignments).toEqual(run.body.assignments);
    // An organisation cannot come at 09:00: moving its pitch there is refused.
    const placedPitches = await t.ds
      .getRepository(RoadshowPitch)
      .find({ where: { roadshowId }, relations: { proposal: true } });
    const p = placedPitches.find((x) => x.sessionId)!;
    const free = g.sessions.flatMap((s) =>
      s.slots.filter((x) => !x.pitch).map((x) => ({ sessionId: s.id, slot: x.index })),
    );
    expect(free.length).toBeGreaterThan(0);
    {
      await t.ds.getRepository(RoadshowUnavailability).insert({
        roadshowId,
        organisationId: p.proposal!.organisationId,
        startsAt: new Date(d.getTime() - 3600_000),
        endsAt: new Date(d.getTime() + 12 * 3600_000),
        note: 'test',
      });
      const clash = await t.http
        .post(`/api/v1/roadshow-pitches/${p.id}/move`)
        .set(auth(admin))
        .send(free[0])
        .expect(409);
      expect(clash.body.code).toBe('placement_clash');
      await t.ds.getRepository(RoadshowUnavailability).delete({ roadshowId });
      await t.http
        .post(`/api/v1/roadshow-pitches/${p.id}/move`)
        .set(auth(admin))
        .send(free[0])
        .expect(200);
    }
    // A slot past the session's end.
    await t.http
      .post(`/api/v1/roadshow-pitches/${p.id}/move`)
      .set(auth(admin))
      .send({ sessionId: g.sessions[0].id, slot: 99 })
      .expect(400);
  });

  it('publishes: invitations with an iCalendar (Asia/Shanghai, stable UID); a move sends an update with a higher SEQUENCE, a removal a CANCEL', async () => {
    const g = await grid();
    const pitches = g.sessions.flatMap((s) => s.slots.filter((x) => x.pitch).map((x) => x.pitch!));
    const [first, second] = pitches;
    // The first pitch's organisation gets one more member account (the pitcher).
    const firstOrg = (
      await t.ds
        .getRepository(RoadshowPitch)
        .findOneOrFail({ where: { id: first.id }, relations: { proposal: true } })
    ).proposal!.organisationId;
    await t.ds.getRepository(User).insert({
      email: 'pitcher@example.cn',
      name: '路演联系人',
      role: Role.OrgMember,
      organisationId: firstOrg,
      locale: 'zh-CN',
      active: true,
      passwordHash: null,
    });
    await t.http
      .post(`/api/v1/roadshows/${roadshowId}/swap`)
      .set(auth(admin))
      .send({ a: first.id, b: second.id })
      .expect(204);
    expect(
      (await t.http.get(`/api/v1/calls/${call.id}/roadshow`).set(auth(admin))).body.status,
    ).toBe('draft');
    await t.http.post(`/api/v1/roadshows/${roadshowId}/publish`).set(auth(admin)).expect(409);
    await t.http.post(`/api/v1/roadshows/${roadshowId}/lock`).set(auth(admin)).expect(200);
    await t.http.post(`/api/v1/roadshow-pitches/${first.id}/unplace`).set(auth(admin)).expect(409);
    const pub = await t.http
      .post(`/api/v1/roadshows/${roadshowId}/publish`)
      .set(auth(admin))
      .expect(200);
    expect(pub.body).toMatchObject({ status: 'published', version: 2 });
    const rows = await t.ds.getRepository(Notification).findBy({ event: 'roadshow.invitation' });
    expect(rows.length).toBeGreaterThanOrEqual(3); // two organisations (if they have members) + judges
    const mails = await smtp.waitFor(rows.length);
    const parsed = await Promise.all(mails.map((m) => parseMail(m.raw)));
    const withIcs = parsed.filter((m) =>
      m.attachments.some((a) => a.contentType.startsWith('text/calendar')),
    );
    expect(withIcs.length).toBe(mails.length);
    const ics = withIcs[0].attachments
      .find((a) => a.contentType.startsWith('text/calendar'))!
      .content.toString();
    expect(ics).toContain('METHOD:REQUEST');
    expect(ics).toContain('BEGIN:VTIMEZONE');
    expect(ics).toMatch(/DTSTART;TZID=Asia\/Shanghai:\d{8}T\d{6}/);
    expect(ics).toContain('SEQUENCE:2');
    expect(ics).toMatch(/UID:roadshow-(pitch|session)-\d+/);
    // Take a pitch off the published agenda, lock, publish: its organisation gets a cancellation (a new notification).
    await t.http.post(`/api/v1/roadshow-pitches/${first.id}/unplace`).set(auth(admin)).expect(204);
    await t.http.post(`/api/v1/roadshows/${roadshowId}/lock`).set(auth(admin)).expect(200);
    await t.http.post(`/api/v1/roadshows/${roadshowId}/publish`).set(auth(admin)).expect(200);
    const cancels = await t.ds.getRepository(Notification).findBy({ event: 'roadshow.cancelled' });
    // One invitation and one cancellation per member of that organisation (the pitcher among them).
    const firstRows = rows.filter((r) => r.payload.includes(`"pitchId":${first.id}`));
    expect(firstRows.filter((r) => r.recipientEmail === 'pitcher@example.cn')).toHaveLength(1);
    expect(cancels.map((c) => c.recipientEmail).sort()).toEqual(
      firstRows.map((r) => r.recipientEmail).sort(),
    );
    {
      const all = await smtp.waitFor(mails.length + cancels.length + 1);
      const cancelMail = (await Promise.all(all.map((m) => parseMail(m.raw)))).find((m) =>
        m.attachments.some((a) => a.content.toString().includes('METHOD:CANCEL')),
      )!;
      const text = cancelMail.attachments
        .find((a) => a.contentType.startsWith('text/calendar'))!
        .content.toString();
      expect(text).toContain(`UID:roadshow-pitch-${first.id}@gongyi-venture`);
      expect(text).toContain('SEQUENCE:3');
      expect(text).toContain('STATUS:CANCELLED');
    }
  });

  it('reminds each organisation and judge the day before, once per pitch or session', async () => {
    const { RoadshowReminders } = await import('@gv/roadshows');
    const reminders = t.app.get(RoadshowReminders);
    const first = await day();
    const now = new Date(first.getTime() - 23 * 3600_000);
    const due = await t.ds.transaction((m) => reminders.findDue(m, now));
    const judgeKeys = due.filter((d) => d.key.includes('judge='));
    expect(judgeKeys.length).toBeGreaterThan(0);
    expect(due.every((d) => d.event === 'roadshow.reminder' && d.key.endsWith('|-24h'))).toBe(true);
    expect(new Set(due.map((d) => d.key)).size).toBe(due.length);
    // Two days before: nothing due yet.
    const early = await t.ds.transaction((m) =>
      reminders.findDue(m, new Date(first.getTime() - 48 * 3600_000)),
    );
    expect(early).toEqual([]);
  });

  it('an organisation records when it cannot come, on its own page only', async () => {
    const org = await bearer(t.http, 'org@dongguan.example.cn');
    const mine = (
      await t.ds.query("SELECT organisationId FROM user WHERE email = 'org@dongguan.example.cn'")
    )[0].organisationId as number;
    const d = await day();
    await t.http
      .post(`/api/v1/roadshows/${roadshowId}/unavailability`)
      .set(auth(org))
      .send({ organisationId: mine, start: wall(d, '13:00'), end: wall(d, '12:00') })
      .expect(400);
    await t.http
      .post(`/api/v1/roadshows/${roadshowId}/unavailability`)
      .set(auth(org))
      .send({ organisationId: mine + 1, start: wall(d, '13:00'), end: wall(d, '18:00') })
      .expect(403);
    await t.http
      .post(`/api/v1/roadshows/${roadshowId}/unavailability`)
      .set(auth(org))
      .send({
        organisationId: mine,
        start: wall(d, '13:00'),
        end: wall(d, '18:00'),
        note: '社区活动',
      })
      .expect(201);
    const list = await t.http
      .get(`/api/v1/roadshows/${roadshowId}/unavailability`)
      .set(auth(org))
      .expect(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({ organisationId: mine, start: wall(d, '13:00') }),
    ]);
  });

  it('on the day: check-in by code, a no-show, minutes, a pledge, and the XLSX export', async () => {
    const pitch = await t.ds
      .getRepository(RoadshowPitch)
      .findOneOrFail({ where: { roadshowId, publishedSessionId: expect.anything() as never } })
      .catch(async () =>
        (await t.ds.getRepository(RoadshowPitch).find({ where: { roadshowId } })).find(
          (p) => p.publishedSessionId,
        )!,
      );
    const staff = await bearer(t.http, 'weiwan@dongguan.example.cn');
    const bad = await t.http
      .post(`/api/v1/roadshows/${roadshowId}/check-in`)
      .set(auth(staff))
      .send({ code: 'ZZZZZZ' })
      .expect(404);
    expect(bad.body.code).toBe('unknown_check_in_code');
    const ok = await t.http
      .post(`/api/v1/roadshows/${roadshowId}/check-in`)
      .set(auth(staff))
      .send({ code: pitch.checkInCode.toLowerCase() })
      .expect(200);
    expect(ok.body.checkedInAt).toBeTruthy();
    const other = (await t.ds.getRepository(RoadshowPitch).find({ where: { roadshowId } })).find(
      (p) => p.publishedSessionId && p.id !== pitch.id,
    )!;
    await t.http
      .post(`/api/v1/roadshow-pitches/${other.id}/no-show`)
      .set(auth(staff))
      .send({ noShow: true })
      .expect(200);
    await t.http
      .put(`/api/v1/roadshow-sessions/${pitch.publishedSessionId}/minutes`)
      .set(auth(staff))
      .send({
        presentMemberIds: (await judges()).slice(0, 3),
        notes: '评审组对项目预算提出修改建议。',
      })
      .expect(200);
    await t.http
      .post(`/api/v1/roadshows/${roadshowId}/pledges`)
      .set(auth(staff))
      .send({ proposalId: pitch.proposalId, sponsor: '潍坊爱心企业', kind: 'money' })
      .expect(400);
    await t.http
      .post(`/api/v1/roadshows/${roadshowId}/pledges`)
      .set(auth(staff))
      .send({
        proposalId: pitch.proposalId,
        sponsor: '=HYPERLINK("x")',
        kind: 'money',
        amountFen: 500_000,
        contact: '王经理',
      })
      .expect(201);
    const xlsx = await t.http
      .get(`/api/v1/roadshows/${roadshowId}/export.xlsx`)
      .set(auth(admin))
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as Parameters<typeof wb.xlsx.load>[0]);
    const agenda = wb.worksheets[0];
    const statuses = agenda.getColumn(8).values.slice(2).map(String);
    expect(statuses).toContain('已签到');
    expect(statuses).toContain('缺席');
    const pledges = wb.worksheets[1];
    expect(String(pledges.getRow(2).getCell(2).value)).toBe('\'=HYPERLINK("x")');
    expect(pledges.getRow(2).getCell(4).value).toBe(5000);
  });
});
