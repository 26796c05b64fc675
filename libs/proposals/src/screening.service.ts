import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull } from 'typeorm';
import { Actor, AppException, Clock, ensureOwned } from '@gv/core';
import { AuditService } from '@gv/audit';
import { Call, CallChecklistItem, orgMembers, toInstant } from '@gv/calls';
import { notify, NotificationEvent } from '@gv/notifications';
import { ScreeningDto } from './dto/proposals.dto';
import { ProposalCommunity } from './entities/proposal-community.entity';
import { Proposal, ProposalStatus } from './entities/proposal.entity';
import { Screening, ScreeningCheck, ScreeningDecision } from './entities/screening.entity';
import { lockOpts } from './proposals.service';

/** 资格审查: staff record decisions (hidden), the admin publishes a call's decisions in one batch. */
@Injectable()
export class ScreeningService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

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
    return this.ds.transaction(async (m) => {
      const p = Number.isSafeInteger(proposalId)
        ? await m
            .getRepository(Proposal)
            .findOne({ where: { id: proposalId }, lock: lockOpts(this.ds) })
        : null;
      const communities = p
        ? await m.getRepository(ProposalCommunity).find({ where: { proposalId, version: 0 } })
        : [];
      ensureOwned(
        actor,
        p && p.currentVersion > 0 ? { communityIds: communities.map((c) => c.communityId) } : null,
      );
      if (p!.status !== ProposalStatus.Submitted)
        throw AppException.conflict('proposal_not_screenable', { status: p!.status });
      const existing = await m.getRepository(Screening).findOneBy({ proposalId });
      if (existing?.publishedAt) throw AppException.conflict('screening_already_published');
      const items = await m.getRepository(CallChecklistItem).find({ where: { callId: p!.callId } });
      const itemIds = new Set(items.map((i) => i.id));
      const checks = dto.checks ?? [];
      if (checks.some((c) => !itemIds.has(c.checklistItemId)))
        throw AppException.validation([{ field: 'checks', code: 'unknown_checklist_item' }]);
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
    return this.ds.transaction(async (m) => {
      const call = Number.isSafeInteger(callId)
        ? await m.getRepository(Call).findOne({ where: { id: callId }, lock: lockOpts(this.ds) })
        : null;
      if (!call) throw AppException.notFound();
      const rows = await m
        .getRepository(Screening)
        .find({ where: { callId, publishedAt: IsNull() }, order: { proposalId: 'ASC' } });
      if (!rows.length) throw AppException.conflict('nothing_to_publish');
      const now = this.clock.now();
      const proposals = await m
        .getRepository(Proposal)
        .find({ where: { id: In(rows.map((r) => r.proposalId)) } });
      const byId = new Map(proposals.map((p) => [p.id, p]));
      for (const r of rows) {
        const p = byId.get(r.proposalId)!;
        await m.update(Screening, { proposalId: r.proposalId }, { publishedAt: now });
        await m.update(Proposal, p.id, { status: r.decision as unknown as ProposalStatus });
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
      await m.update(Call, call.id, { screeningPublishedAt: now });
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
