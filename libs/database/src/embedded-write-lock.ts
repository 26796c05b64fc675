import { AsyncLocalStorage } from 'node:async_hooks';
import {
  DataSource,
  DeleteQueryBuilder,
  EntityManager,
  InsertQueryBuilder,
  UpdateQueryBuilder,
} from 'typeorm';

interface Hold {
  lock: ReentrantLock;
  /** False once released: async work spawned inside a hold and still running later must queue again. */
  held: boolean;
}

/** The holds of the current async flow (one per lock it holds). */
const flow = new AsyncLocalStorage<readonly Hold[]>();

/**
 * A FIFO async mutex that is re-entrant within one async flow (AsyncLocalStorage): a nested `run` in
 * the same logical flow (a transaction calling `save`, a service calling another's transaction)
 * proceeds at once; any other flow waits its turn.
 */
export class ReentrantLock {
  private tail: Promise<void> = Promise.resolve();
  private queued = 0;

  /** Flows waiting for the lock (tests use it to see that a writer waits). */
  get waiting(): number {
    return this.queued;
  }

  /** Whether the current async flow holds this lock. */
  get heldHere(): boolean {
    return flow.getStore()?.some((h) => h.lock === this && h.held) === true;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.heldHere) return fn();
    let release!: () => void;
    const previous = this.tail;
    this.tail = new Promise<void>((r) => (release = r));
    this.queued++;
    try {
      await previous;
    } finally {
      this.queued--;
    }
    const hold: Hold = { lock: this, held: true };
    try {
      return await flow.run([...(flow.getStore() ?? []), hold], fn);
    } finally {
      hold.held = false;
      release();
    }
  }
}

/** Runs `fn` as a flow of its own, holding no lock (in-process jobs, timers started inside a hold). */
export function detachedFromWriteLock<T>(fn: () => T): T {
  return flow.exit(fn);
}

const locks = new WeakMap<DataSource, ReentrantLock>();

/** The embedded (better-sqlite3) data source's write lock; undefined for MySQL/MariaDB. */
export function embeddedWriteLock(ds: DataSource): ReentrantLock | undefined {
  if (ds.options.type !== 'better-sqlite3') return undefined;
  let lock = locks.get(ds);
  if (!lock) locks.set(ds, (lock = new ReentrantLock()));
  return lock;
}

type AnyFn = (...args: unknown[]) => unknown;
let installed = false;

/**
 * Serialises every write path of the embedded mode. TypeORM's better-sqlite3 driver hands every
 * caller ONE shared query runner and turns a second `startTransaction` into a SAVEPOINT, so two
 * requests' transactions nest: B's "commit" releases a savepoint inside A, and A's rollback undoes B
 * (STACK-NOTES P22); a `save()` outside a transaction silently joins whatever transaction is open.
 *
 * The hook points are the entry points of writing, not the query runner: `EntityManager.transaction`
 * and the manager's write methods (which `Repository` delegates to), the write query builders'
 * `execute` and `DataSource.query`. At those points the caller's async context is known, so the lock
 * can be held for exactly that flow (`AsyncLocalStorage.run`) and nested calls of the same flow pass
 * straight through. The query runner only sees statements and could not tell whose they are.
 * Installed once for the process; a no-op for MySQL/MariaDB data sources (each of their transactions
 * has its own connection).
 */
export function installEmbeddedWriteLock(): void {
  if (installed) return;
  installed = true;
  const wrap = (proto: object, method: string, dsOf: (self: never) => DataSource) => {
    const target = proto as Record<string, AnyFn>;
    const original = target[method];
    if (typeof original !== 'function') return;
    target[method] = function (this: never, ...args: unknown[]) {
      const lock = embeddedWriteLock(dsOf(this));
      return lock
        ? lock.run(() => Promise.resolve(original.apply(this, args)))
        : original.apply(this, args);
    };
  };
  const managerDs = (m: EntityManager) => m.connection;
  for (const method of [
    'transaction',
    'query',
    'save',
    'remove',
    'softRemove',
    'recover',
    'insert',
    'update',
    'upsert',
    'delete',
    'softDelete',
    'restore',
    'increment',
    'decrement',
    'clear',
  ])
    wrap(EntityManager.prototype, method, managerDs);
  for (const qb of [InsertQueryBuilder, UpdateQueryBuilder, DeleteQueryBuilder])
    wrap(qb.prototype, 'execute', (b: { connection: DataSource }) => b.connection);
  wrap(DataSource.prototype, 'query', (ds: DataSource) => ds);
}

/**
 * `lock` option of a `find…` that takes a row lock (`SELECT … FOR UPDATE`) on MySQL/MariaDB. Embedded
 * SQLite has no row locks (and needs none: the write lock above serialises writers).
 */
export function rowLock(source: DataSource | EntityManager) {
  const ds = source instanceof DataSource ? source : source.connection;
  return ds.options.type === 'better-sqlite3'
    ? undefined
    : ({ mode: 'pessimistic_write' } as const);
}

/**
 * For a read right after an `INSERT … IGNORE` of a row another transaction may have written: inside a
 * transaction a locking read (it sees the latest committed row, not the transaction's older snapshot);
 * outside one, a plain read.
 */
export function freshReadLock(m: EntityManager) {
  return m.queryRunner?.isTransactionActive ? rowLock(m) : undefined;
}
