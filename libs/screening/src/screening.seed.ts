import { EntityManager, In } from 'typeorm';
import { Call, CallChecklistItem, DEMO_CALL } from '@gv/calls';
import { DEMO_PROPOSALS, Proposal, ProposalStatus } from '@gv/proposals';
import { Screening, ScreeningCheck, ScreeningDecision } from './entities/screening.entity';

const SCREENED = [ProposalStatus.Eligible, ProposalStatus.Returned, ProposalStatus.Rejected];

/**
 * The published decisions behind the demo proposals' statuses (runs after the proposals seed):
 * eligible ones passed every check, the others failed the budget check.
 */
export async function seedScreening(m: EntityManager): Promise<void> {
  const call = await m.findOneBy(Call, { code: DEMO_CALL.code, year: DEMO_CALL.year });
  if (!call) return;
  const items = await m.find(CallChecklistItem, {
    where: { callId: call.id },
    order: { position: 'ASC' },
  });
  const proposals = await m.find(Proposal, {
    where: { callId: call.id, status: In(SCREENED) },
    order: { id: 'ASC' },
  });
  for (const p of proposals) {
    const demo = DEMO_PROPOSALS.find((d) => d.title === p.title);
    await m.insert(Screening, {
      proposalId: p.id,
      callId: call.id,
      version: p.currentVersion,
      decision: p.status as unknown as ScreeningDecision,
      reason: demo?.reason ?? null,
      correctionDeadline: p.correctionDeadline,
      decidedById: null,
      publishedAt: call.screeningPublishedAt,
    });
    await m.insert(
      ScreeningCheck,
      items.map((it, k) => ({
        proposalId: p.id,
        checklistItemId: it.id,
        passed: p.status === ProposalStatus.Eligible || k !== 2,
        note: null,
      })),
    );
  }
}
