import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { Locale, localeFromAcceptLanguage, normaliseLocale, requestContext } from '@gv/core';
import { isApiRequest } from './error-response';

export const LOCALE_COOKIE = 'gv_lang';

/**
 * Runs the rest of the request inside the request context: correlation id (from X-Request-Id or new),
 * locale (?lang= → cookie → Accept-Language for the API → default).
 */
export function requestContextMiddleware(defaultLocale: Locale, secureCookies: boolean) {
  return (req: Request, res: Response, next: NextFunction) => {
    const incoming = req.headers['x-request-id'];
    const correlationId =
      typeof incoming === 'string' && /^[A-Za-z0-9._-]{8,64}$/.test(incoming)
        ? incoming
        : randomUUID();
    const fromQuery = normaliseLocale(req.query['lang']);
    if (fromQuery) {
      res.cookie(LOCALE_COOKIE, fromQuery, {
        httpOnly: true,
        sameSite: 'lax',
        secure: secureCookies,
        maxAge: 365 * 86400_000,
      });
      // The language switch of a page (GET ?lang=en): remember it, then show the same page without
      // the parameter, so no page's own query validation ever sees it.
      if (req.method === 'GET' && !isApiRequest(req)) {
        const url = new URL(req.originalUrl, 'http://local');
        url.searchParams.delete('lang');
        res.redirect(303, url.pathname + url.search);
        return;
      }
    }
    // Pages are zh-CN until the visitor picks English with the switch (a street office's platform);
    // API callers get their Accept-Language.
    const locale =
      fromQuery ??
      normaliseLocale(req.cookies?.[LOCALE_COOKIE]) ??
      (isApiRequest(req) ? localeFromAcceptLanguage(req.headers['accept-language']) : undefined) ??
      defaultLocale;
    req.correlationId = correlationId;
    req.locale = locale;
    res.setHeader('X-Request-Id', correlationId);
    res.setHeader('Content-Language', locale);
    requestContext.run({ correlationId, locale }, () => next());
  };
}
