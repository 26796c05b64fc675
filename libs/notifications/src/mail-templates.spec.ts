import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MailTemplates } from '@gv/mail';

// Every email template of the platform, rendered for real (a template that fails here would go out blank).
const ROOT = resolve(__dirname, '../../..');
// The shared layout and account mails, then every context's `mail/` folder.
const DIRS = [
  join(ROOT, 'libs/mail/templates'),
  ...readdirSync(join(ROOT, 'libs'))
    .map((lib) => join(ROOT, 'libs', lib, 'mail'))
    .filter((d) => existsSync(d)),
];
const LOCALES = ['zh-CN', 'en'] as const;
const PARTS = ['subject', 'html', 'text'] as const;
const FILE = /^(.+)\.(zh-CN|en)\.(subject|html|text)\.hbs$/;

/** Data every template may use; a template needing more ships `<name>.sample.json` beside its files. */
const DEFAULTS = {
  title: '标题 Title',
  link: 'http://localhost:3000/inbox',
  ids: { proposalId: 7 },
  email: 'someone@example.cn',
  name: '王芳',
  inviter: '街道管理员',
  role: '评审专家',
  expiresAt: new Date('2026-05-01T02:00:00Z'),
};

function templateNames(): Set<string> {
  const names = new Set<string>();
  for (const d of DIRS) {
    for (const f of readdirSync(d)) {
      if (f.startsWith('layout.')) continue;
      const m = FILE.exec(f);
      if (f.endsWith('.hbs') && !m)
        throw new Error(`template file not named <event>.<locale>.<part>.hbs: ${d}/${f}`);
      if (m) names.add(m[1]);
    }
  }
  return names;
}

function sample(name: string): Record<string, unknown> {
  for (const d of DIRS) {
    const f = join(d, `${name}.sample.json`);
    if (existsSync(f))
      return { ...DEFAULTS, ...(JSON.parse(readFileSync(f, 'utf8')) as Record<string, unknown>) };
  }
  return DEFAULTS;
}

describe('mail templates', () => {
  const templates = new MailTemplates(DIRS);
  const names = [...templateNames()].sort();

  it('finds the invitation and the generic notification templates', () => {
    expect(names).toEqual(expect.arrayContaining(['accounts.invitation', 'notifications.generic']));
  });

  it.each(names)('%s has subject, HTML and text in zh-CN and en', (name) => {
    const missing = LOCALES.flatMap((l) => PARTS.map((p) => `${name}.${l}.${p}.hbs`)).filter(
      (f) => !DIRS.some((d) => existsSync(join(d, f))),
    );
    expect(missing).toEqual([]);
  });

  it.each(names.flatMap((n) => LOCALES.map((l) => [n, l] as const)))(
    '%s renders in %s',
    (name, locale) => {
      const out = templates.render(name, locale, sample(name));
      expect(out.subject.length).toBeGreaterThan(0);
      expect(out.subject).not.toMatch(/\n/);
      expect(out.html).toContain(`<html lang="${locale}">`);
      expect(out.html).not.toMatch(/\{\{|\}\}/);
      expect(out.text.trim().length).toBeGreaterThan(20);
      expect(out.text).not.toMatch(/\{\{|\}\}|&amp;|&#x/);
      if (locale === 'zh-CN') expect(out.subject + out.text).toMatch(/[\u4e00-\u9fff]/);
    },
  );

  it('fails loudly on a missing variable (strict mode)', () => {
    expect(() => templates.render('notifications.generic', 'en', {})).toThrow(/title/);
  });
});
