import fc from 'fast-check';
import {
  add,
  compare,
  div,
  floor,
  fromInt,
  mul,
  parseRational,
  rational,
  RationalError,
  sub,
  toFixed,
  toString,
} from './rational';
import { isqrt, sqrtApprox, sqrtExact } from './sqrt';

describe('rational', () => {
  it('normalises sign and gcd', () => {
    expect(rational(6, -4)).toEqual({ num: -3n, den: 2n });
    expect(rational(0, 5)).toEqual({ num: 0n, den: 1n });
    expect(() => rational(1, 0)).toThrow(RationalError);
  });

  it.each([
    ['1/3 + 1/6', add(rational(1, 3), rational(1, 6)), '1/2'],
    ['1/3 - 1/2', sub(rational(1, 3), rational(1, 2)), '-1/6'],
    ['2/3 * 9/4', mul(rational(2, 3), rational(9, 4)), '3/2'],
    ['(1/3) / (2/9)', div(rational(1, 3), rational(2, 9)), '3/2'],
  ])('%s', (_label, value, expected) => {
    expect(toString(value)).toBe(expected);
  });

  it('compares exactly where floats would not', () => {
    const a = add(rational(1, 10), rational(2, 10));
    expect(compare(a, rational(3, 10))).toBe(0);
    expect(compare(rational(1, 3), rational(333333, 1000000))).toBe(1);
  });

  it.each([
    ['1.005', '1.01'],
    ['1.004999', '1.00'],
    ['-1.005', '-1.01'],
    ['-0.001', '0.00'],
    ['2/3', '0.67'],
    ['100', '100.00'],
  ])('toFixed(%s) rounds half up to %s', (input, expected) => {
    expect(toFixed(parseRational(input), 2)).toBe(expected);
  });

  it('parses decimals and fractions', () => {
    expect(parseRational('12.50')).toEqual(rational(25, 2));
    expect(parseRational('-3/6')).toEqual(rational(-1, 2));
    expect(() => parseRational('abc')).toThrow(RationalError);
  });

  it('floors towards -infinity', () => {
    expect(floor(rational(-7, 2))).toBe(-4n);
    expect(floor(rational(7, 2))).toBe(3n);
    expect(floor(fromInt(-3))).toBe(-3n);
  });

  it('isqrt / sqrtApprox / sqrtExact', () => {
    expect(isqrt(10n ** 30n)).toBe(10n ** 15n);
    expect(isqrt(99n)).toBe(9n);
    expect(sqrtExact(rational(9, 4))).toEqual(rational(3, 2));
    expect(sqrtExact(rational(2))).toBeUndefined();
    expect(toFixed(sqrtApprox(rational(2)), 12)).toBe('1.414213562373');
  });

  it('property: add/sub round trip and ordering are consistent', () => {
    const arb = fc.tuple(
      fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
      fc.bigInt({ min: 1n, max: 10n ** 9n }),
    );
    fc.assert(
      fc.property(arb, arb, ([an, ad], [bn, bd]) => {
        const a = rational(an, ad);
        const b = rational(bn, bd);
        expect(sub(add(a, b), b)).toEqual(a);
        expect(compare(a, b) + compare(b, a)).toBe(0); // not toBe(-x): Object.is(0, -0) is false
      }),
    );
  });

  it('property: sqrtApprox is the floor at 10^-12', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        fc.bigInt({ min: 1n, max: 10n ** 6n }),
        (n, d) => {
          const r = sqrtApprox(rational(n, d));
          const step = rational(1, 10n ** 12n);
          const sq = (x: typeof r) => mul(x, x);
          expect(compare(sq(r), rational(n, d))).toBeLessThanOrEqual(0);
          expect(compare(sq(add(r, step)), rational(n, d))).toBe(1);
        },
      ),
    );
  });
});
