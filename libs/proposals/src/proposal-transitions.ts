import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppException } from '@gv/core';
import { Proposal, ProposalStatus } from './entities/proposal.entity';
import { ProposalsError } from './proposals.errors';

/** The outcome of screening as proposals records it. */
export type ScreeningOutcome =
  | { decision: 'eligible' }
  | { decision: 'rejected' }
  | { decision: 'returned'; correctionDeadline: Date };

/**
 * The only way another context changes a proposal's status. Each method runs in the caller's
 * transaction and checks the transition is allowed from the proposal's current status.
 */
@Injectable()
export class ProposalTransitions {
  /** submitted → eligible / rejected / returned (with the correction deadline), when screening is published. */
  async applyScreening(m: EntityManager, proposalId: number, outcome: ScreeningOutcome) {
    const p = await m.getRepository(Proposal).findOneBy({ id: proposalId });
    if (!p) throw AppException.notFound();
    if (p.status !== ProposalStatus.Submitted)
      throw ProposalsError.error('proposal_not_screenable', { status: p.status });
    const status = {
      eligible: ProposalStatus.Eligible,
      rejected: ProposalStatus.Rejected,
      returned: ProposalStatus.Returned,
    }[outcome.decision];
    await m.update(Proposal, proposalId, {
      status,
      correctionDeadline: outcome.decision === 'returned' ? outcome.correctionDeadline : null,
    });
  }
}
