import { ChildProcess, fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { resolve } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { User } from '@gv/accounts';
import { Call } from '@gv/calls';
import { loadConfig } from '@gv/config';
import { Role } from '@gv/core';
import { MilestoneTracking } from '@gv/delivery';
import { PlatformModule } from '@gv/platform';
import { QueueName } from '@gv/queue';
import { BenchResult } from '../bench-result';
import { BENCH_REDIS, DIST, scratchDatabase, stop } from '../support';

const PROJECTS = Number(process.env['BENCH_DELIVERY_PROJECTS'] ?? 1_000);
const PER_PROJECT = Number(process.env['BENCH_DELIVERY_MILESTONES'] ?? 50);
const CONCURRENCY = process.env['BENCH_DELIVERY_CONCURRENCY'] ?? '20';
/** The sweep's "now": due dates lie 98 days either side of it, 4 days apart. */
const NOW = new Date('2026-06-15T10:00:00+08:00');
const PROCESS_TIMEOUT_MS = 20 * 60_000;

interface Prepared {
  milestones: number;
}

/**
 * The milestone sweep over PROJECTS × PER_PROJECT milestones (default 1,000 × 50 = 50,000) on MariaDB:
 * the cold sweep (every step due at NOW enqueued to BullMQ), the same sweep again before anything ran
 * (offered again, nothing added: deterministic job ids), the step jobs processed by the real worker
 * (dist, a child process, WORKER_QUEUES=sweeps, the clock from CLOCK_START), and the sweep after that
 * (nothing due). Then the duplicate check: step keys, outbox rows per step and recipient.
 */
export async function run(): Promise<BenchResult> {
  const prefix = `benchdelivery${Date.now()}`;
  const db = await scratchDatabase('gv_bench_delivery', prepare);
  const env = {
    DATABASE_URL: db.url,
    REDIS_URL: BENCH_REDIS,
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: 'warn',
    DB_POOL_SIZE: '30',
  };
  const config = loadConfig({ ...env, LOG_LEVEL: 'silent' });
  let ctx: INestApplicationContext | undefined;
  let worker: ChildProcess | undefined;
  const redis = new Redis(BENCH_REDIS, { maxRetriesPerRequest: null });
  const queue = new Queue(QueueName.Sweeps, { connection: redis, prefix });
  const queued = async () => {
    const c = await queue.getJobCounts('waiting', 'active', 'prioritized', 'completed', 'failed');
    return c['waiting'] + c['active'] + c['prioritized'] + c['completed'] + c['failed'];
  };
  try {
    ctx = await NestFactory.createApplicationContext(PlatformModule.forRoot(config, 'cli'), {
      logger: false,
    });
    await ctx.init();
    const ds = ctx.get<DataSource>(getDataSourceToken());
    const tracking = ctx.get(MilestoneTracking);
    const timed = async () => {
      const t0 = performance.now();
      const r = await tracking.sweep({}, undefined, NOW);
      return { ms: Math.round(performance.now() - t0), ...r };
    };

    const cold = await timed();
    const inQueueCold = await queued();
    console.log(`  cold sweep: ${cold.enqueued} jobs in ${cold.ms} ms`);
    const again = await timed();
    const inQueueAgain = await queued();
    console.log(
      `  second sweep: ${again.enqueued} offered in ${again.ms} ms, ${inQueueAgain} in Redis`,
    );

    const t0 = performance.now();
    worker = fork(resolve(DIST, 'apps/worker/src/main.js'), [], {
      env: {
        ...process.env,
        ...env,
        WORKER_QUEUES: QueueName.Sweeps,
        WORKER_CONCURRENCY: CONCURRENCY,
        CLOCK_START: NOW.toISOString(),
      },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    const deadline = Date.now() + PROCESS_TIMEOUT_MS;
    for (;;) {
      const c = await queue.getJobCounts('waiting', 'active', 'prioritized');
      if (c['waiting'] + c['active'] + c['prioritized'] === 0 && (await stepRows(ds)) > 0) break;
      if (worker.exitCode !== null) throw new Error(`worker exited with ${worker.exitCode}`);
      if (Date.now() > deadline) throw new Error('step jobs not processed in time');
      await new Promise((r) => setTimeout(r, 250));
    }
    const processMs = Math.round(performance.now() - t0);
    console.log(`  step jobs run in ${processMs} ms`);
    const steps = await stepRows(ds);
    const failed = (await queue.getJobCounts('failed'))['failed'];
    const after = await timed();

    const [dupSteps] = (await ds.query(
      'SELECT COUNT(*) AS n FROM (SELECT milestoneId, step FROM milestone_step GROUP BY milestoneId, step HAVING COUNT(*) > 1) d',
    )) as Array<{ n: string }>;
    const [dupMails] = (await ds.query(
      'SELECT COUNT(*) AS n FROM (SELECT dedupeKey FROM notification GROUP BY dedupeKey HAVING COUNT(*) > 1) d',
    )) as Array<{ n: string }>;
    const [mails] = (await ds.query(
      "SELECT COUNT(*) AS n FROM notification WHERE event LIKE 'delivery.%'",
    )) as Array<{ n: string }>;
    // Dedupe keys are `<event>|milestone:<id>:<step>|<recipient>`: the middle part names the step.
    const [silent] = (await ds.query(
      `SELECT COUNT(*) AS n FROM milestone_step s LEFT JOIN (
         SELECT DISTINCT SUBSTRING_INDEX(SUBSTRING_INDEX(dedupeKey, '|', 2), '|', -1) AS k
         FROM notification WHERE event LIKE 'delivery.%') n
       ON n.k = CONCAT('milestone:', s.milestoneId, ':', s.step) WHERE n.k IS NULL`,
    )) as Array<{ n: string }>;
    const [atRisk] = (await ds.query(
      "SELECT COUNT(*) AS n FROM delivery_project WHERE status = 'at_risk'",
    )) as Array<{ n: string }>;
    const duplicates = Number(dupSteps.n) + Number(dupMails.n);
    const row = (
      what: string,
      ms: number,
      enqueued: number | string,
      inQueue: number | string,
      extra = '',
    ) => ({ what, ms, 'jobs enqueued': enqueued, 'jobs in Redis': inQueue, note: extra });
    return {
      scenario: 'delivery',
      rows: [
        row(
          `cold sweep (${db.prepared.milestones} milestones)`,
          cold.ms,
          cold.enqueued,
          inQueueCold,
          JSON.stringify(cold.byKind),
        ),
        row(
          'same sweep again, nothing run yet',
          again.ms,
          again.enqueued,
          inQueueAgain,
          'same ids: not added',
        ),
        row(
          `step jobs run by the worker (concurrency ${CONCURRENCY})`,
          processMs,
          '-',
          '-',
          `${steps} step rows (${Math.round((steps * 1000) / processMs)}/s), ${failed} failed`,
        ),
        row('sweep after the steps ran', after.ms, after.enqueued, '-', 'nothing due twice'),
      ],
      notes: [
        `${PROJECTS} projects × ${PER_PROJECT} milestones, due 98 days either side of the sweep's now (4 days apart): per project 25 overdue notices, 23 escalations, 2 seven-day reminders, and the at-risk flag with the second overdue notice.`,
        `duplicates: ${duplicates} (step keys seen twice ${dupSteps.n}, outbox rows with the same dedupe key ${dupMails.n}); steps without their mails: ${silent.n}; ${mails.n} tracking mails written; ${atRisk.n} projects at risk.`,
        'The sweep is one keyset-paged query per step kind (NOT EXISTS on milestone_step) plus one BullMQ addBulk per 1,000 jobs; MariaDB and Redis on localhost; the worker is dist/apps/worker/src/main.js with the clock from CLOCK_START.',
      ],
    };
  } finally {
    await stop(worker);
    await ctx?.close();
    await queue.close();
    await deleteKeys(redis, prefix);
    await redis.quit();
    await db.drop();
  }
}

const stepRows = async (ds: DataSource) =>
  Number(
    ((await ds.query('SELECT COUNT(*) AS n FROM milestone_step')) as Array<{ n: string }>)[0].n,
  );

/** PROJECTS awarded proposals of the demo call, each with a delivery project and PER_PROJECT milestones. */
async function prepare(ds: DataSource): Promise<Prepared> {
  const call = await ds.getRepository(Call).findOneByOrFail({ code: 'DG' });
  const member = await ds.getRepository(User).findOneByOrFail({ role: Role.OrgMember });
  const staff = await ds.getRepository(User).findOneBy({ role: Role.CommunityStaff });
  const orgId = member.organisationId as number;
  const communityId = staff?.communityId ?? null;
  const chunk = 500;
  for (let from = 0; from < PROJECTS; from += chunk) {
    const n = Math.min(chunk, PROJECTS - from);
    const idx = Array.from({ length: n }, (_, i) => from + i);
    const proposals = await ds.query(
      `INSERT INTO proposal (callId, organisationId, status, title, track, totalFen, currentVersion, hasUnsubmittedChanges)
       VALUES ${idx.map(() => "(?, ?, 'eligible', ?, 'venture', 1000000, 1, 0)").join(',')}`,
      idx.flatMap((i) => [call.id, orgId, `基准项目 ${i + 1}`]),
    );
    const firstProposal = Number((proposals as { insertId: number }).insertId);
    const pids = idx.map((_, k) => firstProposal + k);
    const awards = await ds.query(
      `INSERT INTO funding_award (callId, proposalId, track, requestedFen, amountFen, status, reason)
       VALUES ${pids.map(() => "(?, ?, 'venture', 1000000, 1000000, 'awarded', '')").join(',')}`,
      pids.flatMap((pid) => [call.id, pid]),
    );
    const firstAward = Number((awards as { insertId: number }).insertId);
    const projects = await ds.query(
      `INSERT INTO delivery_project (awardId, proposalId, callId, organisationId, communityId, status, startsOn, endsOn, statusReason)
       VALUES ${pids.map(() => "(?, ?, ?, ?, ?, 'active', '2026-01-01', '2026-12-31', '')").join(',')}`,
      pids.flatMap((pid, k) => [firstAward + k, pid, call.id, orgId, communityId]),
    );
    const firstProject = Number((projects as { insertId: number }).insertId);
    for (let k = 0; k < n; k += 20) {
      const rows: unknown[] = [];
      for (let p = k; p < Math.min(n, k + 20); p++)
        for (let s = 1; s <= PER_PROJECT; s++) {
          const offset = s * 4 - 102; // -98 … +98 days around NOW
          const due = new Date(Date.UTC(2026, 5, 15 + offset)).toISOString().slice(0, 10);
          rows.push(firstProject + p, s, `里程碑 ${s}`, due, '成果', '', 'open');
        }
      await ds.query(
        `INSERT INTO delivery_milestone (projectId, seq, title, dueOn, deliverable, evidence, status)
         VALUES ${new Array(rows.length / 7).fill('(?, ?, ?, ?, ?, ?, ?)').join(',')}`,
        rows,
      );
    }
  }
  return { milestones: PROJECTS * PER_PROJECT };
}

async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== '0');
}
