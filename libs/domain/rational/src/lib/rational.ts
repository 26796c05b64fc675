/**
 * Exact rational numbers on bigint (有理数精确运算).
 *
 * Invariant: `den > 0n` and `gcd(|num|, den) === 1n` (normalised form), so structural
 * equality of `num`/`den` is numeric equality.
 */
export interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

export class RationalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RationalError';
  }
}

export function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

export function lcm(a: bigint, b: bigint): bigint {
  if (a === 0n || b === 0n) return 0n;
  const g = gcd(a, b);
  const r = (a / g) * b;
  return r < 0n ? -r : r;
}

function toBig(x: bigint | number): bigint {
  if (typeof x === 'bigint') return x;
  if (!Number.isSafeInteger(x)) throw new RationalError(`not a safe integer: ${x}`);
  return BigInt(x);
}

/** Builds a normalised rational `num/den`. Throws on a zero denominator. */
export function rational(num: bigint | number, den: bigint | number = 1n): Rational {
  let n = toBig(num);
  let d = toBig(den);
  if (d === 0n) throw new RationalError('division by zero');
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  if (d === 1n) return { num: n, den: 1n };
  const g = gcd(n, d);
  return g === 1n ? { num: n, den: d } : { num: n / g, den: d / g };
}

export const ZERO: Rational = { num: 0n, den: 1n };
export const ONE: Rational = { num: 1n, den: 1n };

export function fromInt(n: bigint | number): Rational {
  return { num: toBig(n), den: 1n };
}

/** Parses "12", "-3/4" or a decimal "12.345" exactly. */
export function parseRational(text: string): Rational {
  const s = text.trim();
  const frac = /^([+-]?\d+)\/(\d+)$/.exec(s);
  if (frac) return rational(BigInt(frac[1]), BigInt(frac[2]));
  const dec = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(s);
  if (!dec || (dec[2] === '' && (dec[3] ?? '') === ''))
    throw new RationalError(`not a number: "${text}"`);
  const digits = (dec[2] || '0') + (dec[3] ?? '');
  const scale = 10n ** BigInt((dec[3] ?? '').length);
  const n = BigInt(digits);
  return rational(dec[1] === '-' ? -n : n, scale);
}

export function add(a: Rational, b: Rational): Rational {
  if (a.den === b.den) return rational(a.num + b.num, a.den);
  return rational(a.num * b.den + b.num * a.den, a.den * b.den);
}

export function sub(a: Rational, b: Rational): Rational {
  if (a.den === b.den) return rational(a.num - b.num, a.den);
  return rational(a.num * b.den - b.num * a.den, a.den * b.den);
}

export function mul(a: Rational, b: Rational): Rational {
  return rational(a.num * b.num, a.den * b.den);
}

export function div(a: Rational, b: Rational): Rational {
  if (b.num === 0n) throw new RationalError('division by zero');
  return rational(a.num * b.den, a.den * b.num);
}

export function neg(a: Rational): Rational {
  return { num: -a.num, den: a.den };
}

export function abs(a: Rational): Rational {
  return a.num < 0n ? neg(a) : a;
}

/** -1, 0 or 1. */
export function compare(a: Rational, b: Rational): -1 | 0 | 1 {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

export function eq(a: Rational, b: Rational): boolean {
  return a.num === b.num && a.den === b.den;
}

export function lt(a: Rational, b: Rational): boolean {
  return compare(a, b) < 0;
}

export function lte(a: Rational, b: Rational): boolean {
  return compare(a, b) <= 0;
}

export function gt(a: Rational, b: Rational): boolean {
  return compare(a, b) > 0;
}

export function gte(a: Rational, b: Rational): boolean {
  return compare(a, b) >= 0;
}

export function min(a: Rational, b: Rational): Rational {
  return compare(a, b) <= 0 ? a : b;
}

export function max(a: Rational, b: Rational): Rational {
  return compare(a, b) >= 0 ? a : b;
}

export function isZero(a: Rational): boolean {
  return a.num === 0n;
}

export function sign(a: Rational): -1 | 0 | 1 {
  return a.num < 0n ? -1 : a.num > 0n ? 1 : 0;
}

export function sum(xs: readonly Rational[]): Rational {
  let acc = ZERO;
  for (const x of xs) acc = add(acc, x);
  return acc;
}

/** Floor of the rational (towards -infinity). */
export function floor(a: Rational): bigint {
  const q = a.num / a.den;
  return a.num < 0n && q * a.den !== a.num ? q - 1n : q;
}

/**
 * Decimal display with `digits` decimals, rounding half up (away from zero for negatives:
 * -1.005 -> "-1.01"), as used for 2-decimal display scores and yuan amounts.
 */
export function toFixed(a: Rational, digits = 2): string {
  const scale = 10n ** BigInt(digits);
  const negative = a.num < 0n;
  const n = negative ? -a.num : a.num;
  const scaled = (n * scale * 2n + a.den) / (2n * a.den); // round half up on magnitude
  const intPart = scaled / scale;
  const fracPart = (scaled % scale).toString().padStart(digits, '0');
  const body = digits > 0 ? `${intPart}.${fracPart}` : `${intPart}`;
  return negative && scaled !== 0n ? `-${body}` : body;
}

export function toString(a: Rational): string {
  return a.den === 1n ? a.num.toString() : `${a.num}/${a.den}`;
}

/** Lossy conversion for charts and logs only; never use it to decide anything. */
export function toNumber(a: Rational): number {
  return Number(a.num) / Number(a.den);
}
