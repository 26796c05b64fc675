import { Call } from '@gv/calls';
import { Notification, NotificationEvent } from '@gv/notifications';
import { Proposal } from '@gv/proposals';
import {
  bearer,
  clearNotifications,
  createTestApp,
  formLogin,
  openPage,
  resetDatabase,
  TestApp,
} from '@gv/testing';
import { ADMIN, emit, JUDGE, recipient } from './helpers';

/** Inbox entries lead to their subject: the link their mail carries, computed by the event's content loader. */
describe('notifications: inbox entries link to their subject (MariaDB + Redis)', () => {
  let t: TestApp;

  beforeAll(async () => {
    // No worker: the rows stay pending; the inbox shows them (and their links) whatever their email does.
    t = await createTestApp();
  });
  beforeEach(async () => {
    await resetDatabase(t.ds, t.config);
    await clearNotifications(t.ds);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** The inbox item of an event (fails the test when there is none). */
  function byEvent(
    items: Array<{ event: string; id: number; link: string | null }>,
    event: string,
  ) {
    const item = items.find((i) => i.event === event);
    if (!item) throw new Error(`no ${event} in the inbox`);
    return item;
  }

  it('links each entry to its proposal, call, organisation…; an entry whose subject is gone has no link', async () => {
    const admin = await recipient(t.ds, ADMIN);
    const proposal = await t.ds
      .getRepository(Proposal)
      .findOneOrFail({ where: {}, order: { id: 'ASC' } });
    const call = await t.ds.getRepository(Call).findOneOrFail({ where: {}, order: { id: 'ASC' } });
    await emit(t.ds, NotificationEvent.ProposalSubmitted, [admin], { proposalId: proposal.id });
    await emit(t.ds, NotificationEvent.CallPhaseChanged, [admin], { callId: call.id, phase: 'x' });
    // A roadshow pitch that does not exist (deleted since): its loader fails, the entry stays, unlinked.
    await emit(t.ds, NotificationEvent.RoadshowInvitation, [admin], {
      pitchId: 999999,
      version: 1,
    });

    const token = await bearer(t.http, ADMIN);
    const res = await t.http
      .get('/api/v1/inbox')
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    const items = res.body.items as Array<{ event: string; id: number; link: string | null }>;
    expect(byEvent(items, 'proposal.submitted').link).toBe(`/proposals/${proposal.id}`);
    expect(byEvent(items, 'call.phase_changed').link).toBe(`/calls/${call.id}`);
    expect(byEvent(items, 'roadshow.invitation').link).toBeNull();

    const session = await formLogin(t.http, ADMIN);
    const page = await openPage(t.http, session, '/inbox');
    const p = byEvent(items, 'proposal.submitted');
    const r = byEvent(items, 'roadshow.invitation');
    expect(page.res.text).toContain(`<a href="/inbox/${p.id}/open">项目申报已提交</a>`);
    expect(page.res.text).not.toContain(`/inbox/${r.id}/open`);
    // Opening marks it read and goes on to the proposal; an entry without a page goes back to the inbox.
    const open = await t.http.get(`/inbox/${p.id}/open`).set('Cookie', [session]).expect(303);
    expect(open.headers['location']).toBe(`/proposals/${proposal.id}`);
    const back = await t.http.get(`/inbox/${r.id}/open`).set('Cookie', [session]).expect(303);
    expect(back.headers['location']).toBe('/inbox');
    const rows = await t.ds
      .getRepository(Notification)
      .findBy({ recipientUserId: Number(admin.userId) });
    expect(
      rows
        .filter((n) => n.readAt)
        .map((n) => n.id)
        .sort(),
    ).toEqual([p.id, r.id].sort());
  });

  it("another account's entry answers 404 and stays unread", async () => {
    const judge = await recipient(t.ds, JUDGE);
    const proposal = await t.ds
      .getRepository(Proposal)
      .findOneOrFail({ where: {}, order: { id: 'ASC' } });
    await emit(t.ds, NotificationEvent.ProposalSubmitted, [judge], { proposalId: proposal.id });
    const [row] = await t.ds
      .getRepository(Notification)
      .findBy({ recipientUserId: Number(judge.userId) });
    const session = await formLogin(t.http, ADMIN);
    await t.http.get(`/inbox/${row.id}/open`).set('Cookie', [session]).expect(404);
    await t.http.get('/inbox/not-a-number/open').set('Cookie', [session]).expect(404);
    expect(
      (await t.ds.getRepository(Notification).findOneByOrFail({ id: row.id })).readAt,
    ).toBeNull();
  });
});
