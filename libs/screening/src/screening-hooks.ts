import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Role } from '@gv/core';
import { OnDomainEvent } from '@gv/database';
import {
  ProposalEvents,
  ProposalSection,
  ProposalSectionInput,
  ProposalStatus,
  ProposalSubmittedEvent,
  ProposalWithdrawnEvent,
} from '@gv/proposals';
import { Screening, ScreeningCheck } from './entities/screening.entity';
import { ScreeningService } from './screening.service';

/** How screening takes part in the life of a proposal: it reacts to proposal events and shows its result on the proposal. */
@Injectable()
export class ScreeningHooks {
  constructor(private readonly screening: ScreeningService) {}

  /**
   * A corrected proposal (resubmitted after being returned) is screened again from scratch; a new
   * version submitted while screening is under way sends it back (the decision judged an older version).
   */
  @OnDomainEvent(ProposalEvents.Submitted)
  async onSubmitted(e: ProposalSubmittedEvent, m: EntityManager): Promise<void> {
    if (e.afterReturn) await this.clear(m, e.proposalId);
    else if (!e.first) {
      const s = await m.getRepository(Screening).findOneBy({ proposalId: e.proposalId });
      if (s && !s.publishedAt) await this.clear(m, e.proposalId);
    }
  }

  /** A withdrawn proposal keeps no decision: publishing can never bring it back. */
  @OnDomainEvent(ProposalEvents.Withdrawn)
  async onWithdrawn(e: ProposalWithdrawnEvent, m: EntityManager): Promise<void> {
    await this.clear(m, e.proposalId);
  }

  /** The decision on the proposal page: staff always, the organisation once published. */
  @ProposalSection({ name: 'screening', partial: 'screening/proposal-section', order: 10 })
  async section({ actor, proposal, manager }: ProposalSectionInput) {
    const staff =
      actor.roles.includes(Role.StreetAdmin) || actor.roles.includes(Role.CommunityStaff);
    const r = await this.screening.forProposal(proposal, staff, manager);
    const s = r.screening;
    return {
      api: s
        ? {
            decision: s.decision,
            reason: s.reason,
            correctionDeadline: s.correctionDeadline,
            version: s.version,
            publishedAt: s.publishedAt,
            checks: r.checks.map((c) => ({
              checklistItemId: c.checklistItemId,
              passed: c.passed,
              note: c.note,
            })),
          }
        : null,
      view: {
        proposalId: proposal.id,
        screening: s,
        canScreen: staff && proposal.status === ProposalStatus.Submitted,
      },
    };
  }

  private async clear(m: EntityManager, proposalId: number): Promise<void> {
    await m.delete(ScreeningCheck, { proposalId });
    await m.delete(Screening, { proposalId });
  }
}
