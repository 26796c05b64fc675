import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Redirect,
  Render,
  Req,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { AppException, Public } from '@gv/core';
import { I18n } from '@gv/i18n';
import { FormInput, formLimits, page, PageOutcome, redirectTo, validateForm } from '@gv/web';
import { PASSWORD_RESET_MINUTES } from './constants/password-reset.constant';
import { ForgotPasswordDto, ResetPasswordDto } from './dto/accounts.dto';
import { PasswordResetService } from './password-reset.service';
import { RateLimits } from './rate-limits.service';

const FORGOT = 'accounts/forgot';
const RESET = 'accounts/reset';

/**
 * 忘记密码: ask for a link (the answer is the same for every address), then set a new password
 * through it. Open to everyone; the link's token is the credential.
 */
@ApiExcludeController()
@Controller('password')
export class PasswordResetPagesController {
  constructor(
    private readonly resets: PasswordResetService,
    private readonly limits: RateLimits,
    private readonly i18n: I18n,
  ) {}

  @Public()
  @Get('forgot')
  @Render(FORGOT)
  forgotPage(@Req() req: Request) {
    return page(req, 'accounts.forgot.title', {
      form: {},
      errors: {},
      maxLengths: formLimits(ForgotPasswordDto),
    });
  }

  @Public()
  @Post('forgot')
  @HttpCode(200)
  @Render(FORGOT)
  async forgot(@Req() req: Request, @Body() body: FormInput) {
    const { value, errors } = await validateForm(ForgotPasswordDto, body, this.i18n, req.locale);
    const form = { email: typeof body['email'] === 'string' ? body['email'] : '' };
    if (!value)
      throw PageOutcome.view(
        FORGOT,
        page(req, 'accounts.forgot.title', {
          form,
          errors,
          maxLengths: formLimits(ForgotPasswordDto),
        }),
        400,
      );
    try {
      await this.resets.request(value.email, req.ip ?? '');
    } catch (err) {
      if (!(err instanceof AppException) || err.status !== 429) throw err;
      this.retryAfter(req, err);
      throw PageOutcome.view(
        FORGOT,
        page(req, 'accounts.forgot.title', {
          form,
          errors: {},
          maxLengths: formLimits(ForgotPasswordDto),
          formError: this.i18n.t(req.locale, `errors.${err.code}`, err.params),
        }),
        429,
      );
    }
    // The same answer whether or not an account has this address.
    return page(req, 'accounts.forgot.title', {
      sent: { email: value.email, minutes: PASSWORD_RESET_MINUTES },
    });
  }

  @Public()
  @Get('reset/:token')
  @Render(RESET)
  async resetPage(@Req() req: Request, @Param('token') token: string) {
    const reset = await this.usable(req, token);
    return page(req, 'accounts.reset.title', {
      token,
      email: reset.user.email,
      errors: {},
      maxLengths: formLimits(ResetPasswordDto),
    });
  }

  @Public()
  @Post('reset/:token')
  @Redirect('', 303)
  async reset(@Req() req: Request, @Param('token') token: string, @Body() body: FormInput) {
    try {
      await this.limits.takePasswordResetAttempt(req.ip ?? '');
    } catch (err) {
      if (!(err instanceof AppException) || err.status !== 429) throw err;
      this.retryAfter(req, err);
      throw PageOutcome.view(RESET, this.invalidModel(req, `errors.${err.code}`, err.params), 429);
    }
    const reset = await this.usable(req, token);
    const { value, errors } = await validateForm(ResetPasswordDto, body, this.i18n, req.locale);
    if (value && value.password !== value.passwordConfirm)
      errors['passwordConfirm'] = this.i18n.t(req.locale, 'validation.passwords_differ');
    if (!value || Object.keys(errors).length)
      throw PageOutcome.view(
        RESET,
        page(req, 'accounts.reset.title', {
          token,
          email: reset.user.email,
          errors,
          maxLengths: formLimits(ResetPasswordDto),
        }),
        400,
      );
    try {
      await this.resets.reset(token, value.password);
    } catch (err) {
      // Used by a submission racing this one: the same answer as any spent link.
      if (err instanceof AppException && err.code === 'reset_link_invalid')
        throw PageOutcome.view(RESET, this.invalidModel(req), 404);
      throw err;
    }
    return redirectTo('/login?reset=1');
  }

  /** The usable link, or the page that says it is not (404) with a way to ask for a new one. */
  private async usable(req: Request, token: string) {
    try {
      return await this.resets.findUsable(token);
    } catch (err) {
      if (err instanceof AppException && err.code === 'reset_link_invalid')
        throw PageOutcome.view(RESET, this.invalidModel(req), 404);
      throw err;
    }
  }

  private invalidModel(
    req: Request,
    key = 'errors.reset_link_invalid',
    params: Record<string, unknown> = {},
  ) {
    return page(req, 'accounts.reset.title', {
      invalid: true,
      formError: this.i18n.t(req.locale, key, params),
    });
  }

  private retryAfter(req: Request, err: AppException): void {
    const seconds = err.params['retryAfterSeconds'];
    if (seconds) req.res?.setHeader('Retry-After', String(seconds));
  }
}
