import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccountsApiController } from './accounts-api.controller';
import { AccountsPagesController } from './accounts-pages.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { InvitationService } from './invitation.service';
import { PasswordResetPagesController } from './password-reset-pages.controller';
import { PasswordResetService } from './password-reset.service';
import { RateLimits } from './rate-limits.service';
import { UsersService } from './users.service';

/** Jobs handlers and services only (the worker); see AccountsHttpModule for the api. */
@Module({
  providers: [AuthService, InvitationService, PasswordResetService, RateLimits, UsersService],
  exports: [AuthService, InvitationService, PasswordResetService, RateLimits, UsersService],
})
export class AccountsModule {}

@Module({
  imports: [AccountsModule],
  controllers: [AccountsApiController, AccountsPagesController, PasswordResetPagesController],
  providers: [{ provide: APP_GUARD, useClass: AuthGuard }],
})
export class AccountsHttpModule {}
