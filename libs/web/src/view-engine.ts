import hbs from 'hbs';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fenToYuan, formatShanghai, formatShanghaiDate, Locale } from '@gv/core';
import { I18n } from '@gv/i18n';

type HelperOptions = {
  data: { root: { locale?: Locale; maxLengths?: Record<string, number> } };
  hash: Record<string, unknown>;
};

function registerPartialsIn(dir: string, prefix = ''): void {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of entries) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) registerPartialsIn(full, `${prefix}${name}/`);
    else if (name.endsWith('.hbs'))
      hbs.registerPartial(`${prefix}${name.slice(0, -4)}`, readFileSync(full, 'utf8'));
  }
}

/** Handlebars helpers for pages: translation in the page's locale, money, Shanghai dates, comparisons. */
export function configureViewEngine(i18n: I18n, viewDirs: string[]): void {
  const h = hbs.handlebars;
  hbs.registerHelper('t', (key: string, options: HelperOptions) =>
    i18n.t(options.data.root.locale ?? 'zh-CN', key, options.hash),
  );
  hbs.registerHelper('tk', (prefix: string, key: string, options: HelperOptions) =>
    i18n.t(options.data.root.locale ?? 'zh-CN', `${prefix}.${key}`, options.hash),
  );
  hbs.registerHelper('yuan', (fen: unknown) =>
    fen === null || fen === undefined || fen === '' ? '' : fenToYuan(Number(fen)),
  );
  hbs.registerHelper('datetime', (d: Date | string) => formatShanghai(d));
  hbs.registerHelper('date', (d: Date | string) => formatShanghaiDate(d));
  hbs.registerHelper('datetimeTime', (d: Date | string) => formatShanghai(d).slice(11));
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b || String(a) === String(b));
  hbs.registerHelper('ne', (a: unknown, b: unknown) => String(a) !== String(b));
  hbs.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
  hbs.registerHelper('and', (...args: unknown[]) => args.slice(0, -1).every(Boolean));
  hbs.registerHelper('not', (a: unknown) => !a);
  hbs.registerHelper(
    'includes',
    (list: unknown, v: unknown) => Array.isArray(list) && list.map(String).includes(String(v)),
  );
  hbs.registerHelper(
    'json',
    (v: unknown) => new h.SafeString(JSON.stringify(v ?? null).replace(/</g, '\\u003c')),
  );
  hbs.registerHelper('add', (a: number, b: number) => Number(a) + Number(b));
  hbs.registerHelper('concat', (...args: unknown[]) => args.slice(0, -1).join(''));
  hbs.registerHelper('percent', (part: number, whole: number) =>
    whole ? ((100 * part) / whole).toFixed(1) : '0.0',
  );
  hbs.registerHelper('fileSize', (bytes: unknown) => humanFileSize(Number(bytes)));
  // A field's character limit: the one given to the partial, else the page's `maxLengths` (formLimits).
  hbs.registerHelper('limit', (explicit: unknown, name: unknown, options: HelperOptions) =>
    explicit
      ? explicit
      : typeof name === 'string'
        ? options.data.root.maxLengths?.[name]
        : undefined,
  );
  // Text in brackets in the page's language: （…） in Chinese, " (…)" in English.
  hbs.registerHelper('paren', (text: unknown, options: HelperOptions) =>
    parenthesised(options.data.root.locale ?? 'zh-CN', String(text ?? '')),
  );
  hbs.registerHelper('get', (obj: Record<string, unknown> | undefined, key: string) => obj?.[key]);
  for (const dir of viewDirs) registerPartialsIn(join(dir, 'partials'));
}

/** Text in brackets as the language writes them: `（…）` in Chinese, ` (…)` in English. */
export function parenthesised(locale: Locale, text: string): string {
  return locale === 'en' ? ` (${text})` : `（${text}）`;
}

/** A file size as people read it: 512 B, 60.3 KB, 1.2 MB (binary units, one decimal). */
export function humanFileSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(1)} ${units[i]}`;
}
