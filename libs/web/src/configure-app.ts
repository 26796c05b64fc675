import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import express, { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppConfig, fromRoot } from '@gv/config';
import { AppException } from '@gv/core';
import { I18n } from '@gv/i18n';
import { csrfCookieName, csrfMiddlewares, sessionCookieName } from './csrf';
import { pageCache } from './page-cache';
import { sendError } from './error-response';
import { requestContextMiddleware } from './request-context.middleware';
import { configureViewEngine } from './view-engine';
import { NAV_LOCAL, NavItem } from './nav';
import { quietNestLogger } from './nest-logger';

export interface ConfigureAppOptions {
  viewDirs: string[];
  /** The menu, composed from the contexts' entries (see composeNav). */
  nav: readonly NavItem[];
  /** Secret for CSRF tokens (config or the embedded mode's generated one). */
  secret: string;
  /**
   * GET routes answered before any middleware (no logging, helmet, cookies, CSRF, locale): the health
   * probes, which load balancers call often and which must stay cheap. The handler returns the JSON body
   * (and may set the status).
   */
  earlyRoutes?: Record<string, (res: Response) => unknown>;
}

/** A GET route on the bare Express app, answered as JSON; a failure is a 503 with no details. */
function earlyRoute(handle: (res: Response) => unknown): RequestHandler {
  return (req: Request, res: Response) => {
    const incoming = req.headers['x-request-id'];
    res.setHeader(
      'X-Request-Id',
      typeof incoming === 'string' && /^[A-Za-z0-9._-]{8,64}$/.test(incoming)
        ? incoming
        : randomUUID(),
    );
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'no-store');
    Promise.resolve()
      .then(() => handle(res))
      .then(
        (body) => res.json(body),
        () => res.status(503).json({ status: 'error' }),
      );
  };
}

/** Body parser whose errors (bad JSON, too large) get the platform's error body. */
function guarded(i18n: I18n, parser: RequestHandler): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) =>
    parser(req, res, (err?: unknown) => (err ? sendError(i18n, err, req, res) : next()));
}

/** Deepest nesting a request body may have: the DTOs nest three levels. */
const MAX_BODY_DEPTH = 32;

/** Half of a UTF-16 surrogate pair without its other half (JSON can spell one: "\udc00"). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What makes a parsed body unfit for the validators, if anything (walked without recursion). */
function bodyProblem(body: unknown): AppException | undefined {
  const stack: [unknown, number][] = [[body, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (typeof v === 'string' && LONE_SURROGATE.test(v))
      return AppException.badRequest('invalid_unicode');
    if (v === null || typeof v !== 'object') continue;
    if (depth >= MAX_BODY_DEPTH)
      return AppException.badRequest('body_too_deep', { max: MAX_BODY_DEPTH });
    for (const [k, x] of Object.entries(v)) stack.push([k, depth + 1], [x, depth + 1]);
  }
  return undefined;
}

/**
 * Refuses a parsed body the validation pipe cannot take (400): nested deeper than MAX_BODY_DEPTH
 * (class-transformer recurses per level and overflows the stack on a few thousand), or a string with
 * a lone surrogate (validator's isEmail calls encodeURI, which throws URIError on one). Either was a 500.
 */
function bodyGuard(i18n: I18n): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const problem = bodyProblem(req.body);
    if (problem) sendError(i18n, problem, req, res);
    else next();
  };
}

/** Everything the HTTP app needs around the Nest modules; shared by main.ts, tests and the bench. */
export function configureApp(app: INestApplication, options: ConfigureAppOptions): void {
  const config = app.get(AppConfig);
  const i18n = app.get(I18n);
  const ex = app as NestExpressApplication;
  app.useLogger(quietNestLogger(app.get(Logger)));
  // Only the configured proxies may set the client address (X-Forwarded-For); none by default.
  const proxies = config.TRUST_PROXY.split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  ex.set('trust proxy', proxies.length ? proxies : false);
  ex.disable('x-powered-by');
  const express_ = ex.getHttpAdapter().getInstance() as express.Express;
  for (const [path, handle] of Object.entries(options.earlyRoutes ?? {}))
    express_.get(path, earlyRoute(handle));
  ex.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'upgrade-insecure-requests': config.cookieSecure ? [] : null,
          'script-src': ["'self'"],
          'img-src': ["'self'", 'data:'],
        },
      },
    }),
  );
  ex.use(cookieParser());
  ex.use(requestContextMiddleware(config.DEFAULT_LOCALE, config.cookieSecure));
  // Before the body parsers and CSRF: a shared public page costs a lookup (see pageCache).
  ex.use(
    pageCache({
      ttlMs: config.PAGE_CACHE_MS,
      sessionCookie: sessionCookieName(config.cookieSecure),
      csrfCookie: csrfCookieName(config.cookieSecure),
    }),
  );
  ex.use(guarded(i18n, express.json({ limit: config.BODY_LIMIT })));
  ex.use(
    guarded(
      i18n,
      express.urlencoded({ limit: config.BODY_LIMIT, extended: true, parameterLimit: 2000 }),
    ),
  );
  ex.use(bodyGuard(i18n));
  const csrf = csrfMiddlewares(options.secret, config.cookieSecure);
  ex.use((req: Request, res: Response, next: NextFunction) =>
    csrf.protect(req, res, (err?: unknown) => (err ? sendError(i18n, err, req, res) : next())),
  );
  ex.use(csrf.issue);
  ex.useStaticAssets(fromRoot('libs/web/public'), { prefix: '/assets/', maxAge: '1h' });
  ex.setLocal(NAV_LOCAL, options.nav);
  ex.setBaseViewsDir(options.viewDirs);
  ex.setViewEngine('hbs');
  ex.set('view options', { layout: 'layouts/main' });
  configureViewEngine(i18n, options.viewDirs);
  const doc = new DocumentBuilder()
    .setTitle('gongyi-venture API')
    .setDescription(
      '东关街道社区公益创投平台 JSON API. Errors: { statusCode, code, message, details?, correlationId }. Send Accept-Language: en for English messages.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, doc), {
    jsonDocumentUrl: 'api/docs-json',
  });
  app.enableShutdownHooks();
}
