import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import pino from 'pino';
import type { Options } from 'pino-http';
import { AppConfig } from '@gv/config';
import { requestContext } from '@gv/core';

/** Query parameters that carry secrets (multipart forms post their CSRF token in the action URL). */
const SECRET_PARAMS = /([?&](?:_csrf|token)=)[^&#]*/gi;

/** Paths ending in a one-time token (invitation and password reset links: 32 random bytes, base64url). */
const SECRET_PATHS = /^(\/(?:invitations|password\/reset)\/)[A-Za-z0-9_-]{20,}(?=$|[?#])/;

/** A URL as the request log writes it: secrets in the query and in link paths replaced. */
export function redactUrl(url: string): string {
  return url.replace(SECRET_PATHS, '$1[redacted]').replace(SECRET_PARAMS, '$1[redacted]');
}

/**
 * Request and application logs. Production: one JSON line per event (pino). Embedded mode, for a
 * person at a terminal: short readable lines (pino-pretty) — the same events, the same fields.
 * In production stdout is written asynchronously (a request never waits for its log line; pino flushes
 * what is buffered when the process exits).
 */
export function loggerOptions(config: AppConfig, role: string): Params {
  const readable = config.embedded && config.NODE_ENV !== 'test';
  const options: Options = {
    level: config.LOG_LEVEL,
    genReqId: (req) =>
      (req as unknown as { correlationId?: string }).correlationId ??
      requestContext.correlationId() ??
      '',
    customProps: () => ({ userId: requestContext.get()?.actor?.userId }),
    autoLogging: {
      ignore: (req) =>
        (req.url ?? '').startsWith('/health') || (req.url ?? '').startsWith('/assets'),
    },
    serializers: {
      req: (r: { id: string; method: string; url: string }) => ({
        id: r.id,
        method: r.method,
        url: redactUrl(r.url ?? ''),
      }),
      res: (r: { statusCode: number }) => ({ statusCode: r.statusCode }),
    },
    base: { app: role },
    ...(readable
      ? {
          transport: {
            target: 'pino-pretty',
            options: {
              singleLine: true,
              translateTime: 'SYS:HH:MM:ss',
              ignore: 'pid,hostname,app,req,res,responseTime,userId,context',
              messageFormat:
                '{if context}[{context}] {end}{if req.method}{req.method} {req.url} → {res.statusCode} ({responseTime} ms) {end}{msg}',
            },
          },
        }
      : {}),
  };
  if (!readable && config.NODE_ENV === 'production') {
    const dest = pino.destination({ dest: 1, sync: false });
    destinations.add(dest);
    return { pinoHttp: [options, dest] };
  }
  return { pinoHttp: options };
}

const destinations = new Set<ReturnType<typeof pino.destination>>();

/**
 * Writes out what the asynchronous log destinations still buffer. Nest ends the process with the
 * signal it received after the shutdown hooks, which skips pino's own flush at exit.
 */
@Injectable()
export class LogFlush implements OnApplicationShutdown {
  onApplicationShutdown(): void {
    for (const d of destinations) {
      try {
        d.flushSync();
      } catch {
        /* not ready yet, or already closed */
      }
    }
  }
}
