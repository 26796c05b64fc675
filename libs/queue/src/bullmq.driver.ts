import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { AppConfig } from '@gv/config';
import { JobName, JobPayloads, JOB_QUEUE, JOB_RETRY, QueueName } from './job-names';
import { EnqueueOptions, JobProducer } from './job-producer';
import { createRedis } from './redis';

/**
 * Production producer: one BullMQ Queue per queue name, sharing one Redis connection. It fails fast while
 * Redis is down (see createRedis): an enqueue after commit then fails at once and the outbox sweep
 * re-enqueues the row, instead of the request hanging until Redis is back.
 */
@Injectable()
export class BullmqJobProducer extends JobProducer implements OnApplicationShutdown {
  private readonly logger = new Logger('BullmqJobProducer');
  readonly connection: Redis;
  private readonly queues = new Map<QueueName, Queue>();

  constructor(private readonly config: AppConfig) {
    super();
    this.connection = createRedis(config.REDIS_URL as string, 'gv-producer', { failFast: true });
  }

  queue(name: QueueName): Queue {
    let q = this.queues.get(name);
    if (!q) {
      q = new Queue(name, { connection: this.connection, prefix: this.config.QUEUE_PREFIX });
      this.queues.set(name, q);
    }
    return q;
  }

  allQueues(): Queue[] {
    return Object.values(QueueName).map((n) => this.queue(n));
  }

  async enqueue<N extends JobName>(
    name: N,
    payload: JobPayloads[N],
    options: EnqueueOptions = {},
  ): Promise<void> {
    await this.queue(JOB_QUEUE[name]).add(
      name,
      payload,
      this.jobOptions(name, options.jobId, options.delayMs),
    );
  }

  private jobOptions(name: JobName, jobId?: string, delayMs?: number) {
    return {
      jobId,
      delay: delayMs,
      attempts: JOB_RETRY[name].attempts,
      backoff: { type: 'jittered' },
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: { age: 14 * 24 * 3600 },
    };
  }

  override async enqueueMany<N extends JobName>(
    name: N,
    jobs: Array<{ payload: JobPayloads[N]; jobId?: string }>,
  ): Promise<void> {
    const q = this.queue(JOB_QUEUE[name]);
    for (let i = 0; i < jobs.length; i += 1000) {
      await q.addBulk(
        jobs
          .slice(i, i + 1000)
          .map((j) => ({ name, data: j.payload, opts: this.jobOptions(name, j.jobId) })),
      );
    }
  }

  override async requeue<N extends JobName>(
    name: N,
    payload: JobPayloads[N],
    jobId: string,
  ): Promise<boolean> {
    const existing = await this.queue(JOB_QUEUE[name]).getJob(jobId);
    if (existing) {
      const state = await existing.getState();
      if (state !== 'completed' && state !== 'failed' && state !== 'unknown') return false;
      await existing.remove();
    }
    await this.enqueue(name, payload, { jobId });
    return true;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.queues.values()].map((q) => q.close()));
    try {
      await this.connection.quit();
    } catch (err) {
      this.logger.debug(`redis quit: ${(err as Error).message}`);
    }
  }
}
