import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { Locale, localeFromAcceptLanguage, normaliseLocale, requestContext } from '@gv/core';

export const LOCALE_COOKIE = 'gv_lang';

/**
 * Runs the rest of the request inside the request context: correlation id (from X-Request-Id or new),
 * locale (?lang= → cookie → Accept-Language → default).
 */
export function requestContextMiddleware(defaultLocale: Locale, secureCookies: boolean) {
  return (req: Request, res: Response, next: NextFunction) => {
    const incoming = req.headers['x-request-id'];
    const correlationId =
      typeof incoming === 'string' && /^[A-Za-z0-9._-]{8,64}$/.test(incoming)
        ? incoming
        : randomUUID();
    const fromQuery = normaliseLocale(req.query['lang']);
    if (fromQuery)
      res.cookie(LOCALE_COOKIE, fromQuery, {
        httpOnly: true,
        sameSite: 'lax',
        secure: secureCookies,
        maxAge: 365 * 86400_000,
      });
    const locale =
      fromQuery ??
      normaliseLocale(req.cookies?.[LOCALE_COOKIE]) ??
      localeFromAcceptLanguage(req.headers['accept-language']) ??
      defaultLocale;
    req.correlationId = correlationId;
    req.locale = locale;
    res.setHeader('X-Request-Id', correlationId);
    res.setHeader('Content-Language', locale);
    requestContext.run({ correlationId, locale }, () => next());
  };
}
