import { toString } from '@gv/rational';
import { allocate } from './allocate';
import { DEMO_CAP_FEN, DEMO_PROPOSALS } from '../testing/proposal-builders';

describe('demo call: 116,000 yuan, 8 proposals (greedy and knapsack differ)', () => {
  it('greedy funds A, B, D (score 267, 115,000 yuan) and skips what does not fit', () => {
    const r = allocate(DEMO_PROPOSALS, {
      rule: 'greedy',
      budgetCap: DEMO_CAP_FEN,
      tieBreak: { seed: 'demo' },
    });
    expect(r.trace.map((row) => [row.id, row.decision, row.amount, row.remainingAfter])).toEqual([
      ['A', 'funded', 5_000_000, 6_600_000],
      ['B', 'funded', 4_000_000, 2_600_000],
      ['C', 'skipped_does_not_fit', 0, 2_600_000],
      ['D', 'funded', 2_500_000, 100_000],
      ['E', 'skipped_does_not_fit', 0, 100_000],
      ['F', 'skipped_does_not_fit', 0, 100_000],
      ['G', 'skipped_does_not_fit', 0, 100_000],
      ['H', 'skipped_does_not_fit', 0, 100_000],
    ]);
    expect(r.totalFunded).toBe(11_500_000);
    expect(r.tieBreak).toEqual({
      chain: ['score', 'priority', 'lower_cost', 'earlier_submission', 'lot'],
      seed: 'demo',
    });
  });

  it('greedy-no-skip stops at C', () => {
    const r = allocate(DEMO_PROPOSALS, { rule: 'greedy-no-skip', budgetCap: DEMO_CAP_FEN });
    expect(r.funded).toEqual(['A', 'B']);
    expect(r.trace[2].decision).toBe('skipped_does_not_fit');
    expect(r.trace.slice(3).every((row) => row.decision === 'not_reached_after_stop')).toBe(true);
  });

  it('knapsack funds C..H (score 476, 112,000 yuan), the exact optimum', () => {
    const r = allocate(DEMO_PROPOSALS, { rule: 'knapsack', budgetCap: DEMO_CAP_FEN });
    expect(r.funded).toEqual(['C', 'D', 'E', 'F', 'G', 'H']);
    expect(r.totalFunded).toBe(11_200_000);
    expect(r.notes).toEqual([
      { code: 'knapsack_optimum', params: { score: '476', cost: 11_200_000 } },
    ]);
    expect(
      r.trace.filter((row) => row.decision === 'not_in_optimal_set').map((row) => row.id),
    ).toEqual(['A', 'B']);
  });

  it('pass line 80 excludes F, G, H for every rule', () => {
    for (const rule of ['greedy', 'knapsack'] as const) {
      const r = allocate(DEMO_PROPOSALS, {
        rule,
        budgetCap: DEMO_CAP_FEN,
        passLine: { num: 80n, den: 1n },
      });
      expect(
        r.trace.filter((row) => row.decision === 'below_pass_line').map((row) => row.id),
      ).toEqual(['F', 'G', 'H']);
    }
    const k = allocate(DEMO_PROPOSALS, {
      rule: 'knapsack',
      budgetCap: DEMO_CAP_FEN,
      passLine: { num: 80n, den: 1n },
    });
    expect(k.funded).toEqual(['B', 'C', 'D', 'E']); // 343 points, 115,000 yuan
    expect(toString(k.trace[0].score)).toBe('92');
  });
});
