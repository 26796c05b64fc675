import seedrandom from 'seedrandom';

export interface Pair {
  readonly judge: number;
  readonly proposal: number;
}

export interface AssignInput {
  /** Panel members who may score (ids). */
  readonly judges: readonly number[];
  /** Eligible proposals (ids). */
  readonly proposals: readonly number[];
  /** Judges per proposal. */
  readonly perProposal: number;
  /** Judge–proposal pairs that must not meet (conflicts of interest: recused). */
  readonly conflicts: readonly Pair[];
  /** Pairs already assigned; kept while still valid (first ones first when a proposal has too many). */
  readonly keep: readonly Pair[];
  /** Recorded seed: the same input and seed give the same assignment. */
  readonly seed: string;
}

export interface AssignedPair extends Pair {
  /** The judge this one replaces (recused or gone since the pair was assigned). */
  readonly replaces?: number;
}

export interface AssignResult {
  /** Every pair: the kept ones and the added ones. */
  readonly pairs: readonly AssignedPair[];
  readonly added: readonly AssignedPair[];
  /** Kept pairs that are no longer valid (the judge is recused or left, or the proposal left). */
  readonly dropped: readonly Pair[];
  /** Proposals with fewer than `perProposal` judges because not enough judges are free of conflicts. */
  readonly shortfall: readonly { readonly proposal: number; readonly missing: number }[];
  /** Judge → number of proposals. */
  readonly loads: ReadonlyMap<number, number>;
}

/** The judges in a seeded random order (Fisher–Yates on the ids ascending, seedrandom ARC4). */
export function seededOrder(ids: readonly number[], seed: string): number[] {
  const out = [...new Set(ids)].sort((a, b) => a - b);
  const rng = seedrandom(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * N judges per proposal, balanced by load: existing valid pairs are kept, then each proposal in turn —
 * the one with the fewest free judges for its need first — takes the least-loaded free judges, ties
 * broken by the seeded order. Without conflicts the loads differ by at most one. A recused judge's pair
 * is dropped and the judge who fills the gap is recorded as their replacement.
 */
export function assignReviewers(input: AssignInput): AssignResult {
  const n = Math.floor(input.perProposal);
  if (!(n >= 1)) throw new RangeError('perProposal must be at least 1');
  const judges = seededOrder(input.judges, `${input.seed}|judges`);
  const rank = new Map(judges.map((j, i) => [j, i]));
  const proposalRank = new Map(
    seededOrder(input.proposals, `${input.seed}|proposals`).map((p, i) => [p, i]),
  );
  const key = (j: number, p: number) => `${j}:${p}`;
  const conflicted = new Set(input.conflicts.map((c) => key(c.judge, c.proposal)));
  const loads = new Map(judges.map((j) => [j, 0]));
  const byProposal = new Map<number, AssignedPair[]>([...proposalRank.keys()].map((p) => [p, []]));
  const replaced = new Map<number, number[]>();
  const dropped: Pair[] = [];
  const seen = new Set<string>();
  for (const pair of input.keep) {
    const k = key(pair.judge, pair.proposal);
    if (seen.has(k)) continue;
    seen.add(k);
    const list = byProposal.get(pair.proposal);
    if (!list) {
      dropped.push(pair);
      continue;
    }
    if (!rank.has(pair.judge) || conflicted.has(k)) {
      dropped.push(pair);
      replaced.set(pair.proposal, [...(replaced.get(pair.proposal) ?? []), pair.judge]);
      continue;
    }
    if (list.length >= n) {
      dropped.push(pair);
      continue;
    }
    list.push({ judge: pair.judge, proposal: pair.proposal });
    loads.set(pair.judge, loads.get(pair.judge)! + 1);
  }
  const kept = [...byProposal.values()].flat();
  const free = (p: number) =>
    judges.filter(
      (j) => !conflicted.has(key(j, p)) && !byProposal.get(p)!.some((x) => x.judge === j),
    );
  const added: AssignedPair[] = [];
  const shortfall: { proposal: number; missing: number }[] = [];
  const open = new Set([...byProposal.keys()].filter((p) => byProposal.get(p)!.length < n));
  while (open.size) {
    // The most constrained proposal first: fewest free judges beyond its need.
    let pick = -1;
    let slack = Infinity;
    for (const p of open) {
      const s = free(p).length - (n - byProposal.get(p)!.length);
      if (s < slack || (s === slack && proposalRank.get(p)! < proposalRank.get(pick)!)) {
        pick = p;
        slack = s;
      }
    }
    open.delete(pick);
    const list = byProposal.get(pick)!;
    const need = n - list.length;
    const chosen = free(pick)
      .sort((a, b) => loads.get(a)! - loads.get(b)! || rank.get(a)! - rank.get(b)!)
      .slice(0, need);
    const gone = replaced.get(pick) ?? [];
    for (const judge of chosen) {
      const replaces = gone.shift();
      const pair: AssignedPair =
        replaces === undefined ? { judge, proposal: pick } : { judge, proposal: pick, replaces };
      list.push(pair);
      added.push(pair);
      loads.set(judge, loads.get(judge)! + 1);
    }
    if (list.length < n) shortfall.push({ proposal: pick, missing: n - list.length });
  }
  shortfall.sort((a, b) => a.proposal - b.proposal);
  return { pairs: [...kept, ...added], added, dropped, shortfall, loads };
}

/**
 * 专家随机抽取: `count` experts from the pool by the seed. The pool is taken in ascending id order, so
 * the recorded seed and pool give the same experts to anyone who re-runs the draw.
 */
export function drawFromPool(pool: readonly number[], count: number, seed: string): number[] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError('count must be a whole number');
  return seededOrder(pool, `${seed}|draw`).slice(0, count);
}
