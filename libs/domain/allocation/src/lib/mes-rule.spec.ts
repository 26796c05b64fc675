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
});
