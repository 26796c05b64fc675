import { DataSource, In, Like, MoreThan } from 'typeorm';
import { Invitation } from '@gv/accounts';
import { AuditLog } from '@gv/audit';
import { Call } from '@gv/calls';
import { AppConfig, loadConfig } from '@gv/config';
import { Notification } from '@gv/notifications';
import { openDataSource } from '@gv/platform';
import { Proposal, ProposalStatus, ProposalVersion } from '@gv/proposals';
import { callPayload, freePort, resetDatabase, SmtpSink } from '@gv/testing';
import { ADMIN, ORG, rowIdOf, sleep, until } from '../notifications/helpers';
import { FaultProxy } from './fault-proxy';
import { call, Cluster, Exchange, Figures, isErrorBody, readyBecomes } from './helpers';
import { PrivateRedis } from './private-redis';

/**
 * Issue #15: two api and two worker processes (from dist) on MariaDB and Redis, through faults: a worker
 * killed mid-batch, a Redis restart (empty), MariaDB connections cut, the SMTP server gone. The database
 * and the SMTP sink are reached through TCP fault proxies; Redis is a private redis-server. The shared
 * MariaDB and Redis the other suites use are never touched.
 */

// Short enough for a test, long enough for a local SMTP sink: a claim older than 5 s may be taken over.
const TIMING = {
  NOTIFY_CLAIM_SECONDS: '5',
  NOTIFY_SWEEP_AFTER_SECONDS: '1',
  WORKER_STALLED_SECONDS: '3',
  WORKER_CONCURRENCY: '8',
  MAIL_RATE_PER_SECOND: '40',
};

describe('faults with two api and two worker processes (MariaDB + Redis)', () => {
  const figures = new Figures();
  const smtp = new SmtpSink();
  const redis = new PrivateRedis();
  const dbTarget = new URL(process.env['DATABASE_URL'] as string);
  const dbProxy = new FaultProxy(Number(dbTarget.port || 3306), dbTarget.hostname);
  let smtpProxy: FaultProxy;
  let cluster: Cluster;
  let config: AppConfig;
  let ds: DataSource;
  let admin: string;
  let org: string;
  let A: string, B: string;
  const api = (i: number) => (i % 2 ? B : A);

  beforeAll(async () => {
    await smtp.start();
    smtpProxy = await new FaultProxy(smtp.port).start();
    await Promise.all([redis.start(), dbProxy.start()]);
    config = loadConfig({ ...process.env, REDIS_URL: redis.url });
    // The checks read the database directly, never through the proxy.
    ds = await openDataSource(config);
    await resetDatabase(ds, config);
    const proxied = new URL(dbTarget);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(dbProxy.port);
    cluster = new Cluster(
      {
        ...TIMING,
        NODE_ENV: 'production',
        PUBLIC_URL: 'https://gongyi.example.cn',
        COOKIE_SECURE: 'false',
        LOG_LEVEL: 'warn',
        DATABASE_URL: proxied.toString(),
        DB_POOL_SIZE: '5',
        DB_RETRY_ATTEMPTS: '5', // the production default (the test env says 0)
        REDIS_URL: redis.url,
        QUEUE_PREFIX: process.env['QUEUE_PREFIX'] as string,
        SESSION_SECRET: process.env['SESSION_SECRET'] as string,
        SMTP_URL: `smtp://127.0.0.1:${smtpProxy.port}?ignoreTLS=true`,
      },
      [await freePort(), await freePort()],
    );
    await cluster.start();
    await cluster.workersUp();
    [A, B] = cluster.apis.map((a) => a.url);
    admin = await token(A, ADMIN);
    org = await token(B, ORG);
  }, 120_000);

  afterAll(async () => {
    // Normally stopped by the last test already; here after a failure (killed after 10 s at the most).
    await cluster?.stop();
    console.log(`faults suite figures\n${figures.print()}`);
    await ds?.destroy();
    await Promise.all([redis.stop(), dbProxy.stop(), smtpProxy?.stop()]);
    await smtp.stop();
  });

  afterEach(() => {
    // No process may die of a lost dependency (a worker killed on purpose is not counted).
    expect(cluster.unexpectedExits).toEqual([]);
  });

  async function token(base: string, email: string): Promise<string> {
    const res = await call(base, 'POST', '/api/v1/auth/token', {
      body: { email, password: 'Demo!2026' },
    });
    expect(res.status).toBe(200);
    return (res.body as { token: string }).token;
  }

  const invite = (base: string, email: string) =>
    call(base, 'POST', '/api/v1/invitations', {
      token: admin,
      body: { email, name: '受邀评审', role: 'judge' },
    });

  const lastNotificationId = async () => (await ds.getRepository(Notification).maximum('id')) ?? 0;

  /** Outbox rows written after `afterId`. */
  const rowsAfter = (afterId: number) =>
    ds.getRepository(Notification).find({ where: { id: MoreThan(afterId) }, order: { id: 'ASC' } });

  /** How often each row id (> afterId) reached the SMTP sink. */
  function deliveries(afterId: number): Map<number, number> {
    const counts = new Map<number, number>();
    for (const m of smtp.messages) {
      const id = rowIdOf(m);
      if (id > afterId) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return counts;
  }

  /**
   * Waits until every outbox row after `afterId` is done and each sent row reached the sink; none may fail.
   * A row delivered twice must have been in the SMTP in-flight window when the fault struck: `sending` in
   * `atFault` (the rows as the fault left them), accepted by the server but never marked sent. Without
   * `atFault` no duplicate is allowed. Prints the fault's mail figures.
   */
  async function allDelivered(
    fault: string,
    afterId: number,
    timeoutMs: number,
    atFault?: Notification[],
  ) {
    const rows = await until(
      async () => {
        const rs = await rowsAfter(afterId);
        const counts = deliveries(afterId);
        return rs.length &&
          rs.every((r) => r.status !== 'pending' && r.status !== 'sending') &&
          rs.every((r) => r.status !== 'sent' || counts.has(r.id))
          ? rs
          : undefined;
      },
      timeoutMs,
      `every ${fault} message delivered`,
    );
    expect(rows.filter((r) => r.status === 'failed')).toEqual([]);
    const counts = deliveries(afterId);
    const sent = rows.filter((r) => r.status === 'sent');
    // Nothing reached the sink that has no row (or a row not marked sent).
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual(sent.map((r) => r.id));
    const duplicated = [...counts].filter(([, c]) => c > 1).map(([id]) => id);
    const inFlight = (atFault ?? []).filter((r) => r.status === 'sending').map((r) => r.id);
    // Same Message-ID both times (the sink counts by it): a receiving server can drop the second.
    expect(duplicated.filter((id) => !inFlight.includes(id))).toEqual([]);
    figures.mail.push({
      fault,
      expected: sent.length,
      delivered: counts.size,
      duplicated: duplicated.length,
      inFlight: inFlight.length,
    });
    return { rows, counts, duplicated };
  }

  /** Runs `n` tasks, `parallel` at a time. */
  async function pool<T>(n: number, parallel: number, task: (i: number) => Promise<T>) {
    const out: T[] = new Array(n);
    let next = 0;
    await Promise.all(
      Array.from({ length: parallel }, async () => {
        while (next < n) {
          const i = next++;
          out[i] = await task(i);
        }
      }),
    );
    return out;
  }

  it('worker SIGKILL mid-batch: all 200 invitations mailed; a duplicate only from the in-flight window', async () => {
    const from = await lastNotificationId();
    const N = 200;
    const created = pool(N, 8, (i) => invite(api(i), `kill-${i}@example.cn`));
    // Mid-delivery: a quarter of the batch at the sink (the mail rate keeps the rest queued).
    await until(async () => deliveries(from).size >= N / 4, 30_000, 'a quarter delivered');
    await cluster.stopWorker(0, 'SIGKILL');
    const atKill = await rowsAfter(from);
    const sentAtKill = new Set(atKill.filter((r) => r.status === 'sent').map((r) => r.id));
    expect((await created).map((r) => r.status)).toEqual(new Array(N).fill(201));
    cluster.startWorker(0);

    // A row marked sent before the kill never goes out again; a duplicate is a row whose SMTP transaction
    // completed between the server's 250 and the "sent" UPDATE of the killed worker.
    const { rows, duplicated } = await allDelivered('worker SIGKILL', from, 60_000, atKill);
    expect(rows).toHaveLength(N);
    expect(sentAtKill.size).toBeGreaterThan(0);
    expect(sentAtKill.size).toBeLessThan(N);
    // The after-sent hook ran for each (the clear token erased), also for a row sent just before the kill.
    const invitations = await ds.getRepository(Invitation).findBy({ email: Like('kill-%') });
    expect(invitations).toHaveLength(N);
    await until(
      async () =>
        (await ds
          .getRepository(Invitation)
          .createQueryBuilder('i')
          .where("i.email LIKE 'kill-%' AND (i.sentAt IS NULL OR i.pendingToken IS NOT NULL)")
          .getCount()) === 0,
      15_000,
      'every invitation marked sent, its token erased',
    );
    await cluster.workersUp(); // the restarted worker is up before the next fault
    figures.faults.push('worker SIGKILL mid-batch');
    figures.notes.push(
      `worker SIGKILL: ${sentAtKill.size}/${N} sent and ` +
        `${atKill.filter((r) => r.status === 'sending').length} in flight at the kill; ` +
        `${duplicated.length} delivered twice (in-flight window)`,
    );
  }, 120_000);

  it('Redis restart (empty): ready 503 on both apis, back to 200 by itself; nothing lost', async () => {
    const from = await lastNotificationId();
    // Jobs waiting in Redis when it dies: the workers are paused while the invitations are made.
    cluster.pauseWorkers(true);
    const queued = await pool(20, 4, (i) => invite(api(i), `redis-q${i}@example.cn`));
    expect(queued.map((r) => r.status)).toEqual(new Array(20).fill(201));

    const during: Array<{ email: string; ex: Exchange }> = [];
    let login: Exchange, me: Exchange, t503: number[], stopped: Promise<boolean>;
    await redis.kill();
    cluster.pauseWorkers(false);
    try {
      // A worker stopped during the outage (a deploy) still exits: SIGTERM is not stuck on Redis.
      const t0 = Date.now();
      stopped = cluster.stopWorker(1, 'SIGTERM').then((ok) => {
        figures.notes.push(`Redis down: worker-2 exited on SIGTERM after ${Date.now() - t0} ms`);
        return ok;
      });
      t503 = await Promise.all([A, B].map((u) => readyBecomes(u, 503, 10_000)));
      await Promise.all(
        [A, B].map(async (base, i) => {
          const email = `redis-out${i}@example.cn`;
          const ex = await invite(base, email);
          during.push({
            email,
            ex: figures.request('Redis down', `POST /invitations on ${'AB'[i]}`, ex),
          });
        }),
      );
      login = figures.request(
        'Redis down',
        'POST /auth/token on A',
        await call(A, 'POST', '/api/v1/auth/token', {
          body: { email: ORG, password: 'Demo!2026' },
        }),
      );
      me = figures.request(
        'Redis down',
        'GET /me on B',
        await call(B, 'GET', '/api/v1/me', { token: org }),
      );
      // Longer than NOTIFY_SWEEP_AFTER_SECONDS: the sweep that runs when Redis is back finds every row.
      await sleep(1500);
      expect(await stopped).toBe(true);
    } finally {
      await redis.restart();
      cluster.pauseWorkers(false);
      if (!cluster.workers[1]) cluster.startWorker(1);
    }
    const t200 = await Promise.all([A, B].map((u) => readyBecomes(u, 200, 20_000)));
    figures.notes.push(
      `Redis restart: ready 503 after ${t503.join('/')} ms, 200 again after ${t200.join('/')} ms`,
    );

    // A change made during the outage either completed or failed cleanly with nothing written.
    for (const { email, ex } of during) {
      const written = await ds.getRepository(Invitation).countBy({ email });
      if (ex.status === 201) expect(written).toBe(1);
      else {
        expect([400, 409, 429, 503]).toContain(ex.status);
        expect(isErrorBody(ex.body, ex.status)).toBe(true);
        expect(written).toBe(0);
      }
    }
    // Sign-in needs the throttle counters in Redis: refused cleanly, or served.
    expect([200, 503]).toContain(login.status);
    if (login.status !== 200) expect(isErrorBody(login.body, login.status)).toBe(true);
    // Reading with a session (in the database) does not need Redis.
    expect(me.status).toBe(200);
    // Sign-in works again once Redis is back.
    expect(
      (await call(A, 'POST', '/api/v1/auth/token', { body: { email: ORG, password: 'Demo!2026' } }))
        .status,
    ).toBe(200);

    // The queued jobs died with Redis: the outbox sweep finds the rows pending and enqueues them again.
    const { rows } = await allDelivered('Redis restart', from, 90_000);
    expect(rows.length).toBe(20 + during.filter((d) => d.ex.status === 201).length);
    // And the apis enqueue again: an invitation made now is mailed at once.
    const after = await lastNotificationId();
    expect((await invite(B, 'redis-after@example.cn')).status).toBe(201);
    await allDelivered('after Redis restart', after, 20_000);
    const restored = cluster.workers.filter((w) =>
      w?.output.some((l) => l.includes('job scheduler lost by Redis')),
    ).length;
    figures.notes.push(`Redis restart: job schedulers restored by ${restored} worker(s)`);
    await cluster.workersUp();
    figures.faults.push('Redis restart');
  }, 180_000);

  it('MariaDB connections cut: ready 503, 5xx with the error body and no half-applied submit; then all succeed', async () => {
    const callRes = await call(A, 'POST', '/api/v1/calls', {
      token: admin,
      body: callPayload({ code: 'FX', maxProposalsPerOrg: 50 }),
    });
    expect(callRes.status).toBe(201);
    const callId = (callRes.body as { id: number }).id;
    const communities = await call(A, 'GET', '/api/v1/communities', { token: org });
    const communityIds = (communities.body as { items: Array<{ id: number }> }).items.map(
      (c) => c.id,
    );
    const K = 8;
    // One at a time: drafts made in parallel by one organisation deadlock now and then (503 database_busy;
    // ProposalsService.create runs without transactionWithRetry), which is not the fault under test.
    const drafts = await pool(K, 1, (i) =>
      call(api(i), 'POST', '/api/v1/proposals', {
        token: org,
        body: {
          callId,
          title: `故障演练项目 ${i}`,
          track: 'venture',
          communityIds: [communityIds[0]],
          beneficiaryGroups: ['elderly'],
          beneficiaryCount: 50,
          summary: '摘要',
          objectives: '目标',
          activities: '活动',
          team: '团队',
          coFundingFen: 0,
          budgetLines: [
            { category: 'materials', item: '物资', unitPriceFen: 100_000, quantity: 5 },
          ],
          milestones: [{ title: '启动', dueOn: '2026-06-30', deliverable: '名册' }],
        },
      }),
    );
    expect(drafts.map((d) => d.status)).toEqual(new Array(K).fill(201));
    const ids = drafts.map((d) => (d.body as { id: number }).id);
    const from = await lastNotificationId();

    // Submits in flight when every connection is reset (cut as soon as the first of them is answered, the
    // others are inside their transaction), then more while new connections are refused.
    const inFlight = ids
      .slice(0, K / 2)
      .map((id, i) => call(api(i), 'POST', `/api/v1/proposals/${id}/submit`, { token: org }));
    await Promise.race(inFlight);
    let t503: number[], refused: Exchange[], inv: Exchange, me: Exchange;
    dbProxy.cut();
    // The outbox as the cut left it (read directly): a worker may have a message at the SMTP server whose
    // "sent" UPDATE can no longer be written, the same in-flight window as a worker killed.
    const atCut = await rowsAfter(from);
    try {
      t503 = await Promise.all([A, B].map((u) => readyBecomes(u, 503, 10_000)));
      refused = await pool(K / 2, K / 2, (i) =>
        call(api(i), 'POST', `/api/v1/proposals/${ids[K / 2 + i]}/submit`, { token: org }),
      );
      inv = await invite(A, 'db-out@example.cn');
      me = await call(B, 'GET', '/api/v1/me', { token: org });
      await sleep(1000);
    } finally {
      await dbProxy.resume();
    }
    const cutMidway = await Promise.all(inFlight);
    cutMidway.forEach((ex, i) =>
      figures.request('MariaDB cut', `POST /proposals/${ids[i]}/submit (in flight)`, ex),
    );
    refused.forEach((ex, i) =>
      figures.request('MariaDB cut', `POST /proposals/${ids[K / 2 + i]}/submit`, ex),
    );
    figures.request('MariaDB cut', 'POST /invitations on A', inv);
    figures.request('MariaDB cut', 'GET /me on B', me);
    const t200 = await Promise.all([A, B].map((u) => readyBecomes(u, 200, 30_000)));
    figures.notes.push(
      `MariaDB cut: ready 503 after ${t503.join('/')} ms, 200 again after ${t200.join('/')} ms; ` +
        `${dbProxy.reset} connections reset`,
    );

    // Refused while the database was unreachable: a 5xx with the error body, never a hang.
    for (const ex of [...refused, inv]) {
      expect(ex.status).toBeGreaterThanOrEqual(500);
      expect(isErrorBody(ex.body, ex.status)).toBe(true);
    }
    // Reading who one is needs no database while the sign-in is cached (SESSION_CACHE_MS): then a 200
    // with the user, else a 5xx with the error body.
    if (me.status === 200) expect(me.body).toMatchObject({ email: expect.any(String) });
    else {
      expect(me.status).toBeGreaterThanOrEqual(500);
      expect(isErrorBody(me.body, me.status)).toBe(true);
    }
    // Cut midway: done, or a 5xx with the error body (never a dropped connection).
    for (const ex of cutMidway) {
      if (ex.status !== 200) expect(ex.status).toBeGreaterThanOrEqual(500);
      if (ex.status !== 200) expect(isErrorBody(ex.body, ex.status)).toBe(true);
    }
    expect(await ds.getRepository(Invitation).countBy({ email: 'db-out@example.cn' })).toBe(0);
    await expectSubmitsWhole(callId, ids);

    // After recovery the client retries what failed, and it succeeds. A 5xx answered to a submit whose COMMIT
    // had reached the server is an unknown outcome: its retry is told there is nothing new to submit.
    const outcomes = [...cutMidway, ...refused];
    const failed = ids.filter((_, i) => outcomes[i].status !== 200);
    const committed = new Set(
      (
        await ds
          .getRepository(Proposal)
          .findBy({ id: In(failed), status: ProposalStatus.Submitted })
      ).map((p) => p.id),
    );
    const again = await pool(failed.length, 4, (i) =>
      call(api(i), 'POST', `/api/v1/proposals/${failed[i]}/submit`, { token: org }),
    );
    again.forEach((ex, i) =>
      expect([failed[i], ex.status, (ex.body as { code?: string }).code]).toEqual(
        committed.has(failed[i])
          ? [failed[i], 409, 'proposal_no_changes']
          : [failed[i], 200, undefined],
      ),
    );
    expect((await invite(A, 'db-out@example.cn')).status).toBe(201);
    figures.notes.push(
      `MariaDB cut: ${cutMidway.filter((e) => e.status === 200).length}/${K / 2} submits in flight at ` +
        `the cut done; ${failed.length} retried after recovery (${committed.size} had committed)`,
    );
    await expectSubmitsWhole(callId, ids);
    const subs = await ds.getRepository(Proposal).findBy({ id: In(ids) });
    expect(subs.every((p) => p.status === 'submitted' && p.currentVersion >= 1)).toBe(true);
    await allDelivered('MariaDB cut', from, 60_000, atCut);
    figures.faults.push('MariaDB connection loss');
  }, 180_000);

  /**
   * All-or-nothing: a proposal's version rows, submit audit rows and number match its currentVersion, and the
   * call's number counter equals the proposals numbered.
   */
  async function expectSubmitsWhole(callId: number, ids: number[]) {
    const ps = await ds.getRepository(Proposal).findBy({ id: In(ids) });
    for (const p of ps) {
      const versions = await ds.getRepository(ProposalVersion).countBy({ proposalId: p.id });
      const audits = await ds.getRepository(AuditLog).countBy({
        entity: 'proposal',
        entityId: String(p.id),
        action: In(['proposal.submitted', 'proposal.version_submitted']),
      });
      expect({ id: p.id, versions, audits, numbered: !!p.number }).toEqual({
        id: p.id,
        versions: p.currentVersion,
        audits: p.currentVersion,
        numbered: p.currentVersion > 0,
      });
      expect(p.status).toBe(p.currentVersion > 0 ? 'submitted' : 'draft');
    }
    const numbered = await ds
      .getRepository(Proposal)
      .createQueryBuilder('p')
      .where('p.callId = :callId AND p.number IS NOT NULL', { callId })
      .getCount();
    const c = await ds.getRepository(Call).findOneByOrFail({ id: callId });
    expect(c.lastNumber).toBe(numbered);
  }

  it('SMTP down: messages retried and delivered once it is back; none lost', async () => {
    const from = await lastNotificationId();
    smtpProxy.cut();
    try {
      const made = await pool(10, 4, (i) => invite(api(i), `smtp-${i}@example.cn`));
      expect(made.map((r) => r.status)).toEqual(new Array(10).fill(201));
      // Each row failed at least once (connection refused) and waits for its retry, pending.
      await until(
        async () => {
          const rs = await rowsAfter(from);
          return rs.length === 10 && rs.every((r) => r.attempts >= 1 && r.lastError);
        },
        20_000,
        'a failed attempt for every row',
      );
      expect(deliveries(from).size).toBe(0);
      await sleep(3000);
    } finally {
      await smtpProxy.resume();
    }
    const { rows } = await allDelivered('SMTP down', from, 60_000);
    expect(rows).toHaveLength(10);
    expect(rows.every((r) => r.attempts >= 2 && r.lastError === null)).toBe(true);
    figures.faults.push('SMTP down');
  }, 120_000);

  it('every process is still up and stops on SIGTERM within 10 s', async () => {
    for (const a of cluster.apis)
      expect((await call(a.url, 'GET', '/health/ready')).status).toBe(200);
    expect(await cluster.stop()).toEqual([]);
  }, 30_000);
});
