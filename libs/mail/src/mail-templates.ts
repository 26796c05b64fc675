import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { fenToYuan, formatShanghai, Locale } from '@gv/core';

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
  /** An iCalendar invitation (RFC 5545/6047), sent as a text/calendar alternative and .ics attachment. */
  icalEvent?: CalendarPart;
}

export interface CalendarPart {
  method: 'REQUEST' | 'CANCEL' | 'PUBLISH';
  filename: string;
  content: string;
}

/**
 * Email templates: one isolated Handlebars instance; per event and locale three files
 * `<event>.<locale>.subject.hbs`, `.html.hbs`, `.text.hbs`, wrapped by the shared layout partials.
 */
export class MailTemplates {
  private readonly hbs = Handlebars.create();
  private readonly cache = new Map<string, Handlebars.TemplateDelegate>();
  private readonly present = new Map<string, boolean>();

  constructor(private readonly dirs: string[]) {
    this.hbs.registerHelper('yuan', (fen: number) => fenToYuan(Number(fen)));
    this.hbs.registerHelper('eqLocale', (a: unknown, b: unknown) => a === b);
    this.hbs.registerHelper('datetime', (d: Date | string) => formatShanghai(d));
    for (const part of ['html', 'text']) {
      this.hbs.registerPartial(
        `layout-${part}`,
        readFileSync(this.find(`layout.${part}.hbs`), 'utf8'),
      );
    }
  }

  private find(file: string): string {
    for (const d of this.dirs) if (existsSync(join(d, file))) return join(d, file);
    throw new Error(`mail template not found: ${file}`);
  }

  private template(file: string): Handlebars.TemplateDelegate {
    let t = this.cache.get(file);
    if (!t) {
      t = this.hbs.compile(readFileSync(this.find(file), 'utf8'), { strict: true });
      this.cache.set(file, t);
    }
    return t;
  }

  /** Whether an event has its own templates in a locale (looked up once: templates ship with the build). */
  has(event: string, locale: Locale): boolean {
    const key = `${event}.${locale}`;
    let found = this.present.get(key);
    if (found === undefined) {
      found = this.dirs.some((d) => existsSync(join(d, `${event}.${locale}.subject.hbs`)));
      this.present.set(key, found);
    }
    return found;
  }

  render(event: string, locale: Locale, data: Record<string, unknown>): RenderedMail {
    const ctx = { ...data, locale };
    return {
      subject: this.template(`${event}.${locale}.subject.hbs`)(ctx).trim(),
      html: this.template(`${event}.${locale}.html.hbs`)(ctx),
      text: this.template(`${event}.${locale}.text.hbs`)(ctx, { data: { noEscape: true } }),
    };
  }
}
