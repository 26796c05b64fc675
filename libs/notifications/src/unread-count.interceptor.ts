import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { from, Observable, switchMap } from 'rxjs';
import { InboxService } from './inbox.service';

/**
 * Supplies `unreadCount` to every page a signed-in user sees (the layout links it to /inbox). Express merges
 * res.locals into the view model, so pages need not pass it. One COUNT on the indexed columns; none for the API.
 */
@Injectable()
export class UnreadCountInterceptor implements NestInterceptor {
  constructor(private readonly inbox: InboxService) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (ctx.getType() !== 'http') return next.handle();
    const req = ctx.switchToHttp().getRequest<Request>();
    if (!req.user || req.path.startsWith('/api/') || req.path.startsWith('/health'))
      return next.handle();
    const res = ctx.switchToHttp().getResponse<Response>();
    return from(this.inbox.unreadCount(req.user.userId)).pipe(
      switchMap((n) => {
        res.locals['unreadCount'] = n;
        return next.handle();
      }),
    );
  }
}
