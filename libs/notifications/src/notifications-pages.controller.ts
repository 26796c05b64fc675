import { Body, Controller, Get, Param, Post, Query, Req, Render, Redirect } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { AppConfig } from '@gv/config';
import { JobProducer } from '@gv/queue';
import { AppException, Role, Roles } from '@gv/core';
import { I18n } from '@gv/i18n';
import { CurrentUser, page, PageOutcome, pager, parseId, redirectTo, FormInput } from '@gv/web';
import { AdminNotificationQuery, InboxQuery } from './dto/notifications.dto';
import { InboxService } from './inbox.service';
import { NotificationAdminService } from './notification-admin.service';
import { NotificationEvent, OPTIONAL_EVENTS } from './notification-events';
import { NotificationPreferencesService } from './notification-preferences.service';
import { adminView } from './notifications-api.controller';
import type { SessionUser } from '@gv/core';

@ApiExcludeController()
@Controller()
export class NotificationsPagesController {
  constructor(
    private readonly inbox: InboxService,
    private readonly admin: NotificationAdminService,
    private readonly prefs: NotificationPreferencesService,
    private readonly i18n: I18n,
    private readonly config: AppConfig,
    private readonly jobs: JobProducer,
  ) {}

  @Get('inbox')
  @Render('notifications/inbox')
  async inboxPage(
    @Req() req: Request,
    @CurrentUser() user: SessionUser,
    @Query() q: InboxQuery,
    @Query('marked') marked?: string,
  ) {
    const list = await this.inbox.list(user.userId, req.locale, q);
    const flash =
      marked && /^\d+$/.test(marked)
        ? this.i18n.t(req.locale, 'notifications.inbox.allRead', { count: Number(marked) })
        : undefined;
    return page(req, 'notifications.inbox.title', {
      items: list.items,
      pager: pager(req, list),
      flash,
    });
  }

  @Post('inbox/read-all')
  @Redirect('', 303)
  async readAll(@CurrentUser() user: SessionUser) {
    const marked = await this.inbox.markAllRead(user.userId);
    return redirectTo(`/inbox?marked=${marked}`);
  }

  /** An entry's link: marks it read, then on to what it is about (or back to the inbox). */
  @Get('inbox/:id/open')
  @Redirect('', 303)
  async open(@Req() req: Request, @CurrentUser() user: SessionUser, @Param('id') id: string) {
    return redirectTo((await this.inbox.open(user.userId, parseId(id), req.locale)) ?? '/inbox');
  }

  @Post('inbox/:id/read')
  @Redirect('', 303)
  async read(@CurrentUser() user: SessionUser, @Param('id') id: string) {
    await this.inbox.markRead(user.userId, parseId(id));
    return redirectTo('/inbox');
  }

  @Get('account/notifications')
  @Render('notifications/preferences')
  async prefsPage(@Req() req: Request, @CurrentUser() user: SessionUser) {
    return page(req, 'notifications.prefs.title', { items: await this.prefs.get(user.userId) });
  }

  /** Checked boxes (`email`) are the optional events the user still wants by email. */
  @Post('account/notifications')
  @Render('notifications/preferences')
  async savePrefs(@Req() req: Request, @CurrentUser() user: SessionUser, @Body() body: FormInput) {
    const raw = body['email'];
    const on = raw === undefined ? [] : Array.isArray(raw) ? raw.map(String) : [String(raw)];
    const optional = [...OPTIONAL_EVENTS] as string[];
    if (on.some((e) => !optional.includes(e))) {
      throw PageOutcome.view(
        'notifications/preferences',
        page(req, 'notifications.prefs.title', {
          items: await this.prefs.get(user.userId),
          formError: this.i18n.t(req.locale, 'validation.isIn'),
        }),
        400,
      );
    }
    const items = await this.prefs.set(
      user.userId,
      optional.filter((e) => !on.includes(e)) as NotificationEvent[],
    );
    return page(req, 'notifications.prefs.title', {
      items,
      flash: this.i18n.t(req.locale, 'notifications.prefs.saved'),
    });
  }

  @Roles(Role.StreetAdmin)
  @Get('admin/notifications')
  @Render('notifications/admin')
  async adminPage(
    @Req() req: Request,
    @Query() q: AdminNotificationQuery,
    @Query('retried') retried?: string,
  ) {
    const flash =
      retried && /^\d+$/.test(retried)
        ? this.i18n.t(req.locale, 'notifications.admin.retried', { id: retried })
        : undefined;
    return await this.adminModel(req, q, { flash });
  }

  @Roles(Role.StreetAdmin)
  @Post('admin/notifications/:id/retry')
  @Redirect('', 303)
  async retry(@Req() req: Request, @Param('id') id: string) {
    try {
      await this.admin.retry(parseId(id));
    } catch (err) {
      if (err instanceof AppException && err.status === 409) {
        const status = this.i18n.t(
          req.locale,
          `notifications.status.${String(err.params['status'])}`,
        );
        throw PageOutcome.view(
          'notifications/admin',
          await this.adminModel(
            req,
            {},
            { formError: this.i18n.t(req.locale, `errors.${err.code}`, { status }) },
          ),
          409,
        );
      }
      throw err;
    }
    return redirectTo(`/admin/notifications?retried=${id}`);
  }

  private async adminModel(
    req: Request,
    q: AdminNotificationQuery,
    extra: Record<string, unknown>,
  ) {
    const list = await this.admin.list(q);
    return page(req, 'notifications.admin.title', {
      items: list.items.map(adminView),
      pager: pager(req, list),
      status: q.status ?? '',
      statusOptions: [
        { value: '', label: this.i18n.t(req.locale, 'notifications.admin.all') },
        ...['failed', 'pending', 'sending'].map((s) => ({
          value: s,
          label: this.i18n.t(req.locale, `notifications.status.${s}`),
        })),
      ],
      queueDashboard: this.config.usesRedis && this.config.QUEUE_DASHBOARD,
      // Embedded mode has no queue dashboard: the jobs run in this process.
      inProcessJobs: this.jobs.inProcessStats(),
      ...extra,
    });
  }
}
