import { Body, Controller, Delete, Get, HttpCode, Post, Put, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { AppException, PageQuery, Public, Role, Roles } from '@gv/core';
import { AuthService, toSessionUser } from './auth.service';
import { ChangePasswordDto, InviteUserDto, LoginDto, UserListQuery } from './dto/accounts.dto';
import { InvitationService } from './invitation.service';
import { UsersService } from './users.service';
import { User } from './entities/user.entity';
import { CurrentUser } from '@gv/web';
import type { SessionUser } from '@gv/core';

const userView = (u: User) => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  communityId: u.communityId,
  organisationId: u.organisationId,
  locale: u.locale,
  active: u.active,
});

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('api/v1')
export class AccountsApiController {
  constructor(
    private readonly auth: AuthService,
    private readonly invitations: InvitationService,
    private readonly users: UsersService,
  ) {}

  @Public()
  @Post('auth/token')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange email and password for a bearer token' })
  async token(@Body() dto: LoginDto, @Req() req: Request) {
    const { token, expiresAt, user } = await this.auth.login(
      dto.email,
      dto.password,
      req.ip ?? '',
      'api',
    );
    return { token, tokenType: 'Bearer', expiresAt, user: toSessionUser(user, 'api') };
  }

  @Delete('auth/token')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke the bearer token used for this call' })
  async revoke(@Req() req: Request) {
    if (req.sessionToken) await this.auth.logout(req.sessionToken);
  }

  @Get('me')
  me(@Req() req: Request) {
    return req.user;
  }

  @Put('me/password')
  @HttpCode(204)
  async changePassword(
    @Body() dto: ChangePasswordDto,
    @Req() req: Request,
    @CurrentUser() user: SessionUser,
  ) {
    await this.auth.changePassword(
      user.userId,
      dto.currentPassword,
      dto.newPassword,
      req.sessionToken,
    );
  }

  @Roles(Role.StreetAdmin)
  @Get('users')
  async list(@Query() q: UserListQuery) {
    const page = await this.users.list(q);
    return { ...page, items: page.items.map(userView) };
  }

  @Roles(Role.StreetAdmin)
  @Post('invitations')
  @ApiOperation({ summary: 'Invite a user; the invitation email goes out through the job queue' })
  async invite(@Body() dto: InviteUserDto, @CurrentUser() user: SessionUser) {
    const inv = await this.invitations.invite(user, dto);
    return {
      id: inv.id,
      email: inv.email,
      name: inv.name,
      role: inv.role,
      communityId: inv.communityId,
      organisationId: inv.organisationId,
      expiresAt: inv.expiresAt,
    };
  }

  @Roles(Role.StreetAdmin)
  @Get('invitations')
  async invitationsList(@Query() q: PageQuery) {
    const page = await this.invitations.list(q);
    return {
      ...page,
      items: page.items.map(({ tokenHash: _t, pendingToken: _p, ...rest }) => rest),
    };
  }

  @Roles(Role.StreetAdmin)
  @Get('users/:id')
  async one(@Req() req: Request) {
    const id = Number(req.params['id']);
    const u = Number.isSafeInteger(id) ? await this.users.findById(id) : null;
    if (!u) throw AppException.notFound();
    return userView(u);
  }
}
