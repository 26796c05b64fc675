import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
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
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const proto = Object.getPrototypeOf(instance);
      for (const method of this.scanner.getAllMethodNames(proto)) {
        const fn = instance[method];
        if (typeof fn !== 'function') continue;
        const name = this.reflector.get<JobName | undefined>(JOB_HANDLER, fn as () => void);
        if (!name) continue;
        if (this.handlers.has(name)) throw new Error(`job ${name} has two handlers`);
        this.handlers.set(name, (fn as JobHandlerFn).bind(instance));
      }
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
