import ExcelJS from 'exceljs';
import { Call } from '@gv/calls';
import { PanelMember, panelRecusals } from '@gv/panels';
import { ReviewRubric, ReviewSheet } from '@gv/reviews';
import { aggregateScores } from '@gv/scoring';
import { fromInt } from '@gv/rational';
import { bearer, createTestApp, resetDatabase, TestApp } from '@gv/testing';

const ADMIN = 'admin@dongguan.example.cn';
const JUDGE = 'judge@dongguan.example.cn';

describe('reviews: sheets that cannot be lost, and an explained aggregate (MariaDB)', () => {
  let t: TestApp;
  let admin: string;
  let judge: string;
  let call: Call;
  let seat: PanelMember;

  beforeAll(async () => {
    t = await createTestApp();
  });
  beforeEach(async () => {
    await resetDatabase(t.ds, t.config);
    admin = await bearer(t.http, ADMIN);
    judge = await bearer(t.http, JUDGE);
    call = await t.ds.getRepository(Call).findOneByOrFail({ code: 'DG' });
    seat = await t.ds.getRepository(PanelMember).findOneOrFail({
      where: { callId: call.id, user: { email: JUDGE } },
      relations: { user: true },
    });
  });
  afterAll(async () => {
    await t.close();
  });
  const auth = (tok: string) => ({ Authorization: `Bearer ${tok}` });

  it('shows for the demo the aggregate @gv/scoring gives on the same sheets, explained, with the consensus', async () => {
    const res = await t.http
      .get(`/api/v1/calls/${call.id}/reviews/results`)
      .set(auth(admin))
      .set('Accept-Language', 'en')
      .expect(200);
    const rubric = await t.ds.getRepository(ReviewRubric).findOneByOrFail({ callId: call.id });
    const sheets = await t.ds
      .getRepository(ReviewSheet)
      .find({ where: { callId: call.id, status: 'submitted' }, relations: { member: true } });
    const recused = await panelRecusals(t.ds.manager, call.id);
    const expected = aggregateScores(
      {
        criteria: rubric.criteria.map((c) => ({
          id: c.id,
          maxPoints: c.maxPoints,
          weight: c.weight,
        })),
      },
      sheets.map((s) => ({
        judgeId: String(s.memberId),
        proposalId: String(s.proposalId),
        scores: s.scores,
        group: s.member?.group,
        recused: recused.get(s.proposalId)?.has(s.memberId) ?? false,
      })),
      {
        method: rubric.method,
        divergenceThreshold: fromInt(rubric.divergenceThreshold),
        proposalIds: res.body.proposals.map((p: { proposalId: number }) => String(p.proposalId)),
      },
    );
    expect(res.body.proposals.length).toBeGreaterThanOrEqual(3);
    for (const p of res.body.proposals) {
      const e = expected.proposals.find((x) => x.proposalId === String(p.proposalId))!;
      expect(p.score).toBe(e.display);
      expect(p.explanation.length).toBeGreaterThan(0);
    }
    const divergent = res.body.proposals.filter((p: { divergent: boolean }) => p.divergent);
    expect(divergent).toHaveLength(1);
    expect(divergent[0].consensus.notes).toContain('合议');
    expect(divergent[0].explanation.join(' ')).toMatch(/Trimmed|trimmed|highest|dropped/i);
    const xlsx = await t.http
      .get(`/api/v1/calls/${call.id}/reviews/export.xlsx`)
      .set(auth(admin))
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as Parameters<typeof wb.xlsx.load>[0]);
    expect(wb.worksheets[0].rowCount - 1).toBe(sheets.length);
    expect(wb.worksheets[1].rowCount - 1).toBe(res.body.proposals.length);
  });

  it('a save and a submit of one sheet at once: one wins, and the stored sheet is the one the winner saw', async () => {
    await t.ds.getRepository(ReviewSheet).delete({ memberId: seat.id });
    const queue = await t.http.get('/api/v1/reviews/queue').set(auth(judge)).expect(200);
    const mine = queue.body.items.find((x: { callId: number }) => x.callId === call.id);
    const url = `/api/v1/reviews/proposals/${mine.proposals[0].proposalId}`;
    const full = { need: 20, design: 20, team: 16, budget: 12, sustain: null };
    for (let round = 0; round < 6; round++) {
      const sheet = await t.http
        .put(`${url}/sheet`)
        .set(auth(judge))
        .send({ scores: full, version: round === 0 ? 0 : 1 })
        .expect(200);
      const changed = { ...full, need: 10 + round };
      const [save, submit] = await Promise.all([
        t.http
          .put(`${url}/sheet`)
          .set(auth(judge))
          .send({ scores: changed, version: sheet.body.version }),
        t.http.post(`${url}/submit`).set(auth(judge)).send({ version: sheet.body.version }),
      ]);
      expect([save.status, submit.status].sort()).toEqual([200, 409]);
      const stored = await t.ds.getRepository(ReviewSheet).findOneByOrFail({ id: sheet.body.id });
      if (submit.status === 200) {
        expect(stored).toMatchObject({ status: 'submitted', version: sheet.body.version + 1 });
        expect(stored.scores.need).toBe(full.need);
      } else {
        expect(stored).toMatchObject({ status: 'draft', version: sheet.body.version + 1 });
        expect(stored.scores.need).toBe(changed.need);
      }
      // Back to a draft at version 1 for the next round.
      await t.ds.getRepository(ReviewSheet).update(stored.id, {
        status: 'draft',
        submittedAt: null,
        version: 1,
        scores: full,
      });
    }
  });

  it('a judge saves with the version read, loses no write, cannot score out of range, submits, and only the chair reopens', async () => {
    await t.ds.getRepository(ReviewSheet).delete({ memberId: seat.id });
    const queue = await t.http.get('/api/v1/reviews/queue').set(auth(judge)).expect(200);
    const mine = queue.body.items.find((x: { callId: number }) => x.callId === call.id);
    const p = mine.proposals[0];
    expect(p.status).toBe('todo');
    const url = `/api/v1/reviews/proposals/${p.proposalId}`;
    const full = { need: 20, design: 20, team: 16, budget: 12, sustain: null };
    const bad = await t.http
      .put(`${url}/sheet`)
      .set(auth(judge))
      .set('Accept-Language', 'en')
      .send({ scores: { ...full, need: 26 }, version: 0 })
      .expect(400);
    expect(bad.body).toMatchObject({
      code: 'score_out_of_range',
      details: [expect.objectContaining({ field: 'need' })],
    });
    expect(
      (
        await t.http
          .put(`${url}/sheet`)
          .set(auth(judge))
          .send({ scores: { ...full, need: null }, version: 0 })
          .expect(400)
      ).body.code,
    ).toBe('na_not_allowed');
    expect(
      (
        await t.http
          .put(`${url}/sheet`)
          .set(auth(judge))
          .send({ scores: { need: 1.5 }, version: 0 })
          .expect(400)
      ).body.code,
    ).toBe('score_out_of_range');
    expect(await t.ds.getRepository(ReviewSheet).countBy({ memberId: seat.id })).toBe(0);
    const v1 = await t.http
      .put(`${url}/sheet`)
      .set(auth(judge))
      .send({ scores: { need: 18 }, version: 0 })
      .expect(200);
    expect(v1.body).toMatchObject({ version: 1, status: 'draft' });
    // Two browsers saving from version 1: the second gets a 409 with the newer values, nothing lost.
    const [a, b] = await Promise.all([
      t.http
        .put(`${url}/sheet`)
        .set(auth(judge))
        .send({ scores: { need: 19 }, version: 1 }),
      t.http
        .put(`${url}/sheet`)
        .set(auth(judge))
        .send({ scores: { need: 21 }, version: 1 }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    const winner = a.status === 409 ? b : a;
    expect(loser.body.code).toBe('sheet_version_conflict');
    expect(loser.body.details).toEqual([
      expect.objectContaining({ field: 'need', params: { value: winner.body.scores.need } }),
    ]);
    const stored = await t.ds
      .getRepository(ReviewSheet)
      .findOneByOrFail({ memberId: seat.id, proposalId: p.proposalId });
    expect(stored.scores.need).toBe(winner.body.scores.need);
    // Incomplete sheets are not submitted.
    expect(
      (await t.http.post(`${url}/submit`).set(auth(judge)).send({ version: 2 }).expect(400)).body
        .code,
    ).toBe('sheet_incomplete');
    await t.http
      .put(`${url}/sheet`)
      .set(auth(judge))
      .send({ scores: full, version: 2 })
      .expect(200);
    const sub = await t.http
      .post(`${url}/submit`)
      .set(auth(judge))
      .send({ version: 3 })
      .expect(200);
    expect(sub.body.status).toBe('submitted');
    expect(
      (
        await t.http
          .put(`${url}/sheet`)
          .set(auth(judge))
          .send({ scores: full, version: 4 })
          .expect(409)
      ).body.code,
    ).toBe('sheet_submitted');
    // Only the chair (the street admin in the demo) reopens it, with a reason.
    const sheetId = stored.id;
    expect(
      (
        await t.http
          .post(`/api/v1/review-sheets/${sheetId}/unlock`)
          .set(auth(judge))
          .send({ reason: '自己改' })
          .expect(403)
      ).body.code,
    ).toBe('chair_only');
    await t.http
      .post(`/api/v1/review-sheets/${sheetId}/unlock`)
      .set(auth(admin))
      .send({})
      .expect(400);
    const reopened = await t.http
      .post(`/api/v1/review-sheets/${sheetId}/unlock`)
      .set(auth(admin))
      .send({ reason: '评委申请更正预算项得分' })
      .expect(200);
    expect(reopened.body.status).toBe('draft');
    // The rubric is frozen once sheets exist.
    const rubric = await t.http.get(`/api/v1/calls/${call.id}/rubric`).set(auth(admin)).expect(200);
    const put = await t.http
      .put(`/api/v1/calls/${call.id}/rubric`)
      .set(auth(admin))
      .send({ criteria: rubric.body.criteria, method: 'mean', divergenceThreshold: 20 })
      .expect(409);
    expect(put.body.code).toBe('rubric_frozen');
  });

  it('keeps recused judges and strangers out of a sheet', async () => {
    const recused = await panelRecusals(t.ds.manager, call.id);
    const [proposalId, members] = [...recused.entries()][0];
    const member = await t.ds
      .getRepository(PanelMember)
      .findOneOrFail({ where: { id: [...members][0] }, relations: { user: true } });
    const tok = await bearer(t.http, member.user!.email);
    expect(
      (await t.http.get(`/api/v1/reviews/proposals/${proposalId}/sheet`).set(auth(tok)).expect(403))
        .body.code,
    ).toBe('judge_recused');
    const queue = await t.http.get('/api/v1/reviews/queue').set(auth(tok)).expect(200);
    expect(
      queue.body.items[0].proposals.map((x: { proposalId: number }) => x.proposalId),
    ).not.toContain(proposalId);
    const org = await bearer(t.http, 'org@dongguan.example.cn');
    expect(
      (await t.http.get(`/api/v1/reviews/proposals/${proposalId}/sheet`).set(auth(org)).expect(404))
        .body.code,
    ).toBe('not_assigned');
    await t.http.get(`/api/v1/calls/${call.id}/reviews/results`).set(auth(org)).expect(403);
  });

  it('reminds judges with open sheets 48 h and 24 h before scoring closes', async () => {
    const { ReviewReminders } = await import('@gv/reviews');
    await t.ds.getRepository(ReviewSheet).delete({ memberId: seat.id });
    const publicityAt = new Date(Date.now() + 30 * 3600_000);
    await t.ds.getRepository(Call).update(call.id, { phase: 'scoring' as never, publicityAt });
    const due = await t.ds.transaction((m) => t.app.get(ReviewReminders).findDue(m, new Date()));
    expect(due).toEqual([
      expect.objectContaining({
        event: 'review.reminder',
        key: `review.reminder|call=${call.id}|member=${seat.id}|-48h`,
        recipients: [expect.objectContaining({ email: JUDGE })],
      }),
    ]);
  });

  it('hides peers until the judge has submitted and the chair released them', async () => {
    await t.ds.getRepository(ReviewRubric).update({ callId: call.id }, { peersReleasedAt: null });
    const sheet = await t.ds.getRepository(ReviewSheet).findOneByOrFail({ memberId: seat.id });
    const url = `/api/v1/reviews/proposals/${sheet.proposalId}/peers`;
    expect((await t.http.get(url).set(auth(judge)).expect(200)).body.total).toBe(0);
    await t.http.post(`/api/v1/calls/${call.id}/reviews/release`).set(auth(judge)).expect(403);
    await t.http.post(`/api/v1/calls/${call.id}/reviews/release`).set(auth(admin)).expect(200);
    expect((await t.http.get(url).set(auth(judge)).expect(200)).body.total).toBeGreaterThan(1);
  });
});
