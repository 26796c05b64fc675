import type { TrancheGate } from './entities/delivery.entity';

/** One line of a tranche schedule: a share of the award in whole percent, paid once its gate passed. */
export interface ScheduleItem {
  /** A label key (`first`, `second`, `final`: translated) or free text of a custom schedule. */
  label: string;
  percent: number;
  gate: TrancheGate;
}

/**
 * Schedule templates (拨付方案). '50-30-20': half on signing, 30% once the mid-term evaluation passed,
 * the rest once the final one passed. '60-40' is the two-tranche variant (signing / mid-term) that
 * PRACTICE.md §4 suggests as a default where nothing else is agreed.
 */
export const TRANCHE_TEMPLATES: Readonly<Record<string, readonly ScheduleItem[]>> = {
  '50-30-20': [
    { label: 'first', percent: 50, gate: 'signing' },
    { label: 'second', percent: 30, gate: 'midterm' },
    { label: 'final', percent: 20, gate: 'final' },
  ],
  '60-40': [
    { label: 'first', percent: 60, gate: 'signing' },
    { label: 'second', percent: 40, gate: 'midterm' },
  ],
};
export const TEMPLATE_NAMES = [...Object.keys(TRANCHE_TEMPLATES), 'custom'] as const;
/** Labels of template tranches (translated as `delivery.trancheLabel.<key>`). */
export const TEMPLATE_LABELS = ['first', 'second', 'final'] as const;
export const TRANCHE_GATES: readonly TrancheGate[] = ['signing', 'midterm', 'final', 'none'];
export const MAX_TRANCHES = 10;

/**
 * Amounts in fen for the shares: floor(amount × percent / 100) for each but the last, which takes the
 * remainder, so the amounts always sum exactly to the award (no fen lost or created).
 */
export function trancheAmounts(amountFen: number, percents: readonly number[]): number[] {
  if (!Number.isSafeInteger(amountFen) || amountFen < 0) throw new RangeError('amount in fen');
  const total = BigInt(amountFen);
  const out: number[] = [];
  let given = 0n;
  percents.forEach((p, i) => {
    const share = i === percents.length - 1 ? total - given : (total * BigInt(p)) / 100n;
    given += share;
    out.push(Number(share));
  });
  return out;
}

/** What is wrong with a custom schedule (a field and a code), or null when it is fine. */
export function scheduleProblem(items: readonly ScheduleItem[]): string | null {
  if (!items.length || items.length > MAX_TRANCHES) return 'count';
  if (items.some((i) => !Number.isInteger(i.percent) || i.percent < 1 || i.percent > 100))
    return 'percent';
  if (items.reduce((s, i) => s + i.percent, 0) !== 100) return 'sum';
  if (items.some((i) => !TRANCHE_GATES.includes(i.gate))) return 'gate';
  return null;
}

/**
 * The same split of a new total: each amount in proportion to the old ones (floored), the remainder
 * to the last, so the sum is exactly `totalFen` (a changed award keeps a custom schedule's shares).
 */
export function rescaleAmounts(amounts: readonly number[], totalFen: number): number[] {
  const old = amounts.reduce((s, a) => s + BigInt(a), 0n);
  if (!amounts.length) return [];
  const total = BigInt(totalFen);
  const out: number[] = [];
  let given = 0n;
  amounts.forEach((a, i) => {
    const share =
      i === amounts.length - 1 ? total - given : old === 0n ? 0n : (total * BigInt(a)) / old;
    given += share;
    out.push(Number(share));
  });
  return out;
}
