import * as fs from 'node:fs';
import * as path from 'node:path';
import { allocate, type AllocationProposal } from '@gv/allocation';
import { checkPb, metaValue, runPbRule } from '@gv/pabulib';
import { placeProjects } from '@gv/placement';
import { eq } from '@gv/rational';
import {
  aggregatePacked,
  aggregateScores,
  PACKED_NA,
  packSheets,
  type JudgeSheet,
  type PackedSheets,
  type Rubric,
  type ScoringResult,
} from '@gv/scoring';
import type { BenchResult } from '../bench-result';

const RUNS = 5;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

function time<T>(fn: () => T): { ms: number; value: T } {
  const t0 = process.hrtime.bigint();
  const value = fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, value };
}

/** Deterministic LCG so every run sees the same data. */
function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

const RUBRIC: Rubric = {
  criteria: [
    { id: 'need', maxPoints: 20, weight: 3 },
    { id: 'design', maxPoints: 20, weight: 2 },
    { id: 'team', maxPoints: 15, weight: 2 },
    { id: 'budget', maxPoints: 15, weight: 1 },
    { id: 'impact', maxPoints: 20, weight: 2 },
    { id: 'sustain', maxPoints: 10, weight: 1 },
  ],
};

function makeSheets(proposals: number, judges: number): JudgeSheet[] {
  const rnd = lcg(42);
  const sheets: JudgeSheet[] = [];
  for (let p = 0; p < proposals; p++) {
    const pid = `P${String(p).padStart(5, '0')}`;
    for (let j = 0; j < judges; j++) {
      const scores: Record<string, number | null> = {};
      for (const c of RUBRIC.criteria)
        scores[c.id] = rnd() < 0.01 ? null : Math.floor(rnd() * (c.maxPoints + 1));
      sheets.push({ judgeId: `J${j}`, proposalId: pid, scores });
    }
  }
  return sheets;
}

/** The same sheets as {@link makeSheets}, columnar: what a data layer hands the engine directly. */
function makePacked(proposals: number, judges: number): PackedSheets {
  const rnd = lcg(42);
  const C = RUBRIC.criteria.length;
  const n = proposals * judges;
  const proposal = new Int32Array(n);
  const judge = new Int32Array(n);
  const scores = new Int16Array(n * C);
  let i = 0;
  for (let p = 0; p < proposals; p++) {
    for (let j = 0; j < judges; j++, i++) {
      proposal[i] = p;
      judge[i] = j;
      RUBRIC.criteria.forEach((c, k) => {
        scores[i * C + k] = rnd() < 0.01 ? PACKED_NA : Math.floor(rnd() * (c.maxPoints + 1));
      });
    }
  }
  return {
    proposalIds: Array.from({ length: proposals }, (_, p) => `P${String(p).padStart(5, '0')}`),
    judgeIds: Array.from({ length: judges }, (_, j) => `J${j}`),
    proposal,
    judge,
    scores,
  };
}

function sameScores(a: ScoringResult, b: ScoringResult): boolean {
  return (
    a.proposals.length === b.proposals.length &&
    a.proposals.every((p, k) => {
      const q = b.proposals[k];
      return (
        p.proposalId === q.proposalId &&
        (p.score === null ? q.score === null : q.score !== null && eq(p.score, q.score))
      );
    })
  );
}

const CAP = {
  rule: 'greedy',
  budgetCap: 1_160_000_000,
  passLine: { num: 40n, den: 1n },
  tieBreak: { seed: 'bench' },
} as const;

function toAllocation(r: ScoringResult): AllocationProposal[] {
  return r.proposals.map((p, k) => ({
    id: p.proposalId,
    score: p.score ?? { num: 0n, den: 1n },
    cost: 500_000 + ((k * 7919) % 2_000_000),
    submittedAt: k,
  }));
}

/** The object-sheet path (aggregateScores) on the same data; checks it agrees with the packed result. */
function objectPath(reference: ScoringResult, funded: number, mem: () => number) {
  const sheets = makeSheets(10_000, 50);
  const aggTimes: number[] = [];
  const allocTimes: number[] = [];
  let peak = 0;
  let agree = true;
  for (let i = 0; i < RUNS; i++) {
    const agg = time(() => aggregateScores(RUBRIC, sheets, { method: 'trimmed_mean' }));
    const proposals = toAllocation(agg.value);
    const alloc = time(() => allocate(proposals, CAP));
    aggTimes.push(agg.ms);
    allocTimes.push(alloc.ms);
    peak = Math.max(peak, mem());
    if (i === 0) agree = sameScores(agg.value, reference) && alloc.value.funded.length === funded;
  }
  const packMs = time(() => packSheets(RUBRIC, sheets)).ms;
  return { aggTimes, allocTimes, peak, agree, packMs };
}

function repoRoot(): string {
  // works from bench/src (ts) and dist/bench/src (compiled)
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'nx.json')) && path.dirname(dir) !== dir)
    dir = path.dirname(dir);
  return dir;
}

/** Engines: 3M criterion scores aggregated + ranked + allocated; pabulib files; placement 500 x 50. */
export async function run(): Promise<BenchResult> {
  const rows: Array<Record<string, string | number>> = [];
  const notes: string[] = [];
  const mem = () => Math.round((process.memoryUsage().heapUsed / 2 ** 20) * 10) / 10;

  // fast path: packed (columnar) sheets, typed arrays, explanations built on demand
  const packed = makePacked(10_000, 50);
  const packedTimes: number[] = [];
  const allocTimes: number[] = [];
  let funded = 0;
  let packedPeak = 0;
  let packedResult: ScoringResult = { method: 'trimmed_mean', proposals: [], notes: [] };
  for (let i = 0; i < RUNS; i++) {
    const agg = time(() => aggregatePacked(RUBRIC, packed, { method: 'trimmed_mean' }));
    const proposals = toAllocation(agg.value);
    const alloc = time(() => allocate(proposals, CAP));
    packedTimes.push(agg.ms);
    allocTimes.push(alloc.ms);
    funded = alloc.value.funded.length;
    packedPeak = Math.max(packedPeak, mem());
    packedResult = agg.value;
  }
  const explainOne = time(() => packedResult.proposals[4_321].steps.length);

  // reference path: one object per sheet with a `scores` record (the sheets are freed on return)
  const obj = objectPath(packedResult, funded, mem);

  rows.push({
    step: 'aggregate 10,000 x 50 x 6 (trimmed mean), packed sheets',
    median_ms: Math.round(median(packedTimes)),
    heap_mb: packedPeak,
  });
  rows.push({
    step: 'rank + allocate 10,000 (greedy, cap)',
    median_ms: Math.round(median(allocTimes)),
    funded,
    heap_mb: packedPeak,
  });
  rows.push({
    step: 'aggregate + allocate (total), packed sheets',
    median_ms: Math.round(median(packedTimes.map((a, i) => a + allocTimes[i]))),
    target_ms: 1000,
  });
  rows.push({
    step: 'explain one proposal on demand (packed result)',
    median_ms: Math.round(explainOne.ms * 10) / 10,
  });
  rows.push({
    step: 'aggregate 10,000 x 50 x 6 (trimmed mean), object sheets',
    median_ms: Math.round(median(obj.aggTimes)),
    heap_mb: obj.peak,
  });
  rows.push({
    step: 'aggregate + allocate (total), object sheets',
    median_ms: Math.round(median(obj.aggTimes.map((a, i) => a + obj.allocTimes[i]))),
    target_ms: 1000,
  });
  rows.push({
    step: 'packSheets: 500,000 object sheets -> columnar (once)',
    median_ms: Math.round(obj.packMs),
  });
  notes.push(
    `packed and object paths give the same exact scores and funded set: ${obj.agree ? 'yes' : 'NO'}`,
  );

  const dir = path.resolve(repoRoot(), '../shared/pabulib');
  if (!fs.existsSync(dir)) notes.push(`pabulib folder missing: ${dir}`);
  else {
    for (const f of fs
      .readdirSync(dir)
      .filter((x) => x.endsWith('.pb'))
      .sort()) {
      const text = fs.readFileSync(path.join(dir, f), 'utf8');
      const file = checkPb(text).file;
      const rule = metaValue(file, 'rule') ?? '';
      const ruleToRun = rule === 'unknown' ? 'greedy' : rule;
      const times: number[] = [];
      let winners = 0;
      for (let i = 0; i < 3; i++) {
        const r = time(() => runPbRule(checkPb(text).file, ruleToRun));
        times.push(r.ms);
        winners = r.value.winners.length;
      }
      rows.push({
        step: `pabulib ${f}`,
        rule: ruleToRun,
        votes: file.votes.length,
        median_ms: Math.round(median(times) * 10) / 10,
        winners,
      });
    }
    notes.push('pabulib files with rule "unknown" are run with greedy for timing only.');
  }

  const rnd = lcg(7);
  const communities = Array.from({ length: 50 }, (_, i) => ({
    id: `C${i}`,
    capacity: 8 + (i % 5),
    minimum: i % 10 === 0 ? 2 : 0,
    postedNeeds: [`N${i % 7}`],
  }));
  const projects = Array.from({ length: 500 }, (_, i) => ({
    id: `F${i}`,
    preferences: Array.from({ length: 3 }, () => `C${Math.floor(rnd() * 50)}`),
    addressesNeeds: [`N${i % 7}`],
  }));
  const placeTimes: number[] = [];
  let placed = 0;
  for (let i = 0; i < RUNS; i++) {
    const r = time(() => placeProjects(projects, communities));
    placeTimes.push(r.ms);
    placed = r.value.assignments.length;
  }
  rows.push({
    step: 'place 500 projects into 50 communities',
    median_ms: Math.round(median(placeTimes)),
    placed,
    heap_mb: mem(),
  });
  notes.push(`median of ${RUNS} runs; heap_mb = process heap used after the step (MB).`);
  return { scenario: 'engines', rows, notes };
}
