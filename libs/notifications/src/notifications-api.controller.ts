import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Role, Roles } from '@gv/core';
import { AdminNotificationQuery, EmailPreferencesDto, InboxQuery } from './dto/notifications.dto';
import { Notification } from './entities/notification.entity';
import { InboxService } from './inbox.service';
import { NotificationAdminService } from './notification-admin.service';
import { NotificationEvent } from './notification-events';
import { NotificationPreferencesService } from './notification-preferences.service';
import { CurrentUser, parseId } from '@gv/web';
import type { SessionUser } from '@gv/core';

export const adminView = (n: Notification) => ({
  id: n.id,
  event: n.event,
  recipientUserId: n.recipientUserId,
  recipientEmail: n.recipientEmail,
  locale: n.locale,
  status: n.status,
  attempts: n.attempts,
  lastError: n.lastError,
  createdAt: n.createdAt,
  claimedAt: n.claimedAt,
  sentAt: n.sentAt,
});

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('api/v1')
export class NotificationsApiController {
  constructor(
    private readonly inbox: InboxService,
    private readonly admin: NotificationAdminService,
    private readonly prefs: NotificationPreferencesService,
  ) {}

  @Get('inbox')
  @ApiOperation({ summary: "The caller's notifications, newest first (paginated)" })
  async list(@Req() req: Request, @CurrentUser() user: SessionUser, @Query() q: InboxQuery) {
    const [page, unread] = await Promise.all([
      this.inbox.list(user.userId, req.locale, q),
      this.inbox.unreadCount(user.userId),
    ]);
    return { ...page, unread };
  }

  @Get('inbox/unread-count')
  async unreadCount(@CurrentUser() user: SessionUser) {
    return { unread: await this.inbox.unreadCount(user.userId) };
  }

  @Post('inbox/read-all')
  @HttpCode(200)
  async readAll(@CurrentUser() user: SessionUser) {
    return { marked: await this.inbox.markAllRead(user.userId) };
  }

  @Post('inbox/:id/read')
  @HttpCode(204)
  async read(@CurrentUser() user: SessionUser, @Param('id') id: string) {
    await this.inbox.markRead(user.userId, parseId(id));
  }

  @Get('me/notification-preferences')
  @ApiOperation({ summary: 'Which optional (reminder/digest) emails the caller receives' })
  async preferences(@CurrentUser() user: SessionUser) {
    return { items: await this.prefs.get(user.userId) };
  }

  @Put('me/notification-preferences')
  @ApiOperation({ summary: 'Switch optional emails off (`emailOff`); decisions are always sent' })
  async setPreferences(@CurrentUser() user: SessionUser, @Body() dto: EmailPreferencesDto) {
    return { items: await this.prefs.set(user.userId, dto.emailOff as NotificationEvent[]) };
  }

  @Roles(Role.StreetAdmin)
  @Get('admin/notifications')
  @ApiOperation({ summary: 'Failed and pending notifications (street admins)' })
  async adminList(@Query() q: AdminNotificationQuery) {
    const page = await this.admin.list(q);
    return { ...page, items: page.items.map(adminView) };
  }

  @Roles(Role.StreetAdmin)
  @Post('admin/notifications/:id/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a failed notification again (audited)' })
  async retry(@Param('id') id: string) {
    return adminView(await this.admin.retry(parseId(id)));
  }
}
