import { Global, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { InboxService } from './inbox.service';
import { NotificationAdminService } from './notification-admin.service';
import { NotificationContent } from './notification-content.registry';
import { NotificationPreferencesService } from './notification-preferences.service';
import { NotificationSender } from './notification-sender.service';
import { NotificationsApiController } from './notifications-api.controller';
import { NotificationsPagesController } from './notifications-pages.controller';
import { OutboxDispatcher } from './outbox.dispatcher';
import { ReminderRegistry } from './reminders/reminder.registry';
import { ReminderSweep } from './reminders/reminder-sweep.service';
import { UnreadCountMiddleware } from './unread-count.middleware';

/**
 * Outbox dispatch, the send job, sweeps and reminder registry: every process (api, worker, cli).
 * Global, so feature modules can inject NotificationContent and ReminderRegistry without importing it.
 */
@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [
    OutboxDispatcher,
    NotificationSender,
    NotificationContent,
    InboxService,
    NotificationAdminService,
    NotificationPreferencesService,
    ReminderRegistry,
    ReminderSweep,
  ],
  exports: [
    OutboxDispatcher,
    NotificationSender,
    NotificationContent,
    InboxService,
    NotificationAdminService,
    NotificationPreferencesService,
    ReminderRegistry,
    ReminderSweep,
  ],
})
export class NotificationsModule {}

/** Inbox, preferences and the street admins' delivery page (api only). */
@Module({
  imports: [NotificationsModule],
  controllers: [NotificationsApiController, NotificationsPagesController],
})
export class NotificationsHttpModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(UnreadCountMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
