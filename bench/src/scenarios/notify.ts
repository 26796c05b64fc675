import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { ChildProcess, fork } from 'node:child_process';
import { resolve } from 'node:path';
import { DataSource, EntitySubscriberInterface, TransactionCommitEvent } from 'typeorm';
import { AppConfig, loadConfig } from '@gv/config';
import { createMailDriver, RenderedMail } from '@gv/mail';
import { Notification, NotificationEvent, NotificationSender, notify } from '@gv/notifications';
import { PlatformModule } from '@gv/platform';
import { QueueName } from '@gv/queue';
import { BenchResult } from '../bench-result';
import { SmtpCounter } from '../smtp-counter';
import { BENCH_REDIS, DIST, scratchDatabase, stop } from '../support';

const TOTAL = Number(process.env['BENCH_NOTIFY_TOTAL'] ?? 5_000);
const PER_TX = 100;
/** Transactions emitting at the same time (the api serves many requests at once). */
const EMIT_PARALLEL = 5;
/** Sends in flight, in the pipeline (MAIL_CONCURRENCY, shared by the workers) and in the plain loop alike. */
const CONCURRENCY =
  process.env['BENCH_NOTIFY_CONCURRENCY'] ?? String(new AppConfig().MAIL_CONCURRENCY);
/**
 * Worker processes sharing the queue, each with an equal share of CONCURRENCY, so the pipeline has as many
 * sends in flight as the plain loop. One by default: on a 2-core machine that also runs MariaDB, Redis and
 * the sink, a second worker process measured slower (0.41 against 0.54 of the plain loop); add worker
 * processes with cores.
 */
const WORKERS = Math.max(1, Number(process.env['BENCH_NOTIFY_WORKERS'] ?? 1));
const DELIVERY_TIMEOUT_MS = 180_000;

const BATCH = '__benchBatch';

/**
 * Notifications: TOTAL outbox rows emitted through the real `notify()` in transactions (PER_TX recipients
 * each) by an in-process application context, dispatched after commit to BullMQ, sent by the real worker
 * (a child process, MAIL_CONCURRENCY) to an SMTP sink in this process; against a plain loop of Nodemailer
 * sends with the same pooled transport and the same concurrency to the same sink, in the same run.
 */
export async function run(): Promise<BenchResult> {
  const prefix = `benchnotify${Date.now()}`;
  const db = await scratchDatabase('gv_bench_notify');
  const sink = await new SmtpCounter().start();
  const env = {
    DATABASE_URL: db.url,
    REDIS_URL: BENCH_REDIS,
    QUEUE_PREFIX: prefix,
    SMTP_URL: sink.url,
    MAIL_CONCURRENCY: String(Math.max(1, Math.ceil(Number(CONCURRENCY) / WORKERS))),
    MAIL_RATE_PER_SECOND: '10000',
    LOG_LEVEL: 'warn',
  };
  const config = loadConfig({ ...env, LOG_LEVEL: 'silent' });
  let ctx: INestApplicationContext | undefined;
  const workers: ChildProcess[] = [];
  try {
    // The producing side, as in the api: notify() in transactions, the after-commit dispatcher enqueues.
    ctx = await NestFactory.createApplicationContext(PlatformModule.forRoot(config, 'cli'), {
      logger: false,
    });
    await ctx.init();
    const ds = ctx.get<DataSource>(getDataSourceToken());
    const sample = await ctx.get(NotificationSender).render(sampleRow());

    // The plain loop keeps every send in flight in one process: CONCURRENCY, not a worker's share.
    const plain = await plainLoop(
      loadConfig({ ...env, MAIL_CONCURRENCY: CONCURRENCY, LOG_LEVEL: 'silent' }),
      sink,
      sample,
    );

    sink.reset();
    for (let w = 1; w <= WORKERS; w++) workers.push(await startWorker(env, config, w));
    const pipeline = await outboxRun(ds, sink);

    const speedRatio = pipeline.rate / plain.rate;
    return {
      scenario: 'notify',
      rows: [
        {
          target: `plain loop: Nodemailer pooled (${CONCURRENCY} in flight)`,
          messages: plain.delivered,
          'msg/s': round(plain.rate),
          ratio: 1,
          'p50 ms': '-',
          'p95 ms': '-',
          duplicates: plain.duplicates,
          missing: plain.missing,
        },
        {
          target: `outbox → BullMQ → ${WORKERS} worker process(es) × MAIL_CONCURRENCY ${config.MAIL_CONCURRENCY}`,
          messages: pipeline.delivered,
          'msg/s': round(pipeline.rate),
          ratio: Number(speedRatio.toFixed(3)),
          'p50 ms': pipeline.p50,
          'p95 ms': pipeline.p95,
          duplicates: pipeline.duplicates,
          missing: pipeline.missing,
        },
      ],
      notes: [
        `${TOTAL} messages each; sink = smtp-server in the bench process; MariaDB + Redis on localhost; SMTP pool: ${Math.min(Number(CONCURRENCY), 10)} connections in the plain loop, ${Math.min(config.MAIL_CONCURRENCY, 10)} per worker process.`,
        `outbox: ${TOTAL / PER_TX} transactions × ${PER_TX} recipients via notify() (${EMIT_PARALLEL} at a time), emitted in ${pipeline.emitMs} ms; msg/s = ${TOTAL} / (last delivery − first transaction start); delay = delivery − commit of the row's transaction.`,
        `outbox rows sent: ${pipeline.sentRows}/${TOTAL}; ${WORKERS} worker(s): dist/apps/worker/src/main.js (child processes, BENCH_NOTIFY_WORKERS), MAIL_RATE_PER_SECOND=10000 (the config's maximum; no throttling at these rates).`,
      ],
    };
  } finally {
    await Promise.all(workers.map((w) => stop(w)));
    await ctx?.close();
    await sink.stop();
    await db.drop();
    await deleteKeys(prefix);
  }
}

interface RunStats {
  delivered: number;
  rate: number;
  duplicates: number;
  missing: number;
}

/** The baseline: the same pooled transport as the SMTP driver, CONCURRENCY sends in flight, no queue, no DB. */
async function plainLoop(
  config: AppConfig,
  sink: SmtpCounter,
  mail: RenderedMail,
): Promise<RunStats> {
  const driver = createMailDriver(config);
  let next = 0;
  const started = Date.now();
  const lane = async () => {
    for (let i = next++; i < TOTAL; i = next++) {
      await driver.send({
        to: `plain-${i}@bench.example.cn`,
        ...mail,
        messageId: `<plain-${i}@gongyi-venture>`,
      });
    }
  };
  await Promise.all(Array.from({ length: config.MAIL_CONCURRENCY }, lane));
  await sink.waitFor(TOTAL, 10_000);
  const last = Math.max(...sink.arrivals.map((a) => a.at));
  await driver.close();
  const ids = new Set(sink.arrivals.map((a) => a.messageId));
  return {
    delivered: sink.arrivals.length,
    rate: (TOTAL * 1000) / (last - started),
    duplicates: sink.arrivals.length - ids.size,
    missing: TOTAL - ids.size,
  };
}

async function outboxRun(ds: DataSource, sink: SmtpCounter) {
  const committedAt = new Map<number, number>();
  // Runs before the outbox dispatcher's hook (subscribers are called in order): the commit time of each batch.
  const recorder: EntitySubscriberInterface = {
    afterTransactionCommit(e: TransactionCommitEvent) {
      const b = (e.queryRunner.data as Record<string, unknown>)[BATCH];
      if (typeof b === 'number' && !e.queryRunner.isTransactionActive)
        committedAt.set(b, Date.now());
    },
  };
  ds.subscribers.unshift(recorder);
  const batches = TOTAL / PER_TX;
  const started = Date.now();
  let next = 0;
  const lane = async () => {
    for (let b = next++; b < batches; b = next++) {
      await ds.transaction(async (m) => {
        (m.queryRunner!.data as Record<string, unknown>)[BATCH] = b;
        const recipients = Array.from({ length: PER_TX }, (_, i) => ({
          email: `r${b}-${i}@bench.example.cn`,
          locale: i % 2 ? ('en' as const) : ('zh-CN' as const),
        }));
        await notify(m, NotificationEvent.ProposalSubmitted, recipients, { callId: 1, bench: b });
      });
    }
  };
  await Promise.all(Array.from({ length: EMIT_PARALLEL }, lane));
  const emitMs = Date.now() - started;
  const arrived = await sink.waitFor(TOTAL, DELIVERY_TIMEOUT_MS);
  if (!arrived)
    console.warn(
      `  only ${sink.arrivals.length}/${TOTAL} arrived within ${DELIVERY_TIMEOUT_MS} ms`,
    );
  const lastArrival = Math.max(...sink.arrivals.map((a) => a.at));
  // Late duplicates (a second send of a row) would show up here.
  await new Promise((r) => setTimeout(r, 2_000));
  ds.subscribers.splice(ds.subscribers.indexOf(recorder), 1);

  const rows = await ds
    .getRepository(Notification)
    .find({ select: { id: true, payload: true, status: true } });
  const batchOf = new Map(
    rows.map((r) => [r.id, (JSON.parse(r.payload) as { bench: number }).bench]),
  );
  const seen = new Map<number, number>();
  const delays: number[] = [];
  for (const a of sink.arrivals) {
    const id = Number(/^<notification-(\d+)@gongyi-venture>$/.exec(a.messageId)?.[1] ?? NaN);
    seen.set(id, (seen.get(id) ?? 0) + 1);
    const commit = committedAt.get(batchOf.get(id) ?? -1);
    if (commit !== undefined && seen.get(id) === 1) delays.push(a.at - commit);
  }
  delays.sort((x, y) => x - y);
  const duplicates = [...seen.values()].reduce((s, n) => s + n - 1, 0);
  // Only the bench's own rows count: the demo seed's notifications were never meant to be mailed.
  const benchRows = rows.filter((r) => batchOf.get(r.id) !== undefined);
  const missing =
    benchRows.filter((r) => !seen.has(r.id)).length + Math.max(0, TOTAL - benchRows.length);
  return {
    delivered: sink.arrivals.length,
    rate: (TOTAL * 1000) / (lastArrival - started),
    duplicates,
    missing,
    p50: percentile(delays, 0.5),
    p95: percentile(delays, 0.95),
    emitMs,
    sentRows: rows.filter((r) => r.status === 'sent').length,
  };
}

/** The real worker app as a child process; resolves once its BullMQ worker on the notifications queue is registered. */
async function startWorker(
  env: Record<string, string>,
  config: AppConfig,
  expected: number,
): Promise<ChildProcess> {
  // BENCH_PROFILE_DIR=/tmp/prof writes a CPU profile of the worker there (opened with Chrome DevTools).
  const profile = process.env['BENCH_PROFILE_DIR'];
  const child = fork(resolve(DIST, 'apps/worker/src/main.js'), [], {
    env: { ...process.env, ...env },
    execArgv: profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const connection = new Redis(config.REDIS_URL as string, { maxRetriesPerRequest: null });
  const queue = new Queue(QueueName.Notifications, { connection, prefix: config.QUEUE_PREFIX });
  try {
    const deadline = Date.now() + 60_000;
    while ((await queue.getWorkersCount()) < expected) {
      if (child.exitCode !== null) throw new Error(`worker exited with ${child.exitCode}`);
      if (Date.now() > deadline) throw new Error('worker did not register within 60 s');
      await new Promise((r) => setTimeout(r, 200));
    }
    return child;
  } finally {
    await queue.close();
    await connection.quit();
  }
}

async function deleteKeys(prefix: string): Promise<void> {
  const redis = new Redis(BENCH_REDIS);
  try {
    let cursor = '0';
    do {
      const [nextCursor, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = nextCursor;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
}

/** A row like the benchmark's, to render the mail the plain loop sends (same template, same size). */
function sampleRow(): Notification {
  return Object.assign(new Notification(), {
    id: 0,
    event: NotificationEvent.ProposalSubmitted,
    recipientUserId: null,
    recipientEmail: 'sample@bench.example.cn',
    locale: 'zh-CN',
    payload: JSON.stringify({ callId: 1, bench: 0 }),
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : NaN;
}

const round = (n: number) => Math.round(n);
