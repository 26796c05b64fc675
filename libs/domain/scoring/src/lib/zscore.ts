import { add, div, fromInt, mul, rational, sqrtApprox, sub, type Rational } from '@gv/rational';
import type { Explained } from './scoring-types';
import type { Frac } from './sheet-score';

/** Precision of z-score results: floor to 10^-6 after computing spreads at 10^-12. */
export const ZSCORE_RESULT_SCALE = 10n ** 6n;

interface Moments {
  count: number;
  sum: Rational;
  sumSq: Rational;
}

function moments(values: readonly Frac[]): Moments {
  let sum = fromInt(0);
  let sumSq = fromInt(0);
  for (const v of values) {
    const r = rational(v.n, v.d);
    sum = add(sum, r);
    sumSq = add(sumSq, mul(r, r));
  }
  return { count: values.length, sum, sumSq };
}

/** Population mean and variance, exact. */
function meanVar(m: Moments): { mean: Rational; variance: Rational } {
  const n = fromInt(m.count);
  const mean = div(m.sum, n);
  return { mean, variance: sub(div(m.sumSq, n), mul(mean, mean)) };
}

export interface ZscoreModel {
  readonly callMean: Rational;
  readonly callVariance: Rational;
  /** Per judge: how to map a sheet score, or why it is passed through. */
  readonly judges: ReadonlyMap<
    string,
    { readonly mean: Rational; readonly ratio?: Rational; readonly passThrough?: string }
  >;
  readonly notes: readonly Explained[];
}

/**
 * Per-judge z-score normalisation rescaled to the call's overall mean M and spread S:
 * x' = M + (x - m_j) * S / s_j, with population standard deviations over every valid sheet
 * the judge gave in the call. S / s_j = sqrt(V / v_j) is irrational in general: it is computed
 * as an exact floor at 10^-12 ({@link sqrtApprox}); the proposal result is then floored to
 * 10^-6 (ZSCORE_RESULT_SCALE) so the approximation cannot create an order between scores that
 * differ by less than 10^-6 — such near-ties become exact ties and go to the tie-break chain.
 * Judges with fewer than `minSheets` sheets or zero spread are passed through unchanged.
 */
export function buildZscoreModel(
  byJudge: ReadonlyMap<string, readonly Frac[]>,
  minSheets: number,
): ZscoreModel {
  const all: Frac[] = [];
  for (const v of byJudge.values()) all.push(...v);
  const call = meanVar(moments(all));
  const judges = new Map<string, { mean: Rational; ratio?: Rational; passThrough?: string }>();
  const notes: Explained[] = [
    {
      code: 'zscore_call_stats',
      params: {
        sheets: all.length,
        mean: call.mean.num.toString() + '/' + call.mean.den.toString(),
      },
    },
  ];
  for (const [judge, values] of [...byJudge.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const jm = meanVar(moments(values));
    if (values.length < minSheets) {
      judges.set(judge, { mean: jm.mean, passThrough: 'judge_too_few_sheets' });
      notes.push({
        code: 'judge_passed_through',
        params: { judge, reason: 'judge_too_few_sheets', sheets: values.length },
      });
    } else if (jm.variance.num === 0n) {
      judges.set(judge, { mean: jm.mean, passThrough: 'judge_zero_spread' });
      notes.push({
        code: 'judge_passed_through',
        params: { judge, reason: 'judge_zero_spread', sheets: values.length },
      });
    } else {
      judges.set(judge, { mean: jm.mean, ratio: sqrtApprox(div(call.variance, jm.variance)) });
    }
  }
  return { callMean: call.mean, callVariance: call.variance, judges, notes };
}

export function normalise(
  model: ZscoreModel,
  judgeId: string,
  value: Rational,
): { value: Rational; passThrough?: string } {
  const j = model.judges.get(judgeId);
  if (!j || j.ratio === undefined)
    return { value, ...(j?.passThrough ? { passThrough: j.passThrough } : {}) };
  return { value: add(model.callMean, mul(sub(value, j.mean), j.ratio)) };
}

export function floorToScale(r: Rational, scale: bigint = ZSCORE_RESULT_SCALE): Rational {
  const scaled = r.num * scale;
  let q = scaled / r.den;
  if (scaled < 0n && q * r.den !== scaled) q -= 1n;
  return rational(q, scale);
}
