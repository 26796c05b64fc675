import { fromInt, rational } from '@gv/rational';
import { allocate } from './allocate';
import { proposal } from '../testing/proposal-builders';

describe('greedy constraints', () => {
  it('greedy-threshold keeps only scores >= threshold', () => {
    const r = allocate([proposal('a', 10, 1), proposal('b', 5, 1), proposal('c', 4, 1)], {
      rule: 'greedy-threshold',
      budgetCap: 10_000,
      threshold: fromInt(5),
    });
    expect(r.funded).toEqual(['a', 'b']);
    expect(r.trace[2].decision).toBe('below_pass_line');
  });

  it('reduced grant (核减): funds the remainder when it is at least the configured share', () => {
    const ps = [proposal('a', 9, 600), proposal('b', 8, 500), proposal('c', 7, 300)];
    const r = allocate(ps, {
      rule: 'greedy',
      budgetCap: 100_000,
      reducedGrant: { minShare: rational(3, 4) },
    });
    expect(r.trace.map((x) => [x.id, x.decision, x.amount])).toEqual([
      ['a', 'funded', 60_000],
      ['b', 'funded_reduced', 40_000], // 400 of 500 yuan = 80% >= 75%
      ['c', 'skipped_does_not_fit', 0],
    ]);
    const strict = allocate(ps, {
      rule: 'greedy',
      budgetCap: 100_000,
      reducedGrant: { minShare: rational(9, 10) },
    });
    expect(strict.trace[1].decision).toBe('skipped_does_not_fit');
    expect(strict.funded).toEqual(['a', 'c']);
  });

  it('per-track budgets', () => {
    const ps = [
      proposal('a', 9, 300, { track: 'elderly' }),
      proposal('b', 8, 300, { track: 'elderly' }),
      proposal('c', 7, 300, { track: 'youth' }),
    ];
    const r = allocate(ps, {
      rule: 'greedy',
      budgetCap: 100_000,
      trackBudgets: { elderly: 50_000 },
    });
    expect(r.trace.map((x) => x.decision)).toEqual(['funded', 'track_budget_exhausted', 'funded']);
    expect(r.totalFunded).toBe(60_000);
  });

  it('per-community maximum and minimum', () => {
    const ps = [
      proposal('a1', 95, 400, { community: 'weiwan' }),
      proposal('a2', 94, 400, { community: 'weiwan' }),
      proposal('a3', 93, 100, { community: 'weiwan' }),
      proposal('b1', 60, 300, { community: 'lijiajie' }),
    ];
    const capped = allocate(ps, {
      rule: 'greedy',
      budgetCap: 100_000,
      communityQuotas: { weiwan: { max: 2 } },
    });
    expect(capped.trace.map((x) => x.decision)).toEqual([
      'funded',
      'funded',
      'community_quota_reached',
      'skipped_does_not_fit',
    ]);
    const served = allocate(ps, {
      rule: 'greedy',
      budgetCap: 100_000,
      communityQuotas: { lijiajie: { min: 1 } },
    });
    expect(served.trace.map((x) => [x.id, x.decision, x.phase])).toEqual([
      ['a1', 'funded', 2],
      ['a2', 'skipped_does_not_fit', 2],
      ['a3', 'funded', 2],
      ['b1', 'funded', 1],
    ]);
    expect(served.totalFunded).toBe(80_000);
    expect(served.trace.map((x) => x.remainingAfter)).toEqual([60_000, 60_000, 50_000, 20_000]);
  });

  it('reports an unmet community minimum', () => {
    const r = allocate([proposal('x', 1, 2_000, { community: 'c' })], {
      rule: 'greedy',
      budgetCap: 100_000,
      communityQuotas: { c: { min: 1 } },
    });
    expect(r.notes).toContainEqual({
      code: 'community_minimum_unmet',
      params: { community: 'c', min: 1, funded: 0 },
    });
  });

  it('greedy-exclusive funds at most one of a group', () => {
    const r = allocate([proposal('a', 3, 1), proposal('b', 2, 1), proposal('c', 1, 1)], {
      rule: 'greedy-exclusive',
      budgetCap: 10_000,
      exclusiveGroups: [['a', 'b']],
    });
    expect(r.trace.map((x) => x.decision)).toEqual(['funded', 'excluded_by_conflict', 'funded']);
  });
});
