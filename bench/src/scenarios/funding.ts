import { performance } from 'node:perf_hooks';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { KNAPSACK_LIMITS } from '@gv/allocation';
import { Call, CallPhase, Track } from '@gv/calls';
import { loadConfig } from '@gv/config';
import { Actor, AppException, Role } from '@gv/core';
import {
  DryRun,
  FUNDING_RULES,
  FundingRuleName,
  FundingService,
  PlacementService,
} from '@gv/funding';
import { Organisation } from '@gv/organisations';
import { PanelGroup } from '@gv/panels';
import { Community } from '@gv/places';
import { PlatformModule } from '@gv/platform';
import { compare, floor, gte, mul, rational } from '@gv/rational';
import { DEFAULT_CRITERIA, ReviewRubric, ReviewsService } from '@gv/reviews';
import { BenchResult } from '../bench-result';
import { scratchDatabase } from '../support';

/** Eligible, reviewed proposals of the bench call. */
const PROPOSALS = Number(process.env['BENCH_FUNDING_PROPOSALS'] ?? 2_000);
/** Host communities (the demo's, topped up), each with a capacity for the call. */
const COMMUNITIES = Number(process.env['BENCH_FUNDING_COMMUNITIES'] ?? 50);
/** Judges on the panel; each submitted a sheet for every proposal (the first one chairs). */
const JUDGES = Number(process.env['BENCH_FUNDING_JUDGES'] ?? 5);
/** The call's cap as a share of all requests (in percent). */
const CAP_PCT = Number(process.env['BENCH_FUNDING_CAP_PCT'] ?? 30);
/** The pass line (hundredths of a point), as the demo decision sets it. */
const PASS_LINE_CENTI = 6000;
/** A community's placement capacity cannot exceed this (placement-state MAX_CAPACITY). */
const MAX_CAPACITY = 50;
/** Requests lie between these (fen): 5,000 to 100,000 yuan, to the fen. */
const MIN_REQUEST_FEN = 500_000;
const MAX_REQUEST_FEN = 10_000_000;
const CHUNK = 500;

interface Prepared {
  callId: number;
  capFen: number;
  requestedFen: number;
  chairUserId: number;
  memberIds: number[];
  communities: number;
  capacity: number;
  preferences: number;
  sheets: number;
  seedMs: number;
}

type Row = Record<string, string | number>;

/** Deterministic LCG so every run sees the same data. */
function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

const yuan = (fen: number) =>
  (fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

const placeholders = (rows: number, cols: number) =>
  new Array(rows).fill(`(${new Array(cols).fill('?').join(', ')})`).join(', ');

/** `INSERT … VALUES (…), (…)` of `rows` (each `cols` values long), CHUNK rows a statement. */
async function insertMany(ds: DataSource, head: string, cols: number, rows: unknown[][]) {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const part = rows.slice(i, i + CHUNK);
    await ds.query(`${head} VALUES ${placeholders(part.length, cols)}`, part.flat());
  }
}

/**
 * The bench call in the scratch database, all by bulk SQL: a call copied from the demo one with its
 * cap at CAP_PCT % of the requests; COMMUNITIES communities (the demo's topped up), each with a
 * capacity; PROPOSALS eligible proposals (submitted version 1, costs to the fen, 1–3 preferred host
 * communities, the first also `firstCommunityId`); JUDGES judges on the panel, the first the chair,
 * each with a submitted sheet per proposal on the default rubric (so ReviewsService aggregates them).
 */
async function prepare(ds: DataSource): Promise<Prepared> {
  const started = performance.now();
  const rnd = lcg(20_261_111);
  const demo = await ds.getRepository(Call).findOneOrFail({ where: {}, order: { id: 'ASC' } });
  const now = new Date();

  const existing = await ds
    .getRepository(Community)
    .find({ order: { sortOrder: 'ASC', id: 'ASC' } });
  if (!existing.length) throw new Error('funding bench setup: the demo seed has no community');
  const missing = Math.max(0, COMMUNITIES - existing.length);
  await insertMany(
    ds,
    'INSERT INTO community (streetOfficeId, code, name, nameEn, invented, sortOrder)',
    6,
    Array.from({ length: missing }, (_, i) => [
      existing[0].streetOfficeId,
      `BENCHF${i + 1}`,
      `压测社区${i + 1}`,
      `Bench community ${i + 1}`,
      1,
      10_000 + i,
    ]),
  );
  const communities = (
    await ds.getRepository(Community).find({ order: { sortOrder: 'ASC', id: 'ASC' } })
  ).slice(0, COMMUNITIES);

  // Requests to the fen; 1–3 preferred hosts, the first communities wanted more often than the last
  // (so some are over-subscribed).
  const proposals = Array.from({ length: PROPOSALS }, (_, i) => {
    const costFen = MIN_REQUEST_FEN + Math.floor(rnd() * (MAX_REQUEST_FEN - MIN_REQUEST_FEN + 1));
    const prefs: number[] = [];
    const wanted = 1 + Math.floor(rnd() * 3);
    while (prefs.length < Math.min(wanted, communities.length)) {
      const c = communities[Math.floor(communities.length * rnd() ** 1.6)].id;
      if (!prefs.includes(c)) prefs.push(c);
    }
    return { i, costFen, prefs, quality: 0.42 + 0.55 * rnd() };
  });
  const requestedFen = proposals.reduce((s, p) => s + p.costFen, 0);
  const capFen = Math.floor((requestedFen * CAP_PCT) / 100);

  const call = await ds.getRepository(Call).save(
    ds.getRepository(Call).create({
      ...demo,
      id: undefined,
      code: 'FB',
      year: 2026,
      title: '立项压测大赛',
      tracks: [Track.Venture],
      budgetCapFen: capFen,
      minGrantFen: MIN_REQUEST_FEN,
      maxGrantFen: MAX_REQUEST_FEN,
      phase: CallPhase.Scoring,
      phaseSetByHandAt: now,
      lastNumber: PROPOSALS,
      screeningPublishedAt: now,
      createdById: null,
      createdAt: undefined,
      updatedAt: undefined,
    }),
  );

  // Capacities around (funded projects expected) ÷ communities, spread ±6, within 1…MAX_CAPACITY.
  const base = Math.max(1, Math.round((PROPOSALS * CAP_PCT) / 100 / communities.length));
  const capacities = communities.map((c, k) => [
    call.id,
    c.id,
    Math.min(MAX_CAPACITY, Math.max(1, base - 6 + ((k * 7) % 13))),
    null,
  ]);
  await insertMany(
    ds,
    'INSERT INTO community_capacity (callId, communityId, capacity, updatedById)',
    4,
    capacities,
  );

  const orgs = await ds
    .getRepository(Organisation)
    .find({ select: { id: true }, order: { id: 'ASC' } });
  const number = (i: number) => `FB-2026-${String(i + 1).padStart(5, '0')}`;
  const title = (i: number) => `立项压测项目 ${i + 1}`;
  await insertMany(
    ds,
    `INSERT INTO proposal (callId, organisationId, number, status, title, track, firstCommunityId,
       beneficiaryCount, summary, totalFen, coFundingFen, currentVersion, submittedAt, hasUnsubmittedChanges)`,
    14,
    proposals.map((p) => [
      call.id,
      orgs[p.i % orgs.length].id,
      number(p.i),
      'eligible',
      title(p.i),
      Track.Venture,
      p.prefs[0],
      50 + (p.i % 200),
      '压测数据',
      p.costFen,
      0,
      1,
      new Date(now.getTime() - (PROPOSALS - p.i) * 60_000),
      0,
    ]),
  );
  const ids = new Map(
    (
      (await ds.query('SELECT id, number FROM proposal WHERE callId = ?', [call.id])) as Array<{
        id: number | string;
        number: string;
      }>
    ).map((r) => [r.number, Number(r.id)]),
  );
  const idOf = (i: number) => {
    const id = ids.get(number(i));
    if (id === undefined) throw new Error(`funding bench setup: proposal ${number(i)} not stored`);
    return id;
  };
  await insertMany(
    ds,
    `INSERT INTO proposal_version (proposalId, version, title, track, summary, beneficiaryCount,
       totalFen, coFundingFen, submittedById)`,
    9,
    proposals.map((p) => [
      idOf(p.i),
      1,
      title(p.i),
      Track.Venture,
      '压测数据',
      50 + (p.i % 200),
      p.costFen,
      0,
      null,
    ]),
  );
  const preferences = proposals.flatMap((p) => p.prefs.map((c, k) => [idOf(p.i), 1, k + 1, c]));
  await insertMany(
    ds,
    'INSERT INTO proposal_community (proposalId, version, preference, communityId)',
    4,
    preferences,
  );

  const emails = Array.from({ length: JUDGES }, (_, j) => `bench-funding-${j}@bench.example.cn`);
  await insertMany(
    ds,
    'INSERT INTO `user` (email, name, passwordHash, role, communityId, organisationId, locale, active)',
    8,
    emails.map((e, j) => [e, `立项压测评委${j + 1}`, null, Role.Judge, null, null, 'zh-CN', 1]),
  );
  const users = (await ds.query(
    `SELECT id, email FROM \`user\` WHERE email IN (${emails.map(() => '?').join(', ')})`,
    emails,
  )) as Array<{ id: number | string; email: string }>;
  const userIds = emails.map((e) => Number(users.find((u) => u.email === e)?.id));
  await insertMany(
    ds,
    'INSERT INTO panel_member (callId, userId, `group`, isChair, title)',
    5,
    userIds.map((uid, j) => [call.id, uid, PanelGroup.Expert, j === 0 ? 1 : 0, '立项压测评委']),
  );
  const members = (await ds.query(
    'SELECT id, userId FROM panel_member WHERE callId = ? ORDER BY id',
    [call.id],
  )) as Array<{ id: number | string; userId: number | string }>;
  const memberIds = userIds.map((uid) => Number(members.find((m) => Number(m.userId) === uid)?.id));

  // The default rubric, frozen as the first save freezes it; each judge's sheet scores the
  // proposal's quality ± 8 % per criterion (sustainability N/A now and then).
  await ds.getRepository(ReviewRubric).insert({
    callId: call.id,
    criteria: DEFAULT_CRITERIA,
    method: 'trimmed_mean',
    divergenceThreshold: 20,
    frozenAt: now,
  });
  const sheets: unknown[][] = [];
  for (const p of proposals)
    for (const memberId of memberIds) {
      const scores: Record<string, number | null> = {};
      for (const c of DEFAULT_CRITERIA)
        scores[c.id] =
          c.allowNa && rnd() < 0.05
            ? null
            : Math.max(
                0,
                Math.min(c.maxPoints, Math.round(c.maxPoints * (p.quality + (rnd() - 0.5) * 0.16))),
              );
      sheets.push([
        call.id,
        idOf(p.i),
        memberId,
        JSON.stringify(scores),
        '{}',
        null,
        'submitted',
        3,
        'online',
        now,
      ]);
    }
  await insertMany(
    ds,
    `INSERT INTO review_sheet (callId, proposalId, memberId, scores, comments, overall, status,
       version, source, submittedAt)`,
    10,
    sheets,
  );
  return {
    callId: call.id,
    capFen,
    requestedFen,
    chairUserId: userIds[0],
    memberIds,
    communities: communities.length,
    capacity: capacities.reduce((s, c) => s + Number(c[2]), 0),
    preferences: preferences.length,
    sheets: sheets.length,
    seedMs: Math.round(performance.now() - started),
  };
}

async function timed<T>(fn: () => Promise<T>) {
  const t0 = performance.now();
  try {
    const value = await fn();
    return { ms: Math.round(performance.now() - t0), value, error: undefined };
  } catch (error) {
    return { ms: Math.round(performance.now() - t0), value: undefined, error };
  }
}

const describeError = (e: unknown) =>
  e instanceof AppException
    ? `${e.status} ${e.code} ${JSON.stringify(e.params)}`
    : e instanceof Error
      ? `${e.name}: ${e.message}`
      : `thrown: ${String(e)}`;

/**
 * 立项 and 落户 of a large call end to end through the real services (Nest application context on
 * dist, MariaDB): the settings, the final scores, a dry run per rule (greedy, greedy-no-skip,
 * knapsack) and the batch of every rule in one call, the chair's approval of the greedy version
 * (awards, budget ledger, delivery projects), and the placement of the funded projects into their
 * preferred host communities. The funded totals are checked against the cap (the scenario fails if
 * one is over) and the placements against the capacities.
 */
export async function run(): Promise<BenchResult> {
  const setupStarted = performance.now();
  const db = await scratchDatabase('gv_bench_funding', prepare);
  const setupMs = Math.round(performance.now() - setupStarted);
  const prep = db.prepared;
  const config = loadConfig({ DATABASE_URL: db.url, LOG_LEVEL: 'silent' });
  let ctx: INestApplicationContext | undefined;
  const rows: Row[] = [];
  const problems: string[] = [];
  const notes: string[] = [];
  const row = (step: string, ms: number, r: Partial<Row> = {}) => {
    const out: Row = {
      step,
      ms,
      proposals: r['proposals'] ?? '-',
      funded: r['funded'] ?? '-',
      'funded yuan': r['funded yuan'] ?? '-',
      '% of cap': r['% of cap'] ?? '-',
      placed: r['placed'] ?? '-',
      unplaced: r['unplaced'] ?? '-',
      outcome: r['outcome'] ?? 'ok',
    };
    rows.push(out);
    console.log(`  ${step}: ${ms} ms, ${out['outcome']}`);
  };
  const share = (fen: number) => `${((fen * 100) / prep.capFen).toFixed(3)} %`;
  const checkCap = (what: string, fen: number) => {
    if (fen > prep.capFen)
      problems.push(`${what}: funded ${yuan(fen)} yuan > cap ${yuan(prep.capFen)} yuan`);
  };
  /** Counts and cap check of a dry run (its lines as stored). */
  const dryRow = (step: string, ms: number, d: DryRun) => {
    const funded = d.lines.filter((l) => l.amountFen > 0);
    const sum = funded.reduce((s, l) => s + l.amountFen, 0);
    checkCap(step, d.run.totalFundedFen);
    checkCap(`${step} (lines)`, sum);
    if (sum !== d.run.totalFundedFen)
      problems.push(`${step}: lines add up to ${sum} fen, the run says ${d.run.totalFundedFen}`);
    row(step, ms, {
      proposals: d.lines.length,
      funded: funded.length,
      'funded yuan': yuan(d.run.totalFundedFen),
      '% of cap': share(d.run.totalFundedFen),
      outcome: `version ${d.run.version}`,
    });
  };
  try {
    ctx = await NestFactory.createApplicationContext(PlatformModule.forRoot(config, 'cli'), {
      logger: false,
    });
    await ctx.init();
    const ds = ctx.get<DataSource>(getDataSourceToken());
    const funding = ctx.get(FundingService, { strict: false });
    const placement = ctx.get(PlacementService, { strict: false });
    const reviews = ctx.get(ReviewsService, { strict: false });
    const chair: Actor = {
      userId: prep.chairUserId,
      roles: [Role.Judge],
      communityId: null,
      organisationId: null,
    };
    const callId = prep.callId;

    const settings = await timed(() =>
      funding.updateSettings(chair, callId, {
        rule: 'greedy',
        passLineCenti: PASS_LINE_CENTI,
        objectionWorkingDays: 5,
        objectionContact: '压测街道办',
      }),
    );
    if (settings.error) throw settings.error;
    row(`settings: greedy, pass line ${PASS_LINE_CENTI / 100}`, settings.ms);

    const scores = await timed(() => reviews.finalScores(callId));
    if (scores.error || !scores.value) throw scores.error;
    const scored = scores.value.flatMap((s) => (s.score === null ? [] : [s.score]));
    row(`final scores (${prep.sheets} submitted sheets, trimmed mean)`, scores.ms, {
      proposals: scored.length,
    });

    // (1) One dry run per rule (each its own call, so each is timed and a refusal stays its own).
    const dry = new Map<FundingRuleName, DryRun>();
    const refused: string[] = [];
    const extra: string[] = [];
    for (const rule of FUNDING_RULES) {
      const r = await timed(() => funding.dryRun(chair, callId, [rule]));
      if (r.value?.runs[0]) {
        dry.set(rule, r.value.runs[0]);
        dryRow(`dry run: ${rule}`, r.ms, r.value.runs[0]);
      } else {
        refused.push(`${rule}: ${describeError(r.error)}`);
        row(`dry run: ${rule}`, r.ms, {
          proposals: scored.length,
          outcome: `refused (${describeError(r.error)})`,
        });
      }
    }
    // The API's default: every rule in one call and one transaction.
    const batch = await timed(() => funding.dryRun(chair, callId));
    if (batch.value) {
      const { runs, refused: notRun } = batch.value;
      const total = runs.reduce((s, d) => s + d.run.totalFundedFen, 0);
      for (const d of runs) checkCap(`dry run batch: ${d.run.rule}`, d.run.totalFundedFen);
      row(`dry run: every rule in one call (${runs.length} versions)`, batch.ms, {
        proposals: scored.length,
        outcome: `versions ${runs.map((d) => d.run.version).join(', ')} (${yuan(total)} yuan over all)${
          notRun.length
            ? `; not run: ${notRun.map((x) => `${x.rule} (${describeError(x.error)})`).join(', ')}`
            : ''
        }`,
      });
    } else
      row('dry run: every rule in one call', batch.ms, {
        proposals: scored.length,
        outcome: `refused, nothing stored (${describeError(batch.error)})`,
      });

    // (2) The chair approves the greedy version, every member present.
    const greedy = dry.get('greedy');
    if (!greedy) throw new Error('funding bench: the greedy dry run failed, nothing to approve');
    const approve = await timed(() => funding.approve(chair, greedy.run.id, prep.memberIds));
    if (approve.error) throw approve.error;
    const awards = await funding.awards(callId);
    const awarded = awards.reduce((s, a) => s + a.amountFen, 0);
    const ledger = (await funding.ledger(callId)).find((l) => l.track === '*');
    checkCap('approved awards', awarded);
    if (ledger?.committedFen !== awarded)
      problems.push(`ledger committed ${ledger?.committedFen} fen, awards ${awarded} fen`);
    if (awards.length !== greedy.lines.filter((l) => l.amountFen > 0).length)
      problems.push(`${awards.length} awards, the greedy version funds another number`);
    const [projects] = (await ds.query(
      'SELECT COUNT(*) AS n FROM delivery_project WHERE callId = ?',
      [callId],
    )) as Array<{ n: string }>;
    row('approve greedy (awards, ledger, delivery projects)', approve.ms, {
      proposals: greedy.lines.length,
      funded: awards.length,
      'funded yuan': yuan(awarded),
      '% of cap': share(awarded),
      outcome: `ledger committed ${yuan(ledger?.committedFen ?? 0)} yuan; ${projects.n} delivery projects`,
    });

    // (3) Placement of the funded projects.
    const place = await timed(() => placement.place(chair, callId));
    if (place.error || !place.value) throw place.error;
    const over = (await ds.query(
      `SELECT p.communityId, COUNT(*) AS n, c.capacity FROM funding_placement p
       JOIN community_capacity c ON c.callId = p.callId AND c.communityId = p.communityId
       WHERE p.callId = ? AND p.status IN ('placed', 'accepted')
       GROUP BY p.communityId, c.capacity HAVING COUNT(*) > c.capacity`,
      [callId],
    )) as unknown[];
    if (over.length) problems.push(`${over.length} communities hold more than their capacity`);
    const byRank = (await ds.query(
      `SELECT preferenceRank AS r, COUNT(*) AS n FROM funding_placement
       WHERE callId = ? AND status = 'placed' GROUP BY preferenceRank ORDER BY preferenceRank`,
      [callId],
    )) as Array<{ r: number; n: string }>;
    const reasons = (await ds.query(
      `SELECT reason, COUNT(*) AS n FROM funding_placement
       WHERE callId = ? AND status = 'unplaced' GROUP BY reason`,
      [callId],
    )) as Array<{ reason: string; n: string }>;
    const placedOk = place.value.placed + place.value.unplaced === awards.length;
    if (!placedOk)
      problems.push(
        `placement: ${place.value.placed} placed + ${place.value.unplaced} unplaced ≠ ${awards.length} funded`,
      );
    row(`placement into ${prep.communities} communities (${prep.capacity} slots)`, place.ms, {
      proposals: awards.length,
      funded: awards.length,
      placed: place.value.placed,
      unplaced: place.value.unplaced,
      outcome: `by preference ${byRank.map((b) => `#${b.r} ${b.n}`).join(', ')}; unplaced: ${
        reasons.map((r) => `${r.reason} ${r.n}`).join(', ') || 'none'
      }`,
    });

    // Extra: the knapsack at its documented item limit (a pass line leaving at most maxItems).
    if (!dry.has('knapsack') && scored.length > KNAPSACK_LIMITS.maxItems) {
      const sorted = [...scored].sort((a, b) => compare(b, a));
      // Just above the (maxItems + 1)-th best score: at most maxItems proposals reach it.
      const passLineCenti = Number(floor(mul(sorted[KNAPSACK_LIMITS.maxItems], rational(100)))) + 1;
      const eligible = sorted.filter((s) => gte(s, rational(passLineCenti, 100))).length;
      await funding.updateSettings(chair, callId, {
        rule: 'greedy',
        passLineCenti,
        objectionWorkingDays: 5,
        objectionContact: '压测街道办',
      });
      const r = await timed(() => funding.dryRun(chair, callId, ['knapsack']));
      const step = `dry run: knapsack, pass line ${(passLineCenti / 100).toFixed(2)} (${eligible} above it)`;
      if (r.value?.runs[0]) {
        dryRow(step, r.ms, r.value.runs[0]);
        const fits = r.value.runs[0].lines.every(
          (l) => l.amountFen > 0 || l.decision === 'below_pass_line',
        );
        extra.push(
          `knapsack at its limit: a pass line of ${(passLineCenti / 100).toFixed(2)} leaves ${eligible} proposals for the exact knapsack (settings changed after the placement; a dry run only, nothing awarded)${fits ? '; the cap does not bind there (every one of them fits)' : ''}.`,
        );
      } else
        row(step, r.ms, {
          proposals: scored.length,
          outcome: `refused (${describeError(r.error)})`,
        });
    }

    notes.push(
      `${PROPOSALS} eligible proposals (requests ${yuan(MIN_REQUEST_FEN)}–${yuan(MAX_REQUEST_FEN)} yuan to the fen, ${yuan(prep.requestedFen)} yuan in all), cap ${yuan(prep.capFen)} yuan (${CAP_PCT} % of the requests); ${JUDGES} judges, ${prep.sheets} submitted sheets on the default rubric; ${prep.communities} communities with ${prep.capacity} slots for the call, ${prep.preferences} host preferences (1–3 a proposal, the first communities wanted more often).`,
      `cap check: every dry run's funded total and the approved awards ≤ cap (${yuan(prep.capFen)} yuan); placements within each community's capacity. ${problems.length ? `FAILED: ${problems.join('; ')}` : 'passed.'}`,
      `knapsack limits (@gv/allocation KNAPSACK_LIMITS): ${KNAPSACK_LIMITS.maxItems} proposals above the pass line, ${KNAPSACK_LIMITS.maxStates.toLocaleString('en-US')} Pareto states; past either it throws KnapsackTooLargeError at once. ${
        refused.length
          ? `Refused here (${refused.join('; ')}): a translated 422 (funding_rule_too_large) when asked alone; in a dry run of every rule in one call (the API's default) the other rules run and are stored, and the knapsack is listed as not run.`
          : 'No rule was refused.'
      }`,
      `each step is the service call as the controllers make it (FundingService.updateSettings / dryRun / approve, ReviewsService.finalScores, PlacementService.place) from a Nest application context on dist against MariaDB; approve includes the delivery projects created for the awards (funding.approved handler, same transaction).`,
      `setup (not timed above): scratch database migrated and demo-seeded, then the bench data by multi-row INSERTs — ${(setupMs / 1000).toFixed(1)} s in all, of which the bench data ${(prep.seedMs / 1000).toFixed(1)} s.`,
    );
    notes.push(...extra);
    if (problems.length) {
      console.table(rows);
      for (const n of notes) console.log(`  note: ${n}`);
      throw new Error(`funding: ${problems.join('; ')}`);
    }
    return { scenario: 'funding', rows, notes };
  } finally {
    await ctx?.close();
    await db.drop();
  }
}
