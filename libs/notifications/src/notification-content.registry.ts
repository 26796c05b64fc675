import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Locale } from '@gv/core';
import { NotificationEvent } from './notification-events';

export interface NotificationContentInput {
  /** The ids the event was emitted with (`notify(…, ids)`). */
  ids: Record<string, number | string>;
  locale: Locale;
  recipientUserId: number | null;
  manager: EntityManager;
}

/** Extra template data for an event; `link` (a path such as `/proposals/7`) is used by the email and the inbox. */
export type NotificationContentLoader = (
  input: NotificationContentInput,
) => Promise<Record<string, unknown> & { link?: string }>;

/** Work an event needs once its email was accepted by the mail server (e.g. forget a one-time secret). Idempotent. */
export type NotificationSentHook = (input: {
  ids: Record<string, number | string>;
  manager: EntityManager;
}) => Promise<void>;

/**
 * Per-event loaders of template data (a feature registers one in its module's `onModuleInit`).
 * Payloads carry ids only; the loader re-reads the current state when the mail is rendered.
 * Events without a loader get the defaults: title, ids, link to the inbox.
 */
@Injectable()
export class NotificationContent {
  private readonly loaders = new Map<string, NotificationContentLoader>();
  private readonly sentHooks = new Map<string, NotificationSentHook>();
  private readonly shared = new Set<string>();

  /**
   * `sameForAllRecipients`: the loader ignores `recipientUserId`, so the sender loads the data once for all
   * recipients of an emit rendered at the same moment (same event, ids and locale).
   */
  register(
    event: NotificationEvent | string,
    loader: NotificationContentLoader,
    hooks: { afterSent?: NotificationSentHook; sameForAllRecipients?: boolean } = {},
  ): void {
    if (this.loaders.has(event))
      throw new Error(`notification event ${event} has two content loaders`);
    this.loaders.set(event, loader);
    if (hooks.afterSent) this.sentHooks.set(event, hooks.afterSent);
    if (hooks.sameForAllRecipients) this.shared.add(event);
  }

  /** Key under which loads of the same moment are shared: equal keys get the same data. */
  cacheKey(event: string, payload: string, locale: Locale, recipientUserId: number | null): string {
    return `${event}|${locale}|${this.shared.has(event) || !this.loaders.has(event) ? '*' : (recipientUserId ?? '-')}|${payload}`;
  }

  hasSentHook(event: string): boolean {
    return this.sentHooks.has(event);
  }

  /** Runs the event's after-sent hook, if any (the sender calls it after marking the row sent, and again on a redelivered job). */
  async afterSent(
    event: string,
    input: { ids: Record<string, number | string>; manager: EntityManager },
  ): Promise<void> {
    await this.sentHooks.get(event)?.(input);
  }

  async load(
    event: string,
    input: NotificationContentInput,
  ): Promise<Record<string, unknown> & { link?: string }> {
    const loader = this.loaders.get(event);
    return loader ? loader(input) : {};
  }
}
