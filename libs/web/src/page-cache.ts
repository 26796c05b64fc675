import { createHash } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { LRUCache } from 'lru-cache';
import { changeSignals } from '@gv/core';

/**
 * Public pages (and public JSON lists) that are the same for every anonymous visitor of one language:
 * no per-visitor data, no form. Anything else is never shared. A page on this list that carries a CSRF
 * token anyway (a form) is detected when it renders and not shared either.
 */
export const SHARED_PAGES: readonly RegExp[] = [
  /^\/$/,
  /^\/calls$/,
  /^\/calls\/\d+$/,
  /^\/needs$/,
  /^\/results\/\d+$/,
  /^\/results\/\d+\/notice$/,
  /^\/roadshows\/\d+\/agenda$/,
  /^\/api\/v1\/calls\/\d+\/eligible-proposals$/,
];

interface Entry {
  body: string;
  type: string;
  etag: string;
  /** The `content` change version the page was rendered under. */
  version: number;
}

export interface PageCacheOptions {
  /** Milliseconds an entry lives at most (PAGE_CACHE_MS); 0 turns the cache off. */
  ttlMs: number;
  /** The sign-in cookie's name: a request that has one is never served from, nor stored into, the cache. */
  sessionCookie: string;
  /** The CSRF cookie's name: the only cookie a shared page's first rendering may set (it is not replayed). */
  csrfCookie: string;
  paths?: readonly RegExp[];
  /** Bytes of pages kept at most. */
  maxBytes?: number;
}

/** Whether every cookie the response sets is the CSRF cookie (which a shared page does not need). */
function setsOnlyCsrfCookie(res: Response, csrfCookie: string): boolean {
  const raw = res.getHeader('Set-Cookie');
  const cookies = raw === undefined ? [] : Array.isArray(raw) ? raw : [String(raw)];
  return cookies.every((c) => c.startsWith(`${csrfCookie}=`));
}

/**
 * A small shared cache of what anonymous visitors get from SHARED_PAGES, per (language, URL). Served with a
 * strong ETag (304 on If-None-Match) and `Cache-Control: no-cache` (browsers revalidate; `Vary: Cookie`
 * keeps shared proxies from mixing signed-in and anonymous pages). An entry is stored only if the rendered
 * response is a 200 that sets no cookie but the CSRF one and does not contain the request's CSRF token,
 * and only if no change committed while it was rendered; it is served only while the `content` change
 * version is the one it was rendered under (any write that can show on a page, in any process).
 */
export function pageCache(options: PageCacheOptions): RequestHandler {
  const paths = options.paths ?? SHARED_PAGES;
  const cache = new LRUCache<string, Entry>({
    max: 1000,
    maxSize: options.maxBytes ?? 32 * 1024 * 1024,
    sizeCalculation: (e) => e.body.length * 2 + 200,
    ttl: Math.max(options.ttlMs, 1),
  });
  const headers = (res: Response) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('Vary', 'Cookie, Accept-Language');
  };
  return (req: Request, res: Response, next: NextFunction) => {
    if (options.ttlMs <= 0 || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    if (req.cookies?.[options.sessionCookie] || req.headers.authorization) return next();
    if (!paths.some((p) => p.test(req.path))) return next();
    const key = `${req.locale}\n${req.originalUrl}`;
    const version = changeSignals.version('content');
    const hit = cache.get(key);
    if (hit && hit.version === version) {
      headers(res);
      res.setHeader('ETag', hit.etag);
      if (req.headers['if-none-match'] === hit.etag) {
        res.status(304).end();
        return;
      }
      res.setHeader('Content-Type', hit.type);
      res.setHeader('Content-Length', Buffer.byteLength(hit.body));
      res.status(200).end(req.method === 'HEAD' ? undefined : hit.body);
      return;
    }
    const send = res.send.bind(res);
    res.send = (body?: unknown) => {
      const type = String(res.getHeader('Content-Type') ?? 'text/html; charset=utf-8');
      const token = res.locals['csrfToken'];
      if (
        res.statusCode === 200 &&
        typeof body === 'string' &&
        /^(text\/html|application\/json)/.test(type) &&
        !(typeof token === 'string' && token && body.includes(token)) &&
        setsOnlyCsrfCookie(res, options.csrfCookie)
      ) {
        headers(res);
        const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
        res.setHeader('ETag', etag);
        // Rendered from data older than a change that committed meanwhile: answer, but do not keep.
        if (changeSignals.version('content') === version)
          cache.set(key, { body, type, etag, version }, { ttl: options.ttlMs });
      }
      return send(body);
    };
    next();
  };
}
