import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  Brackets,
  DataSource,
  EntitySubscriberInterface,
  TransactionCommitEvent,
  TransactionRollbackEvent,
} from 'typeorm';
import { AppConfig } from '@gv/config';
import { JobHandler, JobName, JobProducer } from '@gv/queue';
import { Notification } from './entities/notification.entity';
import { OUTBOX_AFTER_COMMIT } from './notify';
import { notificationJobId, SWEEP_BATCH } from './outbox.constants';

/**
 * Dispatch of the outbox: after a transaction that called `notify()` commits, each new row becomes one job
 * (`jobId` = `notification-<id>`); BullMQ in production, the in-process driver in embedded mode.
 * A crash between commit and enqueue leaves rows pending: the scheduled sweep re-enqueues them.
 *
 * Registered as a TypeORM subscriber by pushing this Nest provider into `dataSource.subscribers` (the NestJS
 * way to give a subscriber injected dependencies; a class listed in the DataSource options could not get the
 * job producer).
 */
@Injectable()
export class OutboxDispatcher implements EntitySubscriberInterface, OnModuleInit {
  private readonly logger = new Logger('OutboxDispatcher');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly jobs: JobProducer,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    if (!this.ds.subscribers.includes(this)) this.ds.subscribers.push(this);
  }

  async afterTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    const qr = event.queryRunner;
    // Also broadcast when a savepoint is released: only the outermost commit makes the rows visible.
    if (qr.isTransactionActive) return;
    const data = qr.data as Record<string, number[] | undefined>;
    const ids = data[OUTBOX_AFTER_COMMIT];
    if (!ids?.length) return;
    delete data[OUTBOX_AFTER_COMMIT];
    try {
      await this.dispatch(ids);
    } catch (err) {
      // The rows are committed and stay pending; the sweep will enqueue them.
      this.logger.warn(
        { count: ids.length, err: (err as Error).message },
        'enqueue after commit failed; the sweep will retry',
      );
    }
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (event.queryRunner.isTransactionActive) return;
    delete (event.queryRunner.data as Record<string, unknown>)[OUTBOX_AFTER_COMMIT];
  }

  /** Enqueues one send job per row id (deterministic job ids: enqueuing twice runs once). */
  async dispatch(ids: number[]): Promise<void> {
    const unique = [...new Set(ids)];
    await this.jobs.enqueueMany(
      JobName.SendNotification,
      unique.map((id) => ({ payload: { notificationId: id }, jobId: notificationJobId(id) })),
    );
  }

  /**
   * Re-enqueues rows pending for longer than NOTIFY_SWEEP_AFTER_SECONDS and rows whose sender died
   * (claimed longer ago than NOTIFY_CLAIM_SECONDS). A job still waiting or running for a row is left alone;
   * a finished one is replaced. Returns how many jobs were (re)enqueued.
   */
  @JobHandler(JobName.SweepOutbox)
  async sweep(
    _payload: Record<string, never> = {},
    _meta?: unknown,
    now = new Date(),
  ): Promise<number> {
    const pendingBefore = new Date(now.getTime() - this.config.NOTIFY_SWEEP_AFTER_SECONDS * 1000);
    const claimedBefore = new Date(now.getTime() - this.config.NOTIFY_CLAIM_SECONDS * 1000);
    return this.requeueWhere(pendingBefore, claimedBefore);
  }

  async requeueWhere(pendingBefore: Date, claimedBefore: Date): Promise<number> {
    const rows = await this.ds
      .getRepository(Notification)
      .createQueryBuilder('n')
      .select(['n.id'])
      .where(
        new Brackets((w) =>
          w
            .where('n.status = :pending AND n.createdAt < :pendingBefore', {
              pending: 'pending',
              pendingBefore,
            })
            .orWhere('n.status = :sending AND n.claimedAt < :claimedBefore', {
              sending: 'sending',
              claimedBefore,
            }),
        ),
      )
      .orderBy('n.id', 'ASC')
      .take(SWEEP_BATCH)
      .getMany();
    let enqueued = 0;
    for (const r of rows) {
      if (
        await this.jobs.requeue(
          JobName.SendNotification,
          { notificationId: r.id },
          notificationJobId(r.id),
        )
      )
        enqueued++;
    }
    if (enqueued)
      this.logger.log(
        { enqueued, candidates: rows.length },
        'outbox sweep re-enqueued notifications',
      );
    return enqueued;
  }
}
