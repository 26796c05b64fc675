import { ProposalDetail } from './proposal-query.service';
import { Proposal } from './entities/proposal.entity';

export const proposalSummary = (p: Proposal) => ({
  id: p.id,
  callId: p.callId,
  number: p.number,
  status: p.status,
  title: p.title,
  track: p.track,
  organisationId: p.organisationId,
  organisationName: p.organisation?.name ?? null,
  firstCommunityId: p.firstCommunityId,
  totalFen: p.totalFen,
  coFundingFen: p.coFundingFen,
  currentVersion: p.currentVersion,
  hasUnsubmittedChanges: p.hasUnsubmittedChanges,
  submittedAt: p.submittedAt,
  updatedAt: p.updatedAt,
});

export const proposalDetailView = (d: ProposalDetail) => ({
  ...proposalSummary(d.proposal),
  needId: d.proposal.needId,
  beneficiaryGroups: d.proposal.beneficiaryGroups ?? [],
  beneficiaryCount: d.proposal.beneficiaryCount,
  summary: d.proposal.summary,
  objectives: d.proposal.objectives,
  activities: d.proposal.activities,
  team: d.proposal.team,
  communityIds: d.communities.map((c) => c.communityId),
  budgetLines: d.budgetLines.map((l) => ({
    category: l.category,
    item: l.item,
    unitPriceFen: l.unitPriceFen,
    quantity: l.quantity,
    subtotalFen: l.subtotalFen,
  })),
  milestones: d.milestones.map((ms) => ({
    title: ms.title,
    dueOn: ms.dueOn,
    deliverable: ms.deliverable,
  })),
  versions: d.versions.map((v) => ({
    version: v.version,
    title: v.title,
    totalFen: v.totalFen,
    submittedAt: v.createdAt,
  })),
  attachments: d.attachments.map((a) => ({
    id: a.id,
    fileName: a.fileName,
    mimeType: a.mimeType,
    sizeBytes: a.sizeBytes,
    createdAt: a.createdAt,
  })),
  // Later stages' parts (e.g. `screening`), each under its section's name.
  ...Object.fromEntries(d.sections.map((x) => [x.name, x.content.api])),
});
