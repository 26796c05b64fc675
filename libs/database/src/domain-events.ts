import { Global, Injectable, Module, OnModuleInit, SetMetadata } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { EntityManager } from 'typeorm';
import { discoverMethods } from '@gv/core';

/** Something that happened in a context, named `<context>.<past tense>` (e.g. `proposal.withdrawn`). */
export interface DomainEvent {
  readonly type: string;
}

export type DomainEventHandler<E extends DomainEvent = DomainEvent> = (
  event: E,
  manager: EntityManager,
) => Promise<void>;

export const DOMAIN_EVENT_HANDLER = 'gv:domain-event-handler';

/**
 * Marks a provider method `(event, manager) => Promise<void>` as a handler of a domain event.
 * This is how a lower context lets higher ones react without knowing them: proposals publishes
 * `proposal.withdrawn`, screening (above it) clears its decision in the same transaction.
 */
export const OnDomainEvent = (type: string) => SetMetadata(DOMAIN_EVENT_HANDLER, type);

/**
 * In-process, synchronous domain events. `publish` runs every handler, in discovery order, inside the
 * publisher's transaction: a handler's failure rolls the whole change back, and nothing is queued or lost.
 * Events that must leave the process (mail) go through the notification outbox instead.
 */
@Injectable()
export class DomainEvents implements OnModuleInit {
  private readonly handlers = new Map<string, DomainEventHandler[]>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    for (const h of discoverMethods<string>(
      this.discovery,
      this.scanner,
      this.reflector,
      DOMAIN_EVENT_HANDLER,
    ))
      this.on(h.meta, h.call as unknown as DomainEventHandler);
  }

  /** Adds a handler by hand (tests); features use `@OnDomainEvent`. */
  on(type: string, handler: DomainEventHandler): void {
    this.handlers.set(type, [...(this.handlers.get(type) ?? []), handler]);
  }

  /** Removes a handler added with `on` (tests). */
  off(type: string, handler: DomainEventHandler): void {
    this.handlers.set(
      type,
      (this.handlers.get(type) ?? []).filter((h) => h !== handler),
    );
  }

  async publish<E extends DomainEvent>(manager: EntityManager, event: E): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive)
      throw new Error(
        `domain event ${event.type} published outside a transaction: publish it with the transaction's manager`,
      );
    for (const handler of this.handlers.get(event.type) ?? []) await handler(event, manager);
  }
}

/** Global: every context can inject DomainEvents. */
@Global()
@Module({ imports: [DiscoveryModule], providers: [DomainEvents], exports: [DomainEvents] })
export class DomainEventsModule {}
