import {
  Body,
  Controller,
  Get,
  Param,
  Post,
  Query,
  Req,
  Res,
  Render,
  Redirect,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AppConfig } from '@gv/config';
import { AppException, PageQuery, Public, Role, Roles } from '@gv/core';
import { I18n } from '@gv/i18n';
import { CommunityOptions } from '@gv/places';
import {
  CurrentUser,
  formLimits,
  page,
  PageOutcome,
  pager,
  redirectTo,
  sessionCookieName,
  validateForm,
  FormInput,
} from '@gv/web';
import { AuthService } from './auth.service';
import {
  AcceptInvitationDto,
  ChangePasswordDto,
  InviteUserDto,
  LoginFormDto,
  UserListQuery,
} from './dto/accounts.dto';
import { InvitationService } from './invitation.service';
import { RateLimits } from './rate-limits.service';
import { UsersService } from './users.service';
import type { SessionUser } from '@gv/core';

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
    private readonly communities: CommunityOptions,
    private readonly limits: RateLimits,
  ) {}

  @Public()
  @Get('login')
  @Render('accounts/login')
  loginPage(
    @Req() req: Request,
    @Query('next') next?: string,
    @Query('reset') reset?: string,
    @Query('accepted') accepted?: string,
  ) {
    if (req.user) throw PageOutcome.redirect(safeNext(next));
    // After a password reset or an accepted invitation, say what to do now.
    const done = reset === '1' ? 'reset' : accepted === '1' ? 'accepted' : undefined;
    return page(req, 'accounts.login.title', {
      form: { next: safeNext(next) },
      maxLengths: formLimits(LoginFormDto),
      flash: done ? this.i18n.t(req.locale, `accounts.login.${done}`) : undefined,
    });
  }

  @Public()
  @Post('login')
  @Redirect('', 303)
  async login(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Body() body: FormInput,
  ) {
    const { value, errors } = await validateForm(LoginFormDto, body, this.i18n, req.locale);
    const form = { email: body['email'] ?? '', next: safeNext(body['next']) };
    if (!value)
      throw PageOutcome.view(
        'accounts/login',
        page(req, 'accounts.login.title', {
          form,
          errors,
          maxLengths: formLimits(LoginFormDto),
        }),
        400,
      );
    try {
      const { token } = await this.auth.login(value.email, value.password, req.ip ?? '', 'web');
      res.cookie(sessionCookieName(this.config.cookieSecure), token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: this.config.cookieSecure,
        path: '/',
        maxAge: this.config.SESSION_TTL_HOURS * 3600_000,
      });
      return redirectTo(form.next);
    } catch (err) {
      if (!(err instanceof AppException) || (err.status !== 401 && err.status !== 429)) throw err;
      if (err.params['retryAfterSeconds'])
        res.setHeader('Retry-After', String(err.params['retryAfterSeconds']));
      throw PageOutcome.view(
        'accounts/login',
        page(req, 'accounts.login.title', {
          form,
          maxLengths: formLimits(LoginFormDto),
          formError: this.i18n.t(req.locale, `errors.${err.code}`, err.params),
        }),
        err.status,
      );
    }
  }

  @Post('logout')
  @Redirect('', 303)
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    if (req.sessionToken) await this.auth.logout(req.sessionToken);
    res.clearCookie(sessionCookieName(this.config.cookieSecure), {
      path: '/',
      secure: this.config.cookieSecure,
    });
    return redirectTo('/');
  }

  @Get('account/password')
  @Render('accounts/password')
  passwordPage(@Req() req: Request) {
    return page(req, 'accounts.password.title', {
      errors: {},
      maxLengths: formLimits(ChangePasswordDto),
    });
  }

  @Post('account/password')
  @Render('accounts/password')
  async changePassword(
    @Req() req: Request,
    @CurrentUser() user: SessionUser,
    @Body() body: FormInput,
  ) {
    const { value, errors } = await validateForm(ChangePasswordDto, body, this.i18n, req.locale);
    if (!value)
      throw PageOutcome.view(
        'accounts/password',
        page(req, 'accounts.password.title', {
          errors,
          maxLengths: formLimits(ChangePasswordDto),
        }),
        400,
      );
    try {
      await this.auth.changePassword(
        user.userId,
        value.currentPassword,
        value.newPassword,
        req.sessionToken,
      );
    } catch (err) {
      if (err instanceof AppException && err.code === 'validation_failed') {
        throw PageOutcome.view(
          'accounts/password',
          page(req, 'accounts.password.title', {
            errors: { currentPassword: this.i18n.t(req.locale, 'validation.wrong_password') },
            maxLengths: formLimits(ChangePasswordDto),
          }),
          400,
        );
      }
      throw err;
    }
    return page(req, 'accounts.password.title', {
      errors: {},
      maxLengths: formLimits(ChangePasswordDto),
      flash: this.i18n.t(req.locale, 'accounts.password.changed'),
    });
  }

  @Roles(Role.StreetAdmin)
  @Get('admin/users')
  @Render('accounts/users')
  async usersPage(@Req() req: Request, @Query() q: UserListQuery) {
    return await this.usersModel(req, q, { form: { role: 'judge', locale: 'zh-CN' }, errors: {} });
  }

  @Roles(Role.StreetAdmin)
  @Post('admin/users')
  @Render('accounts/users')
  async invite(@Req() req: Request, @CurrentUser() user: SessionUser, @Body() body: FormInput) {
    const { value, errors } = await validateForm(InviteUserDto, body, this.i18n, req.locale);
    const form = { ...body };
    if (!value)
      throw PageOutcome.view(
        'accounts/users',
        await this.usersModel(req, {}, { form, errors }),
        400,
      );
    try {
      await this.invitations.invite(user, value);
    } catch (err) {
      if (err instanceof AppException && (err.status === 409 || err.status === 400)) {
        const field = err.details?.[0]?.field ?? 'email';
        const code = err.details?.[0]?.code ?? err.code;
        throw PageOutcome.view(
          'accounts/users',
          await this.usersModel(
            req,
            {},
            { form, errors: { [field]: this.i18n.t(req.locale, `validation.${code}`) } },
          ),
          err.status,
        );
      }
      throw err;
    }
    return await this.usersModel(
      req,
      {},
      {
        form: { role: 'judge' },
        errors: {},
        flash: this.i18n.t(req.locale, 'accounts.users.invited', { email: value.email }),
      },
    );
  }

  private async usersModel(req: Request, q: UserListQuery, extra: Record<string, unknown>) {
    const list = await this.users.list(q);
    const invitations = await this.invitations.list({ pageSize: 10 } as PageQuery);
    const l = req.locale;
    return page(req, 'accounts.users.title', {
      users: list.items,
      pager: pager(req, list),
      invitations: invitations.items,
      maxLengths: formLimits(InviteUserDto),
      roleOptions: [Role.StreetAdmin, Role.CommunityStaff, Role.Judge, Role.OrgMember].map((r) => ({
        value: r,
        label: this.i18n.t(l, `roles.${r}`),
      })),
      communityOptions: await this.communities.options(l, { head: '—' }),
      localeOptions: [
        { value: 'zh-CN', label: '简体中文' },
        { value: 'en', label: 'English' },
      ],
      ...extra,
    });
  }

  @Public()
  @Get('invitations/:token')
  @Render('accounts/accept')
  async invitationPage(@Req() req: Request, @Param('token') token: string) {
    const inv = await this.invitations.findOpen(token);
    return page(req, 'accounts.accept.title', {
      invitation: inv,
      token,
      errors: {},
      maxLengths: formLimits(AcceptInvitationDto),
    });
  }

  @Public()
  @Post('invitations/:token')
  @Redirect('', 303)
  async acceptInvitation(
    @Req() req: Request,
    @Param('token') token: string,
    @Body() body: FormInput,
  ) {
    await this.limits.takeSignup(req.ip ?? '');
    const inv = await this.invitations.findOpen(token);
    const { value, errors } = await validateForm(AcceptInvitationDto, body, this.i18n, req.locale);
    if (value && value.password !== value.passwordConfirm)
      errors['passwordConfirm'] = this.i18n.t(req.locale, 'validation.passwords_differ');
    if (!value || Object.keys(errors).length)
      throw PageOutcome.view(
        'accounts/accept',
        page(req, 'accounts.accept.title', {
          invitation: inv,
          token,
          errors,
          maxLengths: formLimits(AcceptInvitationDto),
        }),
        400,
      );
    await this.invitations.accept(token, value.password);
    return redirectTo('/login?accepted=1');
  }
}
