import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { rowLock } from '@gv/database';
import { DataSource, In } from 'typeorm';
import { Page, pageParams, PageQuery, toPage } from '@gv/core';
import { AuditService } from '@gv/audit';
import { JobName, JobProducer } from '@gv/queue';
import { Notification, NotificationStatus } from './entities/notification.entity';
import { notificationJobId } from './outbox.constants';
import { NotificationsError } from './notifications.errors';

export const ADMIN_STATUSES: readonly NotificationStatus[] = ['failed', 'pending', 'sending'];

/** Street admins: notifications that failed or are still waiting, and the "retry" action. */
@Injectable()
export class NotificationAdminService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly jobs: JobProducer,
  ) {}

  async list(q: PageQuery & { status?: NotificationStatus }): Promise<Page<Notification>> {
    const { page, pageSize, skip, take } = pageParams(q);
    const statuses = q.status ? [q.status] : ['failed', 'pending', 'sending'];
    const [items, total] = await this.ds.getRepository(Notification).findAndCount({
      where: { status: In(statuses) },
      order: { id: 'DESC' },
      skip,
      take,
    });
    return toPage(items, total, page, pageSize);
  }

  /** failed → pending (audited, same transaction), then enqueued again (replacing the finished job). */
  async retry(id: number): Promise<Notification> {
    const row = await this.ds.transaction(async (m) => {
      const n = await m.getRepository(Notification).findOne({
        where: { id },
        lock: rowLock(m),
      });
      if (!n) throw NotificationsError.error('notification_not_found');
      if (n.status !== 'failed')
        throw NotificationsError.error('notification_not_failed', { status: n.status });
      await m.update(
        Notification,
        { id, status: 'failed' },
        { status: 'pending', claimedAt: null },
      );
      await this.audit.record(m, {
        action: 'notification.retried',
        entity: 'notification',
        entityId: id,
        before: { status: 'failed', lastError: n.lastError, attempts: n.attempts },
        after: { status: 'pending' },
      });
      return { ...n, status: 'pending' as const, claimedAt: null };
    });
    await this.jobs.requeue(
      JobName.SendNotification,
      { notificationId: id },
      notificationJobId(id),
    );
    return row;
  }
}
