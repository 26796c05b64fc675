import { DataSource, EntityManager } from 'typeorm';

/** Driver codes of a transaction the database gave up on, which can simply run again. */
const RETRYABLE = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT', 'SQLITE_BUSY']);

export function isRetryableTransactionError(err: unknown): boolean {
  const e = err as { code?: unknown; driverError?: { code?: unknown } } | undefined;
  const code = e?.code ?? e?.driverError?.code;
  return typeof code === 'string' && RETRYABLE.has(code);
}

/**
 * `ds.transaction(work)`, run again (up to `attempts` times, with a short jittered pause) when the
 * database rolls it back as a deadlock victim or after a lock wait timeout. Use it where the work is
 * self-contained: it reads and locks everything it needs inside, and its only side effects are rows
 * written in the transaction (audit, outbox, domain-event handlers) — never mail, files or
 * objects read before the transaction. A last failure still throws (the error filter answers 503).
 */
export async function transactionWithRetry<T>(
  ds: DataSource,
  work: (m: EntityManager) => Promise<T>,
  attempts = 3,
): Promise<T> {
  return retryOnDeadlock(() => ds.transaction(work), attempts);
}

/**
 * `work` run again (up to `attempts` times, with a short jittered pause) when the database refuses it
 * as a deadlock victim or after a lock wait timeout: for a transaction (`transactionWithRetry`) or a
 * single self-contained statement run without one.
 */
export async function retryOnDeadlock<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (attempt >= attempts || !isRetryableTransactionError(err)) throw err;
      await new Promise((r) => setTimeout(r, 10 * attempt + Math.random() * 40));
    }
  }
}

/** A unique index refused the row (MariaDB/MySQL ER_DUP_ENTRY, SQLite UNIQUE constraint). */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | null;
  return /ER_DUP_ENTRY|SQLITE_CONSTRAINT_UNIQUE|UNIQUE constraint failed/i.test(
    `${e?.code ?? ''} ${e?.message ?? ''}`,
  );
}

/**
 * A DataSource whose transactions are the given manager's (already open) transaction: services built
 * on it run inside that one transaction. The demo seed uses it so the demo decision is made by the real
 * services, in the seed's single transaction.
 */
export function managerAsDataSource(m: EntityManager): DataSource {
  return new Proxy(m.connection, {
    get(target, prop, receiver) {
      if (prop === 'manager') return m;
      if (prop === 'transaction')
        return (a: unknown, b?: unknown) =>
          (typeof a === 'function' ? a : (b as (m: EntityManager) => unknown))(m);
      if (prop === 'getRepository') return m.getRepository.bind(m);
      if (prop === 'query') return m.query.bind(m);
      if (prop === 'createQueryBuilder') return m.createQueryBuilder.bind(m);
      return Reflect.get(target, prop, receiver);
    },
  });
}
