import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { discoverMethods } from '@gv/core';
import { JOB_HANDLER } from './job-handler.decorator';
import { JobName, JOB_QUEUE, QueueName } from './job-names';
import { JobHandlerFn } from './job-producer';

/** Finds every @JobHandler at boot; refuses two handlers for one job. */
@Injectable()
export class JobRegistry implements OnModuleInit {
  private readonly handlers = new Map<JobName, JobHandlerFn>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    for (const h of discoverMethods<JobName>(
      this.discovery,
      this.scanner,
      this.reflector,
      JOB_HANDLER,
    )) {
      if (this.handlers.has(h.meta)) throw new Error(`job ${h.meta} has two handlers`);
      this.handlers.set(h.meta, h.call as unknown as JobHandlerFn);
    }
  }

  get(name: JobName): JobHandlerFn {
    const h = this.handlers.get(name);
    if (!h) throw new Error(`job ${name} has no handler`);
    return h;
  }

  /** Throws unless every job of the given queues has a handler (checked where jobs are consumed). */
  assertComplete(queues: QueueName[]): void {
    const missing = (Object.keys(JOB_QUEUE) as JobName[]).filter(
      (j) => queues.includes(JOB_QUEUE[j]) && !this.handlers.has(j),
    );
    if (missing.length) throw new Error(`jobs without a handler: ${missing.join(', ')}`);
  }
}
