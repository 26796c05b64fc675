import { JobName, JobPayloads } from './job-names';

export interface EnqueueOptions {
  /** Deterministic id: enqueuing the same id twice runs the job once. */
  jobId?: string;
  delayMs?: number;
}

/** The one way to enqueue work. Implemented by the BullMQ driver and the in-process driver. */
export abstract class JobProducer {
  abstract enqueue<N extends JobName>(name: N, payload: JobPayloads[N], options?: EnqueueOptions): Promise<void>;
}

export type JobHandlerFn<N extends JobName = JobName> = (payload: JobPayloads[N], meta: { attempt: number; jobId?: string }) => Promise<void>;
