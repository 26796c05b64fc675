import {
  checkPlacement,
  formatWallClock,
  parseWallClock,
  scheduleRoadshow,
  type RoadshowInput,
} from '@gv/roadshow';
import type { BenchResult } from '../bench-result';

const RUNS = 5;

/** Deterministic LCG so every run sees the same instance. */
function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

/**
 * 1,000 proposals offered 100 sessions of 12 slots: 5 rooms × 10 days, morning and afternoon, 5 judges
 * per room (25 in all), a quorum of 3; 10% of organisations away for a day, 8% of proposals with two
 * conflicted judges, 15% of sessions reserved for one track.
 */
export function instance(proposals = 1000): RoadshowInput {
  const rnd = lcg(2026);
  const sessions: RoadshowInput['sessions'] = [];
  for (let day = 0; day < 10; day++)
    for (const [from, to] of [
      ['09:00', '12:55'],
      ['14:00', '17:55'],
    ])
      for (let room = 0; room < 5; room++) {
        const date = formatWallClock(parseWallClock('2026-05-11T00:00')! + day * 1440).slice(0, 10);
        const r = rnd();
        sessions.push({
          id: `D${day}-${from}-R${room}`,
          room: `R${room}`,
          start: `${date}T${from}`,
          end: `${date}T${to}`,
          track: r < 0.1 ? 'self_governance' : r < 0.15 ? 'venture' : null,
          judges: [0, 1, 2, 3, 4].map((j) => `J${room * 5 + j}`),
        });
      }
  const list: RoadshowInput['proposals'] = [];
  for (let p = 0; p < proposals; p++) {
    const org = `O${Math.floor(p * 0.6)}`;
    const away = rnd() < 0.1 ? Math.floor(rnd() * 10) : -1;
    const awayDate = formatWallClock(parseWallClock('2026-05-11T00:00')! + away * 1440).slice(
      0,
      10,
    );
    list.push({
      id: `P${p}`,
      organisation: org,
      track: rnd() < 0.2 ? 'self_governance' : 'venture',
      unavailable: away >= 0 ? [{ start: `${awayDate}T00:00`, end: `${awayDate}T23:59` }] : [],
      conflicts:
        rnd() < 0.08
          ? [`J${Math.floor(rnd() * 25)}`, `J${Math.floor(rnd() * 25)}`].filter(
              (v, i, a) => a.indexOf(v) === i,
            )
          : [],
    });
  }
  return {
    slot: { pitchMinutes: 8, qaMinutes: 7, changeoverMinutes: 5 },
    quorum: 3,
    seed: 'bench',
    sessions,
    proposals: list,
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

/** Baseline: first fit in input order, every proposal to the earliest free slot the rules allow. */
function firstFit(input: RoadshowInput) {
  const taken = new Set<string>();
  const orgBusy = new Map<string, [number, number][]>();
  const used = new Set<string>();
  let placed = 0;
  for (const p of input.proposals) {
    const busy = orgBusy.get(p.organisation) ?? [];
    const away = p.unavailable.map((u) => [parseWallClock(u.start)!, parseWallClock(u.end)!]);
    search: for (const s of input.sessions) {
      if (s.track !== null && s.track !== p.track) continue;
      if (s.judges.filter((j) => !p.conflicts.includes(j)).length < input.quorum) continue;
      for (let t = parseWallClock(s.start)!; t + 15 <= parseWallClock(s.end)!; t += 20) {
        const clash = (xs: number[][]) => xs.some(([a, b]) => t < b && a < t + 15);
        if (taken.has(`${s.id}@${t}`) || clash(busy) || clash(away)) continue;
        taken.add(`${s.id}@${t}`);
        busy.push([t, t + 15]);
        orgBusy.set(p.organisation, busy);
        used.add(s.id);
        placed++;
        break search;
      }
    }
  }
  return { placed, sessions: used.size };
}

export async function run(): Promise<BenchResult> {
  const input = instance();
  const times: number[] = [];
  let result = scheduleRoadshow(input);
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    result = scheduleRoadshow(input);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const violations = checkPlacement(input, result.assignments).length;
  const t0 = process.hrtime.bigint();
  const base = firstFit(input);
  const baseMs = Number(process.hrtime.bigint() - t0) / 1e6;
  return {
    scenario: 'roadshow',
    rows: [
      {
        engine: 'scheduleRoadshow',
        proposals: input.proposals.length,
        sessionsOffered: input.sessions.length,
        'median ms': Math.round(median(times)),
        placed: result.assignments.length,
        unplaced: result.unplaced.length,
        sessionsUsed: result.sessionsUsed,
        lowerBound: result.bounds.sessionsLowerBound,
        holes: result.bounds.holes,
        violations,
      },
      {
        engine: 'first fit (baseline)',
        proposals: input.proposals.length,
        sessionsOffered: input.sessions.length,
        'median ms': Math.round(baseMs),
        placed: base.placed,
        unplaced: input.proposals.length - base.placed,
        sessionsUsed: base.sessions,
        lowerBound: result.bounds.sessionsLowerBound,
        holes: '',
        violations: '',
      },
    ],
    notes: [
      `sessions used / lower bound = ${(result.sessionsUsed / Math.max(1, result.bounds.sessionsLowerBound)).toFixed(3)}; target: under 1 s (median of ${RUNS})`,
    ],
  };
}
