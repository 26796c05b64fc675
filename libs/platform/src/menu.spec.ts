import { ALL_ROLES, Role } from '@gv/core';
import { menuFor, navFor } from '@gv/web';
import { NAV } from './view-dirs';

const menu = (role: Role | undefined, path = '/') => {
  const links = navFor(NAV, role).map((n) => ({ ...n, current: n.href === path }));
  return menuFor(links, !!role);
};
const labels = (role: Role | undefined) =>
  menu(role).map((e) => (e.kind === 'link' ? e.link.label : e.label));

describe('the menu, folded into drop-downs', () => {
  it('gives a visitor the public pages directly, no drop-down', () => {
    expect(menu(undefined).every((e) => e.kind === 'link')).toBe(true);
    expect(labels(undefined)).toEqual([
      'nav.home',
      'nav.communities',
      'nav.calls',
      'nav.needs',
      'nav.publicResults',
      'nav.organisationSignup',
    ]);
  });

  it("folds the street office's twenty-odd entries into ten or fewer", () => {
    const all = navFor(NAV, Role.StreetAdmin);
    expect(all.length).toBeGreaterThan(18);
    const top = menu(Role.StreetAdmin);
    expect(top.length).toBeLessThanOrEqual(10);
    // Nothing is lost: every entry is in the menu once.
    const hrefs = top.flatMap((e) =>
      e.kind === 'link' ? [e.link.href] : e.items.map((i) => i.href),
    );
    expect(hrefs.sort()).toEqual(all.map((n) => n.href).sort());
    expect(labels(Role.StreetAdmin)).toEqual([
      'nav.home',
      'nav.groups.public',
      'nav.groups.competition',
      'nav.groups.organisations',
      'nav.groups.delivery',
      'nav.groups.review',
      'nav.groups.admin',
      'nav.inbox',
      'nav.groups.account',
    ]);
  });

  it.each(ALL_ROLES.map((r) => [r]))('never shows a drop-down of one entry (%s)', (role) => {
    for (const e of menu(role)) if (e.kind === 'group') expect(e.items.length).toBeGreaterThan(1);
  });

  it("shows an organisation's own pages directly", () => {
    expect(labels(Role.OrgMember)).toEqual(
      expect.arrayContaining(['nav.myOrganisation', 'nav.myProposals', 'nav.myProjects']),
    );
  });

  it('marks the drop-down holding the current page', () => {
    const group = menu(Role.StreetAdmin, '/admin/audit').find(
      (e) => e.kind === 'group' && e.group === 'admin',
    );
    expect(group).toMatchObject({ current: true });
    expect(
      menu(Role.StreetAdmin, '/admin/audit').filter((e) => e.kind === 'group' && e.current),
    ).toHaveLength(1);
  });
});
