import { Injectable, OnModuleInit, SetMetadata } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { EntityManager } from 'typeorm';
import { discoverMethods, Locale } from '@gv/core';
import type { CalendarPart } from '@gv/mail';
import { NotificationEvent } from './notification-events';

export interface NotificationContentInput {
  /** The ids the event was emitted with (`notify(…, ids)`). */
  ids: Record<string, number | string>;
  locale: Locale;
  recipientUserId: number | null;
  manager: EntityManager;
}

/**
 * Extra template data for an event; `link` (a path such as `/proposals/7`) is used by the email and the
 * inbox; `calendar` attaches an iCalendar invitation to the email.
 */
export type NotificationContentLoader = (
  input: NotificationContentInput,
) => Promise<Record<string, unknown> & { link?: string; calendar?: CalendarPart }>;

/** Work an event needs once its email was accepted by the mail server (e.g. forget a one-time secret). Idempotent. */
export type NotificationSentHook = (input: {
  ids: Record<string, number | string>;
  manager: EntityManager;
}) => Promise<void>;

export const NOTIFICATION_CONTENT = 'gv:notification-content';
export const NOTIFICATION_SENT = 'gv:notification-sent';

export interface NotificationContentOptions {
  /** The loader ignores `recipientUserId`: the sender loads the data once for all recipients of an emit. */
  sameForAllRecipients?: boolean;
  /**
   * `false`: the link carries a one-time secret (an invitation, a password reset): the inbox never asks
   * the loader for it. Other events' inbox entries link to what their mail links to.
   */
  inboxLink?: false;
}

/**
 * Marks a provider method as the template-data loader of one or more events
 * (`(input: NotificationContentInput) => Promise<data>`); found at boot like `@JobHandler`.
 */
export const NotificationContentFor = (
  events: NotificationEvent | NotificationEvent[],
  options: NotificationContentOptions = {},
) => SetMetadata(NOTIFICATION_CONTENT, { events: [events].flat(), options });

/** Marks a provider method as the after-sent hook of an event (see NotificationSentHook). */
export const NotificationSent = (event: NotificationEvent) => SetMetadata(NOTIFICATION_SENT, event);

/**
 * Per-event loaders of template data, found at boot on `@NotificationContentFor` methods.
 * Payloads carry ids only; the loader re-reads the current state when the mail is rendered.
 * Events without a loader get the defaults: title, ids, link to the inbox.
 */
@Injectable()
export class NotificationContent implements OnModuleInit {
  private readonly loaders = new Map<string, NotificationContentLoader>();
  private readonly sentHooks = new Map<string, NotificationSentHook>();
  private readonly shared = new Set<string>();
  private readonly secretLinks = new Set<string>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const find = <M>(key: string) =>
      discoverMethods<M>(this.discovery, this.scanner, this.reflector, key);
    for (const c of find<{ events: string[]; options: NotificationContentOptions }>(
      NOTIFICATION_CONTENT,
    ))
      for (const e of c.meta.events)
        this.register(e, c.call as unknown as NotificationContentLoader, c.meta.options);
    for (const h of find<string>(NOTIFICATION_SENT)) {
      if (this.sentHooks.has(h.meta)) throw new Error(`notification event ${h.meta} has two hooks`);
      this.sentHooks.set(h.meta, h.call as unknown as NotificationSentHook);
    }
  }

  /**
   * `sameForAllRecipients`: the loader ignores `recipientUserId`, so the sender loads the data once for all
   * recipients of an emit rendered at the same moment (same event, ids and locale).
   */
  private register(
    event: string,
    loader: NotificationContentLoader,
    options: NotificationContentOptions,
  ): void {
    if (this.loaders.has(event))
      throw new Error(`notification event ${event} has two content loaders`);
    this.loaders.set(event, loader);
    if (options.sameForAllRecipients) this.shared.add(event);
    if (options.inboxLink === false) this.secretLinks.add(event);
  }

  /** Whether the inbox may show the link the event's loader computes (it has one, and it is no secret). */
  linksInInbox(event: string): boolean {
    return this.loaders.has(event) && !this.secretLinks.has(event);
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
