import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { Locale, Page, pageParams, PageQuery, toPage } from '@gv/core';
import { I18n } from '@gv/i18n';
import { Notification } from './entities/notification.entity';
import { NotificationsError } from './notifications.errors';

export interface InboxItem {
  id: number;
  event: string;
  title: string;
  ids: Record<string, number | string>;
  read: boolean;
  readAt: Date | null;
  createdAt: Date;
}

/** The in-app inbox: every outbox row addressed to a user, whatever happened to its email. */
@Injectable()
export class InboxService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly i18n: I18n,
  ) {}

  async list(
    userId: number,
    locale: Locale,
    q: PageQuery & { unread?: boolean },
  ): Promise<Page<InboxItem>> {
    const { page, pageSize, skip, take } = pageParams(q);
    const [rows, total] = await this.ds.getRepository(Notification).findAndCount({
      where: { recipientUserId: userId, ...(q.unread ? { readAt: IsNull() } : {}) },
      order: { id: 'DESC' },
      skip,
      take,
    });
    return toPage(
      rows.map((r) => this.item(r, locale)),
      total,
      page,
      pageSize,
    );
  }

  item(r: Notification, locale: Locale): InboxItem {
    return {
      id: r.id,
      event: r.event,
      title: this.i18n.t(locale, `notifications.events.${r.event}`),
      ids: JSON.parse(r.payload) as Record<string, number | string>,
      read: !!r.readAt,
      readAt: r.readAt,
      createdAt: r.createdAt,
    };
  }

  /** One COUNT on the (recipientUserId, readAt) index; runs for every signed-in page. */
  unreadCount(userId: number): Promise<number> {
    return this.ds
      .getRepository(Notification)
      .countBy({ recipientUserId: userId, readAt: IsNull() });
  }

  /** Another user's notification answers 404. Marking a read one again changes nothing. */
  async markRead(userId: number, id: number): Promise<void> {
    const repo = this.ds.getRepository(Notification);
    if (!(await repo.existsBy({ id, recipientUserId: userId })))
      throw NotificationsError.error('notification_not_found');
    await repo.update({ id, recipientUserId: userId, readAt: IsNull() }, { readAt: new Date() });
  }

  async markAllRead(userId: number): Promise<number> {
    const res = await this.ds
      .getRepository(Notification)
      .update({ recipientUserId: userId, readAt: IsNull() }, { readAt: new Date() });
    return res.affected ?? 0;
  }
}
