import { allocate } from './allocate';
import { KnapsackTooLargeError, UnsupportedConstraintError } from './allocation-errors';
import { runKnapsack } from './knapsack-rule';
import { rankProposals, recordTieBreak } from './tie-break';
import { proposal } from '../testing/proposal-builders';

describe('knapsack size limit', () => {
  it('throws a typed error past 400 items instead of hanging', () => {
    const many = Array.from({ length: 401 }, (_, i) => proposal(`p${i}`, i % 97, 1000 + i));
    expect(() => allocate(many, { rule: 'knapsack', budgetCap: 10_000_000 })).toThrow(
      KnapsackTooLargeError,
    );
  });

  it('throws when the Pareto frontier grows past the state limit', () => {
    const ps = Array.from({ length: 30 }, (_, i) =>
      proposal(`p${i}`, 2 ** (i % 20) + i, 1 + 2 ** (i % 20)),
    );
    const ranked = rankProposals(ps, recordTieBreak(undefined));
    const t0 = Date.now();
    expect(() =>
      runKnapsack(
        ranked,
        { rule: 'knapsack', budgetCap: 1e12 },
        { maxItems: 400, maxStates: 1000 },
      ),
    ).toThrow(KnapsackTooLargeError);
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('rejects constraints it does not support', () => {
    expect(() =>
      allocate([proposal('a', 1, 1)], { rule: 'knapsack', budgetCap: 1, trackBudgets: { t: 1 } }),
    ).toThrow(UnsupportedConstraintError);
  });
});
