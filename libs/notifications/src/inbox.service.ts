import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { AppConfig } from '@gv/config';
import { Locale, Page, pageParams, PageQuery, toPage } from '@gv/core';
import { I18n } from '@gv/i18n';
import { Notification } from './entities/notification.entity';
import { NotificationContent } from './notification-content.registry';
import { NotificationsError } from './notifications.errors';

export interface InboxItem {
  id: number;
  event: string;
  title: string;
  ids: Record<string, number | string>;
  /** The page the notification is about (a same-site path, what its mail links to), if it has one. */
  link: string | null;
  read: boolean;
  readAt: Date | null;
  createdAt: Date;
}

/** The in-app inbox: every outbox row addressed to a user, whatever happened to its email. */
@Injectable()
export class InboxService {
  private readonly logger = new Logger('Inbox');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly i18n: I18n,
    private readonly content: NotificationContent,
    private readonly config: AppConfig,
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
    const links = await this.links(rows, userId, locale);
    return toPage(
      rows.map((r) => this.item(r, locale, links.get(r.id) ?? null)),
      total,
      page,
      pageSize,
    );
  }

  item(r: Notification, locale: Locale, link: string | null = null): InboxItem {
    return {
      id: r.id,
      event: r.event,
      title: this.i18n.t(locale, `notifications.events.${r.event}`),
      ids: JSON.parse(r.payload) as Record<string, number | string>,
      link,
      read: !!r.readAt,
      readAt: r.readAt,
      createdAt: r.createdAt,
    };
  }

  /**
   * Where each entry leads: the link its mail carries, from the event's content loader (re-read now, so
   * it follows the current state, like a mail rendered now). One load per distinct event, ids and locale
   * on the page; a loader that fails (its subject was deleted) leaves the entry without a link.
   */
  private async links(
    rows: Notification[],
    userId: number,
    locale: Locale,
  ): Promise<Map<number, string>> {
    const loads = new Map<string, Promise<string | null>>();
    const out = new Map<number, string>();
    await Promise.all(
      rows
        .filter((r) => this.content.linksInInbox(r.event))
        .map(async (r) => {
          const key = this.content.cacheKey(r.event, r.payload, locale, userId);
          let load = loads.get(key);
          if (!load) {
            load = this.content
              .load(r.event, {
                ids: JSON.parse(r.payload) as Record<string, number | string>,
                locale,
                recipientUserId: userId,
                manager: this.ds.manager,
              })
              .then((data) => this.sameSitePath(data.link))
              .catch((err: Error) => {
                this.logger.debug({ event: r.event, err: err.message }, 'no inbox link');
                return null;
              });
            loads.set(key, load);
          }
          const link = await load;
          if (link) out.set(r.id, link);
        }),
    );
    return out;
  }

  /** A path on this site (an absolute link to PUBLIC_URL made relative); the inbox itself is no link. */
  private sameSitePath(link: string | undefined): string | null {
    if (!link) return null;
    const base = this.config.PUBLIC_URL.replace(/\/$/, '');
    const path = link.startsWith(`${base}/`) ? link.slice(base.length) : link;
    if (!/^\/(?!\/)[^\s\\]*$/.test(path)) return null;
    return path === '/inbox' || path.startsWith('/inbox?') ? null : path;
  }

  /** One COUNT on the (recipientUserId, readAt) index; runs for every signed-in page. */
  unreadCount(userId: number): Promise<number> {
    return this.ds
      .getRepository(Notification)
      .countBy({ recipientUserId: userId, readAt: IsNull() });
  }

  /**
   * Opening an entry: marks it read and answers where it leads (null: it has no page of its own).
   * Another user's notification answers 404.
   */
  async open(userId: number, id: number, locale: Locale): Promise<string | null> {
    const row = await this.ds
      .getRepository(Notification)
      .findOneBy({ id, recipientUserId: userId });
    if (!row) throw NotificationsError.error('notification_not_found');
    if (!row.readAt)
      await this.ds
        .getRepository(Notification)
        .update({ id, recipientUserId: userId, readAt: IsNull() }, { readAt: new Date() });
    return (await this.links([row], userId, locale)).get(row.id) ?? null;
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
