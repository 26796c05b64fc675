import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { InboxService } from './inbox.service';

/**
 * Supplies `unreadCount` to every page a signed-in user sees (the layout links it to /inbox): when a page
 * is rendered — by a handler, a form shown again with its errors, or an error page — one COUNT on the
 * indexed columns runs first, and Express merges res.locals into the view model. Nothing at all for the
 * API and the health probes: unlike a global interceptor (which put every request, the JSON API
 * included, through Nest's interceptor pipeline), it costs a request that renders no page one path test.
 */
@Injectable()
export class UnreadCountMiddleware implements NestMiddleware {
  constructor(private readonly inbox: InboxService) {}

  use(req: Request, res: Response, next: NextFunction): void {
    if (req.path.startsWith('/api/') || req.path.startsWith('/health')) return next();
    const render = res.render;
    res.render = ((...args: Parameters<Response['render']>) => {
      if (!req.user) return render.apply(res, args);
      this.inbox.unreadCount(req.user.userId).then(
        (n) => {
          res.locals['unreadCount'] = n;
          render.apply(res, args);
        },
        // A failed count (the database gone) must not lose the page: it renders without the badge.
        () => render.apply(res, args),
      );
    }) as Response['render'];
    next();
  }
}
