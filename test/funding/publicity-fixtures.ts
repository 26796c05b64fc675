import { Call } from '@gv/calls';
import { Actor, formatShanghaiDate } from '@gv/core';
import {
  addWorkingDays,
  CalendarYearMissing,
  FundingService,
  PlacementService,
  WorkCalendarService,
  WorkCalendarYear,
} from '@gv/funding';
import { PanelMember } from '@gv/panels';
import { withdrawPublication, type TestApp } from '@gv/testing';

/**
 * The demo funds all four reviewed projects (116,000 yuan cap). For results with reasons, decide again
 * through the real services with a 25,000-yuan cap and a 65-point pass line: DG-2026-001 and -002 are
 * funded, -003 (9,000 yuan) is skipped as it does not fit, -004 (63.68 points) is below the pass line;
 * the chair approves, and the funded projects keep their accepted placements.
 */
export async function decideWithNotFunded(t: TestApp, callId: number): Promise<Actor> {
  const chair = await t.ds.getRepository(PanelMember).findOneOrFail({
    where: { callId, isChair: true },
    relations: { user: true },
  });
  const u = chair.user;
  if (!u) throw new Error('the demo call has no chair');
  const actor: Actor = {
    userId: u.id,
    roles: [u.role],
    communityId: u.communityId,
    organisationId: u.organisationId,
  };
  const funding = t.app.get(FundingService, { strict: false });
  await withdrawPublication(t.ds, callId); // the demo publishes its decision
  await t.ds.getRepository(Call).update(callId, { budgetCapFen: 2_500_000 });
  await funding.updateSettings(actor, callId, { rule: 'greedy', passLineCenti: 6500 });
  const {
    runs: [dry],
  } = await funding.dryRun(actor, callId, ['greedy']);
  await funding.approve(actor, dry.run.id, []);
  await t.app.get(PlacementService, { strict: false }).place(actor, callId);
  return actor;
}

/**
 * A period published today may run into next year, which chinese-days may not have yet (late December):
 * only then is that year entered by hand, with no holiday (a stand-in for the State Council's notice).
 */
export async function calendarForToday(t: TestApp, workingDays = 5): Promise<void> {
  const today = formatShanghaiDate(new Date());
  const cal = await t.app
    .get(WorkCalendarService, { strict: false })
    .calendar(t.ds.manager, Number(today.slice(0, 4)));
  try {
    addWorkingDays(cal, today, workingDays);
  } catch (err) {
    if (!(err instanceof CalendarYearMissing)) throw err;
    await t.ds.getRepository(WorkCalendarYear).insert({ year: err.year, source: 'manual' });
  }
}
