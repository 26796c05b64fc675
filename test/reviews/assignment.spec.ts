import { User } from '@gv/accounts';
import { Call } from '@gv/calls';
import { Role } from '@gv/core';
import { PanelDraw, PanelGroup, PanelMember } from '@gv/panels';
import { Proposal, ProposalStatus } from '@gv/proposals';
import { drawFromPool } from '@gv/review-assignment';
import { ReviewAssignment, ReviewRubric } from '@gv/reviews';
import { bearer, createTestApp, resetDatabase, TestApp } from '@gv/testing';

const ADMIN = 'admin@dongguan.example.cn';
const JUDGE = 'judge@dongguan.example.cn';

/** N judges per proposal balanced by load with a recorded seed, replacement on recusal, the expert draw (#10). */
describe('reviews: who scores what, and the expert draw (MariaDB)', () => {
  let t: TestApp;
  let admin: string;
  let judge: string;
  let call: Call;
  let seat: PanelMember;
  let eligible: number[];

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
    eligible = (
      await t.ds
        .getRepository(Proposal)
        .findBy({ callId: call.id, status: ProposalStatus.Eligible })
    ).map((p) => p.id);
  });
  afterAll(async () => {
    await t.close();
  });
  const auth = (tok: string) => ({ Authorization: `Bearer ${tok}` });
  const pairs = async () =>
    (
      await t.ds
        .getRepository(ReviewAssignment)
        .find({ where: { callId: call.id }, order: { id: 'ASC' } })
    )
      .map((a) => `${a.memberId}:${a.proposalId}`)
      .sort();
  const queue = async () =>
    (
      await t.http.get('/api/v1/reviews/queue').set(auth(judge)).expect(200)
    ).body.items[0].proposals.map((p: { proposalId: number }) => p.proposalId) as number[];

  it('assigns 2 judges per proposal balanced by load, reproducibly from the recorded seed', async () => {
    expect(eligible.length).toBeGreaterThanOrEqual(3);
    expect(await queue()).toHaveLength(
      eligible.length - 0 /* all × all by default, none recused */,
    );
    const res = await t.http
      .put(`/api/v1/calls/${call.id}/reviews/assignment`)
      .set(auth(admin))
      .send({ judgesPerProposal: 2, seed: 'DG-2027-评审' })
      .expect(200);
    expect(res.body).toMatchObject({ judgesPerProposal: 2, seed: 'DG-2027-评审', shortfall: [] });
    const loads = res.body.loads.map((l: { proposals: number }) => l.proposals);
    expect(loads.reduce((a: number, b: number) => a + b, 0)).toBe(2 * eligible.length);
    const first = await pairs();
    expect(first).toHaveLength(2 * eligible.length);
    // Back to all × all clears the pairs; the same seed gives the same pairs again.
    await t.http
      .put(`/api/v1/calls/${call.id}/reviews/assignment`)
      .set(auth(admin))
      .send({ judgesPerProposal: null })
      .expect(200);
    expect(await pairs()).toEqual([]);
    await t.http
      .put(`/api/v1/calls/${call.id}/reviews/assignment`)
      .set(auth(admin))
      .send({ judgesPerProposal: 2, seed: 'DG-2027-评审' })
      .expect(200);
    expect(await pairs()).toEqual(first);
    // The judge's list holds exactly their assigned proposals; another one is not theirs to open.
    const mine = first
      .filter((k) => k.startsWith(`${seat.id}:`))
      .map((k) => Number(k.split(':')[1]));
    expect((await queue()).sort()).toEqual(mine.sort());
    const notMine = eligible.find((p) => !mine.includes(p));
    if (notMine !== undefined) {
      const r = await t.http
        .get(`/api/v1/reviews/proposals/${notMine}/sheet`)
        .set(auth(judge))
        .expect(404);
      expect(r.body.code).toBe('not_assigned');
    }
  });

  it('replaces a judge who declares a conflict, and the proposal leaves their list', async () => {
    await t.http
      .put(`/api/v1/calls/${call.id}/reviews/assignment`)
      .set(auth(admin))
      .send({ judgesPerProposal: 2, seed: 'replace' })
      .expect(200);
    const mine = await queue();
    expect(mine.length).toBeGreaterThan(0);
    const target = mine[0];
    await t.http
      .post(`/api/v1/panel-members/${seat.id}/conflicts`)
      .set(auth(judge))
      .send({ proposalId: target, reason: '我是该组织的志愿者' })
      .expect(201);
    expect(await queue()).not.toContain(target);
    const rows = await t.ds.getRepository(ReviewAssignment).findBy({ proposalId: target });
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => r.memberId)).not.toContain(seat.id);
    expect(rows.find((r) => r.replacesMemberId === seat.id)).toBeDefined();
    const r = await t.http
      .get(`/api/v1/reviews/proposals/${target}/sheet`)
      .set(auth(judge))
      .expect(403);
    expect(r.body.code).toBe('judge_recused');
  });

  it('refuses bad assignment and rubric input with a 4xx and changes nothing', async () => {
    for (const body of [
      { judgesPerProposal: 0 },
      { judgesPerProposal: 'x' },
      { judgesPerProposal: 2, seed: 'x'.repeat(65) },
    ]) {
      const r = await t.http
        .put(`/api/v1/calls/${call.id}/reviews/assignment`)
        .set(auth(admin))
        .set('Accept-Language', 'en')
        .send(body)
        .expect(400);
      expect(r.body.message).toBeTruthy();
    }
    expect(await pairs()).toEqual([]);
    await t.http
      .put(`/api/v1/calls/${call.id}/reviews/assignment`)
      .set(auth(judge))
      .send({})
      .expect(403);
    const before = await t.ds.getRepository(ReviewRubric).findOneByOrFail({ callId: call.id });
    await t.ds.getRepository(ReviewRubric).update(before.id, { frozenAt: null });
    const r = await t.http
      .put(`/api/v1/calls/${call.id}/rubric`)
      .set(auth(admin))
      .send({
        criteria: before.criteria,
        method: 'mean',
        divergenceThreshold: 20,
        groupWeights: { expert: 40, aliens: 60 },
      })
      .expect(400);
    expect(r.body.code).toBe('weights_invalid');
    const after = await t.ds.getRepository(ReviewRubric).findOneByOrFail({ callId: call.id });
    expect(after.method).toBe(before.method);
    expect(after.groupWeights).toBeNull();
  });

  it('weights panel groups when the rubric says so, and the explanation names each group', async () => {
    const rubric = await t.ds.getRepository(ReviewRubric).findOneByOrFail({ callId: call.id });
    await t.ds.getRepository(ReviewRubric).update(rubric.id, { frozenAt: null });
    await t.http
      .put(`/api/v1/calls/${call.id}/rubric`)
      .set(auth(admin))
      .send({
        criteria: rubric.criteria,
        method: 'mean',
        divergenceThreshold: 20,
        groupWeights: { expert: 40, street: 20, community: 20, resident: 20 },
      })
      .expect(200);
    const res = await t.http
      .get(`/api/v1/calls/${call.id}/reviews/results`)
      .set(auth(admin))
      .set('Accept-Language', 'en')
      .expect(200);
    const withSheets = res.body.proposals.filter((p: { sheets: number }) => p.sheets > 0);
    expect(withSheets.length).toBeGreaterThan(0);
    expect(withSheets[0].explanation.join(' ')).toMatch(/Group expert score .* \(weight 40\)/);
  });

  it('draws experts from the pool with a recorded seed anyone can re-run; a pool too small is refused', async () => {
    const users = t.ds.getRepository(User);
    for (const i of [1, 2, 3])
      await users.insert({
        email: `expert${i}@pool.example.cn`,
        name: `专家${i}`,
        role: Role.Judge,
        passwordHash: null,
        locale: 'zh-CN',
        active: true,
      });
    const seated = new Set(
      (await t.ds.getRepository(PanelMember).findBy({ callId: call.id })).map((m) => m.userId),
    );
    const pool = (
      await users.find({ where: { role: Role.Judge, active: true }, order: { id: 'ASC' } })
    )
      .map((u) => u.id)
      .filter((id) => !seated.has(id));
    expect(pool).toHaveLength(3);
    const before = await t.ds.getRepository(PanelMember).countBy({ callId: call.id });
    const tooMany = await t.http
      .post(`/api/v1/calls/${call.id}/panel/draws`)
      .set(auth(admin))
      .send({ count: 4 })
      .expect(409);
    expect(tooMany.body.code).toBe('expert_pool_too_small');
    expect(await t.ds.getRepository(PanelMember).countBy({ callId: call.id })).toBe(before);
    const res = await t.http
      .post(`/api/v1/calls/${call.id}/panel/draws`)
      .set(auth(admin))
      .send({ count: 2, seed: '2027-03-01 公证处' })
      .expect(201);
    expect(res.body.drawnUserIds).toEqual(drawFromPool(pool, 2, '2027-03-01 公证处'));
    expect(res.body.poolUserIds).toEqual(pool);
    const added = await t.ds
      .getRepository(PanelMember)
      .findBy({ callId: call.id, group: PanelGroup.Expert });
    expect(added.map((m) => m.userId)).toEqual(expect.arrayContaining(res.body.drawnUserIds));
    expect(await t.ds.getRepository(PanelDraw).countBy({ callId: call.id })).toBe(1);
    await t.http
      .post(`/api/v1/calls/${call.id}/panel/draws`)
      .set(auth(judge))
      .send({ count: 1 })
      .expect(403);
  });
});
