import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ReadCache, rowLock, transactionWithRetry } from '@gv/database';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { Actor, AppException, Clock, ensureOwned, toInstant } from '@gv/core';
import { AuditService } from '@gv/audit';
import { orgMembers } from '@gv/accounts';
import { Call, CallChecklistItem, CallsService } from '@gv/calls';
import { notify, NotificationEvent } from '@gv/notifications';
import { Proposal, ProposalCommunity, ProposalStatus, ProposalTransitions } from '@gv/proposals';
import { ProposalsError } from '@gv/proposals';
import { ScreeningDto } from './screening.dto';
import { Screening, ScreeningCheck, ScreeningDecision } from './entities/screening.entity';
import { ScreeningError } from './screening.errors';

/** A proposal's screening as its pages show it: the decision (if visible), the checks and the call's checklist. */
export interface ScreeningRecord {
  screening: Screening | null;
  checks: ScreeningCheck[];
  checklist: CallChecklistItem[];
}

/** 资格审查: staff record decisions (hidden), the admin publishes a call's decisions in one batch. */
@Injectable()
export class ScreeningService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly transitions: ProposalTransitions,
    private readonly calls: CallsService,
  ) {}

  /** Unpublished decisions per list page (see ReadCache: any write to screening starts it afresh). */
  private readonly unpublishedPages = new ReadCache<ReadonlyMap<number, ScreeningDecision>>();

  /** Decisions recorded but not yet published, by proposal (the staff list shows them). */
  async unpublished(proposalIds: number[]): Promise<ReadonlyMap<number, ScreeningDecision>> {
    if (!proposalIds.length) return new Map();
    return this.unpublishedPages.get(proposalIds.join(','), async () => {
      const rows = await this.ds.getRepository(Screening).find({
        where: { proposalId: In(proposalIds), publishedAt: IsNull() },
        select: { proposalId: true, decision: true },
      });
      return new Map(rows.map((r) => [r.proposalId, r.decision]));
    });
  }

  /** Staff see the decision at once; the organisation only once it is published. */
  async forProposal(
    proposal: Proposal,
    staff: boolean,
    m: EntityManager = this.ds.manager,
  ): Promise<ScreeningRecord> {
    const [screening, checklist] = await Promise.all([
      m.getRepository(Screening).findOneBy({ proposalId: proposal.id }),
      m
        .getRepository(CallChecklistItem)
        .find({ where: { callId: proposal.callId }, order: { position: 'ASC' } }),
    ]);
    const visible = screening && (staff || screening.publishedAt) ? screening : null;
    const checks = visible
      ? await m.getRepository(ScreeningCheck).find({ where: { proposalId: proposal.id } })
      : [];
    return { screening: visible, checks, checklist };
  }

  async decide(actor: Actor, proposalId: number, dto: ScreeningDto): Promise<Screening> {
    const errors = [];
    if (dto.decision !== ScreeningDecision.Eligible && !dto.reason)
      errors.push({ field: 'reason', code: 'reason_required' });
    let correctionDeadline: Date | null = null;
    if (dto.decision === ScreeningDecision.Returned) {
      correctionDeadline = dto.correctionDeadline
        ? (toInstant(dto.correctionDeadline) ?? null)
        : null;
      if (!correctionDeadline)
        errors.push({ field: 'correctionDeadline', code: 'correction_deadline_required' });
      else if (correctionDeadline.getTime() <= this.clock.now().getTime())
        errors.push({ field: 'correctionDeadline', code: 'date_in_past' });
    }
    if (errors.length) throw AppException.validation(errors);
    return transactionWithRetry(this.ds, async (m) => {
      // One lock order everywhere: the call, then the proposal (publishing takes the call first too).
      const unlocked = Number.isSafeInteger(proposalId)
        ? await m.getRepository(Proposal).findOneBy({ id: proposalId })
        : null;
      if (unlocked)
        await m
          .getRepository(Call)
          .findOne({ where: { id: unlocked.callId }, lock: rowLock(this.ds) });
      const p = unlocked
        ? await m
            .getRepository(Proposal)
            .findOne({ where: { id: proposalId }, lock: rowLock(this.ds) })
        : null;
      // Scoped by the host communities of what was submitted, not of the working copy.
      const communities = p
        ? await m
            .getRepository(ProposalCommunity)
            .find({ where: { proposalId, version: p.currentVersion } })
        : [];
      ensureOwned(
        actor,
        p && p.currentVersion > 0 ? { communityIds: communities.map((c) => c.communityId) } : null,
      );
      if (p!.status !== ProposalStatus.Submitted)
        throw ProposalsError.error('proposal_not_screenable', { status: p!.status });
      const existing = await m.getRepository(Screening).findOneBy({ proposalId });
      if (existing?.publishedAt) throw ScreeningError.error('screening_already_published');
      const items = await m.getRepository(CallChecklistItem).find({ where: { callId: p!.callId } });
      const itemIds = new Set(items.map((i) => i.id));
      const checks = dto.checks ?? [];
      if (checks.some((c) => !itemIds.has(c.checklistItemId)))
        throw AppException.validation([{ field: 'checks', code: 'unknown_checklist_item' }]);
      if (new Set(checks.map((c) => c.checklistItemId)).size !== checks.length)
        throw AppException.validation([{ field: 'checks', code: 'duplicate_checklist_item' }]);
      const row = m.create(Screening, {
        proposalId,
        callId: p!.callId,
        version: p!.currentVersion,
        decision: dto.decision,
        reason: dto.reason || null,
        correctionDeadline,
        decidedById: actor.userId,
        publishedAt: null,
      });
      await m.save(row);
      await m.delete(ScreeningCheck, { proposalId });
      if (checks.length)
        await m.insert(
          ScreeningCheck,
          checks.map((c) => ({
            proposalId,
            checklistItemId: c.checklistItemId,
            passed: c.passed,
            note: c.note || null,
          })),
        );
      await this.audit.record(m, {
        action: 'screening.decided',
        entity: 'proposal',
        entityId: proposalId,
        before: existing ? { decision: existing.decision } : null,
        after: { decision: row.decision, version: row.version, reason: row.reason },
      });
      return row;
    });
  }

  /** Publishes every unpublished decision of the call at once; each organisation is notified. */
  async publish(callId: number): Promise<{ published: number }> {
    return transactionWithRetry(this.ds, async (m) => {
      const call = Number.isSafeInteger(callId)
        ? await m.getRepository(Call).findOne({ where: { id: callId }, lock: rowLock(this.ds) })
        : null;
      if (!call) throw AppException.notFound();
      const rows = await m
        .getRepository(Screening)
        .find({ where: { callId, publishedAt: IsNull() }, order: { proposalId: 'ASC' } });
      if (!rows.length) throw ScreeningError.error('nothing_to_publish');
      const now = this.clock.now();
      const proposals = await m
        .getRepository(Proposal)
        .find({ where: { id: In(rows.map((r) => r.proposalId)) } });
      const byId = new Map(proposals.map((p) => [p.id, p]));
      for (const r of rows) {
        const p = byId.get(r.proposalId)!;
        await m.update(Screening, { proposalId: r.proposalId }, { publishedAt: now });
        await this.transitions.applyScreening(
          m,
          p.id,
          r.decision === ScreeningDecision.Returned
            ? { decision: 'returned', correctionDeadline: r.correctionDeadline as Date }
            : { decision: r.decision },
        );
        const recipients = await orgMembers(m, [p.organisationId]);
        await notify(m, NotificationEvent.ScreeningResult, recipients, {
          proposalId: p.id,
          version: r.version,
        });
        if (r.decision === ScreeningDecision.Returned)
          await notify(m, NotificationEvent.ProposalReturned, recipients, {
            proposalId: p.id,
            version: r.version,
          });
      }
      await this.calls.markScreeningPublished(m, call.id, now);
      await this.audit.record(m, {
        action: 'screening.published',
        entity: 'call',
        entityId: call.id,
        after: {
          published: rows.length,
          eligible: rows.filter((r) => r.decision === ScreeningDecision.Eligible).length,
        },
      });
      return { published: rows.length };
    });
  }
}
