import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AppException, IS_PUBLIC, requestContext, Role, ROLES } from '@gv/core';
import { AppConfig } from '@gv/config';
import { sessionCookie } from '@gv/web';
import { AuthService } from './auth.service';
import { AccountsError } from './accounts.errors';

/**
 * The one guard (APP_GUARD): identifies the caller from a bearer token (API) or the session cookie
 * (pages), then applies @Public / @Roles. Routes without @Public need a signed-in user.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const req = ctx.switchToHttp().getRequest<Request>();
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const cookie = sessionCookie(req, this.config.cookieSecure);
    const token = bearer ?? (req.path.startsWith('/api/') ? undefined : cookie);
    if (token) {
      const user = await this.auth.authenticate(token);
      if (user) {
        req.user = user;
        req.sessionToken = token;
        requestContext.setActor(user);
      } else if (bearer) {
        throw AccountsError.error('invalid_token');
      }
    }
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    if (!req.user) throw AppException.unauthorized();
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles?.length && !roles.includes(req.user.role)) throw AppException.forbidden();
    return true;
  }
}
