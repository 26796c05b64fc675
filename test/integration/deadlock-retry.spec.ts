import { transactionWithRetry } from '@gv/database';
import { Community } from '@gv/places';
import { createTestApp, resetDatabase, TestApp } from '@gv/testing';
import { EntityManager } from 'typeorm';

/**
 * Two transactions lock two rows in opposite orders on MariaDB: InnoDB rolls one back as the deadlock
 * victim. transactionWithRetry runs the victim again, so both complete (#15).
 */
describe('deadlock retry (MariaDB)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await resetDatabase(t.ds, t.config);
  });
  afterAll(async () => {
    await t.close();
  });

  async function crossLocks(run: (work: (m: EntityManager) => Promise<void>) => Promise<void>) {
    const [a, b] = (
      await t.ds.getRepository(Community).find({ order: { id: 'ASC' }, take: 2 })
    ).map((c) => c.id);
    let aLocked!: () => void;
    let bLocked!: () => void;
    const aReady = new Promise<void>((r) => (aLocked = r));
    const bReady = new Promise<void>((r) => (bLocked = r));
    const lock = (m: EntityManager, id: number) =>
      m.query('UPDATE community SET nameEn = nameEn WHERE id = ?', [id]);
    let attempts = 0;
    const results = await Promise.allSettled([
      run(async (m) => {
        attempts++;
        await lock(m, a);
        aLocked();
        await bReady;
        await lock(m, b);
      }),
      run(async (m) => {
        attempts++;
        await lock(m, b);
        bLocked();
        await aReady;
        await lock(m, a);
      }),
    ]);
    return { results, attempts };
  }

  it('without a retry one of two crossing transactions fails with a deadlock', async () => {
    const { results } = await crossLocks((work) => t.ds.transaction(work));
    const failed = results.filter((r) => r.status === 'rejected');
    expect(failed).toHaveLength(1);
    expect(String((failed[0] as PromiseRejectedResult).reason)).toMatch(/deadlock/i);
  });

  it('with transactionWithRetry both complete, the victim after running again', async () => {
    const { results, attempts } = await crossLocks((work) => transactionWithRetry(t.ds, work));
    console.log(`crossing transactions: ${attempts} attempts for 2 transactions, both committed`);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(attempts).toBe(3);
  });
});
