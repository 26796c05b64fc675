import { Role } from '@gv/core';

/**
 * Menu groups: entries that share one are shown under one drop-down (a `<details>`), so a street
 * administrator's twenty entries fit on one line. `public` groups only for signed-in users (a visitor
 * sees those entries directly); any group with a single entry for the viewer is shown flat.
 */
export type NavGroup =
  'public' | 'competition' | 'delivery' | 'organisations' | 'review' | 'admin' | 'account';

export interface NavItem {
  /** i18n key of the label. */
  label: string;
  href: string;
  /** Who sees it: roles, 'public' (signed out only), 'all' (everyone). */
  audience: Role[] | 'public' | 'all' | 'signed-in';
  order: number;
  /** The drop-down it belongs to, if any. */
  group?: NavGroup;
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

export type MenuLink = NavItem & { current: boolean };

/** One entry of the rendered menu: a link, or a drop-down of links. */
export type MenuEntry =
  | { kind: 'link'; link: MenuLink }
  | { kind: 'group'; group: NavGroup; label: string; items: MenuLink[]; current: boolean };

/**
 * The viewer's menu (already filtered by navFor, each entry marked current or not) folded into
 * groups. Ungrouped links and groups keep the order of their first entry.
 */
export function menuFor(links: readonly MenuLink[], signedIn: boolean): MenuEntry[] {
  const members = new Map<NavGroup, MenuLink[]>();
  for (const l of links) {
    if (!l.group || (l.group === 'public' && !signedIn)) continue;
    members.set(l.group, [...(members.get(l.group) ?? []), l]);
  }
  const out: MenuEntry[] = [];
  const placed = new Set<NavGroup>();
  for (const l of links) {
    const items = l.group ? members.get(l.group) : undefined;
    if (!l.group || !items || items.length < 2) {
      out.push({ kind: 'link', link: l });
      continue;
    }
    if (placed.has(l.group)) continue;
    placed.add(l.group);
    out.push({
      kind: 'group',
      group: l.group,
      label: `nav.groups.${l.group}`,
      items,
      current: items.some((i) => i.current),
    });
  }
  return out;
}
