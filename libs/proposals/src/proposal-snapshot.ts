import { ProposalVersion } from './entities/proposal-version.entity';
import { Proposal } from './entities/proposal.entity';

/** The proposal's own fields that each submitted version freezes (its lines, communities and milestones are rows of that version). */
export const VERSIONED_FIELDS = [
  'title',
  'track',
  'needId',
  'beneficiaryGroups',
  'beneficiaryCount',
  'summary',
  'objectives',
  'activities',
  'team',
  'totalFen',
  'coFundingFen',
] as const satisfies ReadonlyArray<keyof Proposal & keyof ProposalVersion>;

type Versioned = Pick<Proposal, (typeof VERSIONED_FIELDS)[number]>;

function pick(from: Versioned): Versioned {
  return Object.fromEntries(VERSIONED_FIELDS.map((f) => [f, from[f]])) as unknown as Versioned;
}

/** The row that freezes version `version` of the working copy `p`. */
export function versionSnapshot(
  p: Proposal,
  version: number,
  submittedById: number | null,
): Partial<ProposalVersion> {
  return { proposalId: p.id, version, ...pick(p), submittedById };
}

/** Shows version `v` in `p` (the detail of an earlier version). */
export function applyVersion(p: Proposal, v: ProposalVersion): void {
  Object.assign(p, pick(v as unknown as Versioned));
}
