import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AppConfig } from '@gv/config';
import { AppException, PageQuery, Public, Role, Roles } from '@gv/core';
import { I18n } from '@gv/i18n';
import { Community } from '@gv/places';
import { page, pager, SESSION_COOKIE, validateForm } from '@gv/web';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthService } from './auth.service';
import {
  AcceptInvitationDto,
  ChangePasswordDto,
  InviteUserDto,
  LoginFormDto,
  UserListQuery,
} from './dto/accounts.dto';
import { InvitationService } from './invitation.service';
import { UsersService } from './users.service';
import type { SessionUser } from '@gv/core';
import { CurrentUser } from '@gv/web';

/** Only same-site paths are followed after login. */
const safeNext = (next: unknown) =>
  typeof next === 'string' && /^\/(?!\/)[^\s\\]*$/.test(next) ? next : '/';

@ApiExcludeController()
@Controller()
export class AccountsPagesController {
  constructor(
    private readonly auth: AuthService,
    private readonly invitations: InvitationService,
    private readonly users: UsersService,
    private readonly config: AppConfig,
    private readonly i18n: I18n,
    @InjectDataSource() private readonly ds: DataSource,
  ) {}

  @Public()
  @Get('login')
  loginPage(@Req() req: Request, @Res() res: Response, @Query('next') next?: string) {
    if (req.user) return res.redirect(303, safeNext(next));
    res.render(
      'accounts/login',
      page(req, 'accounts.login.title', { form: { next: safeNext(next) } }),
    );
  }

  @Public()
  @Post('login')
  async login(@Req() req: Request, @Res() res: Response, @Body() body: Record<string, string>) {
    const { value, errors } = await validateForm(LoginFormDto, body, this.i18n, req.locale);
    const form = { email: body['email'] ?? '', next: safeNext(body['next']) };
    if (!value)
      return res
        .status(400)
        .render('accounts/login', page(req, 'accounts.login.title', { form, errors }));
    try {
      const { token } = await this.auth.login(value.email, value.password, req.ip ?? '', 'web');
      res.cookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: this.config.cookieSecure,
        path: '/',
        maxAge: this.config.SESSION_TTL_HOURS * 3600_000,
      });
      return res.redirect(303, form.next);
    } catch (err) {
      if (!(err instanceof AppException) || (err.status !== 401 && err.status !== 429)) throw err;
      if (err.params['retryAfterSeconds'])
        res.setHeader('Retry-After', String(err.params['retryAfterSeconds']));
      return res.status(err.status).render(
        'accounts/login',
        page(req, 'accounts.login.title', {
          form,
          formError: this.i18n.t(req.locale, `errors.${err.code}`, err.params),
        }),
      );
    }
  }

  @Post('logout')
  async logout(@Req() req: Request, @Res() res: Response) {
    if (req.sessionToken) await this.auth.logout(req.sessionToken);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.redirect(303, '/');
  }

  @Get('account/password')
  passwordPage(@Req() req: Request, @Res() res: Response) {
    res.render('accounts/password', page(req, 'accounts.password.title', { errors: {} }));
  }

  @Post('account/password')
  async changePassword(
    @Req() req: Request,
    @CurrentUser() user: SessionUser,
    @Res() res: Response,
    @Body() body: Record<string, string>,
  ) {
    const { value, errors } = await validateForm(ChangePasswordDto, body, this.i18n, req.locale);
    if (!value)
      return res
        .status(400)
        .render('accounts/password', page(req, 'accounts.password.title', { errors }));
    try {
      await this.auth.changePassword(
        user.userId,
        value.currentPassword,
        value.newPassword,
        req.sessionToken,
      );
    } catch (err) {
      if (err instanceof AppException && err.code === 'validation_failed') {
        return res.status(400).render(
          'accounts/password',
          page(req, 'accounts.password.title', {
            errors: { currentPassword: this.i18n.t(req.locale, 'validation.wrong_password') },
          }),
        );
      }
      throw err;
    }
    res.render(
      'accounts/password',
      page(req, 'accounts.password.title', {
        errors: {},
        flash: this.i18n.t(req.locale, 'accounts.password.changed'),
      }),
    );
  }

  @Roles(Role.StreetAdmin)
  @Get('admin/users')
  async usersPage(@Req() req: Request, @Res() res: Response, @Query() q: UserListQuery) {
    res.render(
      'accounts/users',
      await this.usersModel(req, q, { form: { role: 'judge', locale: 'zh-CN' }, errors: {} }),
    );
  }

  @Roles(Role.StreetAdmin)
  @Post('admin/users')
  async invite(
    @Req() req: Request,
    @CurrentUser() user: SessionUser,
    @Res() res: Response,
    @Body() body: Record<string, string>,
  ) {
    const { value, errors } = await validateForm(InviteUserDto, body, this.i18n, req.locale);
    const form = { ...body };
    if (!value)
      return res
        .status(400)
        .render('accounts/users', await this.usersModel(req, {}, { form, errors }));
    try {
      await this.invitations.invite(user, value);
    } catch (err) {
      if (err instanceof AppException && (err.status === 409 || err.status === 400)) {
        const field = err.details?.[0]?.field ?? 'email';
        const code = err.details?.[0]?.code ?? err.code;
        return res
          .status(err.status)
          .render(
            'accounts/users',
            await this.usersModel(
              req,
              {},
              { form, errors: { [field]: this.i18n.t(req.locale, `validation.${code}`) } },
            ),
          );
      }
      throw err;
    }
    res.render(
      'accounts/users',
      await this.usersModel(
        req,
        {},
        {
          form: { role: 'judge' },
          errors: {},
          flash: this.i18n.t(req.locale, 'accounts.users.invited', { email: value.email }),
        },
      ),
    );
  }

  private async usersModel(req: Request, q: UserListQuery, extra: Record<string, unknown>) {
    const list = await this.users.list(q);
    const invitations = await this.invitations.list({ pageSize: 10 } as PageQuery);
    const communities = await this.ds
      .getRepository(Community)
      .find({ order: { sortOrder: 'ASC' } });
    const l = req.locale;
    return page(req, 'accounts.users.title', {
      users: list.items,
      pager: pager(req, list),
      invitations: invitations.items,
      roleOptions: [Role.StreetAdmin, Role.CommunityStaff, Role.Judge, Role.OrgMember].map((r) => ({
        value: r,
        label: this.i18n.t(l, `roles.${r}`),
      })),
      communityOptions: [
        { value: '', label: '—' },
        ...communities.map((c) => ({ value: String(c.id), label: l === 'en' ? c.nameEn : c.name })),
      ],
      localeOptions: [
        { value: 'zh-CN', label: '简体中文' },
        { value: 'en', label: 'English' },
      ],
      ...extra,
    });
  }

  @Public()
  @Get('invitations/:token')
  async invitationPage(@Req() req: Request, @Res() res: Response, @Param('token') token: string) {
    const inv = await this.invitations.findOpen(token);
    res.render(
      'accounts/accept',
      page(req, 'accounts.accept.title', { invitation: inv, token, errors: {} }),
    );
  }

  @Public()
  @Post('invitations/:token')
  async acceptInvitation(
    @Req() req: Request,
    @Res() res: Response,
    @Param('token') token: string,
    @Body() body: Record<string, string>,
  ) {
    const inv = await this.invitations.findOpen(token);
    const { value, errors } = await validateForm(AcceptInvitationDto, body, this.i18n, req.locale);
    if (value && value.password !== value.passwordConfirm)
      errors['passwordConfirm'] = this.i18n.t(req.locale, 'validation.passwords_differ');
    if (!value || Object.keys(errors).length)
      return res
        .status(400)
        .render(
          'accounts/accept',
          page(req, 'accounts.accept.title', { invitation: inv, token, errors }),
        );
    await this.invitations.accept(token, value.password);
    res.redirect(303, '/login?accepted=1');
  }
}
