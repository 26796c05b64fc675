import { EntityManager } from 'typeorm';
import { Need } from '@gv/needs';
import { Call, CallPhase, Track } from './entities/call.entity';
import { phaseAt } from './calls.service';
import { CallChecklistItem } from './entities/call-checklist-item.entity';
import { CallNeed } from './entities/call-need.entity';

const DAY = 86400_000;

/** The first competition's code and year (later seed steps find the call by them). */
export const DEMO_CALL = { code: 'DG', year: 2026 } as const;

/**
 * 首届社区公益创投大赛 (116,000 yuan) with its screening checklist and the open needs it answers.
 * Dates are relative to `now`: submissions closed 3 days ago, screening published yesterday. A second
 * competition (居民自治微创投) opened five days ago and takes submissions for 24 more days.
 */
export async function seedCalls(m: EntityManager, now: Date): Promise<void> {
  const needs = await m.find(Need);
  const at = (d: number) => new Date(now.getTime() + d * DAY);
  const call = m.create(Call, {
    code: DEMO_CALL.code,
    title: '首届社区公益创投大赛',
    year: DEMO_CALL.year,
    tracks: [Track.Venture, Track.SelfGovernance],
    description:
      '东关街道投入 11.6 万元举办首届社区公益创投大赛：从社区需求出发征集项目，优选项目落户社区。',
    budgetCapFen: 11_600_000,
    minGrantFen: 300_000,
    maxGrantFen: 2_000_000,
    maxProposalsPerOrg: 2,
    rubric: '评审标准（待评审环节确定）：需求契合度、可行性、预算合理性、可持续性。',
    opensAt: at(-30),
    submissionDeadline: at(-3),
    screeningAt: at(-2),
    roadshowAt: at(14),
    scoringAt: at(21),
    publicityAt: at(28),
    implementationAt: at(40),
    closesAt: at(400),
    phase: CallPhase.Upcoming,
    lastNumber: 0,
    screeningPublishedAt: at(-1),
    createdById: null,
  });
  call.phase = phaseAt(call, now);
  await m.save(call);
  await seedChecklistAndNeeds(m, call, needs);

  // A second, smaller competition open for submissions now, so a newcomer can try the whole flow.
  const open = m.create(Call, {
    code: OPEN_DEMO_CALL.code,
    title: '居民自治微创投（第二期）',
    year: OPEN_DEMO_CALL.year,
    tracks: [Track.SelfGovernance],
    description:
      '面向居民自治小项目的微创投：楼道、小区和议事厅里的小事，由社区社会组织带领居民一起办成。单个项目 2,000–8,000 元，共 5 万元。',
    budgetCapFen: 5_000_000,
    minGrantFen: 200_000,
    maxGrantFen: 800_000,
    maxProposalsPerOrg: 1,
    rubric: '评审标准：居民参与程度、需求契合度、可行性、预算合理性。',
    opensAt: at(-5),
    submissionDeadline: at(24),
    screeningAt: at(26),
    roadshowAt: at(40),
    scoringAt: at(47),
    publicityAt: at(54),
    implementationAt: at(68),
    closesAt: at(400),
    phase: CallPhase.Upcoming,
    lastNumber: 0,
    screeningPublishedAt: null,
    createdById: null,
  });
  open.phase = phaseAt(open, now);
  await m.save(open);
  await seedChecklistAndNeeds(m, open, needs);
}

/** The second demo competition, open for submissions at seeding. */
export const OPEN_DEMO_CALL = { code: 'ZZ', year: 2027 } as const;

async function seedChecklistAndNeeds(m: EntityManager, call: Call, needs: Need[]): Promise<void> {
  const labels = [
    '申报组织在东关街道登记或备案',
    '项目回应本街道社区需求',
    '预算合理且不超过单个项目上限',
    '材料齐全',
  ];
  for (const [i, label] of labels.entries())
    await m.save(m.create(CallChecklistItem, { callId: call.id, position: i + 1, label }));
  if (needs.length)
    await m.insert(
      CallNeed,
      needs.filter((n) => n.status === 'open').map((n) => ({ callId: call.id, needId: n.id })),
    );
}
