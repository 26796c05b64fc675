import fc from 'fast-check';
import { buildModel } from './model';
import { RoadshowInput, RoadshowInputError } from './roadshow-types';
import { better, checkPlacement, scheduleRoadshow, scoreOf, slotTimes } from './schedule';

const slot = { pitchMinutes: 8, qaMinutes: 7, changeoverMinutes: 5 };
const J = ['J1', 'J2', 'J3', 'J4'];
/** A session of `n` 20-minute steps (15-minute slots) from `start`. */
const session = (
  id: string,
  start: string,
  n: number,
  over: Partial<RoadshowInput['sessions'][0]> = {},
) => {
  const [d, t] = start.split('T');
  const [h, m] = t.split(':').map(Number);
  const end = h * 60 + m + (n - 1) * 20 + 15;
  const hh = String(Math.floor(end / 60)).padStart(2, '0');
  const mm = String(end % 60).padStart(2, '0');
  return {
    id,
    room: `R-${id}`,
    start,
    end: `${d}T${hh}:${mm}`,
    track: null,
    judges: J.slice(0, 3),
    ...over,
  };
};
const proposal = (id: string, over: Partial<RoadshowInput['proposals'][0]> = {}) => ({
  id,
  organisation: `O-${id}`,
  track: 'venture',
  unavailable: [],
  conflicts: [],
  ...over,
});
const input = (over: Partial<RoadshowInput>): RoadshowInput => ({
  slot,
  quorum: 3,
  seed: 'dg-2026',
  sessions: [],
  proposals: [],
  ...over,
});

describe('roadshow scheduler: hand-checked cases', () => {
  it('follows the contract example: slot k starts at start + k × 20 and lasts 15 minutes', () => {
    const out = scheduleRoadshow(
      input({
        sessions: [session('S1', '2026-05-11T09:00', 3, { track: 'venture', judges: J })],
        proposals: [
          proposal('P1', {
            unavailable: [{ start: '2026-05-11T13:00', end: '2026-05-11T18:00' }],
            conflicts: ['J2'],
          }),
        ],
      }),
    );
    expect(out).toMatchObject({
      assignments: [
        { proposal: 'P1', session: 'S1', start: '2026-05-11T09:00', end: '2026-05-11T09:15' },
      ],
      unplaced: [],
      sessionsUsed: 1,
      seed: 'dg-2026',
    });
    expect(slotTimes({ slot }, { start: '2026-05-11T09:00' }, 2)).toEqual({
      start: '2026-05-11T09:40',
      end: '2026-05-11T09:55',
    });
  });

  it('fills one session before opening another, leaving no holes', () => {
    const out = scheduleRoadshow(
      input({
        sessions: [session('S1', '2026-05-11T09:00', 4), session('S2', '2026-05-11T14:00', 4)],
        proposals: ['A', 'B', 'C'].map((id) => proposal(id)),
      }),
    );
    expect(out.sessionsUsed).toBe(1);
    expect(out.assignments.map((a) => a.start)).toEqual([
      '2026-05-11T09:00',
      '2026-05-11T09:20',
      '2026-05-11T09:40',
    ]);
    expect(out.bounds).toMatchObject({ exact: true, holes: 0 });
  });

  it('names why a proposal cannot be placed', () => {
    const out = scheduleRoadshow(
      input({
        sessions: [
          session('S1', '2026-05-11T09:00', 1, { track: 'venture', judges: ['J1', 'J2', 'J3'] }),
        ],
        proposals: [
          proposal('T', { track: 'self_governance' }),
          proposal('Q', { conflicts: ['J1'] }),
          proposal('U', { unavailable: [{ start: '2026-05-11T08:00', end: '2026-05-11T12:00' }] }),
          proposal('A'),
          proposal('B'),
        ],
      }),
    );
    const reasons = Object.fromEntries(out.unplaced.map((u) => [u.proposal, u.reason]));
    expect(reasons).toMatchObject({
      T: 'no_session_for_track',
      Q: 'no_session_with_quorum',
      U: 'unavailable',
    });
    expect(out.assignments).toHaveLength(1);
    expect(Object.values(reasons).filter((r) => r === 'no_free_slot')).toHaveLength(1);
  });

  it('never puts one organisation in two rooms at once', () => {
    const out = scheduleRoadshow(
      input({
        sessions: [
          session('S1', '2026-05-11T09:00', 1),
          session('S2', '2026-05-11T09:00', 1, { judges: ['J4', 'J5', 'J6'] }),
        ],
        proposals: [proposal('A', { organisation: 'O' }), proposal('B', { organisation: 'O' })],
      }),
    );
    expect(out.assignments).toHaveLength(1);
    expect(out.unplaced).toEqual([{ proposal: expect.any(String), reason: 'no_free_slot' }]);
  });

  it('keeps a hole when an unavailable time forces one', () => {
    const out = scheduleRoadshow(
      input({
        sessions: [session('S1', '2026-05-11T09:00', 3)],
        proposals: [
          proposal('A', { unavailable: [{ start: '2026-05-11T08:00', end: '2026-05-11T09:30' }] }),
        ],
      }),
    );
    expect(out.assignments[0].start).toBe('2026-05-11T09:40');
    expect(out.bounds.holes).toBe(2);
  });

  it('draws the order from the seed: the same seed the same agenda, the other seeds other orders', () => {
    const base = input({
      sessions: [session('S1', '2026-05-11T09:00', 6)],
      proposals: ['A', 'B', 'C', 'D', 'E', 'F'].map((id) => proposal(id)),
    });
    const order = (seed: string) =>
      scheduleRoadshow({ ...base, seed })
        .assignments.map((a) => a.proposal)
        .join('');
    expect(order('dg-2026')).toBe(order('dg-2026'));
    const orders = new Set(['a', 'b', 'c', 'd', 'e'].map(order));
    expect(orders.size).toBeGreaterThan(1);
  });

  it('refuses bad input naming what clashes', () => {
    const bad = input({
      sessions: [
        session('S1', '2026-05-11T09:00', 3),
        session('S2', '2026-05-11T09:30', 3, { room: 'R-S1', judges: ['J1', 'J7', 'J8'] }),
        session('S3', '2026-05-11T10:00', 1, { end: '2026-05-11T10:05' }),
      ],
      proposals: [proposal('P1', { conflicts: ['J99'] }), proposal('P1')],
    });
    let error: RoadshowInputError | undefined;
    try {
      scheduleRoadshow(bad);
    } catch (e) {
      error = e as RoadshowInputError;
    }
    expect(error).toBeInstanceOf(RoadshowInputError);
    const text = error!.problems.join('\n');
    expect(text).toContain('room R-S1 double-booked: sessions S1 and S2 overlap');
    expect(text).toContain('judge J1 in two overlapping sessions: S1 and S2');
    expect(text).toContain('session S3: shorter than one slot');
    expect(text).toContain('unknown judge J99');
    expect(text).toContain('proposal P1: duplicate id');
  });

  it('checks a hand-edited agenda against the hard rules', () => {
    const inp = input({
      sessions: [
        session('S1', '2026-05-11T09:00', 2, { track: 'venture' }),
        session('S2', '2026-05-11T09:00', 2, { judges: ['J4', 'J5', 'J6'] }),
      ],
      proposals: [
        proposal('A', { organisation: 'O' }),
        proposal('B', { organisation: 'O' }),
        proposal('C', {
          track: 'self_governance',
          unavailable: [{ start: '2026-05-11T09:00', end: '2026-05-11T09:10' }],
        }),
      ],
    });
    const v = checkPlacement(inp, [
      { proposal: 'A', session: 'S1', start: '2026-05-11T09:00', end: '2026-05-11T09:15' },
      { proposal: 'B', session: 'S2', start: '2026-05-11T09:00', end: '2026-05-11T09:15' },
      { proposal: 'C', session: 'S1', start: '2026-05-11T09:00', end: '2026-05-11T09:15' },
      { proposal: 'A', session: 'S1', start: '2026-05-11T09:05', end: '2026-05-11T09:20' },
    ]);
    expect(v.map((x) => `${x.proposal}:${x.rule}`).sort()).toEqual(
      ['A:slot', 'B:organisation', 'C:slot', 'C:track', 'C:unavailable'].sort(),
    );
  });
});

/**
 * Every assignment (each proposal: a slot or none, never a slot already taken) of a small instance,
 * judged by checkPlacement alone; the best by the lexicographic objective.
 */
function bruteForce(inp: RoadshowInput) {
  const model = buildModel(inp);
  const n = model.proposals.length;
  let best: ReturnType<typeof scoreOf> | undefined;
  const sol = new Array<number>(n).fill(-1);
  const taken = new Set<number>();
  const rec = (i: number) => {
    if (i === n) {
      const assignments = sol
        .map((s, p) =>
          s < 0
            ? undefined
            : {
                proposal: model.proposals[p].input.id,
                session: model.sessions[model.slots[s].session].input.id,
                start: new Date(model.slots[s].start * 60_000).toISOString().slice(0, 16),
                end: new Date(model.slots[s].end * 60_000).toISOString().slice(0, 16),
              },
        )
        .filter((a) => a !== undefined);
      if (checkPlacement(inp, assignments).length) return;
      const sc = scoreOf(model, sol);
      if (!best || better(sc, best)) best = sc;
      return;
    }
    sol[i] = -1;
    rec(i + 1);
    for (let c = 0; c < model.slots.length; c++) {
      if (taken.has(c)) continue;
      taken.add(c);
      sol[i] = c;
      rec(i + 1);
      taken.delete(c);
    }
    sol[i] = -1;
  };
  rec(0);
  return best!;
}

describe('roadshow scheduler: exact on small instances (against brute force)', () => {
  const day = '2026-05-11';
  const instance = fc.record({
    sessions: fc.array(
      fc.record({
        hour: fc.integer({ min: 9, max: 10 }),
        // Staggered starts: slots of different rooms overlap in part.
        minute: fc.constantFrom(0, 10),
        slots: fc.integer({ min: 1, max: 3 }),
        track: fc.constantFrom(null, 'venture', 'self_governance'),
        judges: fc.subarray(['J1', 'J2', 'J3', 'J4'], { minLength: 2 }),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    proposals: fc.array(
      fc.record({
        org: fc.constantFrom('O1', 'O2', 'O3'),
        track: fc.constantFrom('venture', 'self_governance'),
        conflict: fc.option(fc.constantFrom('J1', 'J2', 'J3', 'J4'), { nil: undefined }),
        away: fc.option(
          fc.constantFrom(
            ['09:00', '09:15'],
            ['09:20', '09:35'],
            ['09:45', '10:15'],
            ['10:00', '10:40'],
          ),
          { nil: undefined },
        ),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  });

  it('matches the brute-force optimum (placed, sessions, holes) on 300 random instances; bounds hold', () => {
    fc.assert(
      fc.property(instance, (x) => {
        const sessions = x.sessions.map((s, i) => ({
          ...session(
            `S${i}`,
            `${day}T${String(s.hour).padStart(2, '0')}:${String(s.minute).padStart(2, '0')}`,
            s.slots,
          ),
          room: `R${i}`,
          track: s.track,
          // Judges in overlapping sessions would be bad input: give each session its own.
          judges: s.judges.map((j) => `${j}-${i}`),
        }));
        const judgeIds = new Set(sessions.flatMap((s) => s.judges));
        const inp = input({
          quorum: 2,
          sessions,
          proposals: x.proposals.map((p, i) => ({
            id: `P${i}`,
            organisation: p.org,
            track: p.track,
            unavailable: p.away
              ? [{ start: `${day}T${p.away[0]}`, end: `${day}T${p.away[1]}` }]
              : [],
            conflicts: p.conflict ? [...judgeIds].filter((j) => j.startsWith(p.conflict!)) : [],
          })),
        });
        const optimum = bruteForce(inp);
        const out = scheduleRoadshow(inp);
        const model = buildModel(inp);
        const scoreOfOut = (o: typeof out) => ({
          placed: o.assignments.length,
          sessions: o.sessionsUsed,
          holes: o.bounds.holes,
        });
        expect(checkPlacement(inp, out.assignments)).toEqual([]);
        expect(out.bounds.exact).toBe(true);
        expect(scoreOfOut(out)).toEqual(optimum);
        expect(out.assignments.length + out.unplaced.length).toBe(model.proposals.length);
        // The bounds hold against the true optimum.
        expect(out.bounds.sessionsLowerBound).toBeLessThanOrEqual(optimum.sessions);
        expect(out.bounds.placedUpperBound).toBeGreaterThanOrEqual(optimum.placed);
        // The heuristic alone: valid, never past the optimum, and exact only when it is optimal.
        const heuristic = scheduleRoadshow(inp, { exactBudget: 0 });
        expect(checkPlacement(inp, heuristic.assignments)).toEqual([]);
        expect(better(scoreOfOut(heuristic), optimum)).toBe(false);
        if (heuristic.bounds.exact) expect(scoreOfOut(heuristic)).toEqual(optimum);
        expect(heuristic.bounds.sessionsLowerBound).toBeLessThanOrEqual(optimum.sessions);
      }),
      { numRuns: 300, seed: 20261203 },
    );
  });
});
