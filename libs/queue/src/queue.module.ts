import { DynamicModule, Global, Module, Provider } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AppConfig } from '@gv/config';
import { BullmqJobProducer } from './bullmq.driver';
import { BullmqWorkerHost } from './bullmq-worker.host';
import { InProcessJobDriver } from './in-process.driver';
import { JobProducer } from './job-producer';
import { JobRegistry } from './job-registry';

export interface QueueModuleOptions {
  /** Whether this process runs job handlers (the worker; the api in embedded mode). */
  consume: boolean;
}

/**
 * Picks the job driver: BullMQ when REDIS_URL is set, otherwise in-process.
 * Without Redis every process that produces also consumes (embedded mode).
 */
@Global()
@Module({})
export class QueueModule {
  static forRoot(config: AppConfig, options: QueueModuleOptions): DynamicModule {
    const providers: Provider[] = [JobRegistry];
    if (config.usesRedis) {
      providers.push(BullmqJobProducer, { provide: JobProducer, useExisting: BullmqJobProducer });
      if (options.consume) providers.push(BullmqWorkerHost);
    } else {
      providers.push(InProcessJobDriver, { provide: JobProducer, useExisting: InProcessJobDriver });
    }
    return {
      module: QueueModule,
      imports: [DiscoveryModule],
      providers,
      exports: [
        JobProducer,
        JobRegistry,
        ...(config.usesRedis ? [BullmqJobProducer] : [InProcessJobDriver]),
      ],
    };
  }
}
