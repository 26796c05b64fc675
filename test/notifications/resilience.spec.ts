import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { Notification, NotificationEvent, notify } from '@gv/notifications';
import {
  clearNotifications,
  createTestApp,
  createTestWorker,
  resetDatabase,
  SmtpSink,
  TestApp,
} from '@gv/testing';
import { JUDGE, recipient, rowIdOf, rows, sleep, until } from './helpers';

const ENV = { NOTIFY_CLAIM_SECONDS: '3', WORKER_STALLED_SECONDS: '3' };

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

describe('notifications: SMTP down, then back', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let smtp: SmtpSink | undefined;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    const url = `smtp://127.0.0.1:${port}?ignoreTLS=true`;
    t = await createTestApp({
      ...ENV,
      SMTP_URL: url,
      QUEUE_PREFIX: `${process.env['QUEUE_PREFIX']}-down`,
    });
    worker = await createTestWorker({
      ...ENV,
      SMTP_URL: url,
      QUEUE_PREFIX: `${process.env['QUEUE_PREFIX']}-down`,
    });
    await resetDatabase(t.ds, t.config);
    await clearNotifications(t.ds); // the demo's history out of the way
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await smtp?.stop();
  });

  it('retries with backoff while the server refuses connections and delivers once it is back', async () => {
    const zh = await recipient(t.ds, JUDGE);
    await t.ds.transaction((m) =>
      notify(m, NotificationEvent.ScreeningResult, [zh], { proposalId: 1, callId: 1 }),
    );
    const row = await until(
      async () => {
        const r = await t.ds.getRepository(Notification).findOneBy({});
        return r && r.attempts >= 1 && r.status === 'pending' && r.lastError ? r : undefined;
      },
      10_000,
      'a failed attempt',
    );
    expect(row.lastError).toMatch(/ECONNREFUSED|ESOCKET|connect/i);
    await sleep(2500);
    smtp = await new SmtpSink().start(port);
    const [mail] = await smtp.waitFor(1, 30_000);
    expect(rowIdOf(mail)).toBe(row.id);
    const done = await until(
      async () => {
        const r = await t.ds.getRepository(Notification).findOneByOrFail({ id: row.id });
        return r.status === 'sent' ? r : undefined;
      },
      5000,
      'sent',
    );
    expect(done.attempts).toBeGreaterThanOrEqual(2);
    expect(done.lastError).toBeNull();
    await sleep(1000);
    expect(smtp.messages).toHaveLength(1);
  });
});

describe('notifications: a worker killed with SIGKILL mid-batch', () => {
  const smtp = new SmtpSink();
  let t: TestApp;
  let child: ChildProcess | undefined;
  const prefix = `${process.env['QUEUE_PREFIX']}-kill`;

  const startWorker = () => {
    child = spawn(process.execPath, [join(__dirname, '../../dist/apps/worker/src/main.js')], {
      env: {
        ...process.env,
        ...ENV,
        SMTP_URL: smtp.url,
        QUEUE_PREFIX: prefix,
        WORKER_CONCURRENCY: '8',
        MAIL_RATE_PER_SECOND: '150',
        LOG_LEVEL: 'silent',
      },
      stdio: 'ignore',
    });
    return child;
  };

  beforeAll(async () => {
    await smtp.start();
    t = await createTestApp({ ...ENV, SMTP_URL: smtp.url, QUEUE_PREFIX: prefix });
    await resetDatabase(t.ds, t.config);
    await clearNotifications(t.ds); // the demo's history out of the way
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await t?.close();
    await smtp.stop();
  });

  it('loses nothing and, after a restart, sends nothing twice that was marked sent', async () => {
    const N = 300;
    const zh = await recipient(t.ds, JUDGE);
    const recipients = Array.from({ length: N }, (_, i) => ({
      ...zh,
      userId: null,
      email: `r${i}@example.cn`,
    }));
    startWorker();
    await t.ds.transaction((m) =>
      notify(m, NotificationEvent.ScreeningResult, recipients, { proposalId: 1, callId: 1 }),
    );
    await smtp.waitFor(60, 30_000);
    child!.kill('SIGKILL');
    await new Promise((r) => child!.once('exit', r));
    const atKill = await rows(t.ds);
    const sentAtKill = new Set(atKill.filter((r) => r.status === 'sent').map((r) => r.id));
    const inFlight = new Set(atKill.filter((r) => r.status === 'sending').map((r) => r.id));
    expect(sentAtKill.size).toBeGreaterThan(0);
    expect(sentAtKill.size).toBeLessThan(N);

    startWorker();
    await until(
      async () => (await rows(t.ds)).every((r) => r.status === 'sent'),
      45_000,
      'all sent after restart',
    );
    await sleep(1500);
    child!.kill('SIGTERM');
    const delivered = smtp.messages.map(rowIdOf);
    const counts = new Map<number, number>();
    for (const id of delivered) counts.set(id, (counts.get(id) ?? 0) + 1);
    expect(counts.size).toBe(N); // nothing lost
    const twice = [...counts].filter(([, c]) => c > 1).map(([id]) => id);
    // Rows marked sent before the kill were never sent again; a duplicate is only possible for a row whose
    // SMTP transaction completed in the instant between the server's 250 and the UPDATE (same Message-ID).
    for (const id of twice) {
      expect(sentAtKill.has(id)).toBe(false);
      expect(inFlight.has(id)).toBe(true);
    }
    if (twice.length)
      console.warn(
        `SIGKILL test: ${twice.length} in-flight message(s) delivered twice (at-least-once gap)`,
      );
  }, 120_000);
});
