import { ChildProcess, fork } from 'node:child_process';
import { resolve } from 'node:path';
import { parseMail, SmtpSink } from '@gv/testing';
import { createTestApp, resetDatabase } from '@gv/testing';

const ROOT = resolve(__dirname, '../..');

/** The built apps as separate processes, as `npm run start:api` / `start:worker` run them in production. */
function start(entry: string, env: Record<string, string>): ChildProcess {
  return fork(resolve(ROOT, entry), [], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
}

async function waitUp(url: string, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`process exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not come up`);
}

function stop(child?: ChildProcess): Promise<void> {
  return new Promise((res) => {
    if (!child || child.exitCode !== null) return res();
    child.once('exit', () => res());
    child.kill('SIGTERM');
  });
}

describe('production mode: two api instances and a worker on MariaDB + Redis', () => {
  const smtp = new SmtpSink();
  let apiA: ChildProcess, apiB: ChildProcess, worker: ChildProcess;
  const ports = [
    3700 + Number(process.env['JEST_WORKER_ID'] ?? 1) * 2,
    3701 + Number(process.env['JEST_WORKER_ID'] ?? 1) * 2,
  ];
  const [a, b] = ports.map((p) => `http://127.0.0.1:${p}`);

  beforeAll(async () => {
    await smtp.start();
    const t = await createTestApp();
    await resetDatabase(t.ds, t.config);
    await t.close();
    const env = {
      PUBLIC_URL: 'https://gongyi.example.cn',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      SMTP_URL: smtp.url,
      COOKIE_SECURE: 'false',
      LOGIN_MAX_FAILURES: '3',
      DATABASE_URL: process.env['DATABASE_URL'] as string,
      REDIS_URL: process.env['REDIS_URL'] as string,
      QUEUE_PREFIX: process.env['QUEUE_PREFIX'] as string,
      SESSION_SECRET: process.env['SESSION_SECRET'] as string,
    };
    apiA = start('dist/apps/api/src/main.js', {
      ...env,
      PORT: String(ports[0]),
      HOST: '127.0.0.1',
    });
    apiB = start('dist/apps/api/src/main.js', {
      ...env,
      PORT: String(ports[1]),
      HOST: '127.0.0.1',
    });
    worker = start('dist/apps/worker/src/main.js', env);
    await Promise.all([waitUp(`${a}/health/ready`, apiA), waitUp(`${b}/health/ready`, apiB)]);
  });

  afterAll(async () => {
    await Promise.all([stop(apiA), stop(apiB), stop(worker)]);
    await smtp.stop();
  });

  it('is ready on both instances, with the database and Redis up', async () => {
    const ready = (await (await fetch(`${b}/health/ready`)).json()) as {
      details: Record<string, unknown>;
    };
    expect(ready.details).toMatchObject({ database: { status: 'up' }, redis: { status: 'up' } });
  });

  it('shares sessions: a token from instance A works on instance B; revoked on A, refused on B', async () => {
    const login = await fetch(`${a}/api/v1/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@dongguan.example.cn', password: 'Demo!2026' }),
    });
    const { token } = (await login.json()) as { token: string };
    expect(
      (await fetch(`${b}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } })).status,
    ).toBe(200);
    expect(
      (
        await fetch(`${a}/api/v1/auth/token`, {
          method: 'DELETE',
          headers: { authorization: `Bearer ${token}` },
        })
      ).status,
    ).toBe(204);
    expect(
      (await fetch(`${b}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } })).status,
    ).toBe(401);
  });

  it('mounts the queue dashboard for street admins only', async () => {
    const anon = await fetch(`${a}/admin/queues`, { redirect: 'manual' });
    expect(anon.status).toBe(303);
    const token = async (email: string) => {
      const res = await fetch(`${a}/api/v1/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: 'Demo!2026' }),
      });
      return ((await res.json()) as { token: string }).token;
    };
    const judge = await fetch(`${b}/admin/queues`, {
      headers: { cookie: `gv_session=${await token('judge@dongguan.example.cn')}` },
    });
    expect(judge.status).toBe(403);
    const admin = await fetch(`${b}/admin/queues`, {
      headers: { cookie: `gv_session=${await token('admin@dongguan.example.cn')}` },
    });
    expect(admin.status).toBe(200);
    expect(await admin.text()).toContain('static/js/main');
  });

  it('shares login throttling through Redis: failures on A block the login on B', async () => {
    const attempt = (base: string, password: string) =>
      fetch(`${base}/api/v1/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'judge@dongguan.example.cn', password }),
      });
    for (let i = 0; i < 3; i++) expect((await attempt(a, 'wrong')).status).toBe(401);
    expect((await attempt(b, 'Demo!2026')).status).toBe(429);
  });

  it('hands jobs to the worker: an invitation made on B is mailed by the worker process', async () => {
    const login = await fetch(`${b}/api/v1/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@dongguan.example.cn', password: 'Demo!2026' }),
    });
    const { token } = (await login.json()) as { token: string };
    const res = await fetch(`${b}/api/v1/invitations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ email: 'scale@example.cn', name: '扩展', role: 'judge' }),
    });
    expect(res.status).toBe(201);
    const mails = await smtp.waitFor(1, 20_000);
    const parsed = await parseMail(mails[0].raw);
    expect(parsed.subject).toBe('邀请您加入东关街道社区公益创投平台');
    expect(parsed.text).toContain('https://gongyi.example.cn/invitations/');
  });
});
