import { detachedFromWriteLock, ReentrantLock } from './embedded-write-lock';

/** A promise and its resolve function, to step flows deterministically. */
function latch() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}
/** Lets every queued microtask and immediate run (no timing involved). */
const settle = () => new Promise((r) => setImmediate(r));

describe('ReentrantLock', () => {
  it('serialises flows in arrival order (FIFO)', async () => {
    const lock = new ReentrantLock();
    const order: string[] = [];
    const gate = latch();
    const a = lock.run(async () => {
      order.push('a:start');
      await gate.opened;
      order.push('a:end');
    });
    const b = lock.run(async () => void order.push('b'));
    const c = lock.run(async () => void order.push('c'));
    await settle();
    expect(order).toEqual(['a:start']);
    expect(lock.waiting).toBe(2);
    gate.open();
    await Promise.all([a, b, c]);
    expect(order).toEqual(['a:start', 'a:end', 'b', 'c']);
    expect(lock.waiting).toBe(0);
  });

  it('is re-entrant within one flow: nested runs do not wait on themselves', async () => {
    const lock = new ReentrantLock();
    const out = await lock.run(() =>
      lock.run(async () => lock.run(async () => Promise.all([lock.run(async () => 1), 2]))),
    );
    expect(out).toEqual([1, 2]);
  });

  it('releases on failure, and the next flow runs', async () => {
    const lock = new ReentrantLock();
    await expect(lock.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(lock.run(async () => 'next')).resolves.toBe('next');
  });

  it('work spawned inside a hold but detached, or still running after release, queues again', async () => {
    const lock = new ReentrantLock();
    const inner = latch();
    let detachedRan = false;
    let detached!: Promise<void>;
    const a = lock.run(async () => {
      detached = detachedFromWriteLock(() =>
        lock.run(async () => {
          detachedRan = true;
        }),
      );
      await settle();
      // The detached flow waits for this one instead of joining it.
      expect(detachedRan).toBe(false);
      expect(lock.waiting).toBe(1);
      inner.open();
    });
    await inner.opened;
    await a;
    await detached;
    expect(detachedRan).toBe(true);
  });
});
