import { AsyncLocalStorage } from 'node:async_hooks';

export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

export interface Actor {
  userId: number;
  roles: readonly string[];
  communityId: number | null;
  organisationId: number | null;
}

/** Per-request facts every layer may read: correlation id, locale, acting user. */
export interface RequestContext {
  correlationId: string;
  locale: Locale;
  actor?: Actor;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const requestContext = {
  run<T>(ctx: RequestContext, fn: () => T): T {
    return storage.run(ctx, fn);
  },
  get(): RequestContext | undefined {
    return storage.getStore();
  },
  correlationId(): string | undefined {
    return storage.getStore()?.correlationId;
  },
  locale(): Locale {
    return storage.getStore()?.locale ?? 'zh-CN';
  },
  setActor(actor: Actor | undefined): void {
    const store = storage.getStore();
    if (store) store.actor = actor;
  },
};

export function normaliseLocale(value: unknown): Locale | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.trim().toLowerCase();
  if (v.startsWith('zh')) return 'zh-CN';
  if (v.startsWith('en')) return 'en';
  return undefined;
}

/** Picks the best supported locale from an Accept-Language header. */
export function localeFromAcceptLanguage(header: string | undefined): Locale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag, q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const l = normaliseLocale(tag);
    if (l) return l;
  }
  return undefined;
}
