import { JobName, JobPayloads } from './job-names';

export interface EnqueueOptions {
  /** Deterministic id: enqueuing the same id twice runs the job once. */
  jobId?: string;
  delayMs?: number;
}

/** The one way to enqueue work. Implemented by the BullMQ driver and the in-process driver. */
export abstract class JobProducer {
  abstract enqueue<N extends JobName>(
    name: N,
    payload: JobPayloads[N],
    options?: EnqueueOptions,
  ): Promise<void>;

  /** In-process driver only (embedded mode): jobs running now and waiting (delayed retries included). */
  inProcessStats(): { running: number; waiting: number } | undefined {
    return undefined;
  }

  /** Many jobs of one kind at once (one round trip with BullMQ). */
  async enqueueMany<N extends JobName>(
    name: N,
    jobs: Array<{ payload: JobPayloads[N]; jobId?: string }>,
  ): Promise<void> {
    for (const j of jobs) await this.enqueue(name, j.payload, { jobId: j.jobId });
  }

  /**
   * Enqueues under `jobId` even if a finished (completed/failed) job with that id is still kept:
   * the old one is replaced. A job with that id still waiting or running is left alone (returns false).
   * Used by sweeps and "retry" actions that re-dispatch durable work from the database.
   */
  async requeue<N extends JobName>(
    name: N,
    payload: JobPayloads[N],
    jobId: string,
  ): Promise<boolean> {
    await this.enqueue(name, payload, { jobId });
    return true;
  }
}

export type JobHandlerFn<N extends JobName = JobName> = (
  payload: JobPayloads[N],
  meta: { attempt: number; jobId?: string },
) => Promise<void>;
