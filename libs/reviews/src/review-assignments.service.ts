import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '@gv/audit';
import { Actor } from '@gv/core';
import { OnDomainEvent, transactionWithRetry } from '@gv/database';
import {
  allPanelMembers,
  PanelChangedEvent,
  PanelEvents,
  panelRecusals,
  panelRecusedFrom,
} from '@gv/panels';
import { Proposal, ProposalStatus } from '@gv/proposals';
import { AssignResult, assignReviewers } from '@gv/review-assignment';
import { AssignmentDto } from './dto/reviews.dto';
import { ReviewAssignment, ReviewRubric, ReviewSheet } from './entities/review.entity';
import { ensureRubric } from './rubric';

/** Whether a panel member scores a proposal. */
export type AssignedTest = (memberId: number, proposalId: number) => boolean;

/**
 * Who scores what: every judge every eligible proposal (the default), or N judges per proposal balanced
 * by load with a recorded seed (@gv/review-assignment). Either way a recused judge scores nothing they
 * are recused from; with N per proposal the gap is filled by the least-loaded free judge, in the same
 * transaction as the change to the panel (`panel.changed`).
 */
@Injectable()
export class ReviewAssignments {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** The test for a call: recusals always apply; with N per proposal only the stored pairs count. */
  async assigned(m: EntityManager, callId: number): Promise<AssignedTest> {
    const recused = await panelRecusals(m, callId);
    const rubric = await m.findOneBy(ReviewRubric, { callId });
    const free = (memberId: number, proposalId: number) => !recused.get(proposalId)?.has(memberId);
    if (!rubric?.judgesPerProposal) return free;
    const pairs = new Set(
      (
        await m.find(ReviewAssignment, {
          where: { callId },
          select: { memberId: true, proposalId: true },
        })
      ).map((a) => `${a.memberId}:${a.proposalId}`),
    );
    return (memberId, proposalId) =>
      free(memberId, proposalId) && pairs.has(`${memberId}:${proposalId}`);
  }

  /** One pair, cheaply (a judge's save or submit): not recused and, with N per proposal, assigned. */
  async isAssigned(
    m: EntityManager,
    callId: number,
    memberId: number,
    proposalId: number,
    checkRecusal = true,
  ): Promise<boolean> {
    if (checkRecusal && (await panelRecusedFrom(m, callId, memberId, proposalId))) return false;
    const rubric = await m.findOne(ReviewRubric, {
      where: { callId },
      select: { id: true, judgesPerProposal: true },
    });
    return (
      !rubric?.judgesPerProposal ||
      (await m.existsBy(ReviewAssignment, { callId, memberId, proposalId }))
    );
  }

  /** Whether, under this rubric, the pair is to be scored (recusal aside): always, or a stored pair. */
  async pairUnder(
    m: EntityManager,
    rubric: Pick<ReviewRubric, 'callId' | 'judgesPerProposal'>,
    memberId: number,
    proposalId: number,
  ): Promise<boolean> {
    return (
      !rubric.judgesPerProposal ||
      m.existsBy(ReviewAssignment, { callId: rubric.callId, memberId, proposalId })
    );
  }

  /** Sets the mode (and seed) and assigns; the street office's action. */
  async configure(actor: Actor, callId: number, dto: AssignmentDto) {
    return transactionWithRetry(this.ds, async (m) => {
      const rubric = await ensureRubric(m, callId);
      const perProposal = dto.judgesPerProposal ?? null;
      const seed = perProposal
        ? dto.seed?.trim() || rubric.assignmentSeed || randomBytes(8).toString('hex')
        : null;
      await m.update(ReviewRubric, rubric.id, {
        judgesPerProposal: perProposal,
        assignmentSeed: seed,
      });
      const result = await this.rebalance(m, callId);
      await this.audit.record(m, {
        action: 'review.assigned',
        entity: 'call',
        entityId: callId,
        after: {
          judgesPerProposal: perProposal,
          seed,
          added: result?.added.length ?? 0,
          dropped: result?.dropped.length ?? 0,
          shortfall: result?.shortfall ?? [],
        },
      });
      return this.overview(callId, m);
    });
  }

  @OnDomainEvent(PanelEvents.Changed)
  async onPanelChanged(event: PanelChangedEvent, m: EntityManager): Promise<void> {
    await this.rebalance(m, event.callId);
  }

  /**
   * Keeps the valid pairs (those with a sheet first) and fills the gaps; idempotent. Nothing to do when
   * every judge scores every proposal (stored pairs are cleared then).
   */
  async rebalance(m: EntityManager, callId: number): Promise<AssignResult | null> {
    const rubric = await m.findOneBy(ReviewRubric, { callId });
    if (!rubric?.judgesPerProposal) {
      await m.delete(ReviewAssignment, { callId });
      return null;
    }
    const members = await allPanelMembers(m, callId);
    const proposals = (
      await m.find(Proposal, {
        where: { callId, status: ProposalStatus.Eligible },
        select: { id: true },
      })
    ).map((p) => p.id);
    const recused = await panelRecusals(m, callId);
    const rows = await m.find(ReviewAssignment, { where: { callId }, order: { id: 'ASC' } });
    const withSheet = new Set(
      (
        await m.find(ReviewSheet, {
          where: { callId },
          select: { memberId: true, proposalId: true },
        })
      ).map((s) => `${s.memberId}:${s.proposalId}`),
    );
    const keep = [
      ...rows.filter((r) => withSheet.has(`${r.memberId}:${r.proposalId}`)),
      ...rows.filter((r) => !withSheet.has(`${r.memberId}:${r.proposalId}`)),
    ].map((r) => ({ judge: r.memberId, proposal: r.proposalId }));
    const result = assignReviewers({
      judges: members.map((x) => x.id),
      proposals,
      perProposal: rubric.judgesPerProposal,
      conflicts: [...recused].flatMap(([proposal, set]) =>
        [...set].map((judge) => ({ judge, proposal })),
      ),
      keep,
      seed: rubric.assignmentSeed ?? String(callId),
    });
    const drop = rows.filter((r) =>
      result.dropped.some((d) => d.judge === r.memberId && d.proposal === r.proposalId),
    );
    if (drop.length) await m.delete(ReviewAssignment, { id: In(drop.map((r) => r.id)) });
    for (const a of result.added)
      await m.insert(ReviewAssignment, {
        callId,
        proposalId: a.proposal,
        memberId: a.judge,
        replacesMemberId: a.replaces ?? null,
      });
    return result;
  }

  /** The mode, the seed, each judge's load and the proposals short of judges. */
  async overview(callId: number, m: EntityManager = this.ds.manager) {
    const rubric = await ensureRubric(m, callId);
    const assigned = await this.assigned(m, callId);
    const members = await allPanelMembers(m, callId);
    const proposals = await m.find(Proposal, {
      where: { callId, status: ProposalStatus.Eligible },
      select: { id: true, number: true },
      order: { number: 'ASC' },
    });
    const want = rubric.judgesPerProposal;
    return {
      judgesPerProposal: want,
      seed: rubric.assignmentSeed,
      loads: members.map((x) => ({
        memberId: x.id,
        name: x.user?.name ?? '',
        proposals: proposals.filter((p) => assigned(x.id, p.id)).length,
      })),
      shortfall: proposals
        .map((p) => ({
          proposalId: p.id,
          number: p.number,
          judges: members.filter((x) => assigned(x.id, p.id)).length,
        }))
        .filter((p) => p.judges < (want ?? 1)),
    };
  }
}
