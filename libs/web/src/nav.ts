import { Role } from '@gv/core';

export interface NavItem {
  /** i18n key of the label. */
  label: string;
  href: string;
  /** Who sees it: roles, 'public' (signed out only), 'all' (everyone). */
  audience: Role[] | 'public' | 'all' | 'signed-in';
  order: number;
}

const items: NavItem[] = [];

/** Each context registers its menu entries when its module loads. */
export function registerNav(...add: NavItem[]): void {
  for (const item of add) if (!items.some((i) => i.href === item.href)) items.push(item);
  items.sort((a, b) => a.order - b.order);
}

export function navFor(role: Role | undefined): NavItem[] {
  return items.filter((i) => {
    if (i.audience === 'all') return true;
    if (i.audience === 'public') return !role;
    if (i.audience === 'signed-in') return !!role;
    return !!role && i.audience.includes(role);
  });
}
