import seedrandom from 'seedrandom';
import { buildModel, Model, overlaps, reasonFor } from './model';
import {
  PlacementViolation,
  RoadshowAssignment,
  RoadshowInput,
  RoadshowOutput,
} from './roadshow-types';
import { formatWallClock, parseWallClock } from './wall-clock';

/** slotOf[p]: the slot index of proposal p, or -1 when not placed. */
type Solution = number[];

interface Score {
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

export function scoreOf(model: Model, sol: Solution): Score {
  const perSession = new Map<number, number[]>();
  let placed = 0;
  sol.forEach((slot) => {
    if (slot < 0) return;
    placed++;
    const sl = model.slots[slot];
    perSession.set(sl.session, [...(perSession.get(sl.session) ?? []), sl.k]);
  });
  let holes = 0;
  for (const ks of perSession.values()) holes += Math.max(...ks) + 1 - ks.length;
  return { placed, sessions: perSession.size, holes };
}

/** State for building a solution: which slots are taken and when each organisation pitches. */
class Board {
  readonly slotOf: number[];
  readonly taken: Int32Array;
  private readonly orgTimes: Map<number, { p: number; start: number; end: number }[]> = new Map();

  constructor(private readonly model: Model) {
    this.slotOf = model.proposals.map(() => -1);
    this.taken = new Int32Array(model.slots.length).fill(-1);
  }

  fits(p: number, slot: number): boolean {
    if (this.taken[slot] !== -1) return false;
    const sl = this.model.slots[slot];
    const times = this.orgTimes.get(this.model.proposals[p].org) ?? [];
    return !times.some((t) => overlaps(sl.start, sl.end, t.start, t.end));
  }

  /** Whether p could take `slot` ignoring who holds slots (organisation clashes only). */
  orgFree(p: number, slot: number, ignore: Set<number> = new Set()): boolean {
    const sl = this.model.slots[slot];
    const times = this.orgTimes.get(this.model.proposals[p].org) ?? [];
    return !times.some(
      (t) => t.p !== p && !ignore.has(t.p) && overlaps(sl.start, sl.end, t.start, t.end),
    );
  }

  place(p: number, slot: number): void {
    this.slotOf[p] = slot;
    this.taken[slot] = p;
    const sl = this.model.slots[slot];
    const org = this.model.proposals[p].org;
    this.orgTimes.set(org, [
      ...(this.orgTimes.get(org) ?? []),
      { p, start: sl.start, end: sl.end },
    ]);
  }

  remove(p: number): void {
    const slot = this.slotOf[p];
    if (slot < 0) return;
    const sl = this.model.slots[slot];
    const org = this.model.proposals[p].org;
    const times = this.orgTimes.get(org)!;
    times.splice(
      times.findIndex((t) => t.p === p && t.start === sl.start),
      1,
    );
    this.taken[slot] = -1;
    this.slotOf[p] = -1;
  }
}

/** Maximum bipartite matching (Kuhn): proposals in the given order to the allowed slots. */
function match(
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
  for (const p of proposals) {
    if (slotOwner.size >= capacity) break;
    tryP(p, new Set());
  }
  return new Map([...slotOwner].map(([s, p]) => [p, s]));
}

/**
 * Greedy session filling: opens, one at a time, the session that can take the most of the proposals
 * still waiting (a maximum matching, most constrained first, on the earliest slots possible), until no
 * session can take any. Few sessions, few holes; not proven optimal.
 */
function greedy(model: Model): Solution {
  const board = new Board(model);
  const waiting = new Set(model.proposals.filter((p) => p.candidates.length).map((p) => p.index));
  const open = new Set(model.sessions.map((s) => s.index));
  const byConstraint = (ps: number[]) =>
    [...ps].sort(
      (a, b) =>
        model.proposals[a].candidates.length - model.proposals[b].candidates.length || a - b,
    );
  // Each proposal's candidate slots per session, by slot number.
  const bySession = model.proposals.map((p) => {
    const m = new Map<number, number[]>();
    for (const s of p.candidates) {
      const sl = model.slots[s];
      m.set(sl.session, [...(m.get(sl.session) ?? []), s]);
    }
    return m;
  });
  // Most constrained first: the proposals with the fewest candidate slots get theirs before others.
  const order = byConstraint([...waiting]);
  const fill = (session: number) => {
    const size = model.sessions[session].slots.length;
    const ps = order.filter((p) => waiting.has(p) && bySession[p].has(session));
    const allowedIn = (limit: number) => (p: number) =>
      bySession[p].get(session)!.filter((s) => model.slots[s].k < limit && board.fits(p, s));
    const full = match(ps, allowedIn(size), size);
    // The same number of pitches on the fewest first slots: no holes unless a rule forces one.
    for (let limit = full.size; limit < size; limit++) {
      const m = match(ps, allowedIn(limit), limit);
      if (m.size === full.size) return m;
    }
    return full;
  };
  for (;;) {
    let best: { session: number; m: Map<number, number> } | undefined;
    // In start order: the earliest of the sessions taking the most wins; a full session cannot be beaten.
    for (const s of [...open].sort(
      (a, b) => model.sessions[a].start - model.sessions[b].start || a - b,
    )) {
      const m = fill(s);
      if (m.size && (!best || m.size > best.m.size)) best = { session: s, m };
      if (best && best.m.size === model.maxSlotsPerSession) break;
    }
    if (!best) break;
    // Organisation clashes between pitches of this very session cannot happen (its slots never overlap).
    for (const [p, s] of best.m) {
      board.place(p, s);
      waiting.delete(p);
    }
    open.delete(best.session);
  }
  return [...board.slotOf];
}

/**
 * Branch and bound over every assignment (each proposal: one of its candidate slots, or none), from the
 * greedy incumbent. Returns the best found and whether the search finished within the node budget
 * (then the result is optimal).
 */
function exact(
  model: Model,
  incumbent: Solution,
  budget: number,
): { sol: Solution; done: boolean } {
  const order = model.proposals
    .map((p) => p.index)
    .sort(
      (a, b) =>
        model.proposals[a].candidates.length - model.proposals[b].candidates.length || a - b,
    );
  const board = new Board(model);
  let best = incumbent;
  let bestScore = scoreOf(model, incumbent);
  let nodes = 0;
  const sessionUse = new Int32Array(model.sessions.length);
  let used = 0;
  let placed = 0;
  const placeable = order.map((p) => (model.proposals[p].candidates.length ? 1 : 0));
  const suffix = new Int32Array(order.length + 1);
  for (let i = order.length - 1; i >= 0; i--) suffix[i] = suffix[i + 1] + placeable[i];
  const dfs = (i: number): boolean => {
    if (++nodes > budget) return false;
    if (placed + suffix[i] < bestScore.placed) return true;
    if (placed + suffix[i] === bestScore.placed && used > bestScore.sessions) return true;
    if (i === order.length) {
      const sc = scoreOf(model, board.slotOf);
      if (better(sc, bestScore)) {
        bestScore = sc;
        best = [...board.slotOf];
      }
      return true;
    }
    const p = order[i];
    // Slots in sessions already in use first, then by slot number: good solutions come early.
    const cands = model.proposals[p].candidates
      .filter((s) => board.fits(p, s))
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
      if (sessionUse[session]++ === 0) used++;
      placed++;
      const ok = dfs(i + 1);
      placed--;
      if (--sessionUse[session] === 0) used--;
      board.remove(p);
      if (!ok) return false;
    }
    return dfs(i + 1);
  };
  const done = dfs(0);
  return { sol: best, done };
}

/**
 * The draw (抽签): in each session, the pitches chosen for it are shuffled with a generator seeded by the
 * seed and the session id, then given the session's chosen slots in that order — each the earliest slot
 * that still leaves every other pitch a slot (a rule such as an unavailable time can override the draw).
 */
function draw(model: Model, sol: Solution, seed: string): Solution {
  const out = [...sol];
  const candidateSets = model.proposals.map((p) => new Set(p.candidates));
  const board = new Board(model);
  out.forEach((s, p) => s >= 0 && board.place(p, s));
  for (const session of model.sessions) {
    const ps = out
      .map((s, p) => (s >= 0 && model.slots[s].session === session.index ? p : -1))
      .filter((p) => p >= 0);
    if (ps.length < 2) continue;
    const slots = ps.map((p) => out[p]).sort((a, b) => model.slots[a].k - model.slots[b].k);
    const rng = seedrandom(`${seed}|${session.input.id}`);
    const shuffled = [...ps].sort((a, b) => a - b);
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
    }
    for (const p of ps) board.remove(p);
    const inSession = new Set(ps);
    const allowed = (p: number, free: number[]) =>
      free.filter((s) => candidateSets[p].has(s) && board.orgFree(p, s, inSession));
    let free = [...slots];
    const rest = [...shuffled];
    while (rest.length) {
      const p = rest.shift()!;
      const pick = allowed(p, free).find((s) => {
        const others = free.filter((x) => x !== s);
        return match(rest, (q) => allowed(q, others)).size === rest.length;
      })!;
      out[p] = pick;
      free = free.filter((x) => x !== pick);
    }
    for (const p of ps) board.place(p, out[p]);
  }
  return out;
}

export interface ScheduleOptions {
  /** Search nodes for the exact branch and bound before settling for the heuristic (default 200,000). */
  exactBudget?: number;
}

/**
 * Places every proposal it can: hard rules always hold (room, judge, organisation never double-booked;
 * tracks; no pitch in its organisation's unavailable times; a quorum of non-conflicted judges); then as
 * many placed as possible, as few sessions as possible, no holes unless forced; the seeded draw orders
 * the pitches. Exact (branch and bound) when the search fits its budget, else the greedy result with a
 * lower bound on sessions.
 */
export function scheduleRoadshow(
  input: RoadshowInput,
  options: ScheduleOptions = {},
): RoadshowOutput {
  const model = buildModel(input);
  const start = greedy(model);
  // The exhaustive search is for small competitions; beyond, the greedy result stands with its bound.
  const small = model.proposals.length <= 16 && model.slots.length <= 64;
  const searched = small
    ? exact(model, start, options.exactBudget ?? 200_000)
    : { sol: start, done: false };
  const sol = draw(model, searched.sol, input.seed);
  const score = scoreOf(model, sol);
  const len = input.slot.pitchMinutes + input.slot.qaMinutes;
  const assignments: RoadshowAssignment[] = [];
  sol.forEach((s, p) => {
    if (s < 0) return;
    const sl = model.slots[s];
    assignments.push({
      proposal: model.proposals[p].input.id,
      session: model.sessions[sl.session].input.id,
      start: formatWallClock(sl.start),
      end: formatWallClock(sl.start + len),
    });
  });
  assignments.sort((a, b) => a.start.localeCompare(b.start) || a.session.localeCompare(b.session));
  const upperPlaced = match(
    model.proposals.map((p) => p.index),
    (p) => model.proposals[p].candidates,
  ).size;
  const lower = model.maxSlotsPerSession ? Math.ceil(score.placed / model.maxSlotsPerSession) : 0;
  return {
    assignments,
    unplaced: sol
      .map((s, p) => (s < 0 ? p : -1))
      .filter((p) => p >= 0)
      .map((p) => ({
        proposal: model.proposals[p].input.id,
        reason: reasonFor(model, model.proposals[p]),
      })),
    sessionsUsed: score.sessions,
    seed: input.seed,
    bounds: {
      exact:
        searched.done ||
        (score.placed === upperPlaced && score.sessions === lower && score.holes === 0),
      sessionsLowerBound: lower,
      holes: score.holes,
    },
  };
}

/**
 * The hard rules over a hand-edited agenda: each assignment on a real slot of its session, of its track,
 * with a quorum of non-conflicted judges, outside its organisation's unavailable times; one pitch per slot;
 * one slot per proposal; no organisation in two places at once. Lists every violation.
 */
export function checkPlacement(
  input: RoadshowInput,
  assignments: RoadshowAssignment[],
): PlacementViolation[] {
  const model = buildModel(input);
  const out: PlacementViolation[] = [];
  const bySlot = new Map<number, string>();
  const seen = new Set<string>();
  const placedTimes: { org: number; start: number; end: number; proposal: string }[] = [];
  for (const a of assignments) {
    const p = model.proposals.find((x) => x.input.id === a.proposal);
    const session = model.sessions.find((s) => s.input.id === a.session);
    const start = parseWallClock(a.start);
    const slot = session?.slots.find((s) => s.start === start);
    if (!p || !session || !slot) {
      out.push({
        proposal: a.proposal,
        rule: 'slot',
        message: `${a.proposal}: not a slot of session ${a.session}`,
      });
      continue;
    }
    if (seen.has(a.proposal))
      out.push({ proposal: a.proposal, rule: 'slot', message: `${a.proposal}: placed twice` });
    seen.add(a.proposal);
    if (bySlot.has(slot.index))
      out.push({
        proposal: a.proposal,
        rule: 'slot',
        message: `${a.proposal}: slot ${a.start} of ${a.session} taken by ${bySlot.get(slot.index)}`,
      });
    bySlot.set(slot.index, a.proposal);
    const s = session.input;
    if (s.track !== null && s.track !== p.input.track)
      out.push({
        proposal: a.proposal,
        rule: 'track',
        message: `${a.proposal}: track ${p.input.track} in a ${s.track} session`,
      });
    if (s.judges.filter((j) => !p.conflicts.has(j)).length < input.quorum)
      out.push({
        proposal: a.proposal,
        rule: 'quorum',
        message: `${a.proposal}: fewer than ${input.quorum} non-conflicted judges in ${a.session}`,
      });
    if (p.unavailable.some(([u0, u1]) => overlaps(slot.start, slot.end, u0, u1)))
      out.push({
        proposal: a.proposal,
        rule: 'unavailable',
        message: `${a.proposal}: its organisation cannot come at ${a.start}`,
      });
    const clash = placedTimes.find(
      (x) => x.org === p.org && overlaps(slot.start, slot.end, x.start, x.end),
    );
    if (clash)
      out.push({
        proposal: a.proposal,
        rule: 'organisation',
        message: `${a.proposal}: organisation ${p.input.organisation} also pitches ${clash.proposal} at that time`,
      });
    placedTimes.push({ org: p.org, start: slot.start, end: slot.end, proposal: a.proposal });
  }
  return out;
}

/** Start and end of the k-th slot of a session. */
export function slotTimes(
  input: Pick<RoadshowInput, 'slot'>,
  session: { start: string },
  k: number,
): { start: string; end: string } {
  const { pitchMinutes, qaMinutes, changeoverMinutes } = input.slot;
  const s = parseWallClock(session.start)! + k * (pitchMinutes + qaMinutes + changeoverMinutes);
  return { start: formatWallClock(s), end: formatWallClock(s + pitchMinutes + qaMinutes) };
}
