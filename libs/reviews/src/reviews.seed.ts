import { EntityManager } from 'typeorm';
import { Call } from '@gv/calls';
import { PanelMember, panelRecusals } from '@gv/panels';
import { Proposal, ProposalStatus } from '@gv/proposals';
import { ReviewConsensus, ReviewRubric, ReviewSheet } from './entities/review.entity';
import { DEFAULT_CRITERIA } from './rubric';

/**
 * The first competition's review: the default 5-criterion rubric (frozen), a submitted sheet from every
 * non-recused panel member for every eligible proposal, and the chair's consensus on the one proposal
 * whose sheets diverge.
 */
export async function seedReviews(m: EntityManager, now: Date): Promise<void> {
  const call = await m.findOneBy(Call, { code: 'DG', year: 2026 });
  if (!call) return;
  await m.insert(ReviewRubric, {
    callId: call.id,
    criteria: DEFAULT_CRITERIA,
    method: 'trimmed_mean',
    divergenceThreshold: 20,
    frozenAt: now,
    peersReleasedAt: now,
  });
  const members = await m.find(PanelMember, { where: { callId: call.id }, order: { id: 'ASC' } });
  const proposals = await m.find(Proposal, {
    where: { callId: call.id, status: ProposalStatus.Eligible },
    order: { number: 'ASC' },
  });
  const recused = await panelRecusals(m, call.id);
  // Fixed marks per proposal, nudged per judge; the last proposal splits the panel (one very low sheet).
  const base = [0.86, 0.78, 0.71, 0.64, 0.58];
  for (const [i, p] of proposals.entries()) {
    for (const [j, member] of members.entries()) {
      if (recused.get(p.id)?.has(member.id)) continue;
      const divergent = i === proposals.length - 1 && j === 0;
      const f = divergent ? 0.3 : Math.min(1, base[i % base.length] + ((j % 3) - 1) * 0.04);
      const scores = Object.fromEntries(
        DEFAULT_CRITERIA.map((c) => [c.id, Math.round(c.maxPoints * f)]),
      );
      await m.insert(ReviewSheet, {
        callId: call.id,
        proposalId: p.id,
        memberId: member.id,
        scores,
        comments: {},
        overall: '',
        status: 'submitted',
        version: 2,
        submittedAt: now,
      });
    }
  }
  const last = proposals[proposals.length - 1];
  if (last)
    await m.insert(ReviewConsensus, {
      proposalId: last.id,
      notes:
        '组长评分明显偏低，经合议认为其对预算的疑虑已在答辩中得到回应，维持去高去低后的平均分，不作调整。',
      adjustmentCentiPoints: 0,
      reason: '',
      decidedById: members.find((x) => x.isChair)?.userId ?? null,
    });
}
