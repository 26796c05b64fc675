import { Role } from '@gv/core';

export interface NavItem {
  /** i18n key of the label. */
  label: string;
  href: string;
  /** Who sees it: roles, 'public' (signed out only), 'all' (everyone). */
  audience: Role[] | 'public' | 'all' | 'signed-in';
  order: number;
}

/** Where configureApp keeps the composed menu (Express `app.locals`), read by `page()`. */
export const NAV_LOCAL = 'gvNav';

/** The menu composed from the contexts' entries: one per href, sorted by `order`. */
export function composeNav(entries: readonly NavItem[]): NavItem[] {
  const out: NavItem[] = [];
  for (const item of entries) {
    if (out.some((i) => i.href === item.href)) throw new Error(`two menu entries for ${item.href}`);
    out.push(item);
  }
  return out.sort((a, b) => a.order - b.order);
}

export function navFor(items: readonly NavItem[], role: Role | undefined): NavItem[] {
  return items.filter((i) => {
    if (i.audience === 'all') return true;
    if (i.audience === 'public') return !role;
    if (i.audience === 'signed-in') return !!role;
    return !!role && i.audience.includes(role);
  });
}
