import { computeBudget, diffBudget, proposalNumber } from './budget.util';

describe('budget arithmetic', () => {
  it('computes subtotals and the total in fen', () => {
    const r = computeBudget([
      { category: 'materials', item: '米面油', unitPriceFen: 12_050, quantity: 3 },
      { category: 'venue', item: '场地', unitPriceFen: 0, quantity: 1 },
    ]);
    expect(r.lines.map((l) => l.subtotalFen)).toEqual([36_150, 0]);
    expect(r.totalFen).toBe(36_150);
  });
  it('refuses totals beyond the safe integer range', () => {
    expect(() =>
      computeBudget([
        { category: 'x', item: 'y', unitPriceFen: Number.MAX_SAFE_INTEGER, quantity: 2 },
      ]),
    ).toThrow(RangeError);
  });
  it('diffs two versions line by line', () => {
    const a = computeBudget([
      { category: 'materials', item: 'A', unitPriceFen: 100, quantity: 2 },
      { category: 'venue', item: 'B', unitPriceFen: 500, quantity: 1 },
    ]).lines;
    const b = computeBudget([
      { category: 'materials', item: 'A', unitPriceFen: 100, quantity: 3 },
      { category: 'training', item: 'C', unitPriceFen: 50, quantity: 1 },
    ]).lines;
    const d = diffBudget(a, b);
    expect(d.rows.map((r) => [r.item, r.change, r.deltaFen])).toEqual([
      ['A', 'changed', 100],
      ['C', 'added', 50],
      ['B', 'removed', -500],
    ]);
    expect(d).toMatchObject({ totalBeforeFen: 700, totalAfterFen: 350, deltaFen: -350 });
  });
  it('formats numbers as DG-2026-007', () => {
    expect(proposalNumber('DG', 2026, 7)).toBe('DG-2026-007');
    expect(proposalNumber('DG', 2026, 1234)).toBe('DG-2026-1234');
  });
});
