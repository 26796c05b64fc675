import { join } from 'node:path';
import { AuditLog } from '@gv/audit';
import { embeddedWriteLock } from '@gv/database';
import { Need } from '@gv/needs';
import { Community } from '@gv/places';
import { bearer, createTestApp, TestApp } from '@gv/testing';

/** Lets every queued microtask and immediate run (no timing involved). */
const settle = () => new Promise((r) => setImmediate(r));
async function until(cond: () => boolean) {
  for (let i = 0; i < 10_000 && !cond(); i++) await settle();
  if (!cond()) throw new Error('condition never became true');
}

/**
 * Embedded mode shares ONE SQLite connection between every request and job. Without the write lock a
 * second writer joins the first one's open transaction (TypeORM nests it as a savepoint), and the
 * first one's rollback takes the second one's committed work with it.
 */
describe('embedded mode under concurrency', () => {
  let t: TestApp;
  const varDir = join(process.env['VAR_DIR'] as string, 'embedded-concurrency');

  beforeAll(async () => {
    t = await createTestApp({
      DATABASE_URL: '',
      REDIS_URL: '',
      VAR_DIR: varDir,
      SQLITE_PATH: join(varDir, 'gv.sqlite'),
      SEED_DEMO: 'true',
      SMTP_URL: '',
      MAIL_DRIVER: '',
    });
  });
  afterAll(() => t?.close());

  function openFailingTransaction(marker: string) {
    let fail!: () => void;
    const failed = new Promise<void>((r) => (fail = r));
    let opened!: () => void;
    const open = new Promise<void>((r) => (opened = r));
    const a = t.ds
      .transaction(async (m) => {
        await m.insert(AuditLog, {
          actorId: null,
          actorLabel: 'test',
          action: marker,
          entity: 'test',
          entityId: '1',
          before: null,
          after: null,
          requestId: null,
        });
        opened();
        await failed;
        throw new Error('A fails');
      })
      .catch((e: Error) => e.message);
    return { a, open, fail };
  }

  it('a save outside a transaction waits for the open transaction instead of joining it, and survives its rollback', async () => {
    const lock = embeddedWriteLock(t.ds)!;
    const { a, open, fail } = openFailingTransaction('test.a-rolled-back');
    await open;
    const b = t.ds.getRepository(AuditLog).save({
      actorId: null,
      actorLabel: 'test',
      action: 'test.b-saved',
      entity: 'test',
      entityId: '2',
      before: null,
      after: null,
      requestId: null,
    });
    await until(() => lock.waiting === 1); // B is queued behind A, not inside it
    fail();
    expect(await a).toBe('A fails');
    await b;
    const repo = t.ds.getRepository(AuditLog);
    expect(await repo.countBy({ action: 'test.a-rolled-back' })).toBe(0);
    expect(await repo.countBy({ action: 'test.b-saved' })).toBe(1);
  });

  it("B's own transaction waits for A's; nested transactions in one flow do not deadlock", async () => {
    const lock = embeddedWriteLock(t.ds)!;
    const { a, open, fail } = openFailingTransaction('test.a2-rolled-back');
    await open;
    const b = t.ds.transaction(async (m) => {
      await m.transaction(async (inner) =>
        inner.insert(AuditLog, {
          actorId: null,
          actorLabel: 'test',
          action: 'test.b2-nested',
          entity: 'test',
          entityId: '3',
          before: null,
          after: null,
          requestId: null,
        }),
      );
    });
    await until(() => lock.waiting === 1);
    fail();
    await a;
    await b;
    expect(await t.ds.getRepository(AuditLog).countBy({ action: 'test.b2-nested' })).toBe(1);
    expect(await t.ds.getRepository(AuditLog).countBy({ action: 'test.a2-rolled-back' })).toBe(0);
  });

  it("over HTTP: B's 201 is true even though A rolled back while B waited", async () => {
    const lock = embeddedWriteLock(t.ds)!;
    const staff = await bearer(t.http, 'weiwan@dongguan.example.cn');
    const weiwan = await t.ds.getRepository(Community).findOneByOrFail({ code: 'weiwan' });
    const { a, open, fail } = openFailingTransaction('test.a3-rolled-back');
    await open;
    const b = t.http
      .post('/api/v1/needs')
      .set('Authorization', `Bearer ${staff}`)
      .send({
        communityId: weiwan.id,
        title: '并发测试需求',
        description: '在另一个事务打开时提交。',
        beneficiaryGroups: ['elderly'],
        beneficiaryCount: 10,
      })
      .then((r) => r);
    await until(() => lock.waiting >= 1);
    fail();
    await a;
    const res = await b;
    expect(res.status).toBe(201);
    expect(await t.ds.getRepository(Need).countBy({ id: res.body.id })).toBe(1);
  });
});
