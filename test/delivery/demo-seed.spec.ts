import { User } from '@gv/accounts';
import {
  DeliveryMilestone,
  DeliveryProject,
  DemoSiteAward,
  GrantAgreement,
  MilestoneStep,
  MilestoneTracking,
  ProgressReport,
  Tranche,
} from '@gv/delivery';
import { FundingAward } from '@gv/funding';
import { Notification } from '@gv/notifications';
import { bearer, createTestApp, resetDatabase, TestApp } from '@gv/testing';

/** The delivery demo (#12): made by the real services, caught up with the tracking jobs. */
describe('delivery: the demo projects', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await resetDatabase(t.ds, t.config);
  });
  afterAll(async () => {
    await t.close();
  });

  const project = async (status: string) =>
    t.ds.getRepository(DeliveryProject).findOneByOrFail({ status: status as never });

  it('seeds one project on track, one at risk and one completed demonstration site; one award waits', async () => {
    const projects = await t.ds.getRepository(DeliveryProject).find({ order: { id: 'ASC' } });
    expect(projects.map((p) => p.status).sort()).toEqual(['active', 'at_risk', 'completed']);
    expect(await t.ds.getRepository(FundingAward).countBy({ status: 'awarded' })).toBe(
      projects.length + 1,
    );
    for (const p of projects)
      expect(
        (await t.ds.getRepository(GrantAgreement).findOneByOrFail({ projectId: p.id })).status,
      ).toBe('checked');

    const onTrack = await project('active');
    const paid = await t.ds
      .getRepository(Tranche)
      .findBy({ projectId: onTrack.id, status: 'paid' });
    expect(paid).toHaveLength(1);
    expect(paid[0].approvedById).not.toBe(paid[0].paidById);
    // dated when it would have happened: requested, approved, then paid, months ago
    const [req, appr, pay] = [paid[0].requestedAt!, paid[0].approvedAt!, paid[0].paidAt!].map((d) =>
      new Date(d).getTime(),
    );
    expect(req < appr && appr < pay && pay < Date.now() - 100 * 86_400_000).toBe(true);
    const ms = await t.ds
      .getRepository(DeliveryMilestone)
      .find({ where: { projectId: onTrack.id }, order: { seq: 'ASC' } });
    expect(ms.map((m) => m.status)).toEqual(['done', 'open']);
    expect(
      await t.ds
        .getRepository(ProgressReport)
        .countBy({ projectId: onTrack.id, status: 'accepted' }),
    ).toBe(1);

    const risky = await project('at_risk');
    const steps = await t.ds
      .createQueryBuilder(MilestoneStep, 's')
      .innerJoin(DeliveryMilestone, 'm', 'm.id = s.milestoneId')
      .where('m.projectId = :id', { id: risky.id })
      .getMany();
    const kinds = steps.map((s) => s.step.split('@')[0]).sort();
    expect(kinds).toEqual(['at_risk', 'escalation', 'escalation', 'overdue', 'overdue']);

    const done = await project('completed');
    expect(
      (await t.ds.getRepository(Tranche).findBy({ projectId: done.id })).map((x) => x.status),
    ).toEqual(['paid', 'paid', 'paid']);
    expect(
      await t.ds.getRepository(DemoSiteAward).findOneByOrFail({ projectId: done.id }),
    ).toMatchObject({ status: 'awarded', amountFen: 800_000 });
  });

  it('leaves the tracking sweep nothing to do at seeding, and nothing mailed', async () => {
    const tracking = t.app.get(MilestoneTracking, { strict: false });
    const sweep = await tracking.sweep({}, undefined, new Date());
    expect(sweep.enqueued).toBe(0);
    expect(await t.ds.getRepository(Notification).countBy({ status: 'pending' })).toBe(0);
    const history = await t.ds
      .getRepository(Notification)
      .findBy({ event: 'delivery.milestone_escalated' as never });
    expect(history.length).toBeGreaterThan(0);
  });

  it('lets the project members sign in and see their own project only', async () => {
    const member = await t.ds
      .getRepository(User)
      .findOneByOrFail({ email: 'xiangmu1@dongguan.example.cn' });
    const token = await bearer(t.http, member.email);
    const res = await t.http
      .get('/api/v1/delivery/projects')
      .set({ Authorization: `Bearer ${token}` })
      .expect(200);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0].organisationId).toBe(member.organisationId);
  });
});
