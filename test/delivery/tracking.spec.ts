import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { In, Not } from 'typeorm';
import { AuditLog } from '@gv/audit';
import { fromRoot } from '@gv/config';
import { User } from '@gv/accounts';
import { Clock, Role } from '@gv/core';
import {
  DeliveryMilestone,
  DeliveryModule,
  DeliveryProject,
  MilestoneStep,
  MilestoneTracking,
  parseStep,
} from '@gv/delivery';
import { Notification } from '@gv/notifications';
import { Proposal } from '@gv/proposals';
import { InProcessJobDriver, JobName, JobProducer, QueueName } from '@gv/queue';
import {
  BuiltProcess,
  createTestApp,
  resetDatabase,
  startBuilt,
  stopProcess,
  TestApp,
} from '@gv/testing';
import { until } from '../notifications/helpers';
import { awardAndStart, eligibleProposals } from './money-fixtures';
import { anyProject, orgProject, setMilestones } from './tracking-fixtures';

const WORKER_ENTRY = 'dist/apps/worker/src/main.js';
/** A Shanghai wall-clock instant of 2026 ("06-11 10:00" → 2026-06-11T10:00:00+08:00). */
const at = (s: string) => new Date(`2026-${s.replace(' ', 'T')}:00+08:00`);

/**
 * Milestone tracking (#12): the sweep decides from the database what is due at "now" (an injected clock)
 * — reminders 7 days and 1 day before, the overdue notice, the escalation after 7 days, the at-risk flag
 * at the second overdue milestone — and each step happens exactly once (a unique key per milestone and
 * step, written with its outbox rows): when run twice or concurrently, and with real worker processes
 * (from dist, the clock from CLOCK_START) across a SIGKILL and a restart after a day of downtime.
 */
describe('delivery: milestone tracking, each step exactly once (MariaDB + Redis)', () => {
  let t: TestApp;
  let tracking: MilestoneTracking;

  beforeAll(async () => {
    t = await createTestApp();
    tracking = t.app.get(MilestoneTracking);
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(async () => {
    await t.close();
  });

  const stepsOf = async (ids: number[]) =>
    (await t.ds.getRepository(MilestoneStep).find({ where: { milestoneId: In(ids) } }))
      .map((s) => `${s.milestoneId}:${s.step}`)
      .sort();
  const project = (id: number) => t.ds.getRepository(DeliveryProject).findOneByOrFail({ id });

  /** Runs a sweep at `now` and then every step job it enqueued (at the same `now`), in this process. */
  async function sweepAndRun(now: Date): Promise<{ enqueued: number; done: number }> {
    const jobs: Array<{ milestoneId: number; step: string }> = [];
    jest.spyOn(t.app.get(JobProducer), 'enqueueMany').mockImplementation(async (_name, batch) => {
      jobs.push(...batch.map((j) => j.payload as { milestoneId: number; step: string }));
    });
    const { enqueued } = await tracking.sweep({}, undefined, now);
    jest.restoreAllMocks();
    let done = 0;
    for (const j of jobs) if (await tracking.step(j, undefined, now)) done++;
    return { enqueued, done };
  }

  describe('in one process, the clock injected', () => {
    let p: DeliveryProject;
    let m1: DeliveryMilestone;
    let m2: DeliveryMilestone;

    beforeEach(async () => {
      await resetDatabase(t.ds, t.config);
      const made = await orgProject(t, [
        ['入户走访', '2026-06-10'],
        ['小组活动', '2026-06-12'],
        ['中期汇报', '2026-09-30'],
      ]);
      p = made.project;
      [m1, m2] = made.milestones;
    });

    it('reminds 7 and 1 days before, tells the organisation the day after, escalates after 7 days, flags at risk at the second overdue milestone', async () => {
      const ids = [m1.id, m2.id];
      expect(await sweepAndRun(at('06-02 10:00'))).toEqual({ enqueued: 0, done: 0 });
      expect(await sweepAndRun(at('06-03 10:00'))).toEqual({ enqueued: 1, done: 1 });
      expect(await stepsOf(ids)).toEqual([`${m1.id}:reminder_7d@2026-06-10`]);
      // The same moment again, and a concurrent pair of the same step: nothing more.
      expect(await sweepAndRun(at('06-03 18:00'))).toEqual({ enqueued: 0, done: 0 });
      const twice = await Promise.all(
        [0, 1].map(() =>
          tracking.step(
            { milestoneId: m1.id, step: 'reminder_7d@2026-06-10' },
            undefined,
            at('06-03 10:00'),
          ),
        ),
      );
      expect(twice).toEqual([false, false]);

      expect(await sweepAndRun(at('06-09 10:00'))).toEqual({ enqueued: 2, done: 2 });
      expect(await sweepAndRun(at('06-11 10:00'))).toEqual({ enqueued: 2, done: 2 });
      expect((await project(p.id)).status).toBe('active');
      expect(await sweepAndRun(at('06-13 10:00'))).toEqual({ enqueued: 1, done: 1 });
      const flagged = await project(p.id);
      expect(flagged.status).toBe('at_risk');
      expect(flagged.atRiskSince?.toISOString()).toBe(at('06-13 10:00').toISOString());
      expect(await sweepAndRun(at('06-17 10:00'))).toEqual({ enqueued: 1, done: 1 });
      expect(await sweepAndRun(at('06-19 10:00'))).toEqual({ enqueued: 1, done: 1 });
      expect(await sweepAndRun(at('06-30 10:00'))).toEqual({ enqueued: 0, done: 0 });
      expect(await stepsOf(ids)).toEqual(
        [
          `${m1.id}:reminder_7d@2026-06-10`,
          `${m1.id}:reminder_1d@2026-06-10`,
          `${m1.id}:overdue@2026-06-10`,
          `${m1.id}:escalation@2026-06-10`,
          `${m2.id}:reminder_7d@2026-06-12`,
          `${m2.id}:reminder_1d@2026-06-12`,
          `${m2.id}:overdue@2026-06-12`,
          `${m2.id}:at_risk@2026-06-12`,
          `${m2.id}:escalation@2026-06-12`,
        ].sort(),
      );

      // Who was told: the organisation of reminders and overdue notices, the street office and the
      // host community's staff of escalations, all of them of the at-risk flag.
      const member = await t.ds
        .getRepository(User)
        .findOneByOrFail({ email: 'org@dongguan.example.cn' });
      const staff = await t.ds.getRepository(User).find({
        where: [
          { role: Role.StreetAdmin, active: true },
          { role: Role.CommunityStaff, communityId: p.communityId ?? -1, active: true },
        ],
      });
      const rows = await t.ds.getRepository(Notification).find({ order: { id: 'ASC' } });
      const to = (event: string) =>
        rows.filter((r) => r.event === event).map((r) => r.recipientUserId);
      expect(to('delivery.milestone_reminder')).toEqual(new Array(4).fill(member.id));
      expect(to('delivery.milestone_overdue')).toEqual(new Array(2).fill(member.id));
      expect(to('delivery.milestone_escalated').sort()).toEqual(
        [...staff, ...staff].map((u) => u.id).sort(),
      );
      expect(staff.some((u) => u.role === Role.CommunityStaff)).toBe(p.communityId !== null);
      expect(to('delivery.project_at_risk').sort()).toEqual(
        [...staff.map((u) => u.id), member.id].sort(),
      );
      expect(
        await t.ds.getRepository(AuditLog).countBy({ action: 'delivery.project_at_risk' }),
      ).toBe(1);
    });

    it('catches up after downtime: the first sweep in weeks sends what is due now, skipping stale reminders', async () => {
      expect(await sweepAndRun(at('06-20 10:00'))).toEqual({ enqueued: 4, done: 4 });
      expect(await stepsOf([m1.id, m2.id])).toEqual(
        [
          `${m1.id}:overdue@2026-06-10`,
          `${m1.id}:escalation@2026-06-10`,
          `${m2.id}:overdue@2026-06-12`,
          `${m2.id}:at_risk@2026-06-12`,
          `${m2.id}:escalation@2026-06-12`,
        ].sort(),
      );
      // A step job that runs late (enqueued before the downtime) sends no stale reminder.
      expect(
        await tracking.step(
          { milestoneId: m1.id, step: 'reminder_1d@2026-06-10' },
          undefined,
          at('06-20 10:00'),
        ),
      ).toBe(false);
      expect(await sweepAndRun(at('06-20 11:00'))).toEqual({ enqueued: 0, done: 0 });
    });

    it('stops for a milestone that is done and starts afresh for an approved new date', async () => {
      await t.ds.getRepository(DeliveryMilestone).update(m1.id, { status: 'done' });
      // M2 moved to 30 June (as an approved change does): nothing is due on 13 June any more.
      await t.ds.getRepository(DeliveryMilestone).update(m2.id, { dueOn: '2026-06-30' });
      expect(await sweepAndRun(at('06-13 10:00'))).toEqual({ enqueued: 0, done: 0 });
      expect(await sweepAndRun(at('06-23 10:00'))).toEqual({ enqueued: 1, done: 1 });
      expect(await stepsOf([m1.id, m2.id])).toEqual([`${m2.id}:reminder_7d@2026-06-30`]);
      // Terminated projects are not tracked.
      await t.ds.getRepository(DeliveryProject).update(p.id, { status: 'terminated' });
      expect(await sweepAndRun(at('07-02 10:00'))).toEqual({ enqueued: 0, done: 0 });
    });
  });

  describe('in embedded mode (SQLite, jobs in-process)', () => {
    let e: TestApp;
    afterAll(() => e?.close());

    it('sweeps on the in-process driver and sends each step once', async () => {
      const dir = join(process.env['VAR_DIR'] as string, 'tracking-embedded');
      e = await createTestApp({
        DATABASE_URL: '',
        REDIS_URL: '',
        VAR_DIR: dir,
        SQLITE_PATH: join(dir, 'gv.sqlite'),
        SEED_DEMO: 'true',
        SMTP_URL: '',
        MAIL_DRIVER: '',
      });
      expect(e.ds.options.type).toBe('better-sqlite3');
      jest.spyOn(e.app.select(DeliveryModule).get(Clock), 'now').mockReturnValue(at('06-13 10:00'));
      const p = await anyProject(e.ds);
      const [m1, m2] = await setMilestones(e.ds, p.id, [
        ['入户走访', '2026-06-10'],
        ['小组活动', '2026-06-12'],
        ['中期汇报', '2026-06-14'],
      ]);
      await e.ds.getRepository(DeliveryProject).update({ id: Not(p.id) }, { status: 'completed' });
      const embedded = e.app.get(MilestoneTracking);
      const driver = e.app.get(InProcessJobDriver);
      const first = await Promise.all([embedded.sweep(), embedded.sweep()]);
      await driver.drain();
      expect(first.map((r) => r.enqueued)).toEqual([3, 3]);
      const steps = (
        await e.ds.getRepository(MilestoneStep).find({ where: { milestoneId: In([m1.id, m2.id]) } })
      ).map((s) => s.step);
      expect(steps.sort()).toEqual(
        ['overdue@2026-06-10', 'overdue@2026-06-12', 'at_risk@2026-06-12'].sort(),
      );
      expect(await e.ds.getRepository(MilestoneStep).count()).toBe(4); // + the 1-day reminder of 14 June
      expect((await e.ds.getRepository(DeliveryProject).findOneByOrFail({ id: p.id })).status).toBe(
        'at_risk',
      );
      expect((await embedded.sweep()).enqueued).toBe(0);
    }, 60_000);
  });

  describe('with worker processes (dist), the clock from CLOCK_START', () => {
    const workers: BuiltProcess[] = [];
    let queue: Queue;
    let p: DeliveryProject;
    let q: DeliveryProject;
    let all: DeliveryMilestone[];
    const BULK = 60;

    beforeAll(async () => {
      if (!existsSync(fromRoot(WORKER_ENTRY)))
        throw new Error(`${WORKER_ENTRY} is missing: npm run -s build first`);
      await resetDatabase(t.ds, t.config);
      const made = await orgProject(t, [
        ['入户走访', '2026-06-10'],
        ['小组活动', '2026-06-12'],
        ['中期汇报', '2026-09-30'],
      ]);
      p = made.project;
      // A second project of the same organisation with BULK milestones due on 10 June.
      const second = (await eligibleProposals(t, false)).find((x) => x.id !== p.proposalId);
      if (!second) throw new Error('fixtures: a second eligible proposal');
      await t.ds.getRepository(Proposal).update(second.id, { organisationId: p.organisationId });
      q = (await awardAndStart(t, made.tk.admin, second)).project;
      await setMilestones(
        t.ds,
        q.id,
        Array.from({ length: BULK }, (_, i) => [`批量里程碑 ${i + 1}`, '2026-06-10']),
      );
      all = await t.ds
        .getRepository(DeliveryMilestone)
        .find({ where: { projectId: In([p.id, q.id]) } });
      queue = new Queue(QueueName.Sweeps, {
        connection: { url: t.config.REDIS_URL },
        prefix: t.config.QUEUE_PREFIX,
      });
    }, 60_000);
    afterAll(async () => {
      await Promise.all(workers.map((w) => stopProcess(w.child, 'SIGKILL')));
      await queue?.close();
    });

    function startWorker(clock: string, env: Record<string, string> = {}): BuiltProcess {
      const w = startBuilt(WORKER_ENTRY, {
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        CLOCK_START: at(clock).toISOString(),
        WORKER_CONCURRENCY: '4',
        WORKER_STALLED_SECONDS: '2',
        NOTIFY_SWEEP_AFTER_SECONDS: '1',
        NOTIFY_CLAIM_SECONDS: '5',
        ...env,
      });
      workers.push(w);
      return w;
    }
    /** Waits until the worker consumes the sweeps queue, then enqueues a sweep it runs at its clock. */
    async function sweepWith(w: BuiltProcess, id: string) {
      await until(
        async () => {
          if (w.child.exitCode !== null) throw new Error(`worker exited: ${w.output.join('\n')}`);
          return (await queue.getWorkersCount()) > 0;
        },
        30_000,
        'the worker consuming',
      );
      await queue.add(JobName.SweepMilestones, {}, { jobId: `test-sweep-${id}` });
    }
    const stepCount = () => t.ds.getRepository(MilestoneStep).count();
    /** Waits for `n` step rows and an idle sweeps queue. */
    async function settled(n: number, what: string) {
      await until(
        async () => {
          const c = await queue.getJobCounts('waiting', 'active', 'prioritized');
          return (await stepCount()) >= n && c['waiting'] + c['active'] + c['prioritized'] === 0;
        },
        30_000,
        what,
      );
      expect(await stepCount()).toBe(n);
    }

    it('sends every step once across a SIGKILL mid-batch, a restart a day later and a second sweep', async () => {
      // 9 June: the 1-day reminders of 10 June (1 + BULK) and the 7-day reminder of 12 June.
      let w = startWorker('06-09 10:00');
      await sweepWith(w, 'jun09');
      await settled(BULK + 2, 'the reminders of 9 June');
      await stopProcess(w.child, 'SIGTERM', 10_000);

      // 11 June: overdue notices (1 + BULK, project Q flagged at risk) and the 1-day reminder of 12 June;
      // the worker is killed while it works through them, a new one (same day) finishes the batch.
      w = startWorker('06-11 10:00', { WORKER_CONCURRENCY: '1' });
      const before = await stepCount();
      await sweepWith(w, 'jun11');
      await until(async () => (await stepCount()) >= before + 5, 30_000, 'a few steps done');
      await stopProcess(w.child, 'SIGKILL');
      const atKill = (await stepCount()) - before;
      w = startWorker('06-11 10:05');
      await sweepWith(w, 'jun11b');
      await settled(before + BULK + 3, 'the steps of 11 June');
      expect(atKill).toBeLessThan(BULK + 3);
      expect((await project(q.id)).status).toBe('at_risk');
      expect((await project(p.id)).status).toBe('active');
      await stopProcess(w.child, 'SIGKILL');

      // Down for more than a day; back on 13 June: the overdue notice of 12 June and project P at risk.
      w = startWorker('06-13 10:00');
      await sweepWith(w, 'jun13');
      await settled(before + BULK + 5, 'the catch-up of 13 June');
      const flagged = await project(p.id);
      expect(flagged.status).toBe('at_risk');
      expect(flagged.atRiskSince?.getTime()).toBeGreaterThanOrEqual(at('06-13 10:00').getTime());
      await stopProcess(w.child, 'SIGTERM', 10_000);

      // 19 June: escalations of everything due on 10 and 12 June; two workers sweeping at once.
      w = startWorker('06-19 10:00');
      startWorker('06-19 10:00'); // a second one
      await sweepWith(w, 'jun19');
      await queue.add(JobName.SweepMilestones, {}, { jobId: 'test-sweep-jun19b' });
      await settled(before + 2 * BULK + 7, 'the escalations of 19 June');
      await queue.add(JobName.SweepMilestones, {}, { jobId: 'test-sweep-jun19c' });
      await new Promise((r) => setTimeout(r, 1500));
      await settled(before + 2 * BULK + 7, 'nothing more on a further sweep');

      // Each milestone has exactly its steps; each step wrote one outbox row per recipient, all sent.
      const steps = await t.ds.getRepository(MilestoneStep).find();
      const kinds = (id: number) =>
        steps
          .filter((s) => s.milestoneId === id)
          .map((s) => parseStep(s.step)?.kind)
          .sort();
      const [m1, m2, m3] = all.filter((x) => x.projectId === p.id).sort((a, b) => a.seq - b.seq);
      expect(kinds(m1.id)).toEqual(['escalation', 'overdue', 'reminder_1d']);
      expect(kinds(m2.id)).toEqual([
        'at_risk',
        'escalation',
        'overdue',
        'reminder_1d',
        'reminder_7d',
      ]);
      expect(kinds(m3.id)).toEqual([]);
      const bulk = all.filter((x) => x.projectId === q.id).map((x) => kinds(x.id).join(','));
      expect(bulk.filter((k) => k === 'escalation,overdue,reminder_1d')).toHaveLength(BULK - 1);
      expect(bulk.filter((k) => k === 'at_risk,escalation,overdue,reminder_1d')).toHaveLength(1);
      // A mail claimed by the killed worker is taken over once its claim expires (the outbox sweep).
      let sweeps = 0;
      const rows = await until(
        async () => {
          const rs = await t.ds.getRepository(Notification).find();
          if (rs.length && rs.every((r) => r.status === 'sent')) return rs;
          await queue.add(JobName.SweepOutbox, {}, { jobId: `test-outbox-${++sweeps}` });
          await new Promise((r) => setTimeout(r, 1000));
          return undefined;
        },
        40_000,
        'every tracking mail sent',
      );
      const byStep = new Map<string, number>();
      for (const r of rows) {
        const key = /\|milestone:(\d+:[a-z_0-9]+@[\d-]+)\|/.exec(r.dedupeKey)?.[1];
        if (key) byStep.set(key, (byStep.get(key) ?? 0) + 1);
      }
      expect([...byStep.keys()].sort()).toEqual(
        steps.map((s) => `${s.milestoneId}:${s.step}`).sort(),
      );
      const perRecipient = new Set(rows.map((r) => r.dedupeKey));
      expect(perRecipient.size).toBe(rows.length);
      expect(
        await t.ds.getRepository(AuditLog).countBy({ action: 'delivery.project_at_risk' }),
      ).toBe(2);
      console.log(
        `tracking with workers: ${steps.length} steps, ${rows.length} mails; ${atKill} of ${BULK + 3} steps of 11 June done before the SIGKILL`,
      );
      await Promise.all(workers.map((x) => stopProcess(x.child, 'SIGTERM', 10_000)));
    }, 120_000);
  });
});
