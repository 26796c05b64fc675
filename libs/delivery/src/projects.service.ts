import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { User } from '@gv/accounts';
import { AuditService } from '@gv/audit';
import { Call } from '@gv/calls';
import {
  Actor,
  AppException,
  formatShanghaiDate,
  Page,
  PageQuery,
  pageParams,
  Role,
  toPage,
} from '@gv/core';
import { isUniqueViolation, OnDomainEvent, rowLock, transactionWithRetry } from '@gv/database';
import { FundingApprovedEvent, FundingAward, FundingEvents, FundingPlacement } from '@gv/funding';
import { Proposal, ProposalMilestone } from '@gv/proposals';
import { DeliveryError } from './delivery.errors';
import {
  DeliveryMilestone,
  DeliveryProject,
  GrantAgreement,
  ProjectStatus,
  Tranche,
} from './entities/delivery.entity';
import { rescaleAmounts } from './tranche-schedule';

/** Accounts a street admin may assign as a project's supervisor (督导): not an organisation's member. */
const EVALUATOR_ROLES: readonly string[] = [Role.Judge, Role.CommunityStaff, Role.StreetAdmin];

export const isStreetAdmin = (actor: Actor) => actor.roles.includes(Role.StreetAdmin);

/** A date as the 'YYYY-MM-DD' the delivery tables keep (mysql2 reads DATE columns as strings or Dates). */
const day = (d: Date | string): string =>
  d instanceof Date ? formatShanghaiDate(d) : String(d).slice(0, 10);

export interface ProjectFilter extends PageQuery {
  status?: ProjectStatus;
  callId?: number;
}

/**
 * 项目实施: one DeliveryProject per award, made when the funding decision is approved (domain event,
 * in the approval's transaction) or explicitly for an award made outside a ranking version. The
 * proposal's milestones are copied on creation; tracking them is the milestones part of the context.
 * Access: the street office sees every project, an organisation its own, a supervisor the ones
 * assigned to them (others answer 404).
 */
@Injectable()
export class ProjectsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {}

  // ── creation ────────────────────────────────────────────────────────────────────────────────

  /**
   * Awards of the call follow the approved version: new awards get a project; a project whose award
   * was withdrawn is removed while no money moved (else terminated, reason recorded); a changed amount
   * rescales a schedule nothing of which was approved yet.
   */
  @OnDomainEvent(FundingEvents.Approved)
  async onFundingApproved(event: FundingApprovedEvent, m: EntityManager): Promise<void> {
    const awards = await m.find(FundingAward, { where: { callId: event.callId } });
    const projects = await m.find(DeliveryProject, {
      where: { callId: event.callId },
      lock: rowLock(m),
    });
    for (const a of awards) {
      const p = projects.find((x) => x.awardId === a.id);
      if (a.status === 'awarded' && !p) await this.create(m, a, null);
      else if (a.status !== 'awarded' && p) await this.awardWithdrawn(m, p);
      else if (p) await this.awardAmountChanged(m, p, a.amountFen);
    }
  }

  /** 启动实施: the project of an award made outside a ranking version (idempotent). */
  async start(actor: Actor, awardId: number): Promise<DeliveryProject> {
    return transactionWithRetry(this.ds, async (m) => {
      const a = Number.isSafeInteger(awardId)
        ? await m.findOne(FundingAward, { where: { id: awardId }, lock: rowLock(m) })
        : null;
      if (!a) throw AppException.validation([{ field: 'awardId', code: 'not_found' }]);
      if (a.status !== 'awarded') throw DeliveryError.error('award_not_active');
      const found = await m.findOne(DeliveryProject, {
        where: { awardId: a.id },
        lock: rowLock(m),
      });
      if (found) return found;
      try {
        return await this.create(m, a, actor.userId);
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        throw AppException.conflict('duplicate');
      }
    });
  }

  private async create(
    m: EntityManager,
    a: FundingAward,
    actorId: number | null,
  ): Promise<DeliveryProject> {
    const p = await m.findOneByOrFail(Proposal, { id: a.proposalId });
    const call = await m.findOneByOrFail(Call, { id: a.callId });
    const values = {
      awardId: a.id,
      proposalId: p.id,
      callId: a.callId,
      organisationId: p.organisationId,
      communityId: await this.hostCommunity(m, p),
      status: 'active' as const,
      startsOn: day(call.implementationAt),
      endsOn: day(call.closesAt),
      evaluatorUserId: null,
      statusReason: '',
    };
    const { identifiers } = await m.insert(DeliveryProject, values);
    const id = identifiers[0]['id'] as number;
    // The milestones of the submitted version (里程碑), copied as they were promised.
    const milestones = await m.find(ProposalMilestone, {
      where: { proposalId: p.id, version: p.currentVersion },
      order: { position: 'ASC' },
    });
    if (milestones.length)
      await m.insert(
        DeliveryMilestone,
        milestones.map((x, i) => ({
          projectId: id,
          seq: i + 1,
          title: x.title,
          dueOn: day(x.dueOn),
          deliverable: x.deliverable,
          evidence: '',
          status: 'open' as const,
        })),
      );
    await this.audit.record(m, {
      action: 'delivery.project_started',
      entity: 'delivery_project',
      entityId: id,
      actorId,
      after: {
        awardId: a.id,
        proposalId: p.id,
        amountFen: a.amountFen,
        milestones: milestones.length,
      },
    });
    return m.findOneByOrFail(DeliveryProject, { id });
  }

  /** 落户社区: the placement when placed or accepted, else the proposal's first community. */
  async hostCommunity(m: EntityManager, p: Proposal): Promise<number | null> {
    const placement = await m.findOneBy(FundingPlacement, { proposalId: p.id });
    return placement?.communityId && ['placed', 'accepted'].includes(placement.status)
      ? placement.communityId
      : p.firstCommunityId;
  }

  private async moneyMoved(m: EntityManager, projectId: number): Promise<boolean> {
    // A locking read: the approval's transaction started long before (its snapshot may be old).
    const moved = await m.findOne(Tranche, {
      where: { projectId, status: In(['approved', 'paid']) },
      lock: rowLock(m),
    });
    return !!moved;
  }

  private async awardWithdrawn(m: EntityManager, p: DeliveryProject): Promise<void> {
    if (!(await this.moneyMoved(m, p.id))) {
      await m.delete(DeliveryProject, p.id);
      await this.audit.record(m, {
        action: 'delivery.project_removed',
        entity: 'delivery_project',
        entityId: p.id,
        before: { awardId: p.awardId, status: p.status },
        after: { reason: 'award_withdrawn' },
      });
      return;
    }
    if (p.status === 'terminated') return;
    await m.update(DeliveryProject, p.id, {
      status: 'terminated',
      statusReason: 'award_withdrawn',
    });
    await m.update(
      Tranche,
      { projectId: p.id, status: In(['scheduled', 'requested']) },
      { status: 'cancelled' },
    );
    await this.audit.record(m, {
      action: 'delivery.project_terminated',
      entity: 'delivery_project',
      entityId: p.id,
      before: { status: p.status },
      after: { status: 'terminated', reason: 'award_withdrawn' },
    });
  }

  private async awardAmountChanged(m: EntityManager, p: DeliveryProject, amountFen: number) {
    const ag = await m.findOne(GrantAgreement, { where: { projectId: p.id }, lock: rowLock(m) });
    if (!ag || ag.amountFen === amountFen || (await this.moneyMoved(m, p.id))) return;
    const tranches = await m.find(Tranche, {
      where: { agreementId: ag.id, status: In(['scheduled', 'requested']) },
      order: { seq: 'ASC' },
    });
    const amounts = rescaleAmounts(
      tranches.map((t) => t.amountFen),
      amountFen,
    );
    for (const [i, t] of tranches.entries())
      await m.update(Tranche, t.id, { amountFen: amounts[i] });
    await m.update(GrantAgreement, ag.id, { amountFen });
    await this.audit.record(m, {
      action: 'delivery.agreement_rescaled',
      entity: 'delivery_project',
      entityId: p.id,
      before: { amountFen: ag.amountFen },
      after: { amountFen },
    });
  }

  // ── access and reads ────────────────────────────────────────────────────────────────────────

  /** Whether the actor may see the project (street office; its organisation; its supervisor). */
  canSee(actor: Actor, p: DeliveryProject): boolean {
    if (isStreetAdmin(actor)) return true;
    if (actor.roles.includes(Role.OrgMember))
      return actor.organisationId !== null && p.organisationId === actor.organisationId;
    return p.evaluatorUserId === actor.userId;
  }

  /** The project as the actor may see it (404 otherwise); `lock` takes its row lock. */
  async load(m: EntityManager, actor: Actor, id: number, lock = false): Promise<DeliveryProject> {
    const p = Number.isSafeInteger(id)
      ? await m.findOne(DeliveryProject, { where: { id }, ...(lock ? { lock: rowLock(m) } : {}) })
      : null;
    if (!p || !this.canSee(actor, p)) throw AppException.notFound();
    return p;
  }

  /** The organisation's own project (404 for anyone else's, and for other roles but the street office). */
  async loadForOrg(m: EntityManager, actor: Actor, id: number): Promise<DeliveryProject> {
    const p = await this.load(m, actor, id);
    if (!isStreetAdmin(actor) && p.organisationId !== actor.organisationId)
      throw AppException.notFound();
    return p;
  }

  /** Projects within the actor's reach, newest first. */
  async list(actor: Actor, q: ProjectFilter = {}): Promise<Page<DeliveryProject>> {
    const { page, pageSize, skip, take } = pageParams(q, 20);
    const where: Record<string, unknown> = {};
    if (q.status) where['status'] = q.status;
    if (q.callId) where['callId'] = q.callId;
    if (!isStreetAdmin(actor)) {
      if (actor.roles.includes(Role.OrgMember))
        where['organisationId'] = actor.organisationId ?? -1;
      else where['evaluatorUserId'] = actor.userId;
    }
    const [items, total] = await this.ds.getRepository(DeliveryProject).findAndCount({
      where,
      order: { id: 'DESC' },
      skip,
      take,
    });
    return toPage(items, total, page, pageSize);
  }

  /** Awards still without a project (made outside a ranking version): the street office starts them. */
  async awaiting(): Promise<FundingAward[]> {
    return this.ds
      .getRepository(FundingAward)
      .createQueryBuilder('a')
      .leftJoin(DeliveryProject, 'p', 'p.awardId = a.id')
      .where('a.status = :s', { s: 'awarded' })
      .andWhere('p.id IS NULL')
      .orderBy('a.id', 'ASC')
      .take(200)
      .getMany();
  }

  /** 指定督导: the supervising social worker who may evaluate the project (null: nobody). */
  async assignEvaluator(actor: Actor, id: number, userId: number | null) {
    return transactionWithRetry(this.ds, async (m) => {
      const p = await this.load(m, actor, id, true);
      if (userId !== null) {
        const u = await m.findOneBy(User, { id: userId, active: true });
        if (!u || !EVALUATOR_ROLES.includes(u.role))
          throw DeliveryError.error('evaluator_invalid', {}, [
            { field: 'userId', code: 'evaluator_invalid' },
          ]);
      }
      await m.update(DeliveryProject, p.id, { evaluatorUserId: userId });
      await this.audit.record(m, {
        action: 'delivery.evaluator_assigned',
        entity: 'delivery_project',
        entityId: p.id,
        actorId: actor.userId,
        before: { evaluatorUserId: p.evaluatorUserId },
        after: { evaluatorUserId: userId },
      });
      return m.findOneOrFail(DeliveryProject, { where: { id: p.id }, lock: rowLock(m) });
    });
  }

  /** Accounts that may be assigned as supervisors (for the page's select). */
  evaluatorCandidates(): Promise<User[]> {
    return this.ds.getRepository(User).find({
      where: { role: In(EVALUATOR_ROLES), active: true, organisationId: IsNull() },
      order: { role: 'ASC', name: 'ASC' },
      take: 500,
    });
  }
}
