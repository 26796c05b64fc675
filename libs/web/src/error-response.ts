import { HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppException, FieldError, Locale } from '@gv/core';
import { isRetryableTransactionError } from '@gv/database';
import { I18n } from '@gv/i18n';
import { translateFieldErrors } from './form-validation';
import { page } from './page';
import { humanFileSize } from './view-engine';

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: FieldError[];
  correlationId: string;
}

const logger = new Logger('Errors');

const STATUS_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
};

/** Any thrown thing → status, code, params, details. Unknown errors become a 500 that says nothing internal. */
export function classify(err: unknown): AppException {
  if (err instanceof AppException) return err;
  const e = err as {
    type?: string;
    status?: number;
    statusCode?: number;
    code?: string;
    name?: string;
  };
  // body-parser
  if (e?.type === 'entity.parse.failed') return new AppException(400, 'malformed_json');
  if (e?.type === 'entity.too.large') return new AppException(413, 'payload_too_large');
  if (e?.type === 'charset.unsupported' || e?.type === 'encoding.unsupported')
    return new AppException(415, 'unsupported_media_type');
  // csrf-csrf
  if (e?.code === 'EBADCSRFTOKEN') return new AppException(403, 'csrf_invalid');
  // multer
  if (e?.code === 'LIMIT_FILE_SIZE') return new AppException(413, 'payload_too_large');
  // A unique index refused a row another request wrote first (MariaDB/MySQL, SQLite): a conflict, not a crash.
  if (e?.code === 'ER_DUP_ENTRY' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE')
    return new AppException(409, 'duplicate');
  // Still deadlocked after transactionWithRetry: transient, and the transaction changed nothing.
  if (isRetryableTransactionError(err)) return new AppException(503, 'database_busy');
  // The database (or another service) cannot be reached right now: transient, like readiness says (503).
  if (isUnreachableError(err)) return new AppException(503, 'service_unavailable');
  if (err instanceof HttpException) {
    const status = err.getStatus();
    if (status === 404) return new AppException(404, 'route_not_found');
    return new AppException(
      status,
      STATUS_CODES[status] ?? (status >= 500 ? 'internal' : 'bad_request'),
    );
  }
  const status = e?.status ?? e?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500)
    return new AppException(status, STATUS_CODES[status] ?? 'bad_request');
  return new AppException(500, 'internal');
}

/** Socket and driver codes of a connection refused, reset, lost or timed out (mysql2 marks these `fatal`). */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'ER_CONNECTION_KILLED',
]);

export function isUnreachableError(err: unknown): boolean {
  const e = err as
    { code?: unknown; fatal?: unknown; driverError?: { code?: unknown } } | undefined;
  const code = e?.code ?? e?.driverError?.code;
  return (typeof code === 'string' && UNREACHABLE.has(code)) || e?.fatal === true;
}

export function errorBody(
  i18n: I18n,
  locale: Locale,
  correlationId: string,
  ex: AppException,
): ErrorBody {
  const body: ErrorBody = {
    statusCode: ex.status,
    code: ex.code,
    message: i18n.t(locale, `errors.${ex.code}`, { ...ex.params, correlationId }),
    correlationId,
  };
  if (ex.details?.length) body.details = translateFieldErrors(i18n, locale, ex.details);
  return body;
}

export function isApiRequest(req: Request): boolean {
  return (
    req.path.startsWith('/api/') ||
    req.path.startsWith('/health') ||
    !!req.headers.authorization ||
    (req.headers.accept ?? '').startsWith('application/json')
  );
}

/** Sends the error: JSON for the API, a page (or a redirect to the login) for browsers. */
export function sendError(i18n: I18n, err: unknown, req: Request, res: Response): void {
  const ex = classify(err);
  const locale = req.locale ?? 'zh-CN';
  const correlationId = req.correlationId ?? String(req.headers['x-request-id'] ?? '');
  if (ex.status >= 500) logger.error({ err, correlationId }, (err as Error)?.message ?? 'error');
  if (res.headersSent) return;
  const body = errorBody(i18n, locale, correlationId, ex);
  if (ex.status === 429 && ex.params['retryAfterSeconds'])
    res.setHeader('Retry-After', String(ex.params['retryAfterSeconds']));
  if (ex.code === 'database_busy') res.setHeader('Retry-After', '1');
  if (ex.code === 'service_unavailable') res.setHeader('Retry-After', '5');
  if (isApiRequest(req)) {
    res.status(ex.status).json(body);
    return;
  }
  if (ex.status === 401 && req.method === 'GET') {
    res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
    return;
  }
  // A form too large for the body parser: it never reached the page's handler, so it cannot be shown
  // again; say what happened and lead back to the form, where the browser still holds what was typed.
  // (The page's script goes back in history; without it the link opens the form's address again.)
  const back =
    ex.code === 'payload_too_large' && req.method === 'POST'
      ? sameOriginReferer(req) || req.originalUrl
      : undefined;
  if (back !== undefined) {
    const e = err as { limit?: unknown; length?: unknown };
    const limit = Number(e?.limit);
    const size = Number(e?.length ?? req.headers['content-length']);
    if (Number.isFinite(limit) && limit > 0 && Number.isFinite(size) && size > 0)
      body.message = i18n.t(locale, 'errors.payload_too_large_page', {
        size: humanFileSize(size),
        limit: humanFileSize(limit),
      });
  }
  // The whole frame (menu, language switch) so a visitor who meets an error can go on from it.
  res
    .status(ex.status)
    .render('error', { ...page(req, 'errors.title', { error: body, back }), locale });
}

/** The path of the page the request came from, if the browser said it and it is this site's; else ''. */
function sameOriginReferer(req: Request): string {
  const referer = req.headers.referer;
  if (!referer) return '';
  try {
    const u = new URL(referer);
    return u.host === req.headers.host ? u.pathname + u.search : '';
  } catch {
    return '';
  }
}
