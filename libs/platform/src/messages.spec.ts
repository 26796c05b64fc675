import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { baseMessages, flattenKeys, I18n } from '@gv/i18n';
import { ALL_MESSAGES } from './messages';

describe('locale files', () => {
  const bundles = [baseMessages, ...ALL_MESSAGES];

  it.each(bundles.map((b, i) => [i, b] as const))(
    'bundle %i has the same keys in zh-CN and en',
    (_i, bundle) => {
      expect(flattenKeys(bundle.en).sort()).toEqual(flattenKeys(bundle['zh-CN']).sort());
    },
  );

  it('translates with parameters in both languages, zh-CN first', () => {
    const i18n = new I18n(bundles);
    expect(i18n.t('zh-CN', 'errors.login_blocked', { retryAfterSeconds: 60 })).toBe(
      '登录失败次数过多，请在 60 秒后再试。',
    );
    expect(i18n.t('en', 'errors.login_blocked', { retryAfterSeconds: 60 })).toBe(
      'Too many failed sign-ins; try again in 60 seconds.',
    );
  });

  it('every message a template names literally is one text in both languages', () => {
    const i18n = new I18n(bundles);
    const libs = join(__dirname, '..', '..');
    const templates = readdirSync(libs, { recursive: true, encoding: 'utf8' }).filter(
      (f) => f.endsWith('.hbs') && !f.includes('node_modules'),
    );
    expect(templates.length).toBeGreaterThan(50);
    const wrong: string[] = [];
    let named = 0;
    for (const f of templates)
      for (const m of readFileSync(join(libs, f), 'utf8').matchAll(
        /(?:\{\{|\()t "([A-Za-z0-9_.]+)"/g,
      )) {
        named++;
        const key = m[1];
        // A key naming a group of messages (an object) shows i18next's complaint instead of text.
        for (const locale of ['zh-CN', 'en'] as const) {
          const text = i18n.t(locale, key);
          if (
            typeof text !== 'string' ||
            text === key ||
            /returned an object instead of string/.test(text)
          )
            wrong.push(`${f}: ${key} (${locale})`);
        }
      }
    expect(named).toBeGreaterThan(500);
    expect(wrong).toEqual([]);
  });
});
