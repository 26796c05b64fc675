/** Pure budget arithmetic in integer fen (never trusts client totals). */
export interface BudgetLineInput {
  category: string;
  item: string;
  unitPriceFen: number;
  quantity: number;
}
export interface BudgetLineComputed extends BudgetLineInput {
  subtotalFen: number;
}

export function computeBudget(lines: readonly BudgetLineInput[]): {
  lines: BudgetLineComputed[];
  totalFen: number;
} {
  let totalFen = 0;
  const out = lines.map((l) => {
    const subtotalFen = l.unitPriceFen * l.quantity;
    if (!Number.isSafeInteger(subtotalFen)) throw new RangeError('budget line out of range');
    totalFen += subtotalFen;
    return {
      category: l.category,
      item: l.item,
      unitPriceFen: l.unitPriceFen,
      quantity: l.quantity,
      subtotalFen,
    };
  });
  if (!Number.isSafeInteger(totalFen)) throw new RangeError('budget total out of range');
  return { lines: out, totalFen };
}

export type BudgetChange = 'added' | 'removed' | 'changed' | 'unchanged';
export interface BudgetDiffRow {
  category: string;
  item: string;
  change: BudgetChange;
  before: { unitPriceFen: number; quantity: number; subtotalFen: number } | null;
  after: { unitPriceFen: number; quantity: number; subtotalFen: number } | null;
  deltaFen: number;
}

/** Lines are matched by category + item (the n-th occurrence with the n-th). */
export function diffBudget(
  before: readonly BudgetLineComputed[],
  after: readonly BudgetLineComputed[],
): { rows: BudgetDiffRow[]; totalBeforeFen: number; totalAfterFen: number; deltaFen: number } {
  const key = (l: BudgetLineInput) => `${l.category}\u0000${l.item}`;
  const pool = new Map<string, BudgetLineComputed[]>();
  for (const l of before) pool.set(key(l), [...(pool.get(key(l)) ?? []), l]);
  const rows: BudgetDiffRow[] = [];
  const pick = (l: BudgetLineComputed) => ({
    unitPriceFen: l.unitPriceFen,
    quantity: l.quantity,
    subtotalFen: l.subtotalFen,
  });
  for (const a of after) {
    const b = pool.get(key(a))?.shift();
    if (!b)
      rows.push({
        category: a.category,
        item: a.item,
        change: 'added',
        before: null,
        after: pick(a),
        deltaFen: a.subtotalFen,
      });
    else {
      const same = b.unitPriceFen === a.unitPriceFen && b.quantity === a.quantity;
      rows.push({
        category: a.category,
        item: a.item,
        change: same ? 'unchanged' : 'changed',
        before: pick(b),
        after: pick(a),
        deltaFen: a.subtotalFen - b.subtotalFen,
      });
    }
  }
  for (const rest of pool.values())
    for (const b of rest)
      rows.push({
        category: b.category,
        item: b.item,
        change: 'removed',
        before: pick(b),
        after: null,
        deltaFen: -b.subtotalFen,
      });
  const totalBeforeFen = before.reduce((s, l) => s + l.subtotalFen, 0);
  const totalAfterFen = after.reduce((s, l) => s + l.subtotalFen, 0);
  return { rows, totalBeforeFen, totalAfterFen, deltaFen: totalAfterFen - totalBeforeFen };
}

/** Number of a proposal: DG-2026-007. */
export function proposalNumber(code: string, year: number, n: number): string {
  return `${code}-${year}-${String(n).padStart(3, '0')}`;
}
