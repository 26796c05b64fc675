import { randomUUID } from 'node:crypto';
import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Redis } from 'ioredis';
import {
  AfterQueryEvent,
  DataSource,
  EntitySubscriberInterface,
  TransactionCommitEvent,
  TransactionRollbackEvent,
} from 'typeorm';
import { AppConfig } from '@gv/config';
import { ChangeKind, changeSignals, SESSION_TOUCH } from '@gv/core';
import { createRedis } from '@gv/queue';

/** Tables no page shows: writing them leaves the page cache alone. */
const BOOKKEEPING = new Set([
  'auth_session',
  'audit_log',
  'notification',
  'notification_opt_out',
  'password_reset',
  'invitation',
  'reminder_sent',
  'migrations',
]);

const WRITE =
  /^\s*(INSERT\s+(?:IGNORE\s+)?INTO|REPLACE\s+INTO|UPDATE|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?)\s+[`"]?(\w+)[`"]?/i;

/** What a statement changes, if anything: page content, sign-ins (revocation), both or neither. */
export function changesOf(sql: string): ChangeKind[] {
  const touch = sql.startsWith(`/* ${SESSION_TOUCH} */`);
  const m = WRITE.exec(sql.replace(/^\s*\/\*[^*]*\*\/\s*/, ''));
  if (!m) return [];
  const verb = m[1].toUpperCase();
  const table = m[2].toLowerCase();
  const kinds: ChangeKind[] = [];
  if (!BOOKKEEPING.has(table)) kinds.push('content');
  // A session deleted or changed (logout, password change or reset, shortened) or a user changed
  // (deactivated, new role, new password): cached sign-ins must be checked again. Opening a session and
  // the sliding-expiry touch (marked SESSION_TOUCH) revoke nothing.
  if (
    (table === 'auth_session' && !verb.startsWith('INSERT') && !touch) ||
    (table === 'user' && !verb.startsWith('INSERT'))
  )
    kinds.push('sessions');
  return kinds;
}

const PENDING = 'gv:change-feed:pending';

/**
 * Tells the in-process caches (sign-ins, public pages) about every write, by watching the SQL this
 * process runs (a TypeORM subscriber): the version bumps when the statement runs and again when its
 * transaction commits, so nothing read before the commit stays cached after it. With Redis, each process
 * publishes its changes on `<QUEUE_PREFIX>:changes` and applies the others' (api instances and workers);
 * if Redis is unreachable the caches' own lifetimes (SESSION_CACHE_MS, PAGE_CACHE_MS) bound staleness.
 */
@Injectable()
export class ChangeFeed implements EntitySubscriberInterface, OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('ChangeFeed');
  private readonly id = randomUUID();
  private pub?: Redis;
  private sub?: Redis;
  private pending = new Set<ChangeKind>();
  private flushing = false;
  private stopListening?: () => void;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly config: AppConfig,
  ) {}

  private get channel(): string {
    return `${this.config.QUEUE_PREFIX}:changes`;
  }

  async onModuleInit(): Promise<void> {
    if (!this.ds.subscribers.includes(this)) this.ds.subscribers.push(this);
    if (!this.config.usesRedis) return;
    this.pub = createRedis(this.config.REDIS_URL as string, 'gv-changes-pub', { failFast: true });
    this.sub = createRedis(this.config.REDIS_URL as string, 'gv-changes-sub');
    this.sub.on('message', (channel: string, message: string) => {
      if (channel !== this.channel) return;
      try {
        const m = JSON.parse(message) as { from: string; kinds: ChangeKind[] };
        if (m.from === this.id) return;
        for (const k of m.kinds)
          if (k === 'content' || k === 'sessions') changeSignals.bumpFromRemote(k);
      } catch {
        /* not ours */
      }
    });
    await this.sub
      .subscribe(this.channel)
      .catch((err: Error) =>
        this.logger.warn({ err: err.message }, 'change feed: subscribe failed'),
      );
    this.stopListening = changeSignals.onBump((kind) => this.publish(kind));
  }

  async onModuleDestroy(): Promise<void> {
    this.stopListening?.();
    const i = this.ds.subscribers.indexOf(this);
    if (i >= 0) this.ds.subscribers.splice(i, 1);
    this.sub?.disconnect();
    this.pub?.disconnect();
  }

  afterQuery(event: AfterQueryEvent): void {
    if (!event.success) return;
    const kinds = changesOf(event.query);
    if (!kinds.length) return;
    for (const k of kinds) changeSignals.bump(k);
    const qr = event.queryRunner;
    if (qr?.isTransactionActive) {
      const data = qr.data as Record<string, Set<ChangeKind> | undefined>;
      const pending = (data[PENDING] ??= new Set());
      for (const k of kinds) pending.add(k);
    }
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    const qr = event.queryRunner;
    if (qr.isTransactionActive) return; // a savepoint: only the outermost commit shows the rows
    const data = qr.data as Record<string, Set<ChangeKind> | undefined>;
    const kinds = data[PENDING];
    if (!kinds) return;
    delete data[PENDING];
    for (const k of kinds) changeSignals.bump(k);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (event.queryRunner.isTransactionActive) return;
    delete (event.queryRunner.data as Record<string, unknown>)[PENDING];
  }

  /** Batches this tick's changes into one message (a burst of writes is one publish). */
  private publish(kind: ChangeKind): void {
    this.pending.add(kind);
    if (this.flushing) return;
    this.flushing = true;
    setImmediate(() => {
      this.flushing = false;
      const kinds = [...this.pending];
      this.pending.clear();
      this.pub
        ?.publish(this.channel, JSON.stringify({ from: this.id, kinds }))
        .catch((err: Error) =>
          this.logger.warn({ err: err.message }, 'change feed: publish failed'),
        );
    });
  }
}
