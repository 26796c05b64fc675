import { Global, Injectable, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { ActorDirectory } from '@gv/audit';
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
import { User } from './entities/user.entity';

/** Tells the audit page (below) who its actors are, without audit importing accounts. */
@Injectable()
export class ActorDirectoryImpl extends ActorDirectory {
  constructor(@InjectDataSource() private readonly ds: DataSource) {
    super();
  }

  async names(ids: number[]): Promise<Map<number, { name: string; email: string }>> {
    const users = await this.ds.getRepository(User).find({
      where: { id: In(ids) },
      select: { id: true, name: true, email: true },
    });
    return new Map(users.map((u) => [u.id, { name: u.name, email: u.email }]));
  }
}

/** Global: the audit page's controller depends on it. */
@Global()
@Module({
  providers: [{ provide: ActorDirectory, useClass: ActorDirectoryImpl }],
  exports: [ActorDirectory],
})
export class ActorDirectoryModule {}

/** Jobs handlers and services only (the worker); see AccountsHttpModule for the api. */
@Module({
  imports: [ActorDirectoryModule],
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
