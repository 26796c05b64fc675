import {
  createParamDecorator,
  ExecutionContext,
  Injectable,
  PipeTransform,
  StreamableFile,
} from '@nestjs/common';
import { create as contentDisposition } from 'content-disposition';
import type { Request } from 'express';
import { AppException, Locale, SessionUser } from '@gv/core';

/**
 * The signed-in user of the request (the guard put it there). Routes behind `@Roles` always have one;
 * on a `@Public()` route use `@CurrentUser({ optional: true })`, which gives `undefined` when signed out.
 */
export const CurrentUser = createParamDecorator(
  (options: { optional?: boolean } | undefined, ctx: ExecutionContext): SessionUser | undefined => {
    const user = ctx.switchToHttp().getRequest<Request>().user;
    if (!user && !options?.optional) throw AppException.unauthorized();
    return user;
  },
);

/** The language of the request (cookie, then Accept-Language, then the default). */
export const CurrentLocale = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Locale => ctx.switchToHttp().getRequest<Request>().locale,
);

/** A route id: a positive integer below 10⁹, else -1 (which no row has, so the service answers 404). */
export function parseId(raw: string | undefined): number {
  const n = raw !== undefined && /^\d{1,9}$/.test(raw) ? Number(raw) : 0;
  return n > 0 ? n : -1;
}

/** `@Param('id', ParseIdPipe) id: number`: see parseId (an id that cannot exist is a 404, not a 400). */
@Injectable()
export class ParseIdPipe implements PipeTransform<string | undefined, number> {
  transform(value: string | undefined): number {
    return parseId(value);
  }
}

/**
 * A file to download, as the handler's return value (no `@Res()`): the file name is written per
 * RFC 6266 / RFC 5987 (`filename*=UTF-8''…`), so a call coded 东关 exports as `proposals-东关-2027.xlsx`.
 */
export function fileDownload(
  name: string,
  contentType: string,
  body: Buffer | Uint8Array,
  options: { inline?: boolean } = {},
): StreamableFile {
  return new StreamableFile(body, {
    type: contentType,
    length: body.length,
    disposition: contentDisposition(name, { type: options.inline ? 'inline' : 'attachment' }),
  });
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The signed-in user of `req` for helpers that get the request (handlers use `@CurrentUser()`). */
export function sessionUser(req: Request): SessionUser {
  if (!req.user) throw AppException.unauthorized();
  return req.user;
}

/**
 * A page answered other than by the route's `@Render` template or `@Redirect`: a form shown again
 * with its errors (400/409…), or a redirect from a route that usually renders. Thrown by the handler,
 * written by the exception filter, so no handler needs `@Res()`.
 */
export class PageOutcome extends Error {
  private constructor(
    readonly kind: 'view' | 'redirect',
    readonly target: string,
    readonly model: object,
    readonly status: number,
  ) {
    super(`page ${kind} ${target}`);
  }

  /** Render `template` with `model` and `status` (the form again, with what was typed and the errors). */
  static view(template: string, model: object, status = 200): PageOutcome {
    return new PageOutcome('view', template, model, status);
  }

  /** Redirect to `url` (303: the browser follows with a GET). */
  static redirect(url: string, status = 303): PageOutcome {
    return new PageOutcome('redirect', url, {}, status);
  }
}

/** The value a `@Redirect()` route returns: where to go. */
export const redirectTo = (url: string) => ({ url });
