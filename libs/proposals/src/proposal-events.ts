import { DomainEvent } from '@gv/database';

/** A version was submitted (the first one numbers the proposal). */
export interface ProposalSubmittedEvent extends DomainEvent {
  readonly type: 'proposal.submitted';
  readonly proposalId: number;
  readonly version: number;
  readonly first: boolean;
  /** The proposal had been returned for correction: it is screened again from scratch. */
  readonly afterReturn: boolean;
}

export interface ProposalWithdrawnEvent extends DomainEvent {
  readonly type: 'proposal.withdrawn';
  readonly proposalId: number;
}

export const ProposalEvents = {
  Submitted: 'proposal.submitted',
  Withdrawn: 'proposal.withdrawn',
} as const;
