import {
  RoadshowInput,
  RoadshowInputError,
  RoadshowProposalInput,
  RoadshowSessionInput,
} from './roadshow-types';
import { parseWallClock } from './wall-clock';

/** One slot: the k-th of a session, [start, end) in minutes. */
export interface Slot {
  index: number;
  session: number;
  k: number;
  start: number;
  end: number;
}

export interface SessionModel {
  input: RoadshowSessionInput;
  index: number;
  start: number;
  end: number;
  slots: Slot[];
}

export interface ProposalModel {
  input: RoadshowProposalInput;
  index: number;
  org: number;
  unavailable: [number, number][];
  conflicts: Set<string>;
  /** Slots satisfying track, quorum and availability (room, judges and one-pitch-per-slot hold by construction). */
  candidates: number[];
}

export interface Model {
  input: RoadshowInput;
  sessions: SessionModel[];
  slots: Slot[];
  proposals: ProposalModel[];
  maxSlotsPerSession: number;
  /** Slots with the same [start, end) share a time class: timeClass[slot]. */
  timeClass: Int32Array;
  /** Per time class, the time classes overlapping it (itself included). */
  classOverlaps: number[][];
}

const overlaps = (a0: number, a1: number, b0: number, b1: number) => a0 < b1 && b0 < a1;

/**
 * Checks the input; throws RoadshowInputError listing every problem, each naming what clashes. A
 * conflict must name a judge who sits in some session: an unknown id is refused (most likely a typo,
 * which would silently drop a recusal); the platform passes only the recusals of judges who sit.
 */
export function validateRoadshowInput(input: RoadshowInput): void {
  const problems: string[] = [];
  const int = (v: unknown, min: number) => Number.isInteger(v) && (v as number) >= min;
  if (!input || typeof input !== 'object') throw new RoadshowInputError(['input: not an object']);
  const slot = (
    input.slot && typeof input.slot === 'object' ? input.slot : {}
  ) as RoadshowInput['slot'];
  if (!int(slot.pitchMinutes, 1)) problems.push('slot.pitchMinutes: a whole number ≥ 1');
  if (!int(slot.qaMinutes, 0)) problems.push('slot.qaMinutes: a whole number ≥ 0');
  if (!int(slot.changeoverMinutes, 0)) problems.push('slot.changeoverMinutes: a whole number ≥ 0');
  // Without a slot template the sessions' length cannot be checked against it.
  const len = problems.length ? undefined : slot.pitchMinutes + slot.qaMinutes;
  if (!int(input.quorum, 1)) problems.push('quorum: a whole number ≥ 1');
  if (typeof input.seed !== 'string') problems.push('seed: a string');
  if (!Array.isArray(input.sessions)) problems.push('sessions: a list');
  if (!Array.isArray(input.proposals)) problems.push('proposals: a list');
  if (!Array.isArray(input.sessions) || !Array.isArray(input.proposals))
    throw new RoadshowInputError(problems);
  const ids = new Set<string>();
  const parsed: { s: RoadshowSessionInput; start: number; end: number }[] = [];
  for (const s of input.sessions) {
    const start = parseWallClock(s?.start);
    const end = parseWallClock(s?.end);
    if (typeof s?.id !== 'string' || !s.id) {
      problems.push('session without an id');
      continue;
    }
    if (ids.has(s.id)) problems.push(`session ${s.id}: duplicate id`);
    ids.add(s.id);
    if (start === undefined || end === undefined) {
      problems.push(`session ${s.id}: start and end must be YYYY-MM-DDTHH:mm`);
      continue;
    }
    if (end <= start) problems.push(`session ${s.id}: ends before it starts`);
    else if (len !== undefined && start + len > end)
      problems.push(`session ${s.id}: shorter than one slot (${len} minutes)`);
    if (typeof s.room !== 'string' || !s.room) problems.push(`session ${s.id}: no room`);
    if (!Array.isArray(s.judges) || s.judges.some((j) => typeof j !== 'string'))
      problems.push(`session ${s.id}: judges must be a list of ids`);
    else if (new Set(s.judges).size !== s.judges.length)
      problems.push(`session ${s.id}: a judge listed twice`);
    if (s.track !== null && typeof s.track !== 'string')
      problems.push(`session ${s.id}: track must be a string or null`);
    parsed.push({ s, start, end });
  }
  for (let i = 0; i < parsed.length; i++)
    for (let j = i + 1; j < parsed.length; j++) {
      const a = parsed[i];
      const b = parsed[j];
      if (!overlaps(a.start, a.end, b.start, b.end)) continue;
      if (a.s.room === b.s.room)
        problems.push(`room ${a.s.room} double-booked: sessions ${a.s.id} and ${b.s.id} overlap`);
      const judgesOf = (s: RoadshowSessionInput) => (Array.isArray(s.judges) ? s.judges : []);
      const both = judgesOf(a.s).filter((x) => judgesOf(b.s).includes(x));
      for (const judge of both)
        problems.push(`judge ${judge} in two overlapping sessions: ${a.s.id} and ${b.s.id}`);
    }
  const judges = new Set(input.sessions.flatMap((s) => (Array.isArray(s?.judges) ? s.judges : [])));
  const pids = new Set<string>();
  for (const p of input.proposals) {
    if (typeof p?.id !== 'string' || !p.id) {
      problems.push('proposal without an id');
      continue;
    }
    if (pids.has(p.id)) problems.push(`proposal ${p.id}: duplicate id`);
    pids.add(p.id);
    if (typeof p.organisation !== 'string' || !p.organisation)
      problems.push(`proposal ${p.id}: no organisation`);
    if (typeof p.track !== 'string') problems.push(`proposal ${p.id}: no track`);
    for (const u of Array.isArray(p.unavailable) ? p.unavailable : []) {
      const a = parseWallClock(u?.start);
      const b = parseWallClock(u?.end);
      if (a === undefined || b === undefined)
        problems.push(`proposal ${p.id}: unavailable times must be YYYY-MM-DDTHH:mm`);
      else if (b <= a) problems.push(`proposal ${p.id}: an unavailable time ends before it starts`);
    }
    if (!Array.isArray(p.unavailable))
      problems.push(`proposal ${p.id}: unavailable must be a list`);
    if (!Array.isArray(p.conflicts)) problems.push(`proposal ${p.id}: conflicts must be a list`);
    else
      for (const j of p.conflicts)
        if (!judges.has(j)) problems.push(`proposal ${p.id}: unknown judge ${j} in conflicts`);
  }
  if (problems.length) throw new RoadshowInputError(problems);
}

/** Slots, and each proposal's candidate slots (track, quorum of non-conflicted judges, availability). */
export function buildModel(input: RoadshowInput): Model {
  validateRoadshowInput(input);
  const { pitchMinutes, qaMinutes, changeoverMinutes } = input.slot;
  const len = pitchMinutes + qaMinutes;
  const step = len + changeoverMinutes;
  const slots: Slot[] = [];
  const sessions: SessionModel[] = input.sessions.map((s, index) => {
    const start = parseWallClock(s.start)!;
    const end = parseWallClock(s.end)!;
    const own: Slot[] = [];
    for (let k = 0; start + k * step + len <= end; k++) {
      const slot = {
        index: slots.length,
        session: index,
        k,
        start: start + k * step,
        end: start + k * step + len,
      };
      slots.push(slot);
      own.push(slot);
    }
    return { input: s, index, start, end, slots: own };
  });
  const orgs = new Map<string, number>();
  const proposals: ProposalModel[] = input.proposals.map((p, index) => {
    if (!orgs.has(p.organisation)) orgs.set(p.organisation, orgs.size);
    const unavailable = p.unavailable.map(
      (u) => [parseWallClock(u.start)!, parseWallClock(u.end)!] as [number, number],
    );
    const conflicts = new Set(p.conflicts);
    const candidates: number[] = [];
    for (const session of sessions) {
      const s = session.input;
      if (s.track !== null && s.track !== p.track) continue;
      if (s.judges.filter((j) => !conflicts.has(j)).length < input.quorum) continue;
      // Only the unavailable times meeting the session can remove its slots.
      const away = unavailable.filter(([a, b]) => overlaps(session.start, session.end, a, b));
      for (const sl of session.slots)
        if (!away.length || !away.some(([a, b]) => overlaps(sl.start, sl.end, a, b)))
          candidates.push(sl.index);
    }
    return { input: p, index, org: orgs.get(p.organisation)!, unavailable, conflicts, candidates };
  });
  return {
    input,
    sessions,
    slots,
    proposals,
    maxSlotsPerSession: Math.max(0, ...sessions.map((s) => s.slots.length)),
    ...timeClasses(slots),
  };
}

/** Groups slots by their [start, end), and lists for each group the groups overlapping it. */
function timeClasses(slots: Slot[]): Pick<Model, 'timeClass' | 'classOverlaps'> {
  const byTime = new Map<string, number>();
  const times: { start: number; end: number }[] = [];
  const timeClass = new Int32Array(slots.length);
  for (const sl of slots) {
    const key = `${sl.start}-${sl.end}`;
    let c = byTime.get(key);
    if (c === undefined) {
      c = times.length;
      byTime.set(key, c);
      times.push({ start: sl.start, end: sl.end });
    }
    timeClass[sl.index] = c;
  }
  const byStart = times.map((_, c) => c).sort((a, b) => times[a].start - times[b].start);
  const classOverlaps: number[][] = times.map(() => []);
  // Sweep by start: a later class overlaps c only while it starts before c ends.
  for (let i = 0; i < byStart.length; i++) {
    const c = byStart[i];
    classOverlaps[c].push(c);
    for (let j = i + 1; j < byStart.length && times[byStart[j]].start < times[c].end; j++) {
      classOverlaps[c].push(byStart[j]);
      classOverlaps[byStart[j]].push(c);
    }
  }
  return { timeClass, classOverlaps };
}

/** Why a proposal has no candidate at all, or no_free_slot when it has some. */
export function reasonFor(model: Model, p: ProposalModel) {
  const { input } = model;
  const ofTrack = model.sessions.filter(
    (s) => s.input.track === null || s.input.track === p.input.track,
  );
  if (!ofTrack.length) return 'no_session_for_track' as const;
  const withQuorum = ofTrack.filter(
    (s) =>
      s.input.judges.filter((j) => !p.conflicts.has(j)).length >= input.quorum && s.slots.length,
  );
  if (!withQuorum.length) return 'no_session_with_quorum' as const;
  if (!p.candidates.length) return 'unavailable' as const;
  return 'no_free_slot' as const;
}

export { overlaps };
