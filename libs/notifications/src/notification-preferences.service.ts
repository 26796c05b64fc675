import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '@gv/audit';
import { NotificationOptOut } from './entities/notification-opt-out.entity';
import { NotificationEvent, OPTIONAL_EVENTS } from './notification-events';

export interface EmailPreference {
  event: NotificationEvent;
  email: boolean;
}

/** Email opt-outs: only OPTIONAL_EVENTS (reminders, digests) can be switched off; decisions are always sent. */
@Injectable()
export class NotificationPreferencesService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {}

  async get(userId: number): Promise<EmailPreference[]> {
    const off = new Set(
      (await this.ds.getRepository(NotificationOptOut).findBy({ userId })).map((o) => o.event),
    );
    return [...OPTIONAL_EVENTS].map((event) => ({ event, email: !off.has(event) }));
  }

  /** Replaces the user's opt-outs with `emailOff` (events not optional are refused by the DTO before this). */
  async set(userId: number, emailOff: NotificationEvent[]): Promise<EmailPreference[]> {
    const wanted = new Set(emailOff.filter((e) => OPTIONAL_EVENTS.has(e)));
    await this.ds.transaction(async (m) => {
      const repo = m.getRepository(NotificationOptOut);
      const before = (await repo.findBy({ userId })).map((o) => o.event);
      await repo.delete({ userId });
      if (wanted.size) await repo.insert([...wanted].map((event) => ({ userId, event })));
      await this.audit.record(m, {
        action: 'notification.preferences_changed',
        entity: 'user',
        entityId: userId,
        before: { emailOff: before },
        after: { emailOff: [...wanted] },
      });
    });
    return this.get(userId);
  }
}
