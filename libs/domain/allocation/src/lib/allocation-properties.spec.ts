import fc from 'fast-check';
import { fromInt, rational } from '@gv/rational';
import { allocate } from './allocate';
import type { AllocationConfig, AllocationProposal } from './allocation-types';

const arbProposals = fc.uniqueArray(
  fc.record({
    id: fc.string({ minLength: 1, maxLength: 4 }),
    cost: fc.integer({ min: 0, max: 5_000_000 }),
    score: fc.integer({ min: 0, max: 100 }).map((n) => fromInt(n)),
    submittedAt: fc.integer({ min: 0, max: 5 }),
    track: fc.constantFrom('t1', 't2', undefined),
    community: fc.constantFrom('c1', 'c2', 'c3', undefined),
  }) as fc.Arbitrary<AllocationProposal>,
  { selector: (p) => p.id, maxLength: 12 },
);

const arbConfig = fc.record({
  rule: fc.constantFrom('greedy', 'greedy-no-skip', 'greedy-threshold', 'greedy-exclusive'),
  budgetCap: fc.integer({ min: 0, max: 20_000_000 }),
  threshold: fc.integer({ min: 0, max: 60 }).map((n) => fromInt(n)),
  trackBudgets: fc.record({ t1: fc.integer({ min: 0, max: 8_000_000 }) }),
  communityQuotas: fc.record({
    c1: fc.record({ min: fc.integer({ min: 0, max: 2 }), max: fc.integer({ min: 2, max: 3 }) }),
  }),
  reducedGrant: fc.constantFrom(undefined, { minShare: rational(1, 2) }),
  tieBreak: fc.record({ seed: fc.string() }),
}) as fc.Arbitrary<AllocationConfig>;

function trackTotal(
  proposals: readonly AllocationProposal[],
  funded: ReadonlyMap<string, number>,
  track: string,
): number {
  return proposals
    .filter((p) => p.track === track)
    .reduce((s, p) => s + (funded.get(p.id) ?? 0), 0);
}

describe('allocation properties', () => {
  it('the funded total never exceeds the cap nor a track cap; quotas hold; amounts <= requests', () => {
    fc.assert(
      fc.property(arbProposals, arbConfig, (proposals, config) => {
        const r = allocate(proposals, config);
        const amounts = new Map(r.trace.map((row) => [row.id, row.amount]));
        const total = [...amounts.values()].reduce((a, b) => a + b, 0);
        expect(total).toBeLessThanOrEqual(config.budgetCap);
        expect(total).toBe(r.totalFunded);
        expect(trackTotal(proposals, amounts, 't1')).toBeLessThanOrEqual(
          config.trackBudgets!['t1'],
        );
        for (const row of r.trace) expect(row.amount).toBeLessThanOrEqual(row.requested);
        const c1 = proposals.filter(
          (p) => p.community === 'c1' && (amounts.get(p.id) ?? 0) > 0,
        ).length;
        expect(c1).toBeLessThanOrEqual(config.communityQuotas!['c1'].max!);
        expect(r.trace.every((row) => row.remainingAfter >= 0)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('knapsack never exceeds the cap and equals brute force', () => {
    fc.assert(
      fc.property(arbProposals, fc.integer({ min: 0, max: 15_000_000 }), (proposals, cap) => {
        const r = allocate(proposals, { rule: 'knapsack', budgetCap: cap });
        expect(r.totalFunded).toBeLessThanOrEqual(cap);
        let best = -1n;
        let bestCost = 0;
        for (let m = 0; m < 1 << proposals.length; m++) {
          let cost = 0;
          let score = 0n;
          proposals.forEach((p, i) => {
            if (m & (1 << i)) {
              cost += p.cost;
              score += p.score.num;
            }
          });
          if (cost <= cap && (score > best || (score === best && cost < bestCost))) {
            best = score;
            bestCost = cost;
          }
        }
        const got = proposals
          .filter((p) => r.funded.includes(p.id))
          .reduce((s, p) => s + p.score.num, 0n);
        expect(got).toBe(best);
        expect(r.totalFunded).toBe(bestCost);
      }),
      { numRuns: 150 },
    );
  });

  it('determinism: same output whatever the input order', () => {
    fc.assert(
      fc.property(arbProposals, arbConfig, fc.integer(), (proposals, config, salt) => {
        const shuffled = [...proposals]
          .sort((a, b) => ((a.id.charCodeAt(0) * salt) % 7) - ((b.id.charCodeAt(0) * salt) % 7))
          .reverse();
        expect(allocate(shuffled, config)).toEqual(allocate(proposals, config));
        const k = { rule: 'knapsack', budgetCap: config.budgetCap } as const;
        expect(allocate(shuffled, k)).toEqual(allocate(proposals, k));
      }),
      { numRuns: 200 },
    );
  });
});
