import AxeBuilder from '@axe-core/playwright';
import { Page } from 'playwright-core';
import { Role } from '@gv/core';
import { NAV } from '@gv/platform';
import { navFor } from '@gv/web';
import { BrowserApp, signInPage, startBrowserApp } from '@gv/testing';

/**
 * Every page a role reaches from its menu, and the detail pages behind the first link of its lists,
 * on a desktop (1366×900) or a phone (390×844): no page scrolls sideways, and axe-core finds no
 * serious or critical accessibility violation (WCAG 2.1 A and AA rules). One spec file per screen
 * size, so the two run side by side.
 */
export interface Viewport {
  name: string;
  width: number;
  height: number;
}
export const DESKTOP: Viewport = { name: 'desktop', width: 1366, height: 900 };
export const PHONE: Viewport = { name: 'phone', width: 390, height: 844 };

interface Visitor {
  who: string;
  email?: string;
  role?: Role;
  /** Pages besides the menu's. */
  extra: string[];
  /** [list page, selector of the link to follow to a detail page, where that link leads on to]. */
  follow: Array<[string, string, ((href: string) => string)?]>;
}

/** Pages that look the same to everyone signed in or not (but for the menu): checked by axe once. */
const PUBLIC_PATHS = new Set(['/communities', '/calls', '/needs', '/results']);

const VISITORS: Visitor[] = [
  {
    who: 'visitor',
    extra: ['/calls/1', '/calls/2', '/calls/1/eligible', '/results/1', '/roadshows/1/agenda'],
    follow: [['/needs', 'main a[href^="/needs/"]']],
  },
  {
    who: 'organisation',
    email: 'xiangmu2@dongguan.example.cn',
    role: Role.OrgMember,
    extra: ['/proposals/new?callId=2', '/proposals/new'],
    follow: [],
  },
  {
    who: 'project organisation',
    email: 'xiangmu1@dongguan.example.cn',
    role: Role.OrgMember,
    extra: [],
    follow: [
      ['/my/projects', 'main a[href^="/delivery/projects/"]'],
      ['/my/proposals', 'main td a[href^="/proposals/"]'],
    ],
  },
  {
    who: 'community staff',
    email: 'weiwan@dongguan.example.cn',
    role: Role.CommunityStaff,
    extra: [],
    follow: [['/staff/proposals', 'main a[href^="/proposals/"]']],
  },
  {
    who: 'judge',
    email: 'judge@dongguan.example.cn',
    role: Role.Judge,
    extra: [],
    follow: [['/reviews', 'main a[href^="/reviews/proposals/"]']],
  },
  {
    who: 'street office',
    email: 'admin@dongguan.example.cn',
    role: Role.StreetAdmin,
    extra: ['/calls/1/edit', '/calls/1/funding', '/admin/work-calendar', '/delivery/demo-sites'],
    follow: [
      ['/staff/proposals', 'main a[href^="/proposals/"]'],
      ['/staff/proposals', 'main a[href^="/proposals/"]', (h) => `/staff${h}/screening`],
      ['/delivery', 'main a[href^="/delivery/projects/"]'],
      ['/organisations', 'main td a[href^="/organisations/"]'],
    ],
  },
];

export function everyPageEveryRole(viewport: Viewport): void {
  jest.setTimeout(300_000);
  describe(`every page, every role, on a ${viewport.name}`, () => {
    let app: BrowserApp;

    beforeAll(async () => {
      app = await startBrowserApp();
    });
    afterAll(() => app?.close());

    async function signedIn(v: Visitor) {
      if (v.email) return signInPage(app, v.email, viewport);
      return (await app.browser.newContext({ viewport })).newPage();
    }

    /** What is wrong with the page open now: sideways scrolling, serious or critical violations. */
    async function problems(page: Page, path: string, who: string): Promise<string[]> {
      const out: string[] = [];
      const [scrollWidth, innerWidth] = await page.evaluate<[number, number]>(
        '[document.documentElement.scrollWidth, window.innerWidth]',
      );
      if (scrollWidth > innerWidth + 1)
        out.push(`${path}: ${scrollWidth}px wide in ${innerWidth}px`);
      const key = PUBLIC_PATHS.has(path) ? path : `${who} ${path}`;
      if (axed.has(key)) return out;
      axed.add(key);
      const builder = new AxeBuilder({ page }).withTags([
        'wcag2a',
        'wcag2aa',
        'wcag21a',
        'wcag21aa',
      ]);
      // Colours do not change with the screen size: contrast (axe's slowest rule) is checked on the desktop.
      if (viewport !== DESKTOP) builder.disableRules(['color-contrast']);
      const axe = await builder.analyze();
      for (const v of axe.violations)
        if (v.impact === 'serious' || v.impact === 'critical')
          out.push(
            `${path}: ${v.id} (${v.impact}) at ${v.nodes
              .map((n) => n.target.join(' '))
              .slice(0, 3)
              .join(', ')}`,
          );
      return out;
    }

    async function visit(page: Page, path: string, found: string[], who: string) {
      const res = await page.goto(`${app.base}${path}`);
      const status = res?.status() ?? 0;
      if (status >= 500) found.push(`${path}: HTTP ${status}`);
      // A message key that names a group of messages, not one, shows i18next's complaint instead of text.
      const html = await page.content();
      const leak = /key '[^']+' returned an object instead of string/.exec(html);
      if (leak) found.push(`${path}: ${leak[0]}`);
      found.push(...(await problems(page, path, who)));
    }

    // A page seen the same by everyone (the public ones) is checked by axe once; the overflow always.
    const axed = new Set<string>();

    for (const v of VISITORS)
      it(`${v.who}`, async () => {
        const page = await signedIn(v);
        const base = app.base;
        const found: string[] = [];
        const paths = [...navFor(NAV, v.role).map((n) => n.href), ...v.extra];
        for (const path of [...new Set(paths)]) await visit(page, path, found, v.who);
        for (const [list, selector, onward] of v.follow) {
          await page.goto(`${base}${list}`);
          const href = await page.locator(selector).first().getAttribute('href');
          expect(href).toBeTruthy();
          await visit(page, onward ? onward(href as string) : (href as string), found, v.who);
        }
        // The menu's drop-downs open within the screen.
        const group = page.locator('.menu-group summary').first();
        if (await group.count()) {
          await page.goto(`${base}/`);
          await page.locator('.menu-group summary').first().click();
          found.push(...(await problems(page, '/ (menu open)', v.who)));
        }
        await page.context().close();
        expect(found).toEqual([]);
      });
  });
}
