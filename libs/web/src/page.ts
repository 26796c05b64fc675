import type { Request } from 'express';
import { Page } from '@gv/core';
import { MenuEntry, menuFor, NAV_LOCAL, NavItem, navFor } from './nav';

/** What every page's model has besides its own data (the layout reads these). */
export interface PageFrame {
  titleKey: string;
  user: Request['user'];
  locale: Request['locale'];
  otherLocale: 'zh-CN' | 'en';
  nav: Array<NavItem & { current: boolean }>;
  /** The same entries folded into drop-down groups (the layout's menu). */
  menu: MenuEntry[];
  csrfToken: unknown;
  path: string;
}

/**
 * The view model every page gets: user, menu, locale, CSRF token, plus the page's own data, typed:
 * `page(req, 'proposals.title', { p })` is a `PageFrame & { p: Proposal }`.
 */
export function page<T extends object = Record<string, unknown>>(
  req: Request,
  titleKey: string,
  data: T = {} as T,
): PageFrame & T {
  const user = req.user;
  const nav = navFor((req.app?.locals[NAV_LOCAL] ?? []) as NavItem[], user?.role);
  // The menu entry for this page: the longest href that is the path or a parent of it.
  const current = nav
    .filter((n) => req.path === n.href || (n.href !== '/' && req.path.startsWith(n.href + '/')))
    .sort((a, b) => b.href.length - a.href.length)[0];
  const links = nav.map((n) => ({ ...n, current: n === current }));
  return {
    titleKey,
    user,
    locale: req.locale,
    otherLocale: req.locale === 'en' ? ('zh-CN' as const) : ('en' as const),
    nav: links,
    menu: menuFor(links, !!user),
    csrfToken: res(req)?.locals['csrfToken'],
    path: req.originalUrl,
    ...data,
  };
}

function res(req: Request) {
  return req.res;
}

/** Links for a paginated list, keeping the other query parameters. */
export function pager<T>(req: Request, p: Page<T>) {
  const link = (n: number) => {
    const q = new URLSearchParams(req.query as Record<string, string>);
    q.set('page', String(n));
    return `${req.path}?${q.toString()}`;
  };
  return {
    ...p,
    prev: p.page > 1 ? link(p.page - 1) : null,
    next: p.page < p.pages ? link(p.page + 1) : null,
  };
}
