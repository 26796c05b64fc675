import { RationalError, rational, type Rational } from './rational';

/** Integer square root: the largest r with r*r <= n (Newton iteration on bigint). */
export function isqrt(n: bigint): bigint {
  if (n < 0n) throw new RationalError('square root of a negative number');
  if (n < 2n) return n;
  let x = BigInt(Math.floor(Math.sqrt(Number(n))));
  // Newton correction (the float start may be off for large n).
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) break;
    x = y;
  }
  while (x * x > n) x -= 1n;
  while ((x + 1n) * (x + 1n) <= n) x += 1n;
  return x;
}

/** Default precision of {@link sqrtApprox}: 10^-12. */
export const SQRT_SCALE = 10n ** 12n;

/**
 * Square root of a non-negative rational, rounded DOWN to a multiple of 1/scale
 * (default 10^-12). NOT exact: sqrt is generally irrational. Callers must document that
 * the result is approximate and must never let a tie be decided by it (compare squared
 * quantities instead, or round coarser than the error and fall through to a tie-break).
 * The result is the exact floor: r = floor(sqrt(a) * scale) / scale.
 */
export function sqrtApprox(a: Rational, scale: bigint = SQRT_SCALE): Rational {
  if (a.num < 0n) throw new RationalError('square root of a negative number');
  // floor(sqrt(num/den) * scale) = floor(sqrt(num * scale^2 / den)) = isqrt(floor(num*scale^2/den))
  return rational(isqrt((a.num * scale * scale) / a.den), scale);
}

/** Exact square root when `a` is a perfect square of a rational, else undefined. */
export function sqrtExact(a: Rational): Rational | undefined {
  if (a.num < 0n) return undefined;
  const n = isqrt(a.num);
  const d = isqrt(a.den);
  return n * n === a.num && d * d === a.den ? rational(n, d) : undefined;
}
