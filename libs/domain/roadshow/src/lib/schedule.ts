import seedrandom from 'seedrandom';
import { placedUpperBound } from './augment';
import { Board, Solution } from './board';
import { sessionsLowerBound } from './bounds';
import { exact, scoreOf } from './exact';
import { Candidates, greedy, improve, match } from './heuristic';
import { buildModel, Model, overlaps, reasonFor } from './model';
import {
  PlacementViolation,
  RoadshowAssignment,
  RoadshowInput,
  RoadshowOutput,
} from './roadshow-types';
import { formatWallClock, parseWallClock } from './wall-clock';

export { better, scoreOf } from './exact';
export type { Score } from './exact';

/**
 * The draw (抽签): in each session, the pitches chosen for it are shuffled with a generator seeded by the
 * seed and the session id (seedrandom, ARC4), then given the session's chosen slots in that order — each
 * the earliest slot that still leaves every other pitch a slot (a rule such as an unavailable time can
 * override the draw).
 */
function draw(model: Model, cands: Candidates, sol: Solution, seed: string): number[] {
  const out = Array.from(sol);
  const board = new Board(model, sol);
  for (const session of model.sessions) {
    const ps = session.slots.map((sl) => board.taken[sl.index]).filter((p) => p >= 0);
    if (ps.length < 2) continue;
    const slots = ps.map((p) => out[p]).sort((a, b) => model.slots[a].k - model.slots[b].k);
    const rng = seedrandom(`${seed}|${session.input.id}`);
    const shuffled = [...ps].sort((a, b) => a - b);
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
    }
    // Other sessions' pitches stay; this session's never overlap one another.
    const allowed = (p: number, free: number[]) =>
      free.filter((s) => cands.has(p, s) && board.orgFree(p, s, session.index));
    let free = [...slots];
    for (let i = 0; i < shuffled.length; i++) {
      const p = shuffled[i];
      const rest = shuffled.slice(i + 1);
      // Always found: the pitches held these slots before the draw.
      const pick = allowed(p, free).find((s) => {
        const others = free.filter((x) => x !== s);
        return match(rest, (q) => allowed(q, others)).size === rest.length;
      });
      if (pick === undefined)
        throw new Error(`draw: no slot left for ${model.proposals[p].input.id}`);
      out[p] = pick;
      free = free.filter((x) => x !== pick);
    }
    for (const p of ps) board.remove(p);
    for (const p of ps) board.place(p, out[p]);
  }
  return out;
}

export interface ScheduleOptions {
  /** Search nodes for the exact branch and bound on small instances (default 200,000). */
  exactBudget?: number;
  /** Edges the heuristic's augmenting searches may look at (default 40 million; deterministic). */
  workLimit?: number;
}

/** The exhaustive search is for small competitions; beyond, the heuristic result stands with its bounds. */
const SMALL = { proposals: 16, slots: 64 };

/**
 * Places every proposal it can: hard rules always hold (room, judge, organisation never double-booked;
 * tracks; no pitch in its organisation's unavailable times; a quorum of non-conflicted judges); then as
 * many placed as possible, as few sessions as possible, no holes unless forced; the seeded draw orders
 * the pitches. The heuristic (greedy session filling, then local improvement) runs always; on a small
 * instance an exact branch and bound starts from it. `bounds.exact` says the result is proven optimal
 * (the search finished, or the heuristic meets both bounds with no holes).
 */
export function scheduleRoadshow(
  input: RoadshowInput,
  options: ScheduleOptions = {},
): RoadshowOutput {
  const model = buildModel(input);
  const cands = new Candidates(model);
  const board = greedy(model, cands);
  improve(model, cands, board, { workLimit: options.workLimit });
  const start = board.solution();
  const small = model.proposals.length <= SMALL.proposals && model.slots.length <= SMALL.slots;
  const searched = small
    ? exact(model, start, options.exactBudget ?? 200_000)
    : { sol: start, done: false };
  const sol = draw(model, cands, searched.sol, input.seed);
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
  const upperPlaced = placedUpperBound(model, sol);
  const lower = sessionsLowerBound(model, score.placed);
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
      placedUpperBound: upperPlaced,
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
