import { Board, Solution } from './board';
import { Model } from './model';

export interface Score {
  placed: number;
  sessions: number;
  holes: number;
}

/** Lexicographic: more placed, then fewer sessions, then fewer holes. */
export function better(a: Score, b: Score): boolean {
  if (a.placed !== b.placed) return a.placed > b.placed;
  if (a.sessions !== b.sessions) return a.sessions < b.sessions;
  return a.holes < b.holes;
}

/** Placed, sessions used, and holes (in each used session: slots before its last pitch left empty). */
export function scoreOf(model: Model, sol: Solution): Score {
  const last = new Int32Array(model.sessions.length).fill(-1);
  const count = new Int32Array(model.sessions.length);
  let placed = 0;
  for (let p = 0; p < sol.length; p++) {
    if (sol[p] < 0) continue;
    placed++;
    const sl = model.slots[sol[p]];
    count[sl.session]++;
    last[sl.session] = Math.max(last[sl.session], sl.k);
  }
  let sessions = 0;
  let holes = 0;
  for (let s = 0; s < count.length; s++)
    if (count[s]) {
      sessions++;
      holes += last[s] + 1 - count[s];
    }
  return { placed, sessions, holes };
}

/**
 * Branch and bound over every assignment (each proposal: one of its candidate slots, or none), most
 * constrained proposal first, from an incumbent (the heuristic's schedule). Returns the best found and
 * whether the search finished within `budget` nodes (then the result is optimal). Prunes:
 * - a branch that cannot place as many as the best;
 * - one that must place every remaining proposal to tie and would need more sessions than the best (the
 *   free slots of the sessions in use take some; each further session at most the largest session);
 * - symmetric branches: interchangeable proposals (the same candidate slots, and the same organisation or
 *   each alone in its own) are placed first-come on increasing slots, so each schedule is seen once.
 */
export function exact(
  model: Model,
  incumbent: Solution,
  budget: number,
): { sol: number[]; done: boolean } {
  const orgSize = new Map<number, number>();
  for (const p of model.proposals) orgSize.set(p.org, (orgSize.get(p.org) ?? 0) + 1);
  const classKey = new Map<string, number>();
  const classOf = model.proposals.map((p) => {
    const key = `${orgSize.get(p.org) === 1 ? 'alone' : p.org}|${p.candidates.join(',')}`;
    const known = classKey.get(key);
    if (known !== undefined) return known;
    classKey.set(key, classKey.size);
    return classKey.size - 1;
  });
  const order = model.proposals
    .map((p) => p.index)
    .sort(
      (a, b) =>
        model.proposals[a].candidates.length - model.proposals[b].candidates.length ||
        classOf[a] - classOf[b] ||
        a - b,
    );
  /** twin[i]: the previous proposal in the order when interchangeable with order[i], else -1. */
  const twin = order.map((p, i) =>
    i > 0 && classOf[order[i - 1]] === classOf[p] ? order[i - 1] : -1,
  );
  const board = new Board(model);
  let best = Array.from(incumbent);
  let bestScore = scoreOf(model, incumbent);
  let nodes = 0;
  const sessionUse = new Int32Array(model.sessions.length);
  let used = 0;
  let placed = 0;
  /** Free slots in the sessions in use. */
  let freeInUsed = 0;
  const widest = Math.max(1, model.maxSlotsPerSession);
  const placeable = order.map((p) => (model.proposals[p].candidates.length ? 1 : 0));
  const suffix = new Int32Array(order.length + 1);
  for (let i = order.length - 1; i >= 0; i--) suffix[i] = suffix[i + 1] + placeable[i];
  const dfs = (i: number): boolean => {
    if (++nodes > budget) return false;
    if (placed + suffix[i] < bestScore.placed) return true;
    if (placed + suffix[i] === bestScore.placed) {
      const more = Math.ceil(Math.max(0, suffix[i] - freeInUsed) / widest);
      if (used + more > bestScore.sessions) return true;
    }
    if (i === order.length) {
      const sc = scoreOf(model, board.slotOf);
      if (better(sc, bestScore)) {
        bestScore = sc;
        best = board.solution();
      }
      return true;
    }
    const p = order[i];
    const prev = twin[i];
    // An interchangeable predecessor left out: this one stays out too.
    if (prev >= 0 && board.slotOf[prev] < 0) return dfs(i + 1);
    const after = prev >= 0 ? board.slotOf[prev] : -1;
    // Slots in sessions already in use first, then by slot number: good solutions come early.
    const cands = model.proposals[p].candidates
      .filter((s) => s > after && board.fits(p, s))
      .sort((a, b) => {
        const sa = model.slots[a];
        const sb = model.slots[b];
        return (
          (sessionUse[sb.session] > 0 ? 1 : 0) - (sessionUse[sa.session] > 0 ? 1 : 0) ||
          sa.k - sb.k ||
          a - b
        );
      });
    for (const s of cands) {
      const session = model.slots[s].session;
      board.place(p, s);
      if (sessionUse[session]++ === 0) {
        used++;
        freeInUsed += model.sessions[session].slots.length;
      }
      freeInUsed--;
      placed++;
      const ok = dfs(i + 1);
      placed--;
      freeInUsed++;
      if (--sessionUse[session] === 0) {
        used--;
        freeInUsed -= model.sessions[session].slots.length;
      }
      board.remove(p);
      if (!ok) return false;
    }
    return dfs(i + 1);
  };
  const done = dfs(0);
  return { sol: best, done };
}
