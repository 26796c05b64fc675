import { gcd, lcm, rational, type Rational } from '@gv/rational';
import { AllocationInputError } from './allocation-errors';

/** A project for the Method of Equal Shares; cost in integer units (fen, or the file's currency). */
export interface MesProject {
  readonly id: string;
  readonly cost: number;
}

export type MesTieBreak = 'minCost' | 'maxVotes' | 'maxCost';

export interface MesOptions {
  /** `add1`: raise the per-voter budget by `increment` while the outcome fits the real budget. */
  readonly completion?: 'none' | 'add1';
  /** add1: also stop as soon as the outcome is exhaustive (pabutools variant). Default false: keep raising while the outcome fits (equalshares.net default; matches the pabulib files). */
  readonly add1Exhaustive?: boolean;
  /** add1: start from floor(budget / n) per voter. Default false. */
  readonly add1Integral?: boolean;
  /** add1 per-voter increment in units. Default 1. */
  readonly increment?: number;
  /**
   * add1 search: `linear` (default) raises the endowment one increment at a time, as the reference
   * tools do; `stride` first jumps ~sqrt(range) increments at a time and then walks one increment at a
   * time from the last stride that still fitted. Both return the same outcome whenever the funded cost
   * grows with the endowment inside one stride (true of every pabulib election in the conformance
   * suite); `stride` needs ~2·sqrt(steps) runs instead of `steps` (budgets in fen, few voters).
   */
  readonly add1Search?: 'linear' | 'stride';
  /** Comparison step against the greedy outcome; `satisfaction` = number of approved winners. */
  readonly comparison?: 'none' | 'satisfaction' | 'exclusionRatio';
  /** Tie-breaking between equally affordable projects; then the id (lexicographic). */
  readonly tieBreaking?: readonly MesTieBreak[];
}

export interface MesRound {
  readonly id: string;
  /** Maximal payment per supporter (q): rich supporters pay q, poorer ones all they have. */
  readonly maxPayment: Rational;
  /** cost / q, the effective vote count (equalshares.net). */
  readonly effectiveVotes: Rational;
}

export interface MesResult {
  /** Winners in selection order (or greedy order if the comparison step switched). */
  readonly winners: readonly string[];
  readonly cost: number;
  /** Per-voter endowment of the run that produced the MES outcome. */
  readonly endowment: Rational;
  readonly add1Iterations: number;
  readonly rounds: readonly MesRound[];
  readonly comparison?: {
    readonly prefersMes: number;
    readonly prefersGreedy: number;
    readonly switchedToGreedy: boolean;
  };
}

interface Prepared {
  readonly n: number;
  readonly projects: readonly MesProject[];
  readonly approvers: readonly Int32Array[];
}

function prepare(
  projects: readonly MesProject[],
  ballots: readonly (readonly string[])[],
): Prepared {
  const index = new Map<string, number>();
  projects.forEach((p, i) => {
    if (index.has(p.id)) throw new AllocationInputError(`duplicate project id: ${p.id}`);
    if (!Number.isSafeInteger(p.cost) || p.cost < 0)
      throw new AllocationInputError(`bad cost for ${p.id}`);
    index.set(p.id, i);
  });
  const lists: number[][] = projects.map(() => []);
  ballots.forEach((ballot, v) => {
    for (const id of new Set(ballot)) {
      const i = index.get(id);
      if (i === undefined)
        throw new AllocationInputError(`ballot ${v + 1} approves unknown project ${id}`);
      lists[i].push(v);
    }
  });
  return { n: ballots.length, projects, approvers: lists.map((l) => Int32Array.from(l)) };
}

/**
 * Fixed-budget MES with cost utilities on approval ballots, exact. All voter budgets share one
 * bigint denominator `den`, so sums and comparisons are integer operations. A project's
 * affordability rho = q / cost (q = max payment per supporter) is the unique q with
 * sum(min(b_i, q)) = cost; the smallest rho wins (= the largest effective vote count cost/q).
 */
function fixedBudget(
  p: Prepared,
  totalEndowment: bigint,
  tieBreaking: readonly MesTieBreak[],
): { winners: number[]; rounds: MesRound[] } {
  const { n, projects, approvers } = p;
  let den = BigInt(n);
  const b: bigint[] = new Array<bigint>(n).fill(totalEndowment);
  // lower bound of rho per remaining project (rho only grows as budgets shrink)
  const bound = new Map<number, Rational>();
  projects.forEach((proj, c) => {
    if (proj.cost > 0 && approvers[c].length > 0) bound.set(c, rational(1, approvers[c].length));
  });
  const winners: number[] = [];
  const rounds: MesRound[] = [];
  for (;;) {
    const order = [...bound.keys()].sort((x, y) =>
      cmp(bound.get(x) as Rational, bound.get(y) as Rational),
    );
    let best: number[] = [];
    let bestRho: Rational | undefined;
    let bestQ: Rational | undefined;
    for (const c of order) {
      if (bestRho !== undefined && cmp(bound.get(c) as Rational, bestRho) > 0) break;
      const cost = BigInt(projects[c].cost);
      const A = approvers[c];
      let money = 0n;
      for (let k = 0; k < A.length; k++) money += b[A[k]];
      const need = cost * den;
      if (money < need) {
        bound.delete(c);
        continue;
      }
      // rich/poor fixed point: X = need - paid by poor, r = rich count; q = X / (den * r)
      const poor = new Uint8Array(A.length);
      let X = need;
      let r = BigInt(A.length);
      for (;;) {
        let newPaid = 0n;
        let newPoor = 0n;
        for (let k = 0; k < A.length; k++) {
          if (poor[k]) continue;
          const bi = b[A[k]];
          if (bi * r < X) {
            poor[k] = 1;
            newPaid += bi;
            newPoor += 1n;
          }
        }
        if (newPoor === 0n) break;
        X -= newPaid;
        r -= newPoor;
      }
      const q = rational(X, den * r);
      const rho = rational(X, den * r * cost);
      bound.set(c, rho);
      const k = bestRho === undefined ? -1 : cmp(rho, bestRho);
      if (k < 0) {
        best = [c];
        bestRho = rho;
        bestQ = q;
      } else if (k === 0) best.push(c);
    }
    if (best.length === 0 || bestQ === undefined) break;
    const chosen = breakTies(best, projects, approvers, tieBreaking);
    winners.push(chosen);
    bound.delete(chosen);
    const q = rational(bestRho!.num * BigInt(projects[chosen].cost), bestRho!.den);
    rounds.push({
      id: projects[chosen].id,
      maxPayment: q,
      effectiveVotes: rational(BigInt(projects[chosen].cost) * q.den, q.num),
    });
    // move to a common denominator that represents q, then charge the supporters
    const newDen = lcm(den, q.den);
    if (newDen !== den) {
      const f = newDen / den;
      for (let i = 0; i < n; i++) b[i] *= f;
      den = newDen;
    }
    const qn = q.num * (den / q.den);
    for (const i of approvers[chosen]) b[i] = b[i] > qn ? b[i] - qn : 0n;
    if (den > 1n << 1024n) {
      let g = den;
      for (let i = 0; i < n && g !== 1n; i++) g = gcd(g, b[i]);
      if (g > 1n) {
        den /= g;
        for (let i = 0; i < n; i++) b[i] /= g;
      }
    }
  }
  return { winners, rounds };
}

function cmp(a: Rational, b: Rational): number {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

function breakTies(
  tied: number[],
  projects: readonly MesProject[],
  approvers: readonly Int32Array[],
  chain: readonly MesTieBreak[],
): number {
  let rest = [...tied];
  for (const method of chain) {
    const key = (c: number) =>
      method === 'maxVotes'
        ? approvers[c].length
        : method === 'maxCost'
          ? projects[c].cost
          : -projects[c].cost;
    const top = Math.max(...rest.map(key));
    rest = rest.filter((c) => key(c) === top);
  }
  rest.sort((x, y) =>
    projects[x].id < projects[y].id ? -1 : projects[x].id > projects[y].id ? 1 : 0,
  );
  return rest[0];
}

const costOf = (p: Prepared, set: readonly number[]) =>
  set.reduce((s, c) => s + p.projects[c].cost, 0);

/** Greedy by approval count (stable on input order), used by the comparison step. */
export function greedyByApprovals(p: Prepared, budget: number): number[] {
  const order = p.projects
    .map((_, c) => c)
    .sort((x, y) => p.approvers[y].length - p.approvers[x].length || x - y);
  const out: number[] = [];
  let spent = 0;
  for (const c of order) {
    if (spent + p.projects[c].cost <= budget) {
      out.push(c);
      spent += p.projects[c].cost;
    }
  }
  return out;
}

/**
 * Method of Equal Shares (平等份额法) for approval ballots with cost utilities, exact rationals,
 * with the `add1` completion and the optional comparison step as the equalshares.net compute
 * tool and pabutools define them.
 */
export function methodOfEqualShares(
  projects: readonly MesProject[],
  ballots: readonly (readonly string[])[],
  budget: number,
  options: MesOptions = {},
): MesResult {
  if (!Number.isSafeInteger(budget) || budget < 0)
    throw new AllocationInputError(`bad budget ${budget}`);
  const p = prepare(projects, ballots);
  const tb = options.tieBreaking ?? ['minCost', 'maxVotes'];
  const n = BigInt(Math.max(p.n, 1));
  const B = BigInt(budget);
  const allCost = projects.reduce((s, x) => s + x.cost, 0);
  let start = B;
  if (options.completion === 'add1' && options.add1Integral) start = (B / n) * n;
  let run = fixedBudget(p, start, tb);
  let total = start;
  let iterations = 0;
  if (options.completion === 'add1' && allCost > budget && p.n > 0) {
    const step = n * BigInt(options.increment ?? 1);
    const approvable = p.approvers.filter((a, c) => a.length > 0 && projects[c].cost > 0).length;
    if (options.add1Search === 'stride' && !(options.add1Exhaustive ?? false)) {
      // Jump by `stride` steps while the outcome still fits, then walk from the last fitting point.
      const stride = BigInt(Math.max(1, Math.floor(Math.sqrt(Number(B / step) + 1))));
      for (;;) {
        if (run.winners.length >= approvable) break;
        const next = fixedBudget(p, total + step * stride, tb);
        if (costOf(p, next.winners) > budget) break;
        run = next;
        total += step * stride;
        iterations++;
      }
    }
    for (;;) {
      const current = costOf(p, run.winners);
      if (options.add1Exhaustive ?? false) {
        const chosen = new Set(run.winners);
        const exhaustive = projects.every((x, c) => chosen.has(c) || current + x.cost > budget);
        if (exhaustive) break;
      }
      if (run.winners.length >= approvable) break; // more endowment cannot change anything
      const next = fixedBudget(p, total + step, tb);
      if (costOf(p, next.winners) > budget) break;
      run = next;
      total += step;
      iterations++;
    }
  }
  let winners = run.winners;
  let comparison: MesResult['comparison'];
  if (options.comparison && options.comparison !== 'none') {
    const greedy = greedyByApprovals(p, budget);
    const { prefersMes, prefersGreedy } = compareOutcomes(p, winners, greedy, options.comparison);
    const switchedToGreedy = prefersGreedy > prefersMes;
    if (switchedToGreedy) winners = greedy;
    comparison = { prefersMes, prefersGreedy, switchedToGreedy };
  }
  return {
    winners: winners.map((c) => projects[c].id),
    cost: costOf(p, winners),
    endowment: rational(total, n),
    add1Iterations: iterations,
    rounds: run.rounds,
    ...(comparison ? { comparison } : {}),
  };
}

function compareOutcomes(
  p: Prepared,
  mes: readonly number[],
  greedy: readonly number[],
  how: 'satisfaction' | 'exclusionRatio',
) {
  const count = (set: readonly number[]) => {
    const s = new Int32Array(p.n);
    for (const c of set) for (const i of p.approvers[c]) s[i]++;
    return s;
  };
  const a = count(mes);
  const g = count(greedy);
  let prefersMes = 0;
  let prefersGreedy = 0;
  for (let i = 0; i < p.n; i++) {
    const x = how === 'satisfaction' ? a[i] : Math.min(a[i], 1);
    const y = how === 'satisfaction' ? g[i] : Math.min(g[i], 1);
    if (x > y) prefersMes++;
    else if (y > x) prefersGreedy++;
  }
  return { prefersMes, prefersGreedy };
}
