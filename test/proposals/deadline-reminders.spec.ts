import { Notification, NotificationEvent, ReminderSweep } from '@gv/notifications';
import {
  bearer,
  createTestApp,
  resetDatabase,
  TestApp,
  callPayload,
  shanghaiIn as at,
} from '@gv/testing';

/** 48 h and 24 h before the submission deadline, organisations with unsubmitted drafts are reminded, once each. */
describe('submission deadline reminders', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await resetDatabase(t.ds, t.config);
  });
  afterAll(() => t?.close());

  it("reminds the draft's organisation at 48 h and 24 h, never twice, nothing after the deadline", async () => {
    const admin = await bearer(t.http, 'admin@dongguan.example.cn');
    const org = await bearer(t.http, 'org@dongguan.example.cn');
    const call = await t.http
      .post('/api/v1/calls')
      .set('Authorization', `Bearer ${admin}`)
      .send(
        callPayload({
          code: 'RM',
          title: '提醒测试大赛',
          tracks: ['venture'],
          maxProposalsPerOrg: 3,
          checklist: ['项目回应社区需求'],
          opensAt: at(-24),
          submissionDeadline: at(47),
          screeningAt: at(72),
          roadshowAt: at(96),
          scoringAt: at(120),
          publicityAt: at(144),
          implementationAt: at(168),
          closesAt: at(2000),
        }),
      )
      .expect(201);
    const draft = await t.http
      .post('/api/v1/proposals')
      .set('Authorization', `Bearer ${org}`)
      .send({ callId: call.body.id, title: '未提交的草稿' })
      .expect(201);
    const sweep = t.app.get(ReminderSweep);
    const reminders = () =>
      t.ds
        .getRepository(Notification)
        .findBy({ event: NotificationEvent.ProposalDeadlineReminder });

    expect(await sweep.sweep()).toBe(1); // 47 h before: the 48 h reminder is due
    expect(await sweep.sweep()).toBe(0);
    const [first] = await reminders();
    expect(first.recipientEmail).toBe('org@dongguan.example.cn');
    expect(JSON.parse(first.payload)).toMatchObject({
      proposalId: draft.body.id,
      callId: call.body.id,
    });

    const in24 = new Date(Date.now() + 24 * 3600_000);
    expect(await sweep.sweep({}, undefined, in24)).toBe(1); // 23 h before: the 24 h reminder
    expect(await sweep.sweep({}, undefined, in24)).toBe(0);
    expect(await reminders()).toHaveLength(2);
    // After the deadline nothing is due.
    expect(await sweep.sweep({}, undefined, new Date(Date.now() + 48 * 3600_000))).toBe(0);
  });
});
