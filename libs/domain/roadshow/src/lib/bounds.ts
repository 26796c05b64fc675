import { Model } from './model';

/** Fewest of `caps` (largest first) that hold `n`; Infinity when even all of them cannot. */
function fewestHolding(caps: number[], n: number): number {
  let held = 0;
  let k = 0;
  for (const c of caps) {
    if (held >= n) break;
    held += c;
    k++;
  }
  return held >= n ? k : Infinity;
}

/**
 * A lower bound on the sessions of an optimal schedule, given that it places at least `placed` pitches
 * (the heuristic's count; the optimum places as many or more, and every bound below grows with it).
 *
 * A session's capacity is its slots that are some proposal's candidate. First, the fewest sessions whose
 * capacities hold `placed`. Then per track: an optimum places at least n(T) = placed − (placeable
 * proposals of the other tracks) of track T; a session reserved for T holds only T (at most c(T), its
 * largest such capacity) and open sessions (track null) hold the rest. For each number u of open sessions
 * (their u largest capacities pooled), the reserved sessions needed are Σ ⌈n(T) / c(T)⌉ less those the
 * pool absorbs: sparing one of track T's costs its remainder n(T) − (⌈n(T)/c(T)⌉ − 1)·c(T) first, c(T)
 * after, so the pool spares the cheapest. The bound is the least u + reserved over u.
 */
export function sessionsLowerBound(model: Model, placed: number): number {
  if (placed <= 0) return 0;
  const usable = new Uint8Array(model.slots.length);
  /** Per track: its placeable proposals, and per session the slots some of them may take. */
  const tracks = new Map<string, { placeable: number; usable: Uint8Array }>();
  for (const p of model.proposals) {
    if (!p.candidates.length) continue;
    let t = tracks.get(p.input.track);
    if (!t) {
      t = { placeable: 0, usable: new Uint8Array(model.slots.length) };
      tracks.set(p.input.track, t);
    }
    t.placeable++;
    for (const s of p.candidates) {
      usable[s] = 1;
      t.usable[s] = 1;
    }
  }
  const held = (session: number, marks: Uint8Array) =>
    model.sessions[session].slots.reduce((n, sl) => n + marks[sl.index], 0);
  const capacity = model.sessions.map((s) => held(s.index, usable));
  const desc = (xs: number[]) => xs.filter((x) => x > 0).sort((a, b) => b - a);
  const overall = fewestHolding(desc(capacity), placed);

  const allPlaceable = [...tracks.values()].reduce((n, t) => n + t.placeable, 0);
  const open = desc(
    model.sessions.filter((s) => s.input.track === null).map((s) => capacity[s.index]),
  );
  let mandatory = 0;
  let reserved = 0;
  const spare: number[] = [];
  for (const [track, t] of tracks) {
    const n = Math.min(t.placeable, Math.max(0, placed - (allPlaceable - t.placeable)));
    if (!n) continue;
    const c = Math.max(
      0,
      ...model.sessions.filter((s) => s.input.track === track).map((s) => held(s.index, t.usable)),
    );
    if (!c) {
      mandatory += n;
      continue;
    }
    const k = Math.ceil(n / c);
    reserved += k;
    spare.push(n - (k - 1) * c, ...new Array<number>(k - 1).fill(c));
  }
  spare.sort((a, b) => a - b);
  let byTrack = Infinity;
  let pool = 0;
  for (let u = 0; u <= open.length; u++) {
    if (u > 0) pool += open[u - 1];
    if (pool < mandatory) continue;
    let budget = pool - mandatory;
    let spared = 0;
    while (spared < spare.length && spare[spared] <= budget) budget -= spare[spared++];
    byTrack = Math.min(byTrack, u + reserved - spared);
  }
  const bound = Math.max(overall, Number.isFinite(byTrack) ? byTrack : 0);
  return Number.isFinite(bound) ? bound : 0;
}
