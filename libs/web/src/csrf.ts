import type { NextFunction, Request, Response } from 'express';
import { doubleCsrf } from 'csrf-csrf';
import { isApiRequest } from './error-response';

const BEARER = /^Bearer\s+\S+$/i;

/**
 * Requests the auth guard never authenticates by the session cookie: the JSON API (bearer tokens only)
 * and any request with a bearer token (the guard then ignores the cookie). Only these may skip CSRF;
 * `Accept: application/json` or another Authorization scheme does not change how a cookie signs in.
 */
export function ignoresSessionCookie(req: Request): boolean {
  return req.path.startsWith('/api/') || BEARER.test(req.headers.authorization ?? '');
}

/**
 * The sign-in cookie's name: `__Host-` prefixed when Secure (PUBLIC_URL on https), so browsers take it
 * only from a secure origin and for the whole host (path /, no Domain): a sibling subdomain cannot plant one.
 */
export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-gv_session' : 'gv_session';
}

/** The CSRF (double-submit) cookie's name, `__Host-` prefixed when Secure. */
export function csrfCookieName(secure: boolean): string {
  return secure ? '__Host-gv.x-csrf' : 'gv_csrf';
}

/** The sign-in token a browser sent, read under the one name this deployment uses. */
export function sessionCookie(req: Request, secure: boolean): string | undefined {
  const v: unknown = req.cookies?.[sessionCookieName(secure)];
  return typeof v === 'string' && v ? v : undefined;
}

/**
 * CSRF for the cookie-session pages (double-submit cookie bound to the session, HMAC with SESSION_SECRET).
 * The JSON API takes bearer tokens only (the guard ignores the cookie there), so it needs none. Every page gets `csrfToken` in res.locals;
 * every form posts it as `_csrf`.
 */
export function csrfMiddlewares(secret: string, secure: boolean) {
  const { generateCsrfToken, doubleCsrfProtection } = doubleCsrf({
    getSecret: () => secret,
    getSessionIdentifier: (req) => sessionCookie(req as Request, secure) ?? '',
    cookieName: csrfCookieName(secure),
    cookieOptions: { sameSite: 'lax', secure, httpOnly: true, path: '/' },
    // Multipart forms (file uploads) are parsed after this check, so they carry the token in the
    // action URL (?_csrf=…), as csurf documents; every other form posts it in the body.
    getCsrfTokenFromRequest: (req) =>
      (req.body?._csrf as string | undefined) ??
      (req.headers['x-csrf-token'] as string | undefined) ??
      ((req.headers['content-type'] ?? '').startsWith('multipart/form-data')
        ? (req.query['_csrf'] as string | undefined)
        : undefined),
    skipCsrfProtection: (req) => ignoresSessionCookie(req as Request),
  });
  const issue = (req: Request, res: Response, next: NextFunction) => {
    if (!isApiRequest(req)) {
      res.locals['csrfToken'] = generateCsrfToken(req, res);
    }
    next();
  };
  return {
    protect: doubleCsrfProtection,
    issue,
    regenerate: (req: Request, res: Response) => generateCsrfToken(req, res, { overwrite: true }),
  };
}
