import fc from 'fast-check';
import { rational, toString } from '@gv/rational';
import { aggregatePacked } from './aggregate-packed';
import { aggregateScores } from './aggregate-scores';
import { PACKED_NA, SHEET_RECUSED, packSheets } from './packed-sheets';
import { RUBRIC, flat } from './scoring-builders';
import type {
  JudgeSheet,
  ProposalScore,
  Rubric,
  ScoringConfig,
  ScoringResult,
} from './scoring-types';

/** Everything a reader of a result can see, as plain data. */
function plain(r: ScoringResult) {
  const p = (x: ProposalScore) => ({
    proposalId: x.proposalId,
    score: x.score,
    display: x.display,
    used: x.used.map((u) => ({
      judgeId: u.judgeId,
      group: u.group,
      score: u.score,
      normalised: u.normalised,
      answered: u.answered,
    })),
    dropped: x.dropped,
    flags: x.flags,
    steps: x.steps,
  });
  return { method: r.method, notes: r.notes, proposals: r.proposals.map(p) };
}

function outcome(
  fn: () => ScoringResult,
): { ok: true; value: ReturnType<typeof plain> } | { ok: false; error: string } {
  try {
    return { ok: true, value: plain(fn()) };
  } catch (e) {
    return { ok: false, error: String(e) };
  }
}

describe('aggregatePacked (columnar sheets)', () => {
  const five = ['j1', 'j2', 'j3', 'j4', 'j5'];
  const sheetsP = [9, 8, 7, 6, 3].map((s, i) => flat(five[i], 'P', s));

  it('trimmed mean of 90, 80, 70, 60, 30 from hand-packed typed arrays = 70', () => {
    const r = aggregatePacked(
      RUBRIC,
      {
        proposalIds: ['P'],
        judgeIds: five,
        proposal: new Uint8Array(5),
        judge: Uint8Array.from([4, 3, 2, 1, 0]),
        scores: Int16Array.from([3, 3, 3, 6, 6, 6, 7, 7, 7, 8, 8, 8, 9, 9, 9]),
      },
      { method: 'trimmed_mean' },
    );
    const [p] = r.proposals;
    expect(toString(p.score!)).toBe('70');
    expect(p.display).toBe('70.00');
    expect(p.dropped).toEqual([
      { judgeId: 'j1', reason: 'trimmed_highest', score: rational(90) },
      { judgeId: 'j5', reason: 'trimmed_lowest', score: rational(30) },
    ]);
    expect(p.used.map((u) => u.judgeId)).toEqual(['j2', 'j3', 'j4']);
    // the lazily built explanation is part of the JSON form
    const json = JSON.parse(
      JSON.stringify(p, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)),
    );
    expect(json).toMatchObject({
      proposalId: 'P',
      display: '70.00',
      score: { num: '70', den: '1' },
      flags: [],
    });
    expect(json.steps).toContainEqual({
      code: 'trimmed_mean',
      params: { dropped_high: 'j1', dropped_low: 'j5', kept: 3 },
    });
  });

  it('N/A sentinel renormalises, recused flag drops, fewer than N sheets gives the plain mean', () => {
    // j1: need 8 (w2), plan N/A, budget 5 (w1) -> 70; j2: 60 flat; j3 recused
    const r = aggregatePacked(
      RUBRIC,
      {
        proposalIds: ['P'],
        judgeIds: ['j1', 'j2', 'j3'],
        proposal: new Int32Array(3),
        judge: Int32Array.from([0, 1, 2]),
        scores: Int16Array.from([8, PACKED_NA, 5, 6, 6, 6, 1, 1, 1]),
        sheetFlags: Uint8Array.from([0, 0, SHEET_RECUSED]),
      },
      { method: 'trimmed_mean' },
    );
    const [p] = r.proposals;
    expect(toString(p.score!)).toBe('65');
    expect(p.flags).toContainEqual({ code: 'trim_not_applied', params: { valid: 2, required: 5 } });
    expect(p.steps).toContainEqual({ code: 'na_renormalised', params: { sheets: 1 } });
    expect(p.dropped).toEqual([{ judgeId: 'j3', reason: 'recused' }]);
  });

  it('matches aggregateScores on the hand-checked tables', () => {
    for (const method of ['mean', 'trimmed_mean', 'median', 'zscore'] as const) {
      const sheets = [
        ...sheetsP,
        flat('j1', 'Q', 4),
        flat('j2', 'Q', 5),
        flat('j3', 'Q', 10),
        flat('j3', 'Q', 1),
      ];
      const config: ScoringConfig = {
        method,
        divergenceThreshold: rational(50),
        proposalIds: ['Z'],
      };
      expect(plain(aggregatePacked(RUBRIC, packSheets(RUBRIC, sheets), config))).toEqual(
        plain(aggregateScores(RUBRIC, sheets, config)),
      );
    }
  });

  it('beyond safe integers the reference (bigint) path decides, with the same result', () => {
    const rubric: Rubric = {
      criteria: [
        { id: 'a', maxPoints: 1, weight: 999_983 },
        { id: 'b', maxPoints: 1, weight: 1_000_003 },
        { id: 'c', maxPoints: 1, weight: 999_979 },
      ],
    };
    const sheets: JudgeSheet[] = [
      { judgeId: 'x', proposalId: 'P', scores: { a: 1, b: null, c: null } },
      { judgeId: 'y', proposalId: 'P', scores: { a: null, b: 1, c: 0 } },
      { judgeId: 'z', proposalId: 'P', scores: { a: 0, b: null, c: 1 } },
      { judgeId: 'w', proposalId: 'P', scores: { a: 1, b: 0, c: null } },
    ];
    for (const method of ['mean', 'median', 'trimmed_mean'] as const) {
      const config: ScoringConfig = { method, trimMinSheets: 3 };
      expect(plain(aggregatePacked(rubric, packSheets(rubric, sheets), config))).toEqual(
        plain(aggregateScores(rubric, sheets, config)),
      );
    }
  });

  it('rejects malformed packed input clearly', () => {
    const base = {
      proposalIds: ['P'],
      judgeIds: ['a'],
      proposal: new Int32Array(1),
      judge: new Int32Array(1),
    };
    expect(() =>
      aggregatePacked(RUBRIC, { ...base, scores: new Int16Array(2) }, { method: 'mean' }),
    ).toThrow('expected 3 scores');
    expect(() =>
      aggregatePacked(
        RUBRIC,
        { ...base, judge: Int32Array.from([1]), scores: new Int16Array(3) },
        { method: 'mean' },
      ),
    ).toThrow('judge index out of range');
  });
});

// ---- property: the packed path and the object path give identical results ----

const JUDGES = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
const PROPOSALS = ['P', 'Q', 'R'];

const arbRubric: fc.Arbitrary<Rubric> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(RUBRIC) },
  {
    weight: 2,
    arbitrary: fc
      .array(
        fc.record({
          maxPoints: fc.integer({ min: 1, max: 20 }),
          weight: fc.integer({ min: 1, max: 6 }),
        }),
        { minLength: 1, maxLength: 4 },
      )
      .map((cs) => ({ criteria: cs.map((c, i) => ({ id: `c${i}`, ...c })) })),
  },
);

/** One criterion value: mostly valid, some N/A, rarely invalid or missing. */
const arbValue = (max: number): fc.Arbitrary<number | null | undefined> =>
  fc.oneof(
    { weight: 12, arbitrary: fc.integer({ min: 0, max }) },
    { weight: 3, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constantFrom(-1, max + 1, 2.5, undefined) },
  );

function arbSheets(rubric: Rubric): fc.Arbitrary<JudgeSheet[]> {
  const scores = fc
    .tuple(
      fc.tuple(...rubric.criteria.map((c) => arbValue(c.maxPoints))),
      fc.oneof(
        { weight: 15, arbitrary: fc.constant(false) },
        { weight: 1, arbitrary: fc.constant(true) },
      ),
    )
    .map(([vals, extra]) => {
      const out: Record<string, number | null> = {};
      rubric.criteria.forEach((c, i) => {
        if (vals[i] !== undefined) out[c.id] = vals[i] as number | null;
      });
      if (extra) out['zz'] = 1;
      return out;
    });
  return fc.array(
    fc.record(
      {
        judgeId: fc.constantFrom(...JUDGES),
        proposalId: fc.constantFrom(...PROPOSALS),
        scores,
        group: fc.constantFrom('experts', 'community', 'other'),
        recused: fc.oneof(
          { weight: 10, arbitrary: fc.constant(false) },
          { weight: 1, arbitrary: fc.constant(true) },
        ),
      },
      { requiredKeys: ['judgeId', 'proposalId', 'scores'] },
    ) as fc.Arbitrary<JudgeSheet>,
    { maxLength: 30 },
  );
}

const arbConfig: fc.Arbitrary<ScoringConfig> = fc
  .record({
    method: fc.constantFrom('mean', 'trimmed_mean', 'median', 'zscore'),
    trimMinSheets: fc.constantFrom(undefined, 3, 4, 5, 6),
    zscoreMinSheets: fc.constantFrom(undefined, 2, 3),
    groups: fc.constantFrom(
      undefined,
      [],
      [
        { id: 'experts', weight: 60 },
        { id: 'community', weight: 40 },
      ],
    ),
    publicVote: fc.constantFrom(undefined, {
      panelWeight: 80,
      publicWeight: 20,
      scores: { P: rational(95), R: rational(121, 2) },
    }),
    divergenceThreshold: fc.constantFrom(undefined, rational(0), rational(25), rational(101, 3)),
    proposalIds: fc.constantFrom(undefined, ['P', 'Z']),
  })
  .map(
    (c) =>
      Object.fromEntries(
        Object.entries(c).filter(([, v]) => v !== undefined),
      ) as unknown as ScoringConfig,
  );

describe('aggregatePacked property', () => {
  it('packed and object paths give identical results (score, used/dropped sheets, flags, steps, notes)', () => {
    fc.assert(
      fc.property(
        arbRubric.chain((rubric) => fc.tuple(fc.constant(rubric), arbSheets(rubric), arbConfig)),
        ([rubric, sheets, config]) => {
          const expected = outcome(() => aggregateScores(rubric, sheets, config));
          const actual = outcome(() => aggregatePacked(rubric, packSheets(rubric, sheets), config));
          expect(actual).toEqual(expected);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('the packed result does not depend on the order of the packed rows', () => {
    fc.assert(
      fc.property(
        arbSheets(RUBRIC),
        fc.constantFrom<ScoringConfig['method']>('mean', 'trimmed_mean', 'median', 'zscore'),
        fc.integer(),
        (sheets, method, seed) => {
          // distinct (judge, proposal) pairs: with duplicates, which sheet counts depends on input order (as in aggregateScores)
          const seen = new Set<string>();
          const unique = sheets.filter(
            (s) =>
              !seen.has(s.judgeId + '|' + s.proposalId) && seen.add(s.judgeId + '|' + s.proposalId),
          );
          const shuffled = [...unique].sort(
            (x, y) =>
              ((JUDGES.indexOf(x.judgeId) * 31 + PROPOSALS.indexOf(x.proposalId) * 17 + seed) % 7) -
              ((JUDGES.indexOf(y.judgeId) * 31 + PROPOSALS.indexOf(y.proposalId) * 17 + seed) % 7),
          );
          const a = outcome(() => aggregatePacked(RUBRIC, packSheets(RUBRIC, unique), { method }));
          const b = outcome(() =>
            aggregatePacked(RUBRIC, packSheets(RUBRIC, shuffled), { method }),
          );
          expect(b).toEqual(a);
        },
      ),
      { numRuns: 200 },
    );
  });
});
