import fc from 'fast-check';
import {
  checkPlacement,
  formatWallClock,
  parseWallClock,
  RoadshowInput,
  RoadshowInputError,
  scheduleRoadshow,
  slotTimes,
  validateRoadshowInput,
} from '../index';

const slot = { pitchMinutes: 8, qaMinutes: 7, changeoverMinutes: 5 };
const day = '2026-05-11';
type Session = RoadshowInput['sessions'][0];
type Proposal = RoadshowInput['proposals'][0];

/** A session of `n` slots (20-minute steps, 15-minute pitches) from `start` ("HH:mm" on `day`). */
function session(id: string, start: string, n: number, over: Partial<Session> = {}): Session {
  const t = parseWallClock(`${day}T${start}`)!;
  return {
    id,
    room: `R-${id}`,
    start: `${day}T${start}`,
    end: formatWallClock(t + (n - 1) * 20 + 15),
    track: null,
    judges: [`${id}-J1`, `${id}-J2`, `${id}-J3`],
    ...over,
  };
}
const proposal = (id: string, over: Partial<Proposal> = {}): Proposal => ({
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
const away = (from: string, to: string) => ({ start: `${day}T${from}`, end: `${day}T${to}` });
const where = (out: ReturnType<typeof scheduleRoadshow>) =>
  Object.fromEntries(out.assignments.map((a) => [a.proposal, `${a.session}@${a.start.slice(11)}`]));
const problemsOf = (inp: unknown): string[] => {
  try {
    validateRoadshowInput(inp as RoadshowInput);
    return [];
  } catch (e) {
    expect(e).toBeInstanceOf(RoadshowInputError);
    return (e as RoadshowInputError).problems;
  }
};

describe('roadshow: each hard rule', () => {
  it('respects tracks: a reserved session takes only its track, an open one (null) every track', () => {
    const out = scheduleRoadshow(
      input({
        sessions: [
          session('SG', '09:00', 2, { track: 'self_governance' }),
          session('V', '14:00', 2, { track: 'venture' }),
        ],
        proposals: [proposal('A'), proposal('B', { track: 'self_governance' })],
      }),
    );
    expect(where(out)).toEqual({ A: 'V@14:00', B: 'SG@09:00' });
    const open = scheduleRoadshow(
      input({
        sessions: [session('O', '09:00', 2)],
        proposals: [proposal('A'), proposal('B', { track: 'self_governance' })],
      }),
    );
    expect(open.assignments).toHaveLength(2);
    expect(open.sessionsUsed).toBe(1);
  });

  it('needs a quorum of judges without a conflict of interest', () => {
    const out = scheduleRoadshow(
      input({
        sessions: [
          session('S1', '09:00', 1, { judges: ['J1', 'J2', 'J3'] }),
          session('S2', '14:00', 1, { judges: ['J4', 'J5', 'J6', 'J7'] }),
        ],
        // A conflict with J1 leaves S1 two judges: only S2 (four, one conflicted) has a quorum of 3.
        proposals: [proposal('A', { conflicts: ['J1', 'J4'] })],
      }),
    );
    expect(where(out)).toEqual({ A: 'S2@14:00' });
  });

  it('keeps pitches out of unavailable times, intervals half-open; the changeover is not part of the pitch', () => {
    const out = scheduleRoadshow(
      input({
        sessions: [session('S', '09:00', 4)],
        proposals: [
          // Ends when slot 0 starts, starts when it ends, and covers only the changeover after it: slot 0 stays free.
          proposal('A', {
            unavailable: [away('08:00', '09:00'), away('09:15', '09:20'), away('09:20', '12:00')],
          }),
        ],
      }),
    );
    expect(where(out)).toEqual({ A: 'S@09:00' });
    const later = scheduleRoadshow(
      input({
        sessions: [session('S', '09:00', 4)],
        proposals: [proposal('A', { unavailable: [away('09:14', '09:15')] })],
      }),
    );
    expect(where(later)).toEqual({ A: 'S@09:20' });
    expect(later.bounds.holes).toBe(1);
  });

  it('never has an organisation in two places at once, even across rooms with staggered slots', () => {
    const out = scheduleRoadshow(
      input({
        sessions: [session('S1', '09:00', 1), session('S2', '09:10', 1)],
        proposals: [proposal('A', { organisation: 'O' }), proposal('B', { organisation: 'O' })],
      }),
    );
    // 09:00–09:15 and 09:10–09:25 overlap: one of the two waits.
    expect(out.assignments).toHaveLength(1);
    expect(out.unplaced.map((u) => u.reason)).toEqual(['no_free_slot']);
    const apart = scheduleRoadshow(
      input({
        sessions: [session('S1', '09:00', 1), session('S2', '09:15', 1)],
        proposals: [proposal('A', { organisation: 'O' }), proposal('B', { organisation: 'O' })],
      }),
    );
    expect(apart.assignments).toHaveLength(2);
  });

  it('puts one pitch per slot and each proposal at most once', () => {
    const out = scheduleRoadshow(
      input({
        sessions: [session('S', '09:00', 3)],
        proposals: ['A', 'B', 'C', 'D', 'E'].map((id) => proposal(id)),
      }),
    );
    expect(new Set(out.assignments.map((a) => a.start)).size).toBe(3);
    expect(new Set(out.assignments.map((a) => a.proposal)).size).toBe(3);
    expect(out.unplaced).toEqual([
      { proposal: expect.any(String), reason: 'no_free_slot' },
      { proposal: expect.any(String), reason: 'no_free_slot' },
    ]);
  });

  it('gives a slot to the proposal that has no other when two compete', () => {
    const out = scheduleRoadshow(
      input({
        sessions: [session('S', '09:00', 2)],
        proposals: [
          proposal('A'),
          // B can come only to the first slot.
          proposal('B', { unavailable: [away('09:15', '18:00')] }),
        ],
      }),
    );
    expect(where(out)).toEqual({ A: 'S@09:20', B: 'S@09:00' });
  });
});

describe('roadshow: the objective', () => {
  it('places the most first, even when that opens another session', () => {
    const out = scheduleRoadshow(
      input({
        sessions: [session('S1', '09:00', 2), session('S2', '14:00', 2)],
        proposals: ['A', 'B', 'C'].map((id) => proposal(id)),
      }),
    );
    expect(out.assignments).toHaveLength(3);
    expect(out.sessionsUsed).toBe(2);
  });

  it('then uses as few sessions as possible, then leaves no hole unless a rule forces it', () => {
    const out = scheduleRoadshow(
      input({
        sessions: [session('S1', '09:00', 3), session('S2', '14:00', 3), session('S3', '16:00', 3)],
        proposals: [
          proposal('A'),
          proposal('B'),
          // C cannot come in the morning: S1 alone cannot hold all three.
          proposal('C', { unavailable: [away('08:00', '12:00')] }),
        ],
      }),
    );
    expect(out.sessionsUsed).toBe(1);
    expect(out.assignments.every((a) => a.session === 'S2')).toBe(true);
    expect(out.bounds).toMatchObject({ holes: 0, exact: true });
  });

  it('reports bounds: the sessions lower bound refined per track, exact when met', () => {
    // 18 proposals (beyond the exhaustive search), 6 per track, sessions of 12 slots.
    const tracks = ['a', 'b', 'c'];
    const proposals = tracks.flatMap((t) =>
      [1, 2, 3, 4, 5, 6].map((i) => proposal(`${t}${i}`, { track: t })),
    );
    const reserved = tracks.map((t, i) =>
      session(`S${t}`, `${String(9 + i * 4).padStart(2, '0')}:00`, 12, { track: t }),
    );
    // ⌈18 / 12⌉ = 2, but no session holds two tracks: 3.
    const out = scheduleRoadshow(input({ sessions: reserved, proposals }));
    expect(out.bounds).toEqual({
      exact: true,
      sessionsLowerBound: 3,
      placedUpperBound: 18,
      holes: 0,
    });
    expect(out.sessionsUsed).toBe(3);
    // An open session takes two tracks' twelve pitches: 2 sessions.
    const mixed = scheduleRoadshow(
      input({
        sessions: [
          ...reserved,
          session('Open', '09:00', 12, { room: 'R-Open', judges: ['X1', 'X2', 'X3'] }),
        ],
        proposals,
      }),
    );
    expect(mixed.bounds).toMatchObject({ exact: true, sessionsLowerBound: 2, holes: 0 });
    expect(mixed.sessionsUsed).toBe(2);
  });
});

describe('roadshow: why a proposal is not placed (the most specific reason)', () => {
  const sessions = [
    session('V', '09:00', 1, { track: 'venture', judges: ['J1', 'J2', 'J3'] }),
    session('V2', '14:00', 1, { track: 'venture', judges: ['J4', 'J5', 'J6'] }),
  ];
  const reasons = (proposals: Proposal[]) =>
    Object.fromEntries(
      scheduleRoadshow(input({ sessions, proposals })).unplaced.map((u) => [u.proposal, u.reason]),
    );

  it('no_session_for_track: no session of its track, none open', () => {
    expect(reasons([proposal('T', { track: 'elderly' })])).toEqual({ T: 'no_session_for_track' });
  });

  it('no_session_with_quorum: sessions of its track, but conflicts leave each without a quorum', () => {
    expect(reasons([proposal('Q', { conflicts: ['J1', 'J4'] })])).toEqual({
      Q: 'no_session_with_quorum',
    });
    // Also when it is unavailable besides: the quorum is the more specific reason.
    expect(
      reasons([proposal('Q', { conflicts: ['J1', 'J4'], unavailable: [away('08:00', '18:00')] })]),
    ).toEqual({ Q: 'no_session_with_quorum' });
  });

  it('unavailable: every slot with a quorum falls in its unavailable times', () => {
    expect(
      reasons([proposal('U', { conflicts: ['J4'], unavailable: [away('09:00', '09:30')] })]),
    ).toEqual({ U: 'unavailable' });
  });

  it('no_free_slot: it could come, but the slots went to others', () => {
    const r = reasons(['A', 'B', 'C'].map((id) => proposal(id)));
    expect(Object.values(r)).toEqual(['no_free_slot']);
  });
});

describe('roadshow: the draw (抽签)', () => {
  const base = input({
    sessions: [session('S1', '09:00', 5), session('S2', '14:00', 5)],
    proposals: ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'].map((id) => proposal(id)),
  });

  it('same input and seed, same schedule', () => {
    expect(scheduleRoadshow(base)).toEqual(scheduleRoadshow(structuredClone(base)));
  });

  it('another seed orders the pitches otherwise, on the same slots of the same sessions', () => {
    const slots = (seed: string) =>
      scheduleRoadshow({ ...base, seed })
        .assignments.map((a) => `${a.session}@${a.start}`)
        .sort();
    const order = (seed: string) =>
      scheduleRoadshow({ ...base, seed })
        .assignments.map((a) => a.proposal)
        .join('');
    expect(slots('a')).toEqual(slots('b'));
    expect(new Set(['a', 'b', 'c', 'd'].map(order)).size).toBeGreaterThan(1);
    expect(scheduleRoadshow({ ...base, seed: 'b' }).seed).toBe('b');
  });

  it('a rule overrides the draw: a pitch that can only take one slot keeps it', () => {
    const inp = input({
      sessions: [session('S', '09:00', 4)],
      proposals: [
        proposal('A'),
        proposal('B'),
        proposal('C'),
        proposal('D', { unavailable: [away('09:15', '18:00')] }),
      ],
    });
    for (const seed of ['1', '2', '3', '4', '5'])
      expect(where(scheduleRoadshow({ ...inp, seed })).D).toBe('S@09:00');
  });
});

describe('roadshow: bad input is refused, every problem named', () => {
  const good = () =>
    input({
      sessions: [session('S1', '09:00', 3, { judges: ['J1', 'J2', 'J3'] })],
      proposals: [proposal('P1', { conflicts: ['J1'] })],
    });

  it('accepts good input', () => {
    expect(problemsOf(good())).toEqual([]);
  });

  it('names the sessions and judges that clash', () => {
    const inp = good();
    inp.sessions.push(
      session('S2', '09:30', 2, { room: 'R-S1', judges: ['J1', 'J9', 'J8'] }),
      session('S3', '09:50', 1, { judges: ['J2', 'J8', 'J7'] }),
    );
    expect(problemsOf(inp)).toEqual([
      'room R-S1 double-booked: sessions S1 and S2 overlap',
      'judge J1 in two overlapping sessions: S1 and S2',
      'judge J2 in two overlapping sessions: S1 and S3',
      'judge J8 in two overlapping sessions: S2 and S3',
    ]);
  });

  it('names bad times, short sessions, duplicates, unknown judges and a quorum below 1', () => {
    const inp = good();
    inp.quorum = 0;
    inp.sessions.push(
      session('S2', '14:00', 1, { end: `${day}T14:10` }),
      session('S3', '15:00', 1, { start: '2026-05-11 15:00' }),
      session('S4', '16:00', 1, { end: `${day}T15:00` }),
      session('S1', '18:00', 1),
    );
    inp.proposals.push(
      proposal('P2', { unavailable: [away('10:00', '10:00')], conflicts: ['J99'] }),
      proposal('P3', { unavailable: [{ start: '2026-02-30T10:00', end: '2026-03-01T10:00' }] }),
      proposal('P1'),
    );
    expect(problemsOf(inp)).toEqual([
      'quorum: a whole number ≥ 1',
      'session S2: shorter than one slot (15 minutes)',
      'session S3: start and end must be YYYY-MM-DDTHH:mm',
      'session S4: ends before it starts',
      'session S1: duplicate id',
      'proposal P2: an unavailable time ends before it starts',
      'proposal P2: unknown judge J99 in conflicts',
      'proposal P3: unavailable times must be YYYY-MM-DDTHH:mm',
      'proposal P1: duplicate id',
    ]);
  });

  it('names a bad slot template and malformed lists without crashing', () => {
    expect(
      problemsOf({ ...good(), slot: { pitchMinutes: 0, qaMinutes: -1, changeoverMinutes: 1.5 } }),
    ).toEqual([
      'slot.pitchMinutes: a whole number ≥ 1',
      'slot.qaMinutes: a whole number ≥ 0',
      'slot.changeoverMinutes: a whole number ≥ 0',
    ]);
    expect(problemsOf({ ...good(), slot: null, seed: 7, sessions: {} })).toEqual([
      'slot.pitchMinutes: a whole number ≥ 1',
      'slot.qaMinutes: a whole number ≥ 0',
      'slot.changeoverMinutes: a whole number ≥ 0',
      'seed: a string',
      'sessions: a list',
    ]);
    const inp = good() as unknown as { sessions: unknown[]; proposals: unknown[] };
    inp.sessions.push({ ...session('S2', '09:00', 1), judges: 'J1' }, null);
    inp.proposals.push({ id: 'P2', organisation: '', track: 7, unavailable: 'x', conflicts: 'y' });
    expect(problemsOf(inp)).toEqual([
      'session S2: judges must be a list of ids',
      'session without an id',
      'proposal P2: no organisation',
      'proposal P2: no track',
      'proposal P2: unavailable must be a list',
      'proposal P2: conflicts must be a list',
    ]);
    expect(problemsOf(null)).toEqual(['input: not an object']);
  });

  it('scheduleRoadshow and checkPlacement refuse it too', () => {
    const inp = { ...good(), quorum: 0 };
    expect(() => scheduleRoadshow(inp)).toThrow(RoadshowInputError);
    expect(() => checkPlacement(inp, [])).toThrow(/quorum/);
  });
});

describe('roadshow: checkPlacement for a hand-edited agenda', () => {
  const inp = input({
    quorum: 3,
    sessions: [
      session('S1', '09:00', 3, { track: 'venture', judges: ['J1', 'J2', 'J3'] }),
      session('S2', '09:10', 3, { judges: ['J4', 'J5', 'J6', 'J7'] }),
    ],
    proposals: [
      proposal('A', { organisation: 'O' }),
      proposal('B', { organisation: 'O' }),
      proposal('C', { conflicts: ['J1'] }),
      proposal('D', { unavailable: [away('09:25', '09:35')] }),
    ],
  });
  const at = (proposal: string, session: string, time: string) => {
    const s = inp.sessions.find((x) => x.id === session)!;
    const k = (parseWallClock(`${day}T${time}`)! - parseWallClock(s.start)!) / 20;
    return { proposal, session, ...slotTimes(inp, s, k) };
  };

  it('accepts the scheduler’s own agenda', () => {
    expect(checkPlacement(inp, scheduleRoadshow(inp).assignments)).toEqual([]);
  });

  it('names each rule a move breaks, per assignment', () => {
    const v = checkPlacement(inp, [
      at('A', 'S1', '09:00'),
      at('B', 'S2', '09:10'), // O at 09:00–09:15 and 09:10–09:25
      at('C', 'S1', '09:20'), // J1 conflicted: 2 of 3 judges left
      at('D', 'S2', '09:30'), // away 09:25–09:35
      at('A', 'S2', '09:50'), // A twice
      at('D', 'S1', '09:00'), // slot taken by A
      { proposal: 'A', session: 'S1', start: `${day}T09:05`, end: `${day}T09:20` },
      { proposal: 'Z', session: 'S1', start: `${day}T09:40`, end: `${day}T09:55` },
    ]);
    expect(v.map((x) => `${x.proposal}:${x.rule}`)).toEqual([
      'B:organisation',
      'C:quorum',
      'D:unavailable',
      'A:slot',
      'D:slot',
      'D:slot',
      'A:slot',
      'Z:slot',
    ]);
    expect(v[0].message).toContain('organisation O also pitches A');
    expect(v[5].message).toContain('taken by A');
  });
});

describe('roadshow: wall-clock helpers', () => {
  it('parses and formats Asia/Shanghai wall-clock minutes, refusing what is not a time', () => {
    expect(parseWallClock('1970-01-01T00:00')).toBe(0);
    expect(parseWallClock('2026-05-11T09:00')).toBe(Date.UTC(2026, 4, 11, 9, 0) / 60_000);
    expect(formatWallClock(parseWallClock('2024-02-29T23:59')!)).toBe('2024-02-29T23:59');
    for (const bad of [
      '2023-02-29T10:00',
      '2026-13-01T10:00',
      '2026-05-11T24:00',
      '2026-05-11T09:60',
      '2026-05-11T9:00',
      '2026-05-11 09:00',
      '2026-05-11T09:00:00',
      '2026-05-11T09:00Z',
      42,
      null,
    ])
      expect(parseWallClock(bad)).toBeUndefined();
  });

  it('round-trips every minute it formats', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60_000_000 }), (m) => {
        expect(parseWallClock(formatWallClock(m))).toBe(m);
      }),
      { seed: 20261203, numRuns: 2000 },
    );
  });

  it('slotTimes: the k-th slot starts at start + k × (pitch + Q&A + changeover) and lasts pitch + Q&A', () => {
    expect(slotTimes({ slot }, { start: '2026-05-11T23:30' }, 2)).toEqual({
      start: '2026-05-12T00:10',
      end: '2026-05-12T00:25',
    });
  });
});
