import i18next, { i18n as I18nextInstance, TOptions } from 'i18next';
import { Locale, LOCALES } from '@gv/core';

export type MessageTree = { [key: string]: string | MessageTree };

/** A context's messages in both languages; zh-CN is the source, en must have the same keys. */
export interface MessageBundle {
  'zh-CN': MessageTree;
  en: MessageTree;
}

function deepMerge(target: MessageTree, source: MessageTree): MessageTree {
  for (const [k, v] of Object.entries(source)) {
    const existing = target[k];
    if (typeof v === 'object' && typeof existing === 'object') deepMerge(existing, v);
    else target[k] = typeof v === 'object' ? deepMerge({}, v) : v;
  }
  return target;
}

export function flattenKeys(tree: MessageTree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : flattenKeys(v, `${prefix}${k}.`),
  );
}

/** Translator over i18next (one isolated instance), zh-CN first with en as fallback. */
export class I18n {
  private readonly instance: I18nextInstance;

  constructor(bundles: MessageBundle[]) {
    const resources: Record<Locale, MessageTree> = { 'zh-CN': {}, en: {} };
    for (const b of bundles) for (const l of LOCALES) deepMerge(resources[l], b[l]);
    this.instance = i18next.createInstance();
    void this.instance.init({
      initAsync: false,
      lng: 'zh-CN',
      fallbackLng: ['zh-CN'],
      supportedLngs: [...LOCALES],
      resources: {
        'zh-CN': { translation: resources['zh-CN'] },
        en: { translation: resources.en },
      },
      interpolation: { escapeValue: false },
      returnNull: false,
      showSupportNotice: false,
    } as Parameters<I18nextInstance['init']>[0]);
  }

  /** Messages without parameters, once looked up (the resources never change after construction). */
  private readonly plain = new Map<string, string>();

  t(locale: Locale, key: string, params?: Record<string, unknown>): string {
    if (params && Object.keys(params).length)
      return this.instance.t(key, { lng: locale, ...(params as TOptions) }) as string;
    const k = `${locale}\u0000${key}`;
    let text = this.plain.get(k);
    if (text === undefined) {
      text = this.instance.t(key, { lng: locale }) as string;
      if (this.plain.size < 50_000) this.plain.set(k, text);
    }
    return text;
  }

  has(locale: Locale, key: string): boolean {
    return this.instance.exists(key, { lng: locale, fallbackLng: false } as TOptions);
  }
}
