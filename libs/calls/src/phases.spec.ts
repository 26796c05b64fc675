import { Call, CALL_PHASES, CallPhase } from './entities/call.entity';
import { isAllowedManualSwitch, sweepTarget } from './calls.service';

const day = (n: number) => new Date(Date.UTC(2026, 2, 1 + n));

function call(phase: CallPhase, phaseSetByHandAt: Date | null = null): Call {
  return Object.assign(new Call(), {
    phase,
    phaseSetByHandAt,
    opensAt: day(0),
    submissionDeadline: day(10),
    screeningAt: day(11),
    roadshowAt: day(20),
    scoringAt: day(21),
    publicityAt: day(25),
    implementationAt: day(30),
    closesAt: day(200),
  });
}

describe('phase switches', () => {
  it('allows by hand the next phase or any earlier one, never a jump ahead', () => {
    const allowed = (from: CallPhase) => CALL_PHASES.filter((p) => isAllowedManualSwitch(from, p));
    expect(allowed(CallPhase.Open)).toEqual([CallPhase.Upcoming, CallPhase.Screening]);
    expect(allowed(CallPhase.Upcoming)).toEqual([CallPhase.Open]);
    expect(allowed(CallPhase.Closed)).toEqual(CALL_PHASES.slice(0, -1));
    expect(isAllowedManualSwitch(CallPhase.Open, CallPhase.Publicity)).toBe(false);
    expect(isAllowedManualSwitch(CallPhase.Open, CallPhase.Open)).toBe(false);
  });

  it('sweeps forward over several phases after downtime, never backwards', () => {
    expect(sweepTarget(call(CallPhase.Open), day(22))).toBe(CallPhase.Scoring);
    expect(sweepTarget(call(CallPhase.Open), day(5))).toBe(CallPhase.Open);
    expect(sweepTarget(call(CallPhase.Publicity), day(22))).toBe(CallPhase.Publicity);
    expect(sweepTarget(call(CallPhase.Upcoming), day(300))).toBe(CallPhase.Closed);
  });

  it('leaves a switch by hand alone until a phase date after it passes', () => {
    // Moved back to open on day 12 (screening began on day 11): stays open…
    const back = call(CallPhase.Open, day(12));
    expect(sweepTarget(back, day(15))).toBe(CallPhase.Open);
    // …until the roadshow date (after the switch) passes.
    expect(sweepTarget(back, day(20))).toBe(CallPhase.Roadshow);
    expect(sweepTarget(back, day(26))).toBe(CallPhase.Publicity);
  });
});
