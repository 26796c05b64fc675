import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bearer, createTestApp, formLogin, openPage, TestApp } from '@gv/testing';

/** The default mode: no DATABASE_URL, no REDIS_URL → SQLite file, in-process jobs, .eml files. */
describe('embedded mode', () => {
  let t: TestApp;
  const varDir = join(process.env['VAR_DIR'] as string, 'embedded');

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

  it('migrates and seeds SQLite on first start; the demo accounts work', async () => {
    expect(t.config.embedded).toBe(true);
    expect(t.ds.options.type).toBe('better-sqlite3');
    const token = await bearer(t.http, 'admin@dongguan.example.cn');
    const me = await t.http.get('/api/v1/me').set('Authorization', `Bearer ${token}`).expect(200);
    expect(me.body.role).toBe('street_admin');
    const ready = await t.http.get('/health/ready').expect(200);
    expect(ready.body.details.redis).toBeUndefined();
  });

  it('runs jobs in-process and writes mail as .eml files under var/mail', async () => {
    const token = await bearer(t.http, 'admin@dongguan.example.cn');
    await t.http
      .post('/api/v1/invitations')
      .set('Authorization', `Bearer ${token}`)
      .send({ email: 'emb@example.cn', name: '嵌入', role: 'judge' })
      .expect(201);
    const dir = join(varDir, 'mail');
    const deadline = Date.now() + 10_000;
    let files: string[] = [];
    while (Date.now() < deadline) {
      files = (() => {
        try {
          return readdirSync(dir);
        } catch {
          return [];
        }
      })().filter((f) => f.endsWith('.eml'));
      if (files.length) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(files).toHaveLength(1);
    const eml = readFileSync(join(dir, files[0]), 'utf8');
    expect(eml).toContain('To: emb@example.cn');
  });

  it('links no queue dashboard (there is none): the delivery page shows the in-process jobs instead', async () => {
    const admin = await formLogin(t.http, 'admin@dongguan.example.cn');
    const page = await openPage(t.http, admin, '/admin/notifications');
    expect(page.res.text).not.toContain('href="/admin/queues"');
    expect(page.res.text).toMatch(
      /<span id="in-process-jobs">正在运行 \d+ 个，等待 \d+ 个。<\/span>/,
    );
    await t.http.get('/admin/queues').set('Cookie', [admin]).expect(404);
  });

  it("a judge's sheet on SQLite: the one-query gate, version-checked saves, submit, recusal", async () => {
    const judge = await bearer(t.http, 'judge@dongguan.example.cn');
    const auth = { Authorization: `Bearer ${judge}` };
    const queue = await t.http.get('/api/v1/reviews/queue').set(auth).expect(200);
    const seat = queue.body.items[0];
    const [first, second] = seat.proposals as { proposalId: number }[];
    await t.ds.query('DELETE FROM review_sheet WHERE memberId = ? AND proposalId IN (?, ?)', [
      seat.memberId,
      first.proposalId,
      second.proposalId,
    ]);
    const url = `/api/v1/reviews/proposals/${first.proposalId}`;
    const full = { need: 20, design: 20, team: 16, budget: 12, sustain: null };
    const v1 = await t.http.put(`${url}/sheet`).set(auth).send({ scores: full, version: 0 });
    expect(v1.status).toBe(200);
    const v2 = await t.http
      .put(`${url}/sheet`)
      .set(auth)
      .send({ scores: { ...full, need: 21 }, version: 1 })
      .expect(200);
    expect(v2.body).toMatchObject({ version: 2, status: 'draft' });
    const stale = await t.http
      .put(`${url}/sheet`)
      .set(auth)
      .send({ scores: full, version: 1 })
      .expect(409);
    expect(stale.body.details).toContainEqual(
      expect.objectContaining({ field: 'need', params: { value: 21 } }),
    );
    await t.http.post(`${url}/submit`).set(auth).send({ version: 2 }).expect(200);
    await t.http.put(`${url}/sheet`).set(auth).send({ scores: full, version: 3 }).expect(409);
    await t.http
      .post(`/api/v1/panel-members/${seat.memberId}/conflicts`)
      .set(auth)
      .send({ proposalId: second.proposalId, reason: '嵌入模式：申报利益冲突' })
      .expect(201);
    const recused = await t.http
      .put(`/api/v1/reviews/proposals/${second.proposalId}/sheet`)
      .set(auth)
      .send({ scores: full, version: 0 })
      .expect(403);
    expect(recused.body.code).toBe('judge_recused');
  });
});
