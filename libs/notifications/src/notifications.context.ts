import { fromRoot } from '@gv/config';
import { Role } from '@gv/core';
import { defineContext } from '@gv/web';
import { NotificationOptOut } from './entities/notification-opt-out.entity';
import { Notification } from './entities/notification.entity';
import { ReminderSent } from './entities/reminder-sent.entity';
import { notificationsMessages } from './notifications.messages';
import { NotificationsHttpModule, NotificationsModule } from './notifications.module';
import { NotificationsError } from './notifications.errors';

/** 通知: the outbox every context writes to, mail delivery, the inbox, preferences and reminders. */
export const notificationsContext = defineContext({
  name: 'notifications',
  module: NotificationsModule,
  httpModule: NotificationsHttpModule,
  entities: [Notification, NotificationOptOut, ReminderSent],
  errors: NotificationsError,
  messages: notificationsMessages,
  viewsDir: fromRoot('libs/notifications/views'),
  mailTemplatesDir: fromRoot('libs/notifications/mail'),
  nav: [
    { label: 'nav.inbox', href: '/inbox', audience: 'signed-in', order: 85 },
    {
      label: 'nav.notificationsAdmin',
      href: '/admin/notifications',
      audience: [Role.StreetAdmin],
      order: 88,
      group: 'admin',
    },
    {
      label: 'nav.notificationPrefs',
      href: '/account/notifications',
      audience: 'signed-in',
      order: 96,
      group: 'account',
    },
  ],
});
