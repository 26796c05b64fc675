import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainEvents, rowLock, transactionWithRetry } from '@gv/database';
import { DataSource, EntityManager, In } from 'typeorm';
import { Actor, AppException, Clock, FieldError, Role } from '@gv/core';
import { AuditService } from '@gv/audit';
import { orgMembers } from '@gv/accounts';
import { Call } from '@gv/calls';
import { Need } from '@gv/needs';
import { notify, NotificationEvent } from '@gv/notifications';
import { Organisation } from '@gv/organisations';
import { Community } from '@gv/places';
import { computeBudget, proposalNumber } from './budget.util';
import { CreateProposalDto, ProposalContentDto } from './dto/proposals.dto';
import { BudgetCategory, ProposalBudgetLine } from './entities/proposal-budget-line.entity';
import { ProposalCommunity } from './entities/proposal-community.entity';
import { ProposalMilestone } from './entities/proposal-milestone.entity';
import { ProposalVersion } from './entities/proposal-version.entity';
import { Proposal, ProposalStatus } from './entities/proposal.entity';
import { versionSnapshot } from './proposal-snapshot';
import { submissionProblem } from './submission-check';
import { ProposalEvents, ProposalSubmittedEvent, ProposalWithdrawnEvent } from './proposal-events';
import { ProposalsError } from './proposals.errors';

/** Statuses that count against the call's per-organisation limit. */
const ACTIVE_SUBMITTED = [
  ProposalStatus.Submitted,
  ProposalStatus.Returned,
  ProposalStatus.Eligible,
];

/** 申报: drafts, submission (numbers, versions), withdrawal. Every write is one transaction with its audit row. */
@Injectable()
export class ProposalsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly events: DomainEvents,
  ) {}

  async create(actor: Actor, dto: CreateProposalDto): Promise<Proposal> {
    if (!actor.roles.includes(Role.OrgMember) || actor.organisationId == null)
      throw ProposalsError.error('organisation_required');
    const { callId, ...content } = dto;
    return this.ds.transaction(async (m) => {
      const call = await m.getRepository(Call).findOneBy({ id: callId });
      if (!call) throw ProposalsError.error('call_not_found');
      this.ensureSubmissionWindow(call);
      const p = m.create(Proposal, {
        callId,
        organisationId: actor.organisationId!,
        needId: null,
        number: null,
        status: ProposalStatus.Draft,
        title: '',
        track: call.tracks[0],
        firstCommunityId: null,
        beneficiaryGroups: null,
        beneficiaryCount: 0,
        summary: null,
        objectives: null,
        activities: null,
        team: null,
        totalFen: 0,
        coFundingFen: 0,
        currentVersion: 0,
        submittedAt: null,
        withdrawnAt: null,
        hasUnsubmittedChanges: false,
        createdById: actor.userId,
      });
      await m.save(p);
      await this.applyContent(m, p, call, content);
      await this.audit.record(m, {
        action: 'proposal.created',
        entity: 'proposal',
        entityId: p.id,
        after: { callId, organisationId: p.organisationId },
      });
      return p;
    });
  }

  /** Saves the working copy (draft autosave, or edits before resubmitting). */
  async saveDraft(actor: Actor, id: number, dto: ProposalContentDto): Promise<Proposal> {
    return this.ds.transaction(async (m) => {
      const { p, call } = await this.loadForOrg(m, actor, id);
      await this.ensureEditable(m, p, call);
      await this.applyContent(m, p, call, dto);
      await this.audit.record(m, {
        action: 'proposal.saved',
        entity: 'proposal',
        entityId: p.id,
        after: { totalFen: p.totalFen, status: p.status },
      });
      return p;
    });
  }

  /** Submits the working copy as a new version; the first submission gets the call's next number. */
  async submit(actor: Actor, id: number): Promise<Proposal> {
    return transactionWithRetry(this.ds, async (m) => {
      // One lock order everywhere: the call, then the proposal (publishing screening does the same).
      // The call row serialises numbering and the per-organisation limit.
      const { call: unlocked } = await this.loadForOrg(m, actor, id, false);
      const call = (await m
        .getRepository(Call)
        .findOne({ where: { id: unlocked.id }, lock: rowLock(this.ds) }))!;
      const { p } = await this.loadForOrg(m, actor, id);
      await this.ensureVerified(m, p.organisationId);
      await this.ensureEditable(m, p, call);
      if (
        p.status !== ProposalStatus.Draft &&
        p.status !== ProposalStatus.Returned &&
        !p.hasUnsubmittedChanges
      )
        throw ProposalsError.error('proposal_no_changes');
      const lines = await m
        .getRepository(ProposalBudgetLine)
        .find({ where: { proposalId: p.id, version: 0 }, order: { position: 'ASC' } });
      const communities = await m
        .getRepository(ProposalCommunity)
        .find({ where: { proposalId: p.id, version: 0 }, order: { preference: 'ASC' } });
      const milestones = await m
        .getRepository(ProposalMilestone)
        .find({ where: { proposalId: p.id, version: 0 }, order: { position: 'ASC' } });
      const problem = submissionProblem(
        {
          ...p,
          communities: communities.length,
          beneficiaryGroups: p.beneficiaryGroups?.length ?? 0,
          budgetLines: lines.length,
          milestones: milestones.length,
        },
        call,
      );
      if (problem) throw ProposalsError.error(problem.code, problem.params, problem.fields);
      const first = p.currentVersion === 0;
      if (first) {
        // A locking read: it sees submissions committed after this transaction's snapshot was taken.
        const mine = m
          .getRepository(Proposal)
          .createQueryBuilder('o')
          .where('o.callId = :callId AND o.organisationId = :org AND o.status IN (:...statuses)', {
            callId: call.id,
            org: p.organisationId,
            statuses: ACTIVE_SUBMITTED,
          });
        if (rowLock(this.ds)) mine.setLock('pessimistic_read');
        const others = await mine.getCount();
        if (others >= call.maxProposalsPerOrg)
          throw ProposalsError.error('max_proposals_reached', { max: call.maxProposalsPerOrg });
        await m
          .createQueryBuilder()
          .update(Call)
          .set({ lastNumber: () => 'lastNumber + 1' })
          .where('id = :id', { id: call.id })
          .execute();
        const { lastNumber } = (await m
          .getRepository(Call)
          .findOne({ where: { id: call.id }, select: { id: true, lastNumber: true } }))!;
        p.number = proposalNumber(call.code, call.year, lastNumber);
      }
      const version = p.currentVersion + 1;
      await m.insert(ProposalVersion, versionSnapshot(p, version, actor.userId));
      if (lines.length)
        await m.insert(
          ProposalBudgetLine,
          lines.map(({ id: _id, ...l }) => ({ ...l, version })),
        );
      if (communities.length)
        await m.insert(
          ProposalCommunity,
          communities.map((c) => ({ ...c, version })),
        );
      if (milestones.length)
        await m.insert(
          ProposalMilestone,
          milestones.map(({ id: _id, ...l }) => ({ ...l, version })),
        );
      const wasReturned = p.status === ProposalStatus.Returned;
      Object.assign(p, {
        status: ProposalStatus.Submitted,
        currentVersion: version,
        submittedAt: this.clock.now(),
        hasUnsubmittedChanges: false,
        correctionDeadline: null,
      });
      await m.update(Proposal, p.id, {
        status: p.status,
        number: p.number,
        currentVersion: version,
        submittedAt: p.submittedAt,
        hasUnsubmittedChanges: false,
        correctionDeadline: null,
      });
      // A corrected proposal is screened again from scratch (screening listens).
      await this.events.publish<ProposalSubmittedEvent>(m, {
        type: ProposalEvents.Submitted,
        proposalId: p.id,
        version,
        first,
        afterReturn: wasReturned,
      });
      await this.audit.record(m, {
        action: first ? 'proposal.submitted' : 'proposal.version_submitted',
        entity: 'proposal',
        entityId: p.id,
        after: {
          number: p.number,
          version,
          totalFen: p.totalFen,
          resubmittedAfterReturn: wasReturned,
        },
      });
      await notify(
        m,
        first ? NotificationEvent.ProposalSubmitted : NotificationEvent.ProposalVersionSubmitted,
        await orgMembers(m, [p.organisationId]),
        { proposalId: p.id, version },
      );
      return p;
    });
  }

  /**
   * What would refuse a submission before anything is saved: the organisation not verified, or (for a
   * first submission) the per-organisation limit already reached. The page checks it first, so a
   * refused submission creates no draft; submit() checks again under its locks.
   */
  async ensureCanSubmit(actor: Actor, call: Call, proposalId?: number): Promise<void> {
    if (!actor.roles.includes(Role.OrgMember) || actor.organisationId == null)
      throw ProposalsError.error('organisation_required');
    const m = this.ds.manager;
    await this.ensureVerified(m, actor.organisationId);
    const p = proposalId
      ? await m.getRepository(Proposal).findOneBy({ id: proposalId })
      : undefined;
    if (p && p.currentVersion > 0) return;
    const others = await m.getRepository(Proposal).count({
      where: {
        callId: call.id,
        organisationId: actor.organisationId,
        status: In(ACTIVE_SUBMITTED),
      },
    });
    if (others >= call.maxProposalsPerOrg)
      throw ProposalsError.error('max_proposals_reached', { max: call.maxProposalsPerOrg });
  }

  async withdraw(actor: Actor, id: number): Promise<Proposal> {
    return transactionWithRetry(this.ds, async (m) => {
      const { p, call } = await this.loadForOrg(m, actor, id);
      await this.ensureEditable(m, p, call);
      const before = p.status;
      Object.assign(p, { status: ProposalStatus.Withdrawn, withdrawnAt: this.clock.now() });
      await m.update(Proposal, p.id, { status: p.status, withdrawnAt: p.withdrawnAt });
      await this.audit.record(m, {
        action: 'proposal.withdrawn',
        entity: 'proposal',
        entityId: p.id,
        before: { status: before },
        after: { status: p.status },
      });
      await this.events.publish<ProposalWithdrawnEvent>(m, {
        type: ProposalEvents.Withdrawn,
        proposalId: p.id,
      });
      return p;
    });
  }

  /** The proposal of the actor's organisation (else 404) with its call. */
  async loadForOrg(
    m: EntityManager,
    actor: Actor,
    id: number,
    lock = true,
  ): Promise<{ p: Proposal; call: Call }> {
    if (!actor.roles.includes(Role.OrgMember) || actor.organisationId == null)
      throw AppException.forbidden();
    const p = Number.isSafeInteger(id)
      ? await m
          .getRepository(Proposal)
          .findOne({ where: { id }, lock: lock ? rowLock(this.ds) : undefined })
      : null;
    if (!p || p.organisationId !== actor.organisationId) throw AppException.notFound();
    const call = (await m.getRepository(Call).findOneBy({ id: p.callId }))!;
    return { p, call };
  }

  /** Only organisations the street office has verified may submit (drafting is open to all members). */
  async ensureVerified(m: EntityManager, organisationId: number): Promise<void> {
    const o = await m.getRepository(Organisation).findOneBy({ id: organisationId });
    if (o?.status !== 'verified') throw ProposalsError.error('organisation_not_verified');
  }

  /** Writable only in the submission window (Shanghai server clock), or before a correction deadline when returned. */
  async ensureEditable(m: EntityManager, p: Proposal, call: Call): Promise<void> {
    const now = this.clock.now().getTime();
    if (p.status === ProposalStatus.Returned) {
      if (!p.correctionDeadline || p.correctionDeadline.getTime() <= now)
        throw ProposalsError.error('correction_deadline_passed');
      return;
    }
    if (p.status !== ProposalStatus.Draft && p.status !== ProposalStatus.Submitted)
      throw ProposalsError.error('proposal_locked', { status: p.status });
    this.ensureSubmissionWindow(call);
  }

  ensureSubmissionWindow(call: Call): void {
    const now = this.clock.now().getTime();
    if (now < call.opensAt.getTime()) throw ProposalsError.error('call_not_open');
    if (now >= call.submissionDeadline.getTime()) throw ProposalsError.error('submission_closed');
  }

  private async applyContent(
    m: EntityManager,
    p: Proposal,
    call: Call,
    dto: ProposalContentDto,
  ): Promise<void> {
    const errors: FieldError[] = [];
    if (dto.track !== undefined && !call.tracks.includes(dto.track))
      errors.push({ field: 'track', code: 'track_not_in_call' });
    if (dto.communityIds !== undefined) {
      const ids = dto.communityIds;
      if (new Set(ids).size !== ids.length)
        errors.push({ field: 'communityIds', code: 'duplicate_community' });
      else if (
        ids.length &&
        (await m.getRepository(Community).countBy({ id: In(ids) })) !== ids.length
      )
        errors.push({ field: 'communityIds', code: 'unknown_community' });
    }
    if (dto.needId != null && !(await m.getRepository(Need).existsBy({ id: dto.needId })))
      errors.push({ field: 'needId', code: 'unknown_need' });
    let budget: ReturnType<typeof computeBudget> | undefined;
    if (dto.budgetLines !== undefined) {
      try {
        budget = computeBudget(dto.budgetLines);
      } catch {
        errors.push({ field: 'budgetLines', code: 'budget_out_of_range' });
      }
    }
    if (errors.length) throw AppException.validation(errors);
    const scalar = [
      'title',
      'track',
      'beneficiaryGroups',
      'beneficiaryCount',
      'summary',
      'objectives',
      'activities',
      'team',
      'coFundingFen',
    ] as const;
    for (const k of scalar)
      if (dto[k] !== undefined) (p as unknown as Record<string, unknown>)[k] = dto[k];
    if (dto.needId !== undefined) p.needId = dto.needId ?? null;
    if (dto.communityIds !== undefined) {
      await m.delete(ProposalCommunity, { proposalId: p.id, version: 0 });
      if (dto.communityIds.length)
        await m.insert(
          ProposalCommunity,
          dto.communityIds.map((communityId, i) => ({
            proposalId: p.id,
            version: 0,
            preference: i + 1,
            communityId,
          })),
        );
      p.firstCommunityId = dto.communityIds[0] ?? null;
    }
    if (budget) {
      await m.delete(ProposalBudgetLine, { proposalId: p.id, version: 0 });
      if (budget.lines.length)
        await m.insert(
          ProposalBudgetLine,
          budget.lines.map((l, i) => ({
            ...l,
            category: l.category as BudgetCategory,
            proposalId: p.id,
            version: 0,
            position: i + 1,
          })),
        );
      p.totalFen = budget.totalFen;
    }
    if (dto.milestones !== undefined) {
      await m.delete(ProposalMilestone, { proposalId: p.id, version: 0 });
      if (dto.milestones.length)
        await m.insert(
          ProposalMilestone,
          dto.milestones.map((ms, i) => ({ ...ms, proposalId: p.id, version: 0, position: i + 1 })),
        );
    }
    if (p.currentVersion > 0) p.hasUnsubmittedChanges = true;
    await m.save(p);
  }
}
