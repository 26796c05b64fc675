import * as fs from 'node:fs';
import * as path from 'node:path';
import { allocate, type AllocationProposal } from '@gv/allocation';
import { checkPb, metaValue, runPbRule } from '@gv/pabulib';
import { placeProjects } from '@gv/placement';
import { aggregateScores, type JudgeSheet, type Rubric } from '@gv/scoring';
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
      for (const c of RUBRIC.criteria) scores[c.id] = rnd() < 0.01 ? null : Math.floor(rnd() * (c.maxPoints + 1));
      sheets.push({ judgeId: `J${j}`, proposalId: pid, scores });
    }
  }
  return sheets;
}

function repoRoot(): string {
  // works from bench/src (ts) and dist/bench/src (compiled)
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'nx.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

/** Engines: 3M criterion scores aggregated + ranked + allocated; pabulib files; placement 500 x 50. */
export async function run(): Promise<BenchResult> {
  const rows: Array<Record<string, string | number>> = [];
  const notes: string[] = [];
  const mem = () => Math.round((process.memoryUsage().heapUsed / 2 ** 20) * 10) / 10;

  const sheets = makeSheets(10_000, 50);
  const aggTimes: number[] = [];
  const allocTimes: number[] = [];
  let funded = 0;
  let peak = 0;
  for (let i = 0; i < RUNS; i++) {
    const agg = time(() => aggregateScores(RUBRIC, sheets, { method: 'trimmed_mean' }));
    const proposals: AllocationProposal[] = agg.value.proposals.map((p, k) => ({
      id: p.proposalId,
      score: p.score ?? { num: 0n, den: 1n },
      cost: 500_000 + ((k * 7919) % 2_000_000),
      submittedAt: k,
    }));
    const alloc = time(() => allocate(proposals, { rule: 'greedy', budgetCap: 1_160_000_000, passLine: { num: 40n, den: 1n }, tieBreak: { seed: 'bench' } }));
    aggTimes.push(agg.ms);
    allocTimes.push(alloc.ms);
    funded = alloc.value.funded.length;
    peak = Math.max(peak, mem());
  }
  rows.push({ step: 'aggregate 10,000 x 50 x 6 (trimmed mean)', median_ms: Math.round(median(aggTimes)), heap_mb: peak });
  rows.push({ step: 'rank + allocate 10,000 (greedy, cap)', median_ms: Math.round(median(allocTimes)), funded, heap_mb: peak });
  rows.push({
    step: 'aggregate + allocate (total)',
    median_ms: Math.round(median(aggTimes.map((a, i) => a + allocTimes[i]))),
    target_ms: 1000,
  });

  const dir = path.resolve(repoRoot(), '../shared/pabulib');
  if (!fs.existsSync(dir)) notes.push(`pabulib folder missing: ${dir}`);
  else {
    for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.pb')).sort()) {
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
      rows.push({ step: `pabulib ${f}`, rule: ruleToRun, votes: file.votes.length, median_ms: Math.round(median(times) * 10) / 10, winners });
    }
    notes.push('pabulib files with rule "unknown" are run with greedy for timing only.');
  }

  const rnd = lcg(7);
  const communities = Array.from({ length: 50 }, (_, i) => ({ id: `C${i}`, capacity: 8 + (i % 5), minimum: i % 10 === 0 ? 2 : 0, postedNeeds: [`N${i % 7}`] }));
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
  rows.push({ step: 'place 500 projects into 50 communities', median_ms: Math.round(median(placeTimes)), placed, heap_mb: mem() });
  notes.push(`median of ${RUNS} runs; heap_mb = process heap used after the step (MB).`);
  return { scenario: 'engines', rows, notes };
}
