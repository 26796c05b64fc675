import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '@gv/audit';
import { Actor, AppException, Clock, parseShanghai, Role } from '@gv/core';
import { rowLock, transactionWithRetry } from '@gv/database';
import {
  NotificationContentFor,
  NotificationContentInput,
  NotificationEvent,
  notify,
} from '@gv/notifications';
import { Proposal } from '@gv/proposals';
import { DeliveryError } from './delivery.errors';
import { MilestoneChangeDto } from './dto/reports.dto';
import {
  DeliveryMilestone,
  DeliveryProject,
  MilestoneChange,
  MilestoneStep,
} from './entities/delivery.entity';
import { ProjectsService } from './projects.service';
import { idOf, memberRecipients, shanghaiToday, staffRecipients } from './tracking-support';

export interface MilestonesView {
  /** Today in Shanghai (the delivery clock): an open milestone due before it is overdue. */
  today: string;
  project: DeliveryProject;
  milestones: DeliveryMilestone[];
  changes: MilestoneChange[];
  steps: MilestoneStep[];
}

/** 400 milestone_outside_period unless `day` lies within the project period (inclusive). */
export function assertWithinPeriod(p: DeliveryProject, day: string): void {
  if (!parseShanghai(day) || day < p.startsOn || day > p.endsOn)
    throw DeliveryError.error('milestone_outside_period', { start: p.startsOn, end: p.endsOn }, [
      {
        field: 'dueOn',
        code: 'milestone_outside_period',
        params: { start: p.startsOn, end: p.endsOn },
      },
    ]);
}

/**
 * 里程碑调整: the organisation asks to move a milestone's due date or change its deliverable (with a
 * reason; the date within the project period), the street office approves or rejects; an approval
 * changes the milestone, and the tracking starts afresh for a new date (its steps are keyed by date).
 * Requests and decisions are audited (before/after) and notify the other side.
 */
@Injectable()
export class MilestonesService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly projects: ProjectsService,
    private readonly clock: Clock,
  ) {}

  async list(actor: Actor, projectId: number): Promise<MilestonesView> {
    const m = this.ds.manager;
    const project = await this.projects.load(m, actor, projectId);
    const milestones = await m.find(DeliveryMilestone, {
      where: { projectId: project.id },
      order: { seq: 'ASC' },
    });
    const ids = milestones.map((x) => x.id).concat(-1);
    return {
      today: shanghaiToday(this.clock.now()),
      project,
      milestones,
      changes: await m.find(MilestoneChange, {
        where: { milestoneId: In(ids) },
        order: { id: 'DESC' },
      }),
      steps: await m.find(MilestoneStep, { where: { milestoneId: In(ids) }, order: { id: 'ASC' } }),
    };
  }

  /** The project of a milestone, if the actor may see it (404 otherwise): pages check it first. */
  async projectOf(actor: Actor, milestoneId: number, orgOnly = false): Promise<DeliveryProject> {
    const ms = Number.isSafeInteger(milestoneId)
      ? await this.ds.manager.findOneBy(DeliveryMilestone, { id: milestoneId })
      : null;
    if (!ms) throw AppException.notFound();
    const p = await this.projects.load(this.ds.manager, actor, ms.projectId);
    if (orgOnly && !this.isMember(actor, p)) throw AppException.notFound();
    return p;
  }

  /** The project of a change request (404 unless visible). */
  async projectOfChange(actor: Actor, changeId: number): Promise<DeliveryProject> {
    const c = Number.isSafeInteger(changeId)
      ? await this.ds.manager.findOneBy(MilestoneChange, { id: changeId })
      : null;
    if (!c) throw AppException.notFound();
    return this.projectOf(actor, c.milestoneId);
  }

  async requestChange(
    actor: Actor,
    milestoneId: number,
    dto: MilestoneChangeDto,
  ): Promise<MilestoneChange> {
    return transactionWithRetry(this.ds, async (m) => {
      const { p, ms } = await this.lock(m, actor, milestoneId);
      if (!this.isMember(actor, p)) throw AppException.notFound();
      if (p.status === 'terminated') throw DeliveryError.error('project_terminated');
      if (p.status === 'completed')
        throw DeliveryError.error('project_state', { status: p.status });
      if (ms.status !== 'open') throw DeliveryError.error('milestone_state');
      const dueOn = dto.dueOn && dto.dueOn !== ms.dueOn ? dto.dueOn : null;
      const deliverable =
        dto.deliverable && dto.deliverable !== ms.deliverable ? dto.deliverable : null;
      if (!dueOn && !deliverable)
        throw AppException.validation([{ field: 'dueOn', code: 'milestone_change_empty' }]);
      if (dueOn) assertWithinPeriod(p, dueOn);
      if (
        await m.findOne(MilestoneChange, {
          where: { milestoneId, status: 'pending' },
          lock: rowLock(m),
        })
      )
        throw DeliveryError.error('milestone_change_pending');
      const { identifiers } = await m.insert(MilestoneChange, {
        milestoneId: ms.id,
        dueOn,
        deliverable,
        reason: dto.reason,
        status: 'pending',
        requestedById: actor.userId,
        decidedById: null,
      });
      const id = identifiers[0]['id'] as number;
      await this.audit.record(m, {
        action: 'delivery.milestone_change_requested',
        entity: 'delivery_milestone',
        entityId: ms.id,
        actorId: actor.userId,
        before: { dueOn: ms.dueOn, deliverable: ms.deliverable },
        after: { changeId: id, dueOn, deliverable, reason: dto.reason },
      });
      await notify(
        m,
        NotificationEvent.DeliveryMilestoneChangeRequested,
        await staffRecipients(m),
        { projectId: p.id, milestoneId: ms.id, changeId: id },
      );
      return m.findOneByOrFail(MilestoneChange, { id });
    });
  }

  /** Approves (applies) or rejects a pending change; an approved date is checked against the period again. */
  async decide(
    actor: Actor,
    changeId: number,
    approve: boolean,
    note?: string,
  ): Promise<MilestoneChange> {
    return transactionWithRetry(this.ds, async (m) => {
      const plain = Number.isSafeInteger(changeId)
        ? await m.findOneBy(MilestoneChange, { id: changeId })
        : null;
      if (!plain) throw AppException.notFound();
      const { p, ms } = await this.lock(m, actor, plain.milestoneId);
      const c = await m.findOneOrFail(MilestoneChange, {
        where: { id: changeId },
        lock: rowLock(m),
      });
      if (c.status !== 'pending') throw DeliveryError.error('milestone_change_state');
      if (approve && p.status === 'terminated') throw DeliveryError.error('project_terminated');
      if (approve && c.dueOn) assertWithinPeriod(p, c.dueOn);
      const after = {
        dueOn: c.dueOn ?? ms.dueOn,
        deliverable: c.deliverable ?? ms.deliverable,
      };
      await m.update(MilestoneChange, c.id, {
        status: approve ? 'approved' : 'rejected',
        decidedById: actor.userId,
      });
      if (approve) await m.update(DeliveryMilestone, ms.id, after);
      await this.audit.record(m, {
        action: approve ? 'delivery.milestone_changed' : 'delivery.milestone_change_rejected',
        entity: 'delivery_milestone',
        entityId: ms.id,
        actorId: actor.userId,
        before: { dueOn: ms.dueOn, deliverable: ms.deliverable },
        after: approve ? { ...after, changeId: c.id, note } : { changeId: c.id, note },
      });
      await notify(
        m,
        NotificationEvent.DeliveryMilestoneChangeDecided,
        await memberRecipients(m, p.organisationId),
        { projectId: p.id, milestoneId: ms.id, changeId: c.id, approved: approve ? 1 : 0 },
      );
      return m.findOneByOrFail(MilestoneChange, { id: c.id });
    });
  }

  private isMember(actor: Actor, p: DeliveryProject): boolean {
    return actor.roles.includes(Role.OrgMember) && actor.organisationId === p.organisationId;
  }

  /** The milestone and its project, the project locked first (the order every delivery write uses). */
  private async lock(m: EntityManager, actor: Actor, milestoneId: number) {
    const plain = Number.isSafeInteger(milestoneId)
      ? await m.findOne(DeliveryMilestone, {
          where: { id: milestoneId },
          select: { id: true, projectId: true },
        })
      : null;
    if (!plain) throw AppException.notFound();
    const p = await this.projects.load(m, actor, plain.projectId, true);
    const ms = await m.findOneOrFail(DeliveryMilestone, {
      where: { id: milestoneId },
      lock: rowLock(m),
    });
    return { p, ms };
  }

  /** Template data of the change-request mails. */
  @NotificationContentFor(
    [
      NotificationEvent.DeliveryMilestoneChangeRequested,
      NotificationEvent.DeliveryMilestoneChangeDecided,
    ],
    { sameForAllRecipients: true },
  )
  async content(input: NotificationContentInput) {
    const m = input.manager;
    const changeId = idOf(input.ids, 'changeId');
    const c = changeId ? await m.findOneBy(MilestoneChange, { id: changeId }) : null;
    const ms = c ? await m.findOneBy(DeliveryMilestone, { id: c.milestoneId }) : null;
    const project = ms ? await m.findOneBy(DeliveryProject, { id: ms.projectId }) : null;
    const proposal = project
      ? await m.findOne(Proposal, { where: { id: project.proposalId }, select: { title: true } })
      : null;
    return {
      projectTitle: proposal?.title ?? '',
      milestoneTitle: ms?.title ?? '',
      dueOn: c?.dueOn ?? '',
      deliverable: c?.deliverable ?? '',
      reason: c?.reason ?? '',
      approved: Number(input.ids['approved'] ?? 0) === 1,
      link: project ? `/delivery/projects/${project.id}/milestones` : '/inbox',
    };
  }
}
