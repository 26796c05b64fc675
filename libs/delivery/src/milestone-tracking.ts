import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '@gv/audit';
import { AppConfig } from '@gv/config';
import { Clock } from '@gv/core';
import { isUniqueViolation, rowLock, transactionWithRetry } from '@gv/database';
import {
  NotificationContentFor,
  NotificationContentInput,
  NotificationEvent,
  notify,
} from '@gv/notifications';
import { Proposal } from '@gv/proposals';
import { JobHandler, JobName, JobPayloads, JobProducer } from '@gv/queue';
import { DeliveryMilestone, DeliveryProject, MilestoneStep } from './entities/delivery.entity';
import {
  addDays,
  daysBetween,
  idOf,
  memberRecipients,
  projectLink,
  RUNNING,
  shanghaiToday,
  staffRecipients,
} from './tracking-support';

/**
 * The steps of a milestone, each at most once per due date: reminders 7 days and 1 day before, the
 * overdue notice the day after, the escalation (督办) after MILESTONE_ESCALATION_DAYS, and — on the
 * overdue notice that makes MILESTONE_AT_RISK_OVERDUE overdue milestones — the project's at-risk flag.
 */
export const STEP_KINDS = [
  'reminder_7d',
  'reminder_1d',
  'overdue',
  'escalation',
  'at_risk',
] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/**
 * The step's key in milestone_step: kind and the due date it is for (`overdue@2026-06-10`), unique per
 * milestone. A due date changed by an approved change request starts the milestone's steps afresh.
 */
export const stepKey = (kind: StepKind, dueOn: string) => `${kind}@${dueOn}`;

export function parseStep(step: string): { kind: StepKind; dueOn: string } | undefined {
  const m = /^([a-z_0-9]+)@(\d{4}-\d{2}-\d{2})$/.exec(step);
  return m && (STEP_KINDS as readonly string[]).includes(m[1])
    ? { kind: m[1] as StepKind, dueOn: m[2] }
    : undefined;
}

/** Deterministic job id: enqueuing a step twice (two sweeps, two workers) runs it once. */
export const stepJobId = (milestoneId: number, step: string) =>
  `milestone-${milestoneId}-${step.replace('@', '-')}`;

/** Candidates read per query (keyset pages over the milestone id). */
export const SWEEP_PAGE = 1000;

/** The due-date window (inclusive, 'YYYY-MM-DD') in which a step is due on `today`. */
function window(kind: StepKind, today: string, escalationDays: number) {
  switch (kind) {
    case 'reminder_7d':
      return { from: addDays(today, 2), to: addDays(today, 7) };
    case 'reminder_1d':
      return { from: today, to: addDays(today, 1) };
    case 'overdue':
      return { from: undefined, to: addDays(today, -1) };
    case 'escalation':
      return { from: undefined, to: addDays(today, -escalationDays) };
    default:
      return undefined;
  }
}

export interface SweepResult {
  /** Step jobs enqueued (a job already waiting under the same id is not added again). */
  enqueued: number;
  byKind: Record<string, number>;
}

/**
 * 里程碑跟踪: the recurring sweep (a BullMQ job scheduler in production, an interval in embedded mode)
 * reads from the database which steps are due at "now" and not yet recorded, and enqueues one job per
 * milestone and step; the step job writes the MilestoneStep row (unique key) and the outbox rows in one
 * transaction. A killed worker, a second worker or a repeated sweep therefore never sends a step twice,
 * and a sweep after downtime catches up on whatever is due by then (a reminder whose date has passed is
 * skipped: the overdue notice replaces it).
 */
@Injectable()
export class MilestoneTracking {
  private readonly logger = new Logger('MilestoneTracking');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly jobs: JobProducer,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  @JobHandler(JobName.SweepMilestones)
  async sweep(
    _payload: Record<string, never> = {},
    _meta?: unknown,
    now = this.clock.now(),
  ): Promise<SweepResult> {
    const today = shanghaiToday(now);
    const result: SweepResult = { enqueued: 0, byKind: {} };
    for (const kind of STEP_KINDS) {
      const w = window(kind, today, this.config.MILESTONE_ESCALATION_DAYS);
      if (!w) continue;
      let after = 0;
      for (;;) {
        const page = await this.due(kind, w, after);
        if (!page.length) break;
        const jobs = page.map((r) => {
          const step = stepKey(kind, r.dueOn);
          return { payload: { milestoneId: r.id, step }, jobId: stepJobId(r.id, step) };
        });
        await this.jobs.enqueueMany(JobName.MilestoneStep, jobs);
        result.enqueued += jobs.length;
        result.byKind[kind] = (result.byKind[kind] ?? 0) + jobs.length;
        after = page[page.length - 1].id;
        if (page.length < SWEEP_PAGE) break;
      }
    }
    if (result.enqueued) this.logger.log({ today, ...result }, 'milestone steps enqueued');
    return result;
  }

  /** Open milestones of running projects due for `kind` in the window, without that step yet. */
  private async due(kind: StepKind, w: { from?: string; to: string }, after: number) {
    const sqlite = this.ds.options.type === 'better-sqlite3';
    const key = sqlite ? `(:prefix || m.dueOn)` : `CONCAT(:prefix, m.dueOn)`;
    const qb = this.ds
      .getRepository(DeliveryMilestone)
      .createQueryBuilder('m')
      .select('m.id', 'id')
      .addSelect('m.dueOn', 'dueOn')
      .innerJoin(DeliveryProject, 'p', 'p.id = m.projectId')
      .where('m.status = :open AND m.dueOn <= :to AND m.id > :after', {
        open: 'open',
        to: w.to,
        after,
      })
      .andWhere('p.status IN (:...running)', { running: RUNNING })
      .andWhere(
        `NOT EXISTS (SELECT 1 FROM milestone_step s WHERE s.milestoneId = m.id AND s.step = ${key})`,
        { prefix: `${kind}@` },
      );
    if (w.from) qb.andWhere('m.dueOn >= :from', { from: w.from });
    // LIMIT, not take(): take() with a join pages through a second DISTINCT query.
    const rows = await qb
      .orderBy('m.id', 'ASC')
      .limit(SWEEP_PAGE)
      .getRawMany<{ id: number | string; dueOn: string }>();
    return rows.map((r) => ({ id: Number(r.id), dueOn: String(r.dueOn) }));
  }

  /**
   * One step of one milestone, exactly once: under the project's row lock, re-checks that the step is
   * still due (milestone open and still due that day, project running), then writes the step's key and
   * its outbox rows together. Returns whether it did anything (false: done before, or no longer due).
   */
  @JobHandler(JobName.MilestoneStep)
  async step(
    payload: JobPayloads[JobName.MilestoneStep],
    _meta?: unknown,
    now = this.clock.now(),
  ): Promise<boolean> {
    const parsed = parseStep(String(payload?.step ?? ''));
    const id = Number(payload?.milestoneId);
    if (!parsed || parsed.kind === 'at_risk' || !Number.isSafeInteger(id)) return false;
    try {
      return await transactionWithRetry(this.ds, async (m) => {
        const plain = await m.findOne(DeliveryMilestone, {
          where: { id },
          select: { id: true, projectId: true },
        });
        if (!plain) return false;
        const lock = rowLock(m);
        const project = await m.findOne(DeliveryProject, { where: { id: plain.projectId }, lock });
        const ms = await m.findOne(DeliveryMilestone, { where: { id }, lock });
        if (!project || !ms || !this.stillDue(parsed.kind, parsed.dueOn, ms, project, now))
          return false;
        await m.insert(MilestoneStep, { milestoneId: ms.id, step: payload.step });
        await this.announce(m, parsed.kind, project, ms);
        if (parsed.kind === 'overdue') await this.flagAtRisk(m, project, ms, now);
        return true;
      });
    } catch (err) {
      if (isUniqueViolation(err)) return false; // done by another worker meanwhile
      throw err;
    }
  }

  private stillDue(
    kind: StepKind,
    dueOn: string,
    ms: DeliveryMilestone,
    p: DeliveryProject,
    now: Date,
  ): boolean {
    if (ms.status !== 'open' || ms.dueOn !== dueOn || !RUNNING.includes(p.status)) return false;
    const w = window(kind, shanghaiToday(now), this.config.MILESTONE_ESCALATION_DAYS);
    return !!w && dueOn <= w.to && (!w.from || dueOn >= w.from);
  }

  private async announce(
    m: EntityManager,
    kind: StepKind,
    p: DeliveryProject,
    ms: DeliveryMilestone,
  ): Promise<void> {
    const ids = { projectId: p.id, milestoneId: ms.id, step: stepKey(kind, ms.dueOn) };
    const dedupeKey = `milestone:${ms.id}:${ids.step}`;
    if (kind === 'escalation')
      await notify(
        m,
        NotificationEvent.DeliveryMilestoneEscalated,
        await staffRecipients(m, p.communityId),
        ids,
        { dedupeKey },
      );
    else
      await notify(
        m,
        kind === 'overdue'
          ? NotificationEvent.DeliveryMilestoneOverdue
          : NotificationEvent.DeliveryMilestoneReminder,
        await memberRecipients(m, p.organisationId),
        ids,
        { dedupeKey },
      );
  }

  /**
   * 风险项目: when this overdue notice makes the project's MILESTONE_AT_RISK_OVERDUE-th overdue milestone,
   * an active project is flagged at risk (atRiskSince), the street office, the host community and the
   * organisation are told. Counted with locking reads under the project's lock (every step job of the
   * project takes it first), so two overdue notices at once cannot both miss the threshold.
   */
  private async flagAtRisk(
    m: EntityManager,
    p: DeliveryProject,
    ms: DeliveryMilestone,
    now: Date,
  ): Promise<void> {
    if (p.status !== 'active') return;
    const lock = rowLock(m);
    const milestones = await m.find(DeliveryMilestone, {
      where: { projectId: p.id },
      select: { id: true },
      lock,
    });
    const steps = await m.find(MilestoneStep, {
      where: { milestoneId: In(milestones.map((x) => x.id)) },
      select: { id: true, milestoneId: true, step: true },
      lock,
    });
    const overdue = new Set(
      steps.filter((s) => s.step.startsWith('overdue@')).map((s) => s.milestoneId),
    );
    if (overdue.size < this.config.MILESTONE_AT_RISK_OVERDUE) return;
    const step = stepKey('at_risk', ms.dueOn);
    await m.insert(MilestoneStep, { milestoneId: ms.id, step });
    await m.update(DeliveryProject, p.id, { status: 'at_risk', atRiskSince: now });
    await this.audit.record(m, {
      action: 'delivery.project_at_risk',
      entity: 'delivery_project',
      entityId: p.id,
      actorId: null,
      actorLabel: 'system',
      before: { status: p.status },
      after: { status: 'at_risk', overdueMilestones: overdue.size, milestoneId: ms.id },
    });
    await notify(
      m,
      NotificationEvent.DeliveryProjectAtRisk,
      [
        ...(await staffRecipients(m, p.communityId)),
        ...(await memberRecipients(m, p.organisationId)),
      ],
      { projectId: p.id, milestoneId: ms.id, overdue: overdue.size },
      { dedupeKey: `milestone:${ms.id}:${step}` },
    );
  }

  /** Template data of the tracking mails (re-read when the mail is rendered; missing rows → blanks). */
  @NotificationContentFor([
    NotificationEvent.DeliveryMilestoneReminder,
    NotificationEvent.DeliveryMilestoneOverdue,
    NotificationEvent.DeliveryMilestoneEscalated,
    NotificationEvent.DeliveryProjectAtRisk,
  ])
  async content(input: NotificationContentInput) {
    const m = input.manager;
    const projectId = idOf(input.ids, 'projectId');
    const milestoneId = idOf(input.ids, 'milestoneId');
    const project = projectId ? await m.findOneBy(DeliveryProject, { id: projectId }) : null;
    const ms = milestoneId ? await m.findOneBy(DeliveryMilestone, { id: milestoneId }) : null;
    const proposal = project
      ? await m.findOne(Proposal, {
          where: { id: project.proposalId },
          select: { id: true, title: true, number: true },
        })
      : null;
    const step = parseStep(String(input.ids['step'] ?? ''));
    const dueOn = step?.dueOn ?? ms?.dueOn ?? '';
    const today = shanghaiToday(this.clock.now());
    return {
      projectTitle: proposal?.title ?? '',
      projectNumber: proposal?.number ?? '',
      milestoneTitle: ms?.title ?? '',
      deliverable: ms?.deliverable ?? '',
      dueOn,
      daysLeft: step?.kind === 'reminder_1d' ? 1 : step?.kind === 'reminder_7d' ? 7 : 0,
      daysOverdue: dueOn ? Math.max(1, daysBetween(dueOn, today)) : 0,
      escalationDays: this.config.MILESTONE_ESCALATION_DAYS,
      overdue: Number(input.ids['overdue'] ?? 0),
      link: project
        ? await projectLink(m, input.recipientUserId, project.id, '/milestones')
        : '/inbox',
    };
  }
}
