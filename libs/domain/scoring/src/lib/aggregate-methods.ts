import { add, compare, div, fromInt, rational, type Rational } from '@gv/rational';
import type { Explained } from './scoring-types';
import type { Frac } from './sheet-score';

/** A value to aggregate: an integer fraction (fast path) or an exact rational. */
export interface Item {
  readonly judgeId: string;
  readonly frac?: Frac;
  readonly value?: Rational;
}

export function valueOf(item: Item): Rational {
  if (item.value) return item.value;
  if (!item.frac) throw new Error('internal: item without value');
  return fracToRational(item.frac);
}

function gcdN(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Exact conversion; the gcd is taken on safe integers (no bigint gcd on the hot path). */
export function fracToRational(f: Frac): Rational {
  const g = gcdN(Math.abs(f.n), f.d) || 1;
  return { num: BigInt(f.n / g), den: BigInt(f.d / g) };
}

/**
 * Scales integer-fraction items to one common denominator D (lcm of their denominators) in
 * safe integers: value_i = scaled_i / D. Undefined when an item is a rational or D / a scaled
 * numerator would leave the safe-integer range (callers then use exact bigint rationals).
 */
function scaled(items: readonly Item[]): { D: number; nums: number[] } | undefined {
  let D = 1;
  for (const it of items) {
    if (!it.frac || it.value) return undefined;
    const d = it.frac.d;
    if (D % d !== 0) {
      D = (D / gcdN(D, d)) * d;
      if (!Number.isSafeInteger(D)) return undefined;
    }
  }
  const nums = new Array<number>(items.length);
  let total = 0;
  for (let i = 0; i < items.length; i++) {
    const f = items[i].frac!;
    nums[i] = f.n * (D / f.d);
    total += Math.abs(nums[i]);
  }
  return Number.isSafeInteger(total) ? { D, nums } : undefined;
}

const byJudge = (a: Item, b: Item) => (a.judgeId < b.judgeId ? -1 : a.judgeId > b.judgeId ? 1 : 0);

function sorted(items: readonly Item[]): Item[] {
  const sc = scaled(items);
  if (sc) {
    const idx = items
      .map((_, i) => i)
      .sort((a, b) => sc.nums[a] - sc.nums[b] || byJudge(items[a], items[b]));
    return idx.map((i) => items[i]);
  }
  return [...items].sort((a, b) => compare(valueOf(a), valueOf(b)) || byJudge(a, b));
}

export function mean(items: readonly Item[]): Rational {
  const sc = scaled(items);
  if (sc) {
    let s = 0;
    for (const x of sc.nums) s += x;
    if (Number.isSafeInteger(sc.D * items.length)) return rational(s, sc.D * items.length);
    return rational(BigInt(s), BigInt(sc.D) * BigInt(items.length));
  }
  let acc = fromInt(0);
  for (const it of items) acc = add(acc, valueOf(it));
  return div(acc, fromInt(items.length));
}

export interface Aggregated {
  readonly score: Rational;
  readonly dropped: ReadonlyArray<{ readonly judgeId: string; readonly reason: string }>;
  readonly flags: readonly Explained[];
  readonly steps: readonly Explained[];
}

/** 去掉一个最高分和一个最低分: with >= minSheets valid sheets, else the plain mean (flagged). */
export function trimmedMean(items: readonly Item[], minSheets: number): Aggregated {
  if (items.length < minSheets) {
    return {
      score: mean(items),
      dropped: [],
      flags: [{ code: 'trim_not_applied', params: { valid: items.length, required: minSheets } }],
      steps: [
        {
          code: 'plain_mean_instead_of_trimmed',
          params: { valid: items.length, required: minSheets },
        },
      ],
    };
  }
  const s = sorted(items);
  const low = s[0];
  const high = s[s.length - 1];
  return {
    score: mean(s.slice(1, -1)),
    dropped: [
      { judgeId: high.judgeId, reason: 'trimmed_highest' },
      { judgeId: low.judgeId, reason: 'trimmed_lowest' },
    ],
    flags: [],
    steps: [
      {
        code: 'trimmed_mean',
        params: { dropped_high: high.judgeId, dropped_low: low.judgeId, kept: s.length - 2 },
      },
    ],
  };
}

export function median(items: readonly Item[]): Rational {
  const s = sorted(items);
  const m = s.length >> 1;
  return s.length % 2 === 1
    ? valueOf(s[m])
    : div(add(valueOf(s[m - 1]), valueOf(s[m])), fromInt(2));
}

/** Range (max - min) of the sheet scores, exact. */
export function spread(items: readonly Item[]): Rational {
  if (items.length < 2) return fromInt(0);
  const s = sorted(items);
  const hi = valueOf(s[s.length - 1]);
  const lo = valueOf(s[0]);
  return rational(hi.num * lo.den - lo.num * hi.den, hi.den * lo.den);
}
