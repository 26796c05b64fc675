import { ChildProcess } from 'node:child_process';
import { Agent, request as httpRequest } from 'node:http';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { AuthSession, newToken, User } from '@gv/accounts';
import { Call, CallPhase } from '@gv/calls';
import { loadConfig } from '@gv/config';
import { Role } from '@gv/core';
import { Organisation } from '@gv/organisations';
import { PanelGroup, PanelMember } from '@gv/panels';
import { Community } from '@gv/places';
import { openDataSource } from '@gv/platform';
import { Proposal, ProposalCommunity, ProposalStatus, ProposalVersion } from '@gv/proposals';
import { ReviewRubric, ReviewSheet } from '@gv/reviews';
import { BenchResult } from '../bench-result';
import {
  load,
  LoadResult,
  ratioRows,
  scratchDatabase,
  signIn,
  startBaseline,
  startProductionApi,
  stop,
} from '../support';

/** Judges on the panel, all scoring at once (one session each). */
const JUDGES = Number(process.env['BENCH_REVIEW_JUDGES'] ?? 200);
/** Eligible proposals of the bench call: every judge scores every one of them. */
const PROPOSALS = Number(process.env['BENCH_REVIEW_PROPOSALS'] ?? 8);
const BASELINE_PORT = 3921;
const API_PORT = 3922;
const API = `http://127.0.0.1:${API_PORT}`;
/** A client's patience per request, and how often it retries a 503/429 (honouring Retry-After). */
const REQUEST_TIMEOUT_MS = 120_000;
const RETRIES = 4;

type Scores = Record<string, number | null>;

interface Judge {
  index: number;
  memberId: number;
  token: string;
}

interface Prepared {
  callId: number;
  proposalIds: number[];
  judges: Judge[];
}

interface Sample {
  kind: 'save' | 'submit';
  ms: number;
  /** HTTP status, 0 for a network error or timeout. */
  status: number;
  code?: string;
}

/** What one judge did on one proposal, from the client's side. */
interface Outcome {
  judge: Judge;
  proposalId: number;
  saves: number;
  /** Scores of the last save the server acknowledged (2xx), null if none was. */
  acked: Scores | null;
  /** Scores of the last save sent. */
  sent: Scores | null;
  submitted: boolean;
  /** The version the server returned last. */
  version: number;
  failure?: string;
}

/** 2 or 3 draft saves per sheet, mixed over the judges. */
const savesFor = (j: number, p: number) => 2 + ((j + p) % 2);

/**
 * Every save's scores are distinct from the previous one of the same sheet (need moves by 7 of 26 each
 * save) and differ across judges and proposals, so a lost or reordered write shows in the table.
 */
function scoresFor(j: number, p: number, s: number): Scores {
  return {
    need: (j + 3 * p + 7 * s) % 26,
    design: (3 * j + p + 5 * s) % 26,
    team: (j + 2 * p + 3 * s) % 21,
    budget: (7 * j + p + s) % 16,
    sustain: (j + p + s) % 4 === 0 ? null : (2 * j + s) % 16,
  };
}

/** The value under `key`, or an error naming what is missing (a setup row that was not inserted). */
function found<K, V>(map: Map<K, V>, key: K, what: string): V {
  const v = map.get(key);
  if (v === undefined) throw new Error(`review bench setup: no ${what} for ${String(key)}`);
  return v;
}

const sameScores = (a: Scores | null | undefined, b: Scores | null | undefined) =>
  !!a &&
  !!b &&
  Object.keys(a).length === Object.keys(b).length &&
  Object.entries(a).every(([k, v]) => k in b && b[k] === v);

/**
 * A scoring competition of its own in the scratch database: a call in the scoring phase copied from the
 * demo one, PROPOSALS eligible proposals (submitted version 1), JUDGES judge accounts seated on its
 * panel, and an API session per judge stored as a sign-in stores it (SHA-256 of the bearer token), so
 * 200 argon2 sign-ins do not dominate the setup.
 */
async function prepare(ds: DataSource): Promise<Prepared> {
  const demo = await ds.getRepository(Call).findOneOrFail({ where: {}, order: { id: 'ASC' } });
  const call = await ds.getRepository(Call).save(
    ds.getRepository(Call).create({
      ...demo,
      id: undefined,
      code: 'BR',
      year: 2026,
      title: '评审压测大赛',
      phase: CallPhase.Scoring,
      phaseSetByHandAt: new Date(),
      lastNumber: PROPOSALS,
      screeningPublishedAt: new Date(),
      createdById: null,
      createdAt: undefined,
      updatedAt: undefined,
    }),
  );
  const orgs = await ds
    .getRepository(Organisation)
    .find({ select: { id: true }, order: { id: 'ASC' } });
  const communities = await ds
    .getRepository(Community)
    .find({ order: { sortOrder: 'ASC', id: 'ASC' } });
  const now = new Date();
  const proposalIds: number[] = [];
  for (let i = 0; i < PROPOSALS; i++) {
    const content = {
      title: `评审压测项目 ${i + 1}`,
      track: call.tracks[0],
      needId: null,
      beneficiaryGroups: null,
      beneficiaryCount: 80 + i,
      summary: '压测数据',
      objectives: null,
      activities: null,
      team: null,
      totalFen: 500_000 + i * 10_000,
      coFundingFen: 0,
    };
    const communityId = communities[i % communities.length].id;
    const p = await ds.getRepository(Proposal).save(
      ds.getRepository(Proposal).create({
        ...content,
        callId: call.id,
        organisationId: orgs[i % orgs.length].id,
        number: `BR-2026-${String(i + 1).padStart(3, '0')}`,
        status: ProposalStatus.Eligible,
        firstCommunityId: communityId,
        currentVersion: 1,
        submittedAt: now,
        withdrawnAt: null,
        hasUnsubmittedChanges: false,
        createdById: null,
      }),
    );
    await ds
      .getRepository(ProposalVersion)
      .insert({ ...content, proposalId: p.id, version: 1, submittedById: null });
    await ds
      .getRepository(ProposalCommunity)
      .insert({ proposalId: p.id, version: 1, preference: 1, communityId });
    proposalIds.push(p.id);
  }
  const emails = Array.from({ length: JUDGES }, (_, j) => `bench-judge-${j}@bench.example.cn`);
  await ds.getRepository(User).insert(
    emails.map((email, j) => ({
      email,
      name: `压测评委${j + 1}`,
      passwordHash: null,
      role: Role.Judge,
      communityId: null,
      organisationId: null,
      locale: 'zh-CN' as const,
      active: true,
    })),
  );
  const users = await ds.getRepository(User).find({ select: { id: true, email: true } });
  const userId = new Map(users.map((u) => [u.email, u.id]));
  await ds.getRepository(PanelMember).insert(
    emails.map((email, j) => ({
      callId: call.id,
      userId: found(userId, email, 'user'),
      group: PanelGroup.Expert,
      isChair: j === 0,
      title: '压测评委',
    })),
  );
  const seats = await ds.getRepository(PanelMember).findBy({ callId: call.id });
  const seat = new Map(seats.map((s) => [s.userId, s.id]));
  const expiresAt = new Date(now.getTime() + 12 * 3600_000);
  const judges: Judge[] = [];
  const sessions = emails.map((email, index) => {
    const { token, hash } = newToken();
    const uid = found(userId, email, 'user');
    judges.push({ index, memberId: found(seat, uid, 'panel seat'), token });
    return {
      tokenHash: hash,
      userId: uid,
      kind: 'api' as const,
      expiresAt,
      lastSeenAt: now,
      ip: '127.0.0.1',
    };
  });
  await ds.getRepository(AuthSession).insert(sessions);
  return { callId: call.id, proposalIds, judges };
}

/** Keep-alive sockets for the judges' clients, one per judge at most. */
const agent = new Agent({ keepAlive: true, maxSockets: JUDGES });

/**
 * One HTTP exchange on node:http (keep-alive), the leanest client at hand: `fetch` cost the bench process
 * about twice the CPU per request, taken from the api under test on a 2-core machine (the baseline is
 * measured with autocannon, leaner still).
 */
function exchange(
  token: string,
  method: 'PUT' | 'POST',
  path: string,
  body: unknown,
): Promise<{ status: number; retryAfter: string | undefined; text: string }> {
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: API_PORT,
        method,
        path,
        agent,
        timeout: REQUEST_TIMEOUT_MS,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(data),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            retryAfter: res.headers['retry-after'],
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(data);
  });
}

/** One API request as a judge's client makes it; a 503/429 is retried after Retry-After (capped at 1 s). */
async function request(
  token: string,
  method: 'PUT' | 'POST',
  path: string,
  body: unknown,
  kind: Sample['kind'],
  samples: Sample[],
): Promise<{ ok: boolean; status: number; json: Record<string, unknown> | null }> {
  for (let attempt = 1; ; attempt++) {
    const started = performance.now();
    let status = 0;
    let json: Record<string, unknown> | null = null;
    let retryAfter = 1;
    try {
      const res = await exchange(token, method, path, body);
      status = res.status;
      retryAfter = Number(res.retryAfter ?? 1) || 1;
      try {
        json = JSON.parse(res.text) as Record<string, unknown>;
      } catch {
        json = null;
      }
    } catch {
      // Network error or timeout: status stays 0.
    }
    const ms = performance.now() - started;
    const ok = status >= 200 && status < 300;
    samples.push({
      kind,
      ms,
      status,
      ...(ok ? {} : { code: typeof json?.['code'] === 'string' ? json['code'] : String(status) }),
    });
    if (ok || !(status === 503 || status === 429) || attempt > RETRIES) return { ok, status, json };
    await new Promise((r) => setTimeout(r, Math.min(retryAfter, 1) * (500 + Math.random() * 500)));
  }
}

/** A judge's sheets before any request: one outcome per proposal in queue order. */
function outcomesOf(judge: Judge, proposalIds: number[]): Outcome[] {
  return proposalIds.map((proposalId, p) => ({
    judge,
    proposalId,
    saves: savesFor(judge.index, p),
    acked: null,
    sent: null,
    submitted: false,
    version: 0,
  }));
}

/** One judge's drafts: each proposal in queue order, 2–3 saves (version from the previous answer). */
async function judgeDrafts(outcomes: Outcome[], samples: Sample[]) {
  for (const [p, o] of outcomes.entries()) {
    for (let s = 0; s < o.saves && !o.failure; s++) {
      const scores = scoresFor(o.judge.index, p, s);
      o.sent = scores;
      const r = await request(
        o.judge.token,
        'PUT',
        `/api/v1/reviews/proposals/${o.proposalId}/sheet`,
        {
          version: o.version,
          scores,
          comments: { need: `评委${o.judge.index + 1}第${s + 1}稿：需求调研充分` },
          overall: `评委${o.judge.index + 1} 对项目 ${p + 1} 的第 ${s + 1} 稿意见`,
        },
        'save',
        samples,
      );
      if (!r.ok) o.failure = `save ${s + 1}: ${r.status} ${String(r.json?.['code'] ?? '')}`;
      else {
        o.acked = scores;
        o.version = Number(r.json?.['version']);
      }
    }
  }
}

/** One judge's submits, each with the version of its last save. */
async function judgeSubmits(outcomes: Outcome[], samples: Sample[]) {
  for (const o of outcomes) {
    if (o.failure) continue;
    const r = await request(
      o.judge.token,
      'POST',
      `/api/v1/reviews/proposals/${o.proposalId}/submit`,
      { version: o.version },
      'submit',
      samples,
    );
    if (!r.ok) o.failure = `submit: ${r.status} ${String(r.json?.['code'] ?? '')}`;
    else {
      o.submitted = r.json?.['status'] === 'submitted';
      o.version = Number(r.json?.['version']);
    }
  }
}

function percentile(sorted: number[], q: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

function summarise(target: string, samples: Sample[], wallMs: number): LoadResult {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  return {
    target,
    connections: JUDGES,
    rps: Math.round(samples.length / (wallMs / 1000)),
    p50: Math.round(percentile(ms, 0.5)),
    p99: Math.round(percentile(ms, 0.99)),
    errors: samples.filter((s) => s.status === 0).length,
    non2xx: samples.filter((s) => s.status !== 0 && (s.status < 200 || s.status >= 300)).length,
  };
}

/**
 * Reads review_sheet back from MariaDB: every (judge, proposal) has exactly one sheet, submitted, whose
 * scores are the last ones that judge sent and whose version counts every save and the submit. A write
 * the server acknowledged and the table does not show is a lost write.
 */
async function verify(url: string, prepared: Prepared, outcomes: Outcome[]) {
  const ds = await openDataSource(loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent' }));
  try {
    const sheets = await ds.getRepository(ReviewSheet).findBy({ callId: prepared.callId });
    const rubric = await ds.getRepository(ReviewRubric).findOneBy({ callId: prepared.callId });
    const byPair = new Map<string, ReviewSheet[]>();
    for (const s of sheets) {
      const key = `${s.memberId}:${s.proposalId}`;
      byPair.set(key, [...(byPair.get(key) ?? []), s]);
    }
    const problems: string[] = [];
    let lost = 0;
    let incomplete = 0;
    for (const o of outcomes) {
      const stored = byPair.get(`${o.judge.memberId}:${o.proposalId}`) ?? [];
      byPair.delete(`${o.judge.memberId}:${o.proposalId}`);
      const row = stored[0];
      const why: string[] = [];
      if (stored.length !== 1) why.push(`${stored.length} rows`);
      // Acknowledged by the server (2xx) but not what the table holds: lost.
      if (o.acked && !sameScores(row?.scores, o.acked)) why.push('acknowledged scores not stored');
      if (o.submitted && row?.status !== 'submitted') why.push('acknowledged submit not stored');
      if (row && o.submitted && row.version !== o.saves + 1)
        why.push(`version ${row.version}, expected ${o.saves + 1}`);
      if (why.length) {
        lost++;
        problems.push(`judge ${o.judge.index} proposal ${o.proposalId}: ${why.join(', ')}`);
      }
      // Not lost, but not done either: a request of this sheet failed.
      if (!o.submitted || !sameScores(row?.scores, o.sent) || row?.status !== 'submitted') {
        incomplete++;
        if (o.failure)
          problems.push(`judge ${o.judge.index} proposal ${o.proposalId}: ${o.failure}`);
      }
    }
    const stray = [...byPair.values()].flat().length;
    if (stray) problems.push(`${stray} sheet(s) nobody wrote`);
    return { sheets: sheets.length, lost, incomplete, stray, problems, frozen: !!rubric?.frozenAt };
  } finally {
    await ds.destroy();
  }
}

/**
 * Review: JUDGES judges (one API session each) saving and submitting score sheets at once against the
 * production api on MariaDB — each scores every one of PROPOSALS eligible proposals with 2–3 draft saves
 * (optimistic version from the previous answer) and a submit. Req/s and latency of every request against
 * the bare NestJS hello-world at the same concurrency, then review_sheet read back for lost writes.
 */
export async function run(): Promise<BenchResult> {
  const db = await scratchDatabase('gv_bench_r', prepare);
  const prepared = db.prepared;
  let hello: ChildProcess | undefined;
  let api: ChildProcess | undefined;
  const rows: LoadResult[] = [];
  const notes: string[] = [];
  try {
    hello = await startBaseline(BASELINE_PORT);
    api = await startProductionApi(API_PORT, db.url);
    // The street office opens the rubric (the default criteria) before scoring starts; the first
    // judge's save freezes it, as it would on the day.
    const admin = await signIn(API, 'admin@dongguan.example.cn');
    const rubric = await fetch(`${API}/api/v1/calls/${prepared.callId}/rubric`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    if (!rubric.ok) throw new Error(`GET rubric answered ${rubric.status}`);
    // Sanity: a judge's queue lists every bench proposal, so the sheets below are really theirs.
    const queue = await fetch(`${API}/api/v1/reviews/queue`, {
      headers: { authorization: `Bearer ${prepared.judges[0].token}` },
    });
    const seats = ((await queue.json()) as { items?: { proposals: unknown[] }[] }).items ?? [];
    if (seats[0]?.proposals.length !== PROPOSALS)
      throw new Error(`judge queue: ${queue.status} ${JSON.stringify(seats).slice(0, 300)}`);

    rows.push(
      await load(
        'baseline: bare NestJS hello-world GET /',
        `http://127.0.0.1:${BASELINE_PORT}/`,
        JUDGES,
      ),
    );

    // Two timed phases, so each kind of request has its own rate: every judge saves the drafts of all
    // their sheets (all judges at once), then every judge submits them.
    const byJudge = prepared.judges.map((j) => outcomesOf(j, prepared.proposalIds));
    const outcomes = byJudge.flat();
    const saves: Sample[] = [];
    let started = performance.now();
    await Promise.all(byJudge.map((o) => judgeDrafts(o, saves)));
    const savesMs = performance.now() - started;
    const submits: Sample[] = [];
    started = performance.now();
    await Promise.all(byJudge.map((o) => judgeSubmits(o, submits)));
    const submitsMs = performance.now() - started;
    const samples = [...saves, ...submits];
    const wallMs = savesMs + submitsMs;

    rows.push(
      summarise(
        `api: ${JUDGES} judges × ${PROPOSALS} sheets, PUT sheet ×2–3 then POST submit (all requests)`,
        samples,
        wallMs,
      ),
      summarise('  drafts phase: PUT /api/v1/reviews/proposals/:id/sheet', saves, savesMs),
      summarise('  submit phase: POST /api/v1/reviews/proposals/:id/submit', submits, submitsMs),
    );

    const v = await verify(db.url, prepared, outcomes);
    const codes = new Map<string, number>();
    for (const s of samples)
      if (s.code) codes.set(`${s.status} ${s.code}`, (codes.get(`${s.status} ${s.code}`) ?? 0) + 1);
    const expected = JUDGES * PROPOSALS;
    notes.push(
      `lost writes: ${v.lost} (acknowledged saves or submits missing from review_sheet); sheets in MariaDB: ${v.sheets} of ${expected}, not submitted with the last scores sent: ${v.incomplete}, stray: ${v.stray}; rubric frozen by the first save: ${v.frozen ? 'yes' : 'no'}.`,
      `${samples.length} requests (${samples.filter((s) => s.kind === 'save').length} saves, ${samples.filter((s) => s.kind === 'submit').length} submits) in ${(wallMs / 1000).toFixed(1)} s wall (drafts ${(savesMs / 1000).toFixed(1)} s, submits ${(submitsMs / 1000).toFixed(1)} s); each of the ${JUDGES} judges runs its requests in sequence, all judges at once, a 503/429 retried up to ${RETRIES} times after Retry-After.`,
      codes.size
        ? `non-2xx answers: ${[...codes].map(([c, n]) => `${c} ×${n}`).join(', ')}.`
        : 'non-2xx answers: none.',
      'baseline: autocannon at the same concurrency for BENCH_SECONDS; the judges row counts every request (retries included) over the wall time of the whole run.',
      "judges' clients: node:http with keep-alive in the bench process, on the same 2 cores as the api and MariaDB.",
      'api in production mode: NODE_ENV=production, MariaDB, Redis, one process, DB pool 20; judges, panel seats and API sessions inserted into the scratch database (sessions stored as sign-in stores them).',
    );
    if (v.lost || v.incomplete || v.stray) {
      console.table(ratioRows(rows));
      for (const n of notes) console.log(`  note: ${n}`);
      throw new Error(
        `review: ${v.lost} lost write(s), ${v.incomplete} incomplete sheet(s), ${v.stray} stray; first problems:\n  ${v.problems.slice(0, 20).join('\n  ')}`,
      );
    }
    return { scenario: 'review', rows: ratioRows(rows), notes };
  } finally {
    await stop(api);
    await stop(hello);
    await db.drop();
  }
}
