import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { AppConfig } from '@gv/config';
import { JobName, JobPayloads, JOB_QUEUE, JOB_RETRY, QueueName } from './job-names';
import { EnqueueOptions, JobProducer } from './job-producer';
import { createRedis } from './redis';

/** Production producer: one BullMQ Queue per queue name, sharing one Redis connection. */
@Injectable()
export class BullmqJobProducer extends JobProducer implements OnApplicationShutdown {
  private readonly logger = new Logger('BullmqJobProducer');
  readonly connection: Redis;
  private readonly queues = new Map<QueueName, Queue>();

  constructor(private readonly config: AppConfig) {
    super();
    this.connection = createRedis(config.REDIS_URL as string, 'gv-producer');
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

  async enqueue<N extends JobName>(name: N, payload: JobPayloads[N], options: EnqueueOptions = {}): Promise<void> {
    const policy = JOB_RETRY[name];
    await this.queue(JOB_QUEUE[name]).add(name, payload, {
      jobId: options.jobId,
      delay: options.delayMs,
      attempts: policy.attempts,
      backoff: { type: 'jittered' },
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: { age: 14 * 24 * 3600 },
    });
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
