import { User } from '@gv/accounts';
import { AuditLog } from '@gv/audit';
import { Call } from '@gv/calls';
import { Actor, formatShanghaiDate, Role } from '@gv/core';
import {
  FundingAward,
  FundingPlacement,
  FundingRun,
  FundingService,
  Objection,
  PlacementService,
  Publicity,
  PublicityResults,
  PublicityService,
  WorkCalendarDay,
  WorkCalendarService,
  WorkCalendarYear,
} from '@gv/funding';
import { MailTemplates } from '@gv/mail';
import { Notification, NotificationContent, NotificationEvent } from '@gv/notifications';
import { Organisation } from '@gv/organisations';
import { Proposal } from '@gv/proposals';
import { In } from 'typeorm';
import { calendarForToday, decideWithNotFunded } from './publicity-fixtures';
import { bearer, createTestApp, csrfFrom, formLogin, resetDatabase, TestApp } from '@gv/testing';

const ADMIN = 'admin@dongguan.example.cn';

/** A Shanghai wall-clock time as an instant. */
const sh = (local: string) => new Date(`${local}+08:00`);
/** Monday 28 September 2026, 10:00: five working days later is Saturday 10 October (调休). */
const BEFORE_NATIONAL_DAY = sh('2026-09-28T10:00:00');

/**
 * 公示 and 异议 (#11) on MariaDB: the period in working days over the official calendar, refusals that
 * change nothing, objections in and after the period, an upheld objection reopening the decision, the
 * finalise job, and what the public page never shows. Starts from the demo's decision (approved,
 * placed, accepted by the host communities).
 */
describe('funding: publicity and objections (MariaDB)', () => {
  let t: TestApp;
  let call: Call;
  let admin: string;
  let actor: Actor;
  /** The chair of the review group (a street admin in the demo), who approves ranking versions. */
  let chairActor: Actor;
  let svc: PublicityService;
  const auth = (tok: string) => ({ Authorization: `Bearer ${tok}` });

  beforeAll(async () => {
    t = await createTestApp();
    svc = t.app.get(PublicityService, { strict: false });
  });
  beforeEach(async () => {
    await resetDatabase(t.ds, t.config);
    admin = await bearer(t.http, ADMIN);
    call = await t.ds.getRepository(Call).findOneByOrFail({ code: 'DG' });
    const u = await t.ds.getRepository(User).findOneByOrFail({ email: ADMIN });
    actor = { userId: u.id, roles: [Role.StreetAdmin], communityId: null, organisationId: null };
    // From the demo's decision, decided again so that two projects are not funded (with reasons).
    expect(
      await t.ds.getRepository(FundingRun).countBy({ callId: call.id, status: 'approved' }),
    ).toBe(1);
    expect(
      await t.ds.getRepository(FundingAward).countBy({ callId: call.id, status: 'awarded' }),
    ).toBeGreaterThan(1);
    chairActor = await decideWithNotFunded(t, call.id);
  });
  afterAll(async () => {
    await t.close();
  });

  const count = async () => ({
    publicity: await t.ds.getRepository(Publicity).count(),
    objections: await t.ds.getRepository(Objection).count(),
    notifications: await t.ds.getRepository(Notification).count(),
    audit: await t.ds.getRepository(AuditLog).count(),
  });
  const conflict = (code: string, params?: Record<string, unknown>) =>
    expect.objectContaining({ status: 409, code, ...(params ? { params } : {}) });
  const objection = (extra: Record<string, unknown> = {}) => ({
    name: '居民王女士',
    email: 'objector-private@example.cn',
    body: '该项目的服务对象与社区实际需求不符，请复核。',
    ...extra,
  });

  it('publishes over National Day: the deadline ends Saturday 10 October (调休), letters to every organisation, once', async () => {
    // The demo's one member account belongs to an organisation without a proposal: give two
    // organisations of the version (first and last in rank) a member each.
    const approved = await t.ds
      .getRepository(FundingRun)
      .findOneByOrFail({ callId: call.id, status: 'approved' });
    const ranked = await t.app.get(FundingService, { strict: false }).runLines(approved.id);
    for (const [i, line] of [ranked[0], ranked[ranked.length - 1]].entries()) {
      const pr = await t.ds.getRepository(Proposal).findOneByOrFail({ id: line.proposalId });
      await t.ds.getRepository(User).insert({
        email: `member${i}@org.example.cn`,
        name: `成员${i}`,
        role: Role.OrgMember,
        organisationId: pr.organisationId,
        communityId: null,
        locale: i ? 'en' : 'zh-CN',
        active: true,
      });
    }
    const publishedAudits = () =>
      t.ds.getRepository(AuditLog).countBy({ action: 'publicity.published' });
    const auditsBefore = await publishedAudits(); // the demo's own publication
    const p = await svc.publish(actor, call.id, BEFORE_NATIONAL_DAY);
    expect(p).toMatchObject({ round: 1, status: 'open', workingDays: 5 });
    expect(p.deadline.toISOString()).toBe('2026-10-10T15:59:59.000Z');
    expect(p.contact).toContain('0536-8000 1234');

    // One letter per proposal of the version (award or not funded), to each member of its organisation.
    const run = await t.ds
      .getRepository(FundingRun)
      .findOneByOrFail({ callId: call.id, status: 'approved' });
    const lines = await t.app.get(FundingService, { strict: false }).runLines(run.id);
    const awarded = (
      await t.ds.getRepository(FundingAward).findBy({ callId: call.id, status: 'awarded' })
    ).map((a) => a.proposalId);
    const letters = await t.ds.getRepository(Notification).find({
      where: [
        { event: NotificationEvent.FundingAwardLetter },
        { event: NotificationEvent.FundingNotFundedLetter },
      ],
    });
    expect(letters.length).toBeGreaterThan(0);
    const about = (n: Notification) => Number(JSON.parse(n.payload).proposalId);
    for (const n of letters) {
      expect(n.dedupeKey).toContain(`publicity=${p.id}|round=1|proposal=${about(n)}`);
      expect(n.event).toBe(
        awarded.includes(about(n))
          ? NotificationEvent.FundingAwardLetter
          : NotificationEvent.FundingNotFundedLetter,
      );
    }
    const ids = [...new Set([...lines.map((l) => l.proposalId), ...awarded])];
    const proposals = await t.ds.getRepository(Proposal).findBy({ id: In(ids) });
    const members = await t.ds.getRepository(User).findBy({ role: Role.OrgMember, active: true });
    const reached = proposals.filter((x) =>
      members.some((u) => u.organisationId === x.organisationId),
    );
    expect(new Set(letters.map(about))).toEqual(new Set(reached.map((x) => x.id)));
    expect(letters).toHaveLength(
      reached.reduce(
        (n, x) => n + members.filter((u) => u.organisationId === x.organisationId).length,
        0,
      ),
    );

    // Publishing again while the round is open: refused, nothing more sent.
    const before = await count();
    await expect(svc.publish(actor, call.id, BEFORE_NATIONAL_DAY)).rejects.toEqual(
      conflict('funding_already_published'),
    );
    expect(await count()).toEqual(before);
    expect(await publishedAudits()).toBe(auditsBefore + 1);

    // The letters render for real with the published data.
    const content = t.app.get(NotificationContent, { strict: false });
    const templates = t.app.get(MailTemplates, { strict: false });
    const award = letters.find((n) => n.event === NotificationEvent.FundingAwardLetter);
    if (!award) throw new Error('no award letter');
    const data = await content.load(award.event, {
      ids: JSON.parse(award.payload),
      locale: 'zh-CN',
      recipientUserId: award.recipientUserId,
      manager: t.ds.manager,
    });
    const placement = await t.ds
      .getRepository(FundingPlacement)
      .findOneByOrFail({ proposalId: about(award) });
    expect(data).toMatchObject({
      deadline: '2026-10-10 23:59',
      link: `/awards/${about(award)}/letter`,
    });
    expect(String(data['community'])).not.toBe('');
    expect(placement.communityId).not.toBeNull();
    const mail = templates.render(award.event, 'zh-CN', { title: '立项通知书', ...data });
    expect(mail.text).toContain(String(data['amount']));
    expect(mail.text).toContain('2026-10-10 23:59');
  });

  it('refuses a period that needs a year without calendar data with 409, and changes nothing', async () => {
    // Monday 28 Dec 2026: the 4th working day would fall in 2027, which chinese-days does not have.
    expect(await t.ds.getRepository(WorkCalendarYear).existsBy({ year: 2027 })).toBe(false);
    const before = await count();
    await expect(svc.publish(actor, call.id, sh('2026-12-28T10:00:00'))).rejects.toEqual(
      conflict('calendar_year_missing', { year: 2027 }),
    );
    expect(await count()).toEqual(before);

    // Through the API, with this year's arrangement removed: the same refusal, a clear message.
    const year = Number(formatShanghaiDate(new Date()).slice(0, 4));
    await t.ds.getRepository(WorkCalendarYear).delete({ year });
    const res = await t.http
      .post(`/api/v1/calls/${call.id}/publicity`)
      .set(auth(admin))
      .set('Accept-Language', 'en')
      .expect(409);
    expect(res.body).toMatchObject({ code: 'calendar_year_missing' });
    expect(res.body.message).toContain(String(year));
    expect(res.body.message).toContain('working calendar');
    expect(await count()).toEqual(before);

    // Once entered (this year again from chinese-days, 2027 by hand), the same publication goes through.
    await t.app.get(WorkCalendarService, { strict: false }).seedYear(null, year);
    await t.ds.getRepository(WorkCalendarYear).insert({ year: 2027, source: 'manual' });
    await t.ds
      .getRepository(WorkCalendarDay)
      .insert({ date: '2027-01-01', kind: 'holiday', name: '元旦' });
    const p = await svc.publish(actor, call.id, sh('2026-12-28T10:00:00'));
    // 29, 30, 31 Dec, [1 Jan off, weekend], Mon 4, Tue 5 Jan.
    expect(formatShanghaiDate(p.deadline)).toBe('2027-01-05');
  });

  it('publishes only an approved, fully placed decision (409 funding_not_approved, placement_pending)', async () => {
    const before = await count();
    const placement = await t.ds
      .getRepository(FundingPlacement)
      .findOneOrFail({ where: { callId: call.id }, order: { id: 'ASC' } });
    await t.ds
      .getRepository(FundingPlacement)
      .update(placement.id, { communityId: null, status: 'unplaced' });
    const res = await t.http
      .post(`/api/v1/calls/${call.id}/publicity`)
      .set(auth(admin))
      .expect(409);
    expect(res.body.code).toBe('placement_pending');
    await t.ds
      .getRepository(FundingRun)
      .update({ callId: call.id, status: 'approved' }, { status: 'superseded' });
    const res2 = await t.http
      .post(`/api/v1/calls/${call.id}/publicity`)
      .set(auth(admin))
      .expect(409);
    expect(res2.body.code).toBe('funding_not_approved');
    expect(await count()).toEqual(before);
  });

  it('takes objections in the period only: after it 409 publicity_closed and nothing stored', async () => {
    const p = await svc.publish(actor, call.id, BEFORE_NATIONAL_DAY);
    // The last evening of the period (Saturday 10 Oct, 23:00 Shanghai) is still in it.
    const o = await svc.fileObjection(
      call.id,
      objection() as never,
      '10.0.0.1',
      null,
      sh('2026-10-10T23:00:00'),
    );
    expect(o).toMatchObject({ publicityId: p.id, status: 'open', proposalId: null });
    const before = await count();
    await expect(
      svc.fileObjection(call.id, objection() as never, '10.0.0.1', null, sh('2026-10-11T00:00:00')),
    ).rejects.toEqual(conflict('publicity_closed'));
    // Through the API (now is long after 10 Oct 2026).
    const res = await t.http
      .post(`/api/v1/calls/${call.id}/objections`)
      .send(objection())
      .expect(409);
    expect(res.body.code).toBe('publicity_closed');
    expect(res.body.message).toBe('公示期已结束，不能再提出异议。');
    // The public page's form too, with the message beside it.
    // A resident who opened the form during the period and sends it after (a page's token).
    const page = await t.http.get('/login').expect(200);
    const csrf = csrfFrom(page.text);
    const cookies = (page.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]);
    const form = await t.http
      .post(`/results/${call.id}/objections`)
      .set('Cookie', cookies)
      .type('form')
      .send({ _csrf: csrf, ...objection() })
      .expect(409);
    expect(form.text).toContain('公示期已结束');
    expect(await count()).toEqual(before);
  });

  it('throttles objections per address (429), whatever their outcome', async () => {
    await svc.publish(actor, call.id, BEFORE_NATIONAL_DAY);
    const late = (address: string) =>
      svc.fileObjection(call.id, objection() as never, address, null, sh('2026-10-12T09:00:00'));
    // After the period each attempt is refused (409), and still counts against the hourly budget.
    for (let i = 0; i < 20; i++)
      await expect(late('10.9.9.9')).rejects.toEqual(conflict('publicity_closed'));
    await expect(late('10.9.9.9')).rejects.toEqual(
      expect.objectContaining({ status: 429, code: 'too_many_requests' }),
    );
    await expect(late('10.9.9.8')).rejects.toEqual(conflict('publicity_closed'));
    expect(await t.ds.getRepository(Objection).count()).toBe(0);
  });

  it('an upheld objection reopens the decision; a revised version is approved, placed and published as round 2', async () => {
    await svc.publish(actor, call.id, BEFORE_NATIONAL_DAY);
    const funded = await t.ds
      .getRepository(FundingAward)
      .find({ where: { callId: call.id, status: 'awarded' }, order: { id: 'ASC' } });
    const target = funded[0].proposalId;
    const o = await svc.fileObjection(
      call.id,
      objection({ proposalId: target }) as never,
      '10.0.0.2',
      null,
      sh('2026-10-08T09:00:00'),
    );
    const res = await t.http
      .post(`/api/v1/calls/${call.id}/publicity/answers`)
      .set(auth(admin))
      .send({
        objectionId: o.id,
        decision: 'upheld',
        reply: '经核查，该项目的预算材料与实际不符，异议成立。',
      })
      .expect(201);
    expect(res.body).toMatchObject({ status: 'upheld', reopened: true });
    expect(
      (await t.ds.getRepository(Publicity).findOneByOrFail({ callId: call.id, round: 1 })).status,
    ).toBe('reopened');
    expect(await t.ds.getRepository(AuditLog).countBy({ action: 'funding.reopened' })).toBe(1);
    const reply = await t.ds
      .getRepository(Notification)
      .findOneByOrFail({ event: NotificationEvent.FundingObjectionAnswered });
    expect(reply.recipientEmail).toBe('objector-private@example.cn');
    // Answering twice: 409, nothing changed.
    const again = await t.http
      .post(`/api/v1/calls/${call.id}/publicity/answers`)
      .set(auth(admin))
      .send({ objectionId: o.id, decision: 'rejected', reply: '再次答复' })
      .expect(409);
    expect(again.body.code).toBe('objection_answered');
    // While revised: the public page says so and shows no results; no objection is taken.
    const page = await t.http.get(`/results/${call.id}`).expect(200);
    expect(page.text).toContain('data-status="reopened"');
    expect(page.text).not.toContain('id="funded-table"');
    await expect(
      svc.fileObjection(call.id, objection() as never, '10.0.0.2', null, sh('2026-10-09T09:00:00')),
    ).rejects.toEqual(conflict('publicity_not_open'));
    // The old version cannot be published again.
    await expect(svc.publish(actor, call.id, sh('2026-10-12T10:00:00'))).rejects.toEqual(
      conflict('funding_not_approved'),
    );

    // The revision: the project objected to is excluded, the version re-run and approved by the chair, placed.
    const funding = t.app.get(FundingService, { strict: false });
    await funding.override(chairActor, call.id, {
      proposalId: target,
      action: 'exclude',
      reason: '异议成立：预算材料不实',
    });
    const {
      runs: [dry],
    } = await funding.dryRun(chairActor, call.id, ['greedy']);
    await funding.approve(chairActor, dry.run.id, []);
    await t.app.get(PlacementService, { strict: false }).place(actor, call.id);
    expect(
      await t.ds.getRepository(FundingAward).findOneByOrFail({ proposalId: target }),
    ).toMatchObject({ status: 'withdrawn' });
    const targetOrg = (await t.ds.getRepository(Proposal).findOneByOrFail({ id: target }))
      .organisationId;
    await t.ds
      .getRepository(User)
      .update({ email: 'org@dongguan.example.cn' }, { organisationId: targetOrg });
    const p2 = await svc.publish(actor, call.id, sh('2026-10-12T10:00:00'));
    // Mon 12 Oct → 13, 14, 15, 16, Mon 19 Oct.
    expect(p2).toMatchObject({ round: 2, status: 'open', runId: dry.run.id });
    expect(formatShanghaiDate(p2.deadline)).toBe('2026-10-19');
    const results = await t.app
      .get(PublicityResults, { strict: false })
      .forCall(call.id, 'zh-CN', undefined, sh('2026-10-13T10:00:00'));
    expect(results.funded.map((e) => e.proposalId)).not.toContain(target);
    // The next in line, skipped in round 1 for want of budget, is funded now.
    expect(results.funded.map((e) => e.number)).toContain('DG-2026-003');
    expect(results.notFunded.find((e) => e.proposalId === target)?.decision).toBe(
      'excluded_by_override',
    );
    expect(results.rounds.map((r) => [r.round, r.status])).toEqual([
      [2, 'open'],
      [1, 'reopened'],
    ]);
    // New letters for round 2 (deduplicated per round, not per project).
    const r2 = await t.ds
      .getRepository(Notification)
      .find({ where: { event: NotificationEvent.FundingNotFundedLetter } });
    expect(
      r2.some((n) => n.dedupeKey.includes(`publicity=${p2.id}|round=2|proposal=${target}`)),
    ).toBe(true);
  });

  it('the finalise job finalises only after the deadline and with no open objection; idempotent', async () => {
    const p = await svc.publish(actor, call.id, BEFORE_NATIONAL_DAY);
    const o = await svc.fileObjection(
      call.id,
      objection() as never,
      '10.0.0.3',
      null,
      sh('2026-10-09T09:00:00'),
    );
    // Deadline passed, but an objection is open.
    expect(await svc.finaliseDue(sh('2026-10-12T09:00:00'))).toBe(0);
    await svc.answer(actor, call.id, {
      objectionId: o.id,
      decision: 'rejected',
      reply: '经核查，评分无误，维持原结果。',
    });
    // No objection open, but the period runs until Saturday 10 Oct 23:59:59.
    expect(await svc.finaliseDue(sh('2026-10-10T23:59:00'))).toBe(0);
    expect((await t.ds.getRepository(Publicity).findOneByOrFail({ id: p.id })).status).toBe('open');
    expect(await svc.finaliseDue(sh('2026-10-11T00:00:01'))).toBe(1);
    expect(await svc.finaliseDue(sh('2026-10-12T00:00:00'))).toBe(0);
    const final = await t.ds.getRepository(Publicity).findOneByOrFail({ id: p.id });
    expect(final).toMatchObject({ status: 'final', finalisedBy: 'period' });
    expect(final.finalisedAt?.toISOString()).toBe(sh('2026-10-11T00:00:01').toISOString());
    expect(await t.ds.getRepository(AuditLog).countBy({ action: 'publicity.finalised' })).toBe(1);
    // Final: publishing again and late objections are refused.
    await expect(svc.publish(actor, call.id)).rejects.toEqual(
      conflict('funding_already_published'),
    );
    await expect(
      svc.fileObjection(call.id, objection() as never, '10.0.0.3', null, sh('2026-10-09T09:00:00')),
    ).rejects.toEqual(conflict('publicity_closed'));
    const page = await t.http.get(`/results/${call.id}`).expect(200);
    expect(page.text).toContain('data-status="final"');
    expect(page.text).toContain('立项结果已生效');
  });

  it("finalises on the street office's recorded decision once every objection is answered", async () => {
    await calendarForToday(t);
    await t.http.post(`/api/v1/calls/${call.id}/publicity`).set(auth(admin)).expect(201);
    const filed = await t.http
      .post(`/api/v1/calls/${call.id}/objections`)
      .send(objection())
      .expect(201);
    // An objection names a project of these results, or none.
    const unknown = await t.http
      .post(`/api/v1/calls/${call.id}/objections`)
      .send(objection({ proposalId: 999999 }))
      .expect(400);
    expect(unknown.body.details).toEqual([expect.objectContaining({ field: 'proposalId' })]);
    const refused = await t.http
      .post(`/api/v1/calls/${call.id}/publicity/finalise`)
      .set(auth(admin))
      .send({ reason: '街道办事处主任办公会决定' })
      .expect(409);
    expect(refused.body.code).toBe('publicity_objections_open');
    const list = await t.http
      .get(`/api/v1/calls/${call.id}/objections`)
      .set(auth(admin))
      .expect(200);
    const staffPage = await t.http
      .get(`/calls/${call.id}/publicity`)
      .set('Cookie', [await formLogin(t.http, ADMIN)])
      .expect(200);
    expect(staffPage.text).toContain(`id="objection-${filed.body.id}"`);
    expect(staffPage.text).toContain('o***@example.cn');
    expect(staffPage.text).not.toContain('objector-private@example.cn');
    expect(list.body.items[0]).toMatchObject({
      id: filed.body.id,
      email: 'o***@example.cn',
      status: 'open',
    });
    await t.http
      .post(`/api/v1/calls/${call.id}/publicity/answers`)
      .set(auth(admin))
      .send({ objectionId: filed.body.id, decision: 'rejected', reply: '经核查，维持原结果。' })
      .expect(201);
    const done = await t.http
      .post(`/api/v1/calls/${call.id}/publicity/finalise`)
      .set(auth(admin))
      .send({ reason: '街道办事处主任办公会决定' })
      .expect(200);
    expect(done.body).toMatchObject({
      status: 'final',
      finalisedBy: 'decision',
      decisionReason: '街道办事处主任办公会决定',
    });
  });

  it('the public page, notice and API show no contact data of organisations nor the objector’s email', async () => {
    await calendarForToday(t);
    await t.http.post(`/api/v1/calls/${call.id}/publicity`).set(auth(admin)).expect(201);
    await t.http.post(`/api/v1/calls/${call.id}/objections`).send(objection()).expect(201);
    const orgs = await t.ds.getRepository(Organisation).find();
    const users = await t.ds.getRepository(User).find();
    const page = (await t.http.get(`/results/${call.id}`).expect(200)).text;
    const notice = (await t.http.get(`/results/${call.id}/notice`).expect(200)).text;
    const api = JSON.stringify(
      (await t.http.get(`/api/v1/calls/${call.id}/results`).expect(200)).body,
    );
    const results = await t.app.get(PublicityResults, { strict: false }).forCall(call.id, 'zh-CN');
    expect(results.funded.length).toBe(2);
    expect(results.notFunded.map((e) => [e.number, e.decision, e.decisionText])).toEqual([
      ['DG-2026-003', 'skipped_does_not_fit', '剩余预算不足，跳过'],
      ['DG-2026-004', 'below_pass_line', '得分低于及格线'],
    ]);
    for (const text of [page, notice, api]) {
      for (const e of results.funded) {
        expect(text).toContain(e.title);
        expect(text).toContain(e.community ?? '(no community)');
      }
      for (const e of results.notFunded) expect(text).toContain(e.decisionText);
      expect(text).not.toContain('objector-private@example.cn');
      for (const o of orgs) {
        if (o.contactPhone) expect(text).not.toContain(o.contactPhone);
        if (o.contactEmail) expect(text).not.toContain(o.contactEmail);
        expect(text).not.toContain(o.contactName);
      }
      for (const u of users) expect(text).not.toContain(u.email);
      // No mobile numbers, no email addresses at all.
      expect(text).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/);
      expect(text).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
    }
    // The office's own objections contact is printed on the notice.
    expect(notice).toContain('0536-8000 1234');
  });

  it('letters: the organisation’s members and the street office only', async () => {
    await calendarForToday(t);
    const award = await t.ds
      .getRepository(FundingAward)
      .findOneOrFail({ where: { callId: call.id, status: 'awarded' }, order: { id: 'ASC' } });
    const proposal = await t.ds.getRepository(Proposal).findOneByOrFail({ id: award.proposalId });
    const url = `/awards/${award.proposalId}/letter`;
    const as = async (email: string, ...cookies: string[]) =>
      t.http.get(url).set('Cookie', [await formLogin(t.http, email), ...cookies]);
    // Before publication: nothing to print yet.
    expect((await as(ADMIN)).status).toBe(409);
    await t.http.post(`/api/v1/calls/${call.id}/publicity`).set(auth(admin)).expect(201);
    const asAdmin = await as(ADMIN, 'gv_lang=en');
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.text).toContain('data-kind="award"');
    expect(asAdmin.text).toContain('Award letter');
    // The demo member belongs to another organisation: 404; once a member of this one, the letter.
    expect((await as('org@dongguan.example.cn')).status).toBe(404);
    await t.ds
      .getRepository(User)
      .update({ email: 'org@dongguan.example.cn' }, { organisationId: proposal.organisationId });
    const own = await as('org@dongguan.example.cn');
    expect(own.status).toBe(200);
    expect(own.text).toContain('立项通知书');
    expect(own.text).toContain(proposal.title);
    expect((await t.http.get(url).redirects(0)).status).toBe(303);
    // A project not funded: the not-funded letter with its reason.
    const results = await t.app.get(PublicityResults, { strict: false }).forCall(call.id, 'zh-CN');
    const notFunded = results.notFunded[0];
    if (notFunded) {
      const res = await t.http
        .get(`/awards/${notFunded.proposalId}/letter`)
        .set('Cookie', [await formLogin(t.http, ADMIN)])
        .expect(200);
      expect(res.text).toContain('data-kind="not_funded"');
      expect(res.text).toContain(notFunded.decisionText);
    }
  });

  it('the working calendar: seeded years, days by hand (the year becomes manual), a year chinese-days lacks', async () => {
    const years = await t.http.get('/api/v1/work-calendar').set(auth(admin)).expect(200);
    expect(years.body.seedable).toEqual(expect.arrayContaining([2025, 2026]));
    expect(years.body.items.find((y: { year: number }) => y.year === 2026)).toMatchObject({
      source: 'chinese-days',
      holidays: 33,
      workdays: 6,
    });
    const seed = await t.http
      .post('/api/v1/work-calendar/seed')
      .set(auth(admin))
      .send({ year: 2027 })
      .expect(409);
    expect(seed.body).toMatchObject({ code: 'calendar_year_missing' });
    // A weekday cannot be an adjusted working day; a Sunday can.
    const bad = await t.http
      .put('/api/v1/work-calendar/days')
      .set(auth(admin))
      .send({ date: '2027-02-10', kind: 'workday' })
      .expect(400);
    expect(bad.body.code).toBe('calendar_invalid');
    await t.http
      .put('/api/v1/work-calendar/days')
      .set(auth(admin))
      .send({ date: '2027-01-01', kind: 'holiday', name: '元旦' })
      .expect(200);
    expect(
      await t.ds.getRepository(WorkCalendarYear).findOneByOrFail({ year: 2027 }),
    ).toMatchObject({ source: 'manual' });
    await t.http.delete('/api/v1/work-calendar/days?date=2026-10-10').set(auth(admin)).expect(204);
    expect(
      await t.ds.getRepository(WorkCalendarYear).findOneByOrFail({ year: 2026 }),
    ).toMatchObject({ source: 'manual' });
    // Re-seeding restores the package's arrangement.
    const again = await t.http
      .post('/api/v1/work-calendar/seed')
      .set(auth(admin))
      .send({ year: 2026 })
      .expect(200);
    expect(again.body).toMatchObject({ year: 2026, source: 'chinese-days', days: 39 });
    expect(
      await t.ds.getRepository(WorkCalendarDay).findOneByOrFail({ date: '2026-10-10' }),
    ).toMatchObject({ kind: 'workday' });
    const page = await t.http
      .get('/admin/work-calendar?year=2026')
      .set('Cookie', [await formLogin(t.http, ADMIN)])
      .expect(200);
    expect(page.text).toContain('国庆节');
    expect(page.text).toContain('id="day-2026-10-10"');
  });
});
