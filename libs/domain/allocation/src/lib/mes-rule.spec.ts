import fc from 'fast-check';
import { toString } from '@gv/rational';
import { methodOfEqualShares } from './mes-rule';

describe('Method of Equal Shares (exact)', () => {
  // z is approved by nobody: it makes "everything affordable" false, so add1 applies
  const projects = [
    { id: 'x', cost: 3 },
    { id: 'y', cost: 1 },
    { id: 'z', cost: 10 },
  ];
  const ballots = [['x'], ['x'], ['y'], ['y']];

  it('fixed budget: x is unaffordable for its supporters (2 < 3), y is bought for 1/2 each', () => {
    const r = methodOfEqualShares(projects, ballots, 4);
    expect(r.winners).toEqual(['y']);
    expect(toString(r.rounds[0].maxPayment)).toBe('1/2');
    expect(toString(r.rounds[0].effectiveVotes)).toBe('2');
  });

  it('add1: one more unit per voter makes x and y tie (rho 1/2); minCost picks y first; both fit', () => {
    const r = methodOfEqualShares(projects, ballots, 4, { completion: 'add1' });
    expect(r.winners).toEqual(['y', 'x']);
    expect(r.cost).toBe(4);
    expect(toString(r.endowment)).toBe('2');
    expect(r.add1Iterations).toBe(1);
  });

  it('poor supporters pay everything they have, rich ones the same maximal payment', () => {
    // voter budgets 1 each (3/3); z costs 3 with three supporters; after w (cost 1, two supporters) v1, v2 hold 1/2
    const r = methodOfEqualShares(
      [
        { id: 'w', cost: 1 },
        { id: 'z', cost: 2 },
      ],
      [['w', 'z'], ['w', 'z'], ['z']],
      3,
    );
    // w: rho = (1/2)/1 = 1/2; z: q = 2/3, rho = 1/3 -> z first; then w: budgets 1/3,1/3 < 1/2 each -> unaffordable
    expect(r.winners).toEqual(['z']);
    expect(toString(r.rounds[0].maxPayment)).toBe('2/3');
  });

  it('comparison step keeps MES unless more voters strictly prefer greedy', () => {
    const kept = methodOfEqualShares(projects, ballots, 4, {
      completion: 'add1',
      comparison: 'satisfaction',
    });
    expect(kept.comparison).toEqual({ prefersMes: 0, prefersGreedy: 0, switchedToGreedy: false });
    expect(kept.winners).toEqual(['y', 'x']);
    // without completion MES buys only y; greedy (by approvals, file order) buys x then y:
    // v1, v2 strictly prefer greedy, v3, v4 are indifferent -> switch
    const switched = methodOfEqualShares(projects, ballots, 4, { comparison: 'satisfaction' });
    expect(switched.comparison).toEqual({
      prefersMes: 0,
      prefersGreedy: 2,
      switchedToGreedy: true,
    });
    expect(switched.winners).toEqual(['x', 'y']);
  });

  it('add1 stride search gives the linear outcome, in far fewer runs on fen-sized budgets', () => {
    const fen = [
      { id: '1', cost: 3_200_000 },
      { id: '2', cost: 2_800_000 },
      { id: '3', cost: 4_500_000 },
      { id: '4', cost: 1_800_000 },
      { id: '5', cost: 3_600_000 },
    ];
    const votes = [['1', '2'], ['1', '3'], ['2', '4'], ['3']];
    const linear = methodOfEqualShares(fen, votes, 11_600_000, { completion: 'add1' });
    const stride = methodOfEqualShares(fen, votes, 11_600_000, {
      completion: 'add1',
      add1Search: 'stride',
    });
    expect(stride.winners).toEqual(linear.winners);
    expect(stride.winners).toEqual(['2', '1', '3']); // 2.8 + 3.2 + 4.5 = 10.5 of 11.6 (hand-checked order)
    expect(stride.cost).toBe(10_500_000);
    expect(stride.add1Iterations).toBeLessThan(linear.add1Iterations / 10);
  });

  it('property: stride and linear add1 agree on small random elections', () => {
    const arb = fc.record({
      costs: fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 6 }),
      voters: fc.array(fc.array(fc.nat(5), { maxLength: 4 }), { minLength: 1, maxLength: 7 }),
      budget: fc.integer({ min: 1, max: 900 }),
    });
    fc.assert(
      fc.property(arb, ({ costs, voters, budget }) => {
        const ps = costs.map((cost, i) => ({ id: `p${i}`, cost }));
        const bs = voters.map((v) =>
          [...new Set(v.filter((c) => c < costs.length))].map((c) => `p${c}`),
        );
        const a = methodOfEqualShares(ps, bs, budget, { completion: 'add1' });
        const b = methodOfEqualShares(ps, bs, budget, { completion: 'add1', add1Search: 'stride' });
        expect(b.winners).toEqual(a.winners);
      }),
      { numRuns: 300 },
    );
  });
});
