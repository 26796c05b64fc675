import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { detachedFromWriteLock } from '@gv/database';
import {
  backoffDelay,
  JobName,
  JobPayloads,
  JOB_RETRY,
  JOB_SCHEDULES,
  QueueName,
} from './job-names';
import { EnqueueOptions, JobProducer } from './job-producer';
import { JobRegistry } from './job-registry';

/**
 * Embedded mode: jobs run in this process, with the same retry policy as BullMQ.
 * Durability comes from the database (outbox rows and sweeps re-derive lost work), not from here.
 */
@Injectable()
export class InProcessJobDriver
  extends JobProducer
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger('InProcessJobs');
  private readonly pending = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly intervals = new Set<NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private stopped = false;

  constructor(private readonly registry: JobRegistry) {
    super();
  }

  onApplicationBootstrap(): void {
    this.registry.assertComplete(Object.values(QueueName));
    for (const s of JOB_SCHEDULES) {
      const t = setInterval(
        () => void this.enqueue(s.job, {} as never, { jobId: `${s.id}` }),
        s.everyMs,
      );
      t.unref();
      this.intervals.add(t);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    for (const t of [...this.timers, ...this.intervals]) clearTimeout(t);
    await Promise.allSettled([...this.running]);
  }

  async enqueue<N extends JobName>(
    name: N,
    payload: JobPayloads[N],
    options: EnqueueOptions = {},
  ): Promise<void> {
    const key = options.jobId ? `${name}:${options.jobId}` : undefined;
    if (key && this.pending.has(key)) return;
    if (key) this.pending.add(key);
    this.schedule(name, payload, 1, options.delayMs ?? 0, key);
  }

  override inProcessStats(): { running: number; waiting: number } {
    return { running: this.running.size, waiting: this.timers.size };
  }

  /** Resolves when nothing is queued or running (used by tests and the CLI). */
  async drain(): Promise<void> {
    while (this.running.size || this.timers.size) {
      await Promise.allSettled([...this.running]);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  private schedule<N extends JobName>(
    name: N,
    payload: JobPayloads[N],
    attempt: number,
    delayMs: number,
    key?: string,
  ) {
    if (this.stopped) return;
    // A job is a flow of its own: enqueued from inside a transaction it must not inherit that
    // transaction's hold of the embedded write lock (its writes queue for the lock like a request's).
    const t = detachedFromWriteLock(() =>
      setTimeout(() => {
        this.timers.delete(t);
        const p = this.run(name, payload, attempt, key).finally(() => this.running.delete(p));
        this.running.add(p);
      }, delayMs),
    );
    this.timers.add(t);
  }

  private async run<N extends JobName>(
    name: N,
    payload: JobPayloads[N],
    attempt: number,
    key?: string,
  ) {
    const policy = JOB_RETRY[name];
    try {
      await this.registry.get(name)(payload, { attempt, jobId: key });
      if (key) this.pending.delete(key);
    } catch (err) {
      const permanent = err instanceof UnrecoverableError || attempt >= policy.attempts;
      this.logger.warn(
        { job: name, attempt, err: (err as Error).message, permanent },
        'job failed',
      );
      if (permanent) {
        if (key) this.pending.delete(key);
        return;
      }
      this.schedule(name, payload, attempt + 1, backoffDelay(policy, attempt), key);
    }
  }
}
