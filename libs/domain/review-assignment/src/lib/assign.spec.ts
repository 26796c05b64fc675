import seedrandom from 'seedrandom';
import { assignReviewers, drawFromPool, Pair, seededOrder } from './assign';

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);
const judgesOf = (pairs: readonly Pair[], p: number) =>
  pairs
    .filter((x) => x.proposal === p)
    .map((x) => x.judge)
    .sort((a, b) => a - b);

describe('assignReviewers', () => {
  it('3 judges, 3 proposals, 2 each: every judge gets exactly 2 (hand-checked)', () => {
    const r = assignReviewers({
      judges: [1, 2, 3],
      proposals: [10, 11, 12],
      perProposal: 2,
      conflicts: [],
      keep: [],
      seed: 's',
    });
    expect(r.pairs).toHaveLength(6);
    expect([...r.loads.values()].sort()).toEqual([2, 2, 2]);
    for (const p of [10, 11, 12]) expect(judgesOf(r.pairs, p)).toHaveLength(2);
    expect(r.shortfall).toEqual([]);
  });

  it('a conflicted judge never meets the proposal, and the one free judge goes to the constrained proposal', () => {
    // Judges 1 and 2 conflict with proposal 10: only judge 3 may score it.
    const r = assignReviewers({
      judges: [1, 2, 3],
      proposals: [10, 11],
      perProposal: 1,
      conflicts: [
        { judge: 1, proposal: 10 },
        { judge: 2, proposal: 10 },
      ],
      keep: [],
      seed: 'x',
    });
    expect(judgesOf(r.pairs, 10)).toEqual([3]);
    expect(judgesOf(r.pairs, 11)).not.toContain(3);
  });

  it('reports a shortfall when too few judges are free of conflicts', () => {
    const r = assignReviewers({
      judges: [1, 2],
      proposals: [10],
      perProposal: 2,
      conflicts: [{ judge: 2, proposal: 10 }],
      keep: [],
      seed: 'x',
    });
    expect(r.pairs).toEqual([{ judge: 1, proposal: 10 }]);
    expect(r.shortfall).toEqual([{ proposal: 10, missing: 1 }]);
  });

  it('keeps valid pairs and replaces a recused judge with the least-loaded free one, recording whom', () => {
    const keep = [
      { judge: 1, proposal: 10 },
      { judge: 2, proposal: 10 },
      { judge: 3, proposal: 11 },
      { judge: 4, proposal: 11 },
    ];
    // Judge 2 is now recused from proposal 10; judges 3 and 4 have load 1, judge 5 has none.
    const r = assignReviewers({
      judges: [1, 2, 3, 4, 5],
      proposals: [10, 11],
      perProposal: 2,
      conflicts: [{ judge: 2, proposal: 10 }],
      keep,
      seed: 'any',
    });
    expect(r.dropped).toEqual([{ judge: 2, proposal: 10 }]);
    expect(r.added).toEqual([{ judge: 5, proposal: 10, replaces: 2 }]);
    expect(judgesOf(r.pairs, 10)).toEqual([1, 5]);
    expect(judgesOf(r.pairs, 11)).toEqual([3, 4]);
  });

  it('drops pairs of judges who left and proposals no longer eligible; trims to N', () => {
    const r = assignReviewers({
      judges: [1, 2],
      proposals: [10],
      perProposal: 1,
      conflicts: [],
      keep: [
        { judge: 9, proposal: 10 },
        { judge: 1, proposal: 99 },
        { judge: 1, proposal: 10 },
        { judge: 2, proposal: 10 },
      ],
      seed: 's',
    });
    expect(r.pairs).toEqual([{ judge: 1, proposal: 10 }]);
    expect(r.dropped).toEqual([
      { judge: 9, proposal: 10 },
      { judge: 1, proposal: 99 },
      { judge: 2, proposal: 10 },
    ]);
    expect(r.added).toEqual([]);
  });

  it('is reproducible with the recorded seed and differs with another', () => {
    const input = {
      judges: range(1, 12),
      proposals: range(100, 140),
      perProposal: 3,
      conflicts: [],
      keep: [],
    };
    const a = assignReviewers({ ...input, seed: 'DG-2026' });
    const b = assignReviewers({ ...input, seed: 'DG-2026' });
    const c = assignReviewers({ ...input, seed: 'other' });
    expect(b.pairs).toEqual(a.pairs);
    expect(c.pairs).not.toEqual(a.pairs);
  });

  it('refuses a perProposal below 1', () => {
    expect(() =>
      assignReviewers({
        judges: [1],
        proposals: [1],
        perProposal: 0,
        conflicts: [],
        keep: [],
        seed: 's',
      }),
    ).toThrow(RangeError);
  });

  it('properties on 300 random instances (fixed seed): no conflicted pair, full where possible, balanced without conflicts, keeps valid pairs', () => {
    const rng = seedrandom('review-assignment-properties');
    const int = (a: number, b: number) => a + Math.floor(rng() * (b - a + 1));
    for (let t = 0; t < 300; t++) {
      const judges = range(1, int(1, 15));
      const proposals = range(1000, 1000 + int(0, 40));
      const n = int(1, Math.max(1, judges.length));
      const withConflicts = rng() < 0.6;
      const conflicts: Pair[] = [];
      if (withConflicts)
        for (const p of proposals)
          for (const j of judges) if (rng() < 0.15) conflicts.push({ judge: j, proposal: p });
      const keep: Pair[] = [];
      for (let k = 0; k < int(0, 10); k++)
        keep.push({ judge: int(1, 16), proposal: proposals[int(0, proposals.length)] ?? 1 });
      const r = assignReviewers({
        judges,
        proposals,
        perProposal: n,
        conflicts,
        keep,
        seed: `t${t}`,
      });
      const bad = new Set(conflicts.map((c) => `${c.judge}:${c.proposal}`));
      const pairKeys = r.pairs.map((x) => `${x.judge}:${x.proposal}`);
      expect(new Set(pairKeys).size).toBe(pairKeys.length);
      for (const k of pairKeys) expect(bad.has(k)).toBe(false);
      for (const p of proposals) {
        const eligible = judges.filter((j) => !bad.has(`${j}:${p}`)).length;
        expect(judgesOf(r.pairs, p).length).toBe(Math.min(n, eligible));
        const short = r.shortfall.find((s) => s.proposal === p)?.missing ?? 0;
        expect(short).toBe(n - Math.min(n, eligible));
      }
      for (const j of judges)
        expect(r.loads.get(j)).toBe(r.pairs.filter((x) => x.judge === j).length);
      // Every valid kept pair survives unless its proposal already had N kept before it.
      for (const k of keep) {
        const valid =
          judges.includes(k.judge) &&
          proposals.includes(k.proposal) &&
          !bad.has(`${k.judge}:${k.proposal}`);
        const keptBefore = keep
          .slice(0, keep.indexOf(k))
          .filter(
            (x) =>
              x.proposal === k.proposal &&
              judges.includes(x.judge) &&
              !bad.has(`${x.judge}:${x.proposal}`),
          );
        const uniqueBefore = new Set(keptBefore.map((x) => x.judge));
        if (valid && !uniqueBefore.has(k.judge) && uniqueBefore.size < n)
          expect(pairKeys).toContain(`${k.judge}:${k.proposal}`);
      }
      if (!withConflicts && keep.length === 0 && proposals.length) {
        const loads = [...r.loads.values()];
        expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
      }
    }
  });
});

describe('drawFromPool and seededOrder', () => {
  it('draws the same experts for the same seed and pool, whatever order the pool is given in', () => {
    const a = drawFromPool([5, 3, 9, 1, 7], 2, '2026-12-03');
    expect(drawFromPool([1, 3, 5, 7, 9], 2, '2026-12-03')).toEqual(a);
    expect(a).toHaveLength(2);
    expect(new Set(a).size).toBe(2);
  });

  it('draws everyone when asked for more than the pool, none for 0', () => {
    expect(drawFromPool([1, 2, 3], 5, 's').sort()).toEqual([1, 2, 3]);
    expect(drawFromPool([1, 2, 3], 0, 's')).toEqual([]);
    expect(() => drawFromPool([1], -1, 's')).toThrow(RangeError);
  });

  it('is a permutation, and each id comes first about equally often over many seeds', () => {
    const firsts = new Map<number, number>();
    for (let s = 0; s < 4000; s++) {
      const o = seededOrder([1, 2, 3, 4], `seed${s}`);
      expect([...o].sort()).toEqual([1, 2, 3, 4]);
      firsts.set(o[0], (firsts.get(o[0]) ?? 0) + 1);
    }
    for (const id of [1, 2, 3, 4]) expect(firsts.get(id)!).toBeGreaterThan(850);
  });
});
