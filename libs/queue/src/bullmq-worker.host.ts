import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Job, MinimalJob, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { AppConfig } from '@gv/config';
import { backoffDelay, JobName, JOB_RETRY, JOB_SCHEDULES, JOB_QUEUE, QueueName } from './job-names';
import { BullmqJobProducer } from './bullmq.driver';
import { JobRegistry } from './job-registry';
import { createRedis } from './redis';

/** Queues whose jobs send email: rate-limited by MAIL_RATE_PER_SECOND. */
const MAIL_QUEUES: readonly QueueName[] = [QueueName.Mail, QueueName.Notifications];

/**
 * The worker app's consumer: one BullMQ Worker per consumed queue, concurrency from config,
 * stalled-job recovery left on, graceful close (finishes the jobs in hand) at shutdown.
 */
@Injectable()
export class BullmqWorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('BullmqWorkerHost');
  private readonly workers: Worker[] = [];
  private readonly connections: Redis[] = [];

  constructor(
    private readonly config: AppConfig,
    private readonly registry: JobRegistry,
    private readonly producer: BullmqJobProducer,
  ) {}

  consumedQueues(): QueueName[] {
    const wanted = this.config.workerQueues;
    const all = Object.values(QueueName);
    const unknown = wanted.filter((q) => !all.includes(q as QueueName));
    if (unknown.length)
      throw new Error(`WORKER_QUEUES names unknown queues: ${unknown.join(', ')}`);
    return wanted.length ? (wanted as QueueName[]) : all;
  }

  async onApplicationBootstrap(): Promise<void> {
    const queues = this.consumedQueues();
    this.registry.assertComplete(queues);
    await this.upsertSchedules(queues);
    // A Redis that comes back empty (restarted without persistence, failed over) has lost the job schedulers:
    // without recreating them no sweep (outbox, call phases, reminders) would run until a worker restarts.
    this.producer.connection.on('ready', () => {
      this.upsertSchedules(queues, true).catch((err: Error) =>
        this.logger.warn({ err: err.message }, 'job schedulers not restored'),
      );
    });
    for (const queue of queues) {
      const connection = createRedis(this.config.REDIS_URL as string, `gv-worker-${queue}`);
      this.connections.push(connection);
      const worker = new Worker(queue, (job: Job) => this.process(job), {
        connection,
        prefix: this.config.QUEUE_PREFIX,
        concurrency: MAIL_QUEUES.includes(queue)
          ? this.config.MAIL_CONCURRENCY
          : this.config.WORKER_CONCURRENCY,
        // A killed worker's jobs return to the queue once their lock expires (stalled-job recovery stays on).
        lockDuration: this.config.WORKER_STALLED_SECONDS * 1000,
        stalledInterval: this.config.WORKER_STALLED_SECONDS * 1000,
        // Mail queues respect the provider's limit: BullMQ's limiter is global per queue, across all workers.
        limiter: MAIL_QUEUES.includes(queue)
          ? { max: this.config.MAIL_RATE_PER_SECOND, duration: 1000 }
          : undefined,
        settings: {
          backoffStrategy: (attemptsMade: number, _type?: string, _err?: Error, job?: MinimalJob) =>
            backoffDelay(
              JOB_RETRY[job?.name as JobName] ?? JOB_RETRY[JobName.SendInvitation],
              attemptsMade,
            ),
        },
      });
      worker.on('failed', (job, err) =>
        this.logger.warn(
          { queue, job: job?.name, id: job?.id, attempt: job?.attemptsMade, err: err.message },
          'job failed',
        ),
      );
      worker.on('error', (err) => this.logger.error({ queue, err: err.message }, 'worker error'));
      this.workers.push(worker);
    }
    this.logger.log(
      `consuming ${queues.join(', ')} (concurrency ${this.config.WORKER_CONCURRENCY}, mail ${this.config.MAIL_CONCURRENCY})`,
    );
  }

  /** Creates or updates the recurring jobs of the consumed queues (`onlyMissing`: only those Redis lost). */
  private async upsertSchedules(queues: QueueName[], onlyMissing = false): Promise<void> {
    for (const s of JOB_SCHEDULES) {
      const queue = this.producer.queue(JOB_QUEUE[s.job]);
      if (!queues.includes(JOB_QUEUE[s.job])) continue;
      if (onlyMissing && (await queue.getJobScheduler(s.id))) continue;
      await queue.upsertJobScheduler(s.id, { every: s.everyMs }, { name: s.job, data: {} });
      if (onlyMissing)
        this.logger.warn({ scheduler: s.id }, 'job scheduler lost by Redis: restored');
    }
  }

  private async process(job: Job): Promise<void> {
    const handler = this.registry.get(job.name as JobName);
    await handler(job.data, { attempt: job.attemptsMade + 1, jobId: job.id });
  }

  async onApplicationShutdown(): Promise<void> {
    // A graceful close waits for the jobs in hand and for the workers' Redis commands. While Redis is
    // unreachable those wait for a reconnection that may never come, and the process would ignore SIGTERM:
    // then (Redis down now, or lost during the close) the wait ends and the connections are dropped; jobs in
    // hand return as stalled once Redis is back (their outbox claims make a re-run harmless).
    let lost!: () => void;
    const redisLost = new Promise<void>((resolve) => (lost = resolve));
    this.connections.forEach((c) => c.once('close', lost));
    const unreachable = this.connections.some((c) => c.status !== 'ready');
    if (unreachable) lost();
    await Promise.race([
      Promise.allSettled(this.workers.map((w) => w.close(unreachable))),
      redisLost,
    ]);
    this.connections.forEach((c) => c.off('close', lost));
    await Promise.allSettled(
      this.connections.map((c) => (c.status === 'ready' ? c.quit() : c.disconnect())),
    );
  }
}
