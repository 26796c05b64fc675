import { applyChain, Augmenter } from './augment';
import { Board, MoveLog } from './board';
import { Model } from './model';

/**
 * Maximum bipartite matching (Kuhn) for a few proposals and slots (one session): proposals in the given
 * order, each to one of its allowed slots; at most `capacity` matched. Returns proposal → slot.
 */
export function match(
  proposals: number[],
  allowed: (p: number) => number[],
  capacity = Infinity,
): Map<number, number> {
  const slotOwner = new Map<number, number>();
  const tryP = (p: number, seen: Set<number>): boolean => {
    const options = allowed(p);
    // A free slot first (cheap), then an augmenting path through the slots' holders.
    for (const s of options)
      if (!slotOwner.has(s)) {
        slotOwner.set(s, p);
        return true;
      }
    for (const s of options) {
      if (seen.has(s)) continue;
      seen.add(s);
      if (tryP(slotOwner.get(s)!, seen)) {
        slotOwner.set(s, p);
        return true;
      }
    }
    return false;
  };
  // Slots seen by a failed search lead to no free slot until the matching changes: the next searches
  // skip them.
  let seen = new Set<number>();
  for (const p of proposals) {
    if (slotOwner.size >= capacity) break;
    if (tryP(p, seen)) seen = new Set();
  }
  return new Map([...slotOwner].map(([s, p]) => [p, s]));
}

/** What the heuristic and the draw share: each proposal's candidate slots per session. */
export class Candidates {
  /** bySession[p]: session → p's candidate slots in it, by slot number. */
  readonly bySession: Map<number, number[]>[];
  /** Proposals by fewest candidate slots first (the most constrained), then input order. */
  readonly mostConstrainedFirst: number[];

  constructor(private readonly model: Model) {
    this.bySession = model.proposals.map((p) => {
      const m = new Map<number, number[]>();
      for (const s of p.candidates) {
        const session = model.slots[s].session;
        const list = m.get(session);
        if (list) list.push(s);
        else m.set(session, [s]);
      }
      return m;
    });
    this.mostConstrainedFirst = model.proposals
      .map((p) => p.index)
      .sort(
        (a, b) =>
          model.proposals[a].candidates.length - model.proposals[b].candidates.length || a - b,
      );
  }

  has(p: number, slot: number): boolean {
    return this.bySession[p].get(this.model.slots[slot].session)?.includes(slot) ?? false;
  }
}

/**
 * The pitches of `ps` on the fewest first slots of a session: a maximum matching within the first
 * `limit` slots, the smallest limit that still places as many (matching size grows with the limit, so a
 * binary search finds it). No holes unless a rule forces one.
 */
function packSession(
  model: Model,
  session: number,
  ps: number[],
  allowed: (p: number, limit: number) => number[],
): Map<number, number> {
  const size = model.sessions[session].slots.length;
  const full = match(ps, (p) => allowed(p, size), size);
  let lo = full.size;
  let hi = size;
  let best = full;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const m = match(ps, (p) => allowed(p, mid), mid);
    if (m.size === full.size) {
      best = m;
      hi = mid;
    } else lo = mid + 1;
  }
  return best;
}

/**
 * Greedy session filling: opens, one at a time, the session that can take the most of the proposals
 * still waiting (a maximum matching, most constrained first, on the fewest first slots; the earliest
 * session wins a tie), until no session can take any. What a session can take only shrinks as others
 * fill, so the last count of each is an upper bound: the search recounts only the sessions that could
 * still win (lazy evaluation), with the same result as recounting all.
 */
export function greedy(model: Model, cands: Candidates): Board {
  const board = new Board(model);
  const waiting = new Uint8Array(model.proposals.length);
  for (const p of model.proposals) if (p.candidates.length) waiting[p.index] = 1;
  const order = cands.mostConstrainedFirst.filter((p) => waiting[p]);
  const fill = (session: number) =>
    packSession(
      model,
      session,
      order.filter((p) => waiting[p] && cands.bySession[p].has(session)),
      (p, limit) =>
        (cands.bySession[p].get(session) ?? []).filter(
          (s) => model.slots[s].k < limit && board.fits(p, s),
        ),
    );
  const open = model.sessions.map((s) => s.index);
  const bound = open.map((s) => model.sessions[s].slots.length);
  const countedIn = open.map(() => -1);
  const counted: (Map<number, number> | undefined)[] = open.map(() => undefined);
  const ahead = (a: number, b: number) =>
    bound[a] - bound[b] ||
    model.sessions[b].start - model.sessions[a].start ||
    b - a; /* > 0: a before b */
  for (let round = 0; open.length; round++) {
    let chosen: Map<number, number> | undefined;
    while (open.length) {
      let top = 0;
      for (let i = 1; i < open.length; i++) if (ahead(open[i], open[top]) > 0) top = i;
      const s = open[top];
      const last = counted[s];
      if (countedIn[s] === round && last) {
        chosen = last;
        open.splice(top, 1);
        break;
      }
      const m = fill(s);
      bound[s] = m.size;
      countedIn[s] = round;
      counted[s] = m;
      // A session that can take none now never will.
      if (!m.size) open.splice(top, 1);
    }
    if (!chosen) break;
    // Organisation clashes between pitches of one session cannot happen (its slots never overlap).
    for (const [p, slot] of chosen) {
      board.place(p, slot);
      waiting[p] = 0;
    }
  }
  return board;
}

/** Free slots a waiting proposal tries to clear of its own organisation's pitches. */
const KICK_TRIES = 16;

export interface ImproveOptions {
  /** Edges the augmenting searches may look at in all (a deterministic cap, not a clock). */
  workLimit?: number;
}

/**
 * Local improvement of a schedule, hard rules kept at every step:
 * 1. repair: each waiting proposal (most constrained first) enters by an augmenting path — a chain of
 *    moves ending on a free slot, first in a session already used, else anywhere; if only pitches of its
 *    own organisation stand in the way of a free slot, those move straight to free slots elsewhere;
 * 2. fewer sessions: the least-filled sessions are emptied into free slots of the other used sessions
 *    (every pitch re-placed by an augmenting path, or the attempt is taken back);
 * 3. no holes: each session's pitches are packed onto its fewest first slots.
 */
export function improve(
  model: Model,
  cands: Candidates,
  board: Board,
  options: ImproveOptions = {},
): void {
  const limit = options.workLimit ?? 40_000_000;
  const log = new MoveLog(board);
  const candidates = model.proposals.map((p) => p.candidates);
  const inUsed = new Augmenter(candidates, model.slots.length);
  const anywhere = new Augmenter(candidates, model.slots.length);
  const spent = () => inUsed.work + anywhere.work >= limit;
  const sessionOf = (s: number) => model.slots[s].session;
  const enter = (q: number, s: number) => board.orgFree(q, s);
  const usedEnd = (s: number) => board.count[sessionOf(s)] > 0;
  const changed = () => {
    inUsed.resetDead();
    anywhere.resetDead();
  };
  const placeByPath = (p: number): boolean => {
    const chain =
      inUsed.find(p, board.taken, enter, usedEnd) ??
      anywhere.find(p, board.taken, enter, () => true);
    if (chain && applyChain(board, log, p, chain)) {
      changed();
      return true;
    }
    return false;
  };

  // 1. Repair.
  const waiting = () =>
    cands.mostConstrainedFirst.filter(
      (p) => board.slotOf[p] < 0 && model.proposals[p].candidates.length,
    );
  for (const p of waiting()) {
    if (spent()) break;
    placeByPath(p);
  }
  for (const p of waiting()) {
    let tries = KICK_TRIES;
    for (const s of model.proposals[p].candidates) {
      if (board.taken[s] !== -1) continue;
      const blockers = board.orgBlockers(p, s);
      if (!blockers.length) {
        // Free and unblocked (the searches above stopped at their work limit).
        log.move(p, s);
        changed();
        break;
      }
      if (tries-- === 0) break;
      const checkpoint = log.checkpoint();
      for (const q of blockers) log.move(q, -1);
      log.move(p, s);
      // Each blocker straight to a free slot of a used session, else any free slot.
      const relocated = blockers.every((q) => {
        const to =
          model.proposals[q].candidates.find((t) => usedEnd(t) && board.fits(q, t)) ??
          model.proposals[q].candidates.find((t) => board.fits(q, t));
        if (to === undefined) return false;
        log.move(q, to);
        return true;
      });
      if (relocated) {
        changed();
        break;
      }
      log.undo(checkpoint);
    }
  }

  // 2. Fewer sessions.
  const slotsOf = (session: number) => model.sessions[session].slots;
  const free = (session: number) => slotsOf(session).length - board.count[session];
  const tryEmpty = (x: number): boolean => {
    const room = model.sessions.reduce(
      (n, s) => n + (s.index !== x && board.count[s.index] > 0 ? free(s.index) : 0),
      0,
    );
    if (board.count[x] > room) return false;
    const ps = slotsOf(x)
      .map((sl) => board.taken[sl.index])
      .filter((p) => p >= 0)
      .sort(
        (a, b) =>
          model.proposals[a].candidates.length - model.proposals[b].candidates.length || a - b,
      );
    const checkpoint = log.checkpoint();
    for (const p of ps) log.move(p, -1);
    const elsewhere = new Augmenter(candidates, model.slots.length);
    const ok = ps.every((p) => {
      const chain = elsewhere.find(
        p,
        board.taken,
        (q, s) => sessionOf(s) !== x && board.orgFree(q, s),
        (s) => sessionOf(s) !== x && board.count[sessionOf(s)] > 0,
      );
      inUsed.work += elsewhere.work;
      elsewhere.work = 0;
      if (!chain || !applyChain(board, log, p, chain)) return false;
      elsewhere.resetDead();
      return true;
    });
    if (!ok) log.undo(checkpoint);
    changed();
    return ok;
  };
  const tried = new Set<number>();
  for (;;) {
    if (spent()) break;
    const next = model.sessions
      .map((s) => s.index)
      .filter((s) => board.count[s] > 0 && !tried.has(s))
      .sort(
        (a, b) =>
          board.count[a] - board.count[b] ||
          model.sessions[b].start - model.sessions[a].start ||
          b - a,
      )[0];
    if (next === undefined) break;
    if (tryEmpty(next)) tried.clear();
    else tried.add(next);
  }

  // 3. No holes.
  for (const session of model.sessions) {
    const ps = session.slots.map((sl) => board.taken[sl.index]).filter((p) => p >= 0);
    if (!ps.length) continue;
    const packed = packSession(model, session.index, ps, (p, lim) =>
      (cands.bySession[p].get(session.index) ?? []).filter(
        (s) => model.slots[s].k < lim && board.orgFree(p, s, session.index),
      ),
    );
    if (packed.size !== ps.length) continue;
    for (const p of ps) board.remove(p);
    for (const [p, s] of packed) board.place(p, s);
  }
}
