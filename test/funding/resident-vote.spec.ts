import { methodOfEqualShares } from '@gv/allocation';
import { Call } from '@gv/calls';
import { FundingRunLine, ResidentVoter } from '@gv/funding';
import { Notification } from '@gv/notifications';
import { parsePb, runPbRule } from '@gv/pabulib';
import { Proposal, ProposalStatus } from '@gv/proposals';
import { add, div, fromInt, mul, rational, toString } from '@gv/rational';
import { ReviewsService } from '@gv/reviews';
import { bearer, createTestApp, resetDatabase, TestApp, undoFundingDecision } from '@gv/testing';

const ADMIN = 'admin@dongguan.example.cn';
const HOUR = 3600_000;

/** 居民网上议事厅 (#11 "Residents' voice"): mailed codes, K approvals in the window, voids, the score and mes. */
describe("funding: the residents' vote (MariaDB)", () => {
  let t: TestApp;
  let admin: string;
  let call: Call;
  let eligible: Proposal[];
  const auth = () => ({ Authorization: `Bearer ${admin}` });

  beforeAll(async () => {
    t = await createTestApp();
  });
  beforeEach(async () => {
    await resetDatabase(t.ds, t.config);
    admin = await bearer(t.http, ADMIN);
    call = await t.ds.getRepository(Call).findOneByOrFail({ code: 'DG' });
    await undoFundingDecision(t.ds, call.id);
    eligible = await t.ds
      .getRepository(Proposal)
      .find({ where: { callId: call.id, status: ProposalStatus.Eligible }, order: { id: 'ASC' } });
    const total = eligible.reduce((s, p) => s + p.totalFen, 0);
    await t.ds.getRepository(Call).update(call.id, { budgetCapFen: Math.floor(total * 0.6) });
    call = await t.ds.getRepository(Call).findOneByOrFail({ id: call.id });
  });
  afterAll(async () => {
    await t.close();
  });

  const settings = (over: Record<string, unknown> = {}) =>
    t.http
      .put(`/api/v1/calls/${call.id}/vote/settings`)
      .set(auth())
      .send({
        enabled: true,
        opensAt: new Date(Date.now() - HOUR).toISOString(),
        closesAt: new Date(Date.now() + HOUR).toISOString(),
        maxApprovals: 2,
        mode: 'weighted',
        weightPct: 30,
        ...over,
      });

  /** The code of the newest outbox row for the email. */
  const mailedCode = async (email: string) => {
    const rows = await t.ds.getRepository(Notification).find({
      where: { recipientEmail: email, event: 'resident.vote_code' },
      order: { id: 'DESC' },
    });
    return JSON.parse(rows[0].payload).code as string;
  };

  /** register → mailed code → confirm: the voter's token. */
  const voter = async (email: string) => {
    await t.http.post(`/api/v1/calls/${call.id}/vote/register`).send({ email }).expect(202);
    const code = await mailedCode(email);
    expect(code).toMatch(/^\d{6}$/);
    const res = await t.http
      .post(`/api/v1/calls/${call.id}/vote/confirm`)
      .send({ email, code })
      .expect(200);
    return res.body.token as string;
  };
  const vote = (token: string, ids: number[]) =>
    t.http
      .put(`/api/v1/calls/${call.id}/vote/ballot`)
      .set('X-Voter-Token', token)
      .send({ proposalIds: ids });
  const counts = async () => {
    const r = await t.http.get(`/api/v1/calls/${call.id}/vote/results`).set(auth()).expect(200);
    return Object.fromEntries(
      r.body.projects.map((p: { proposalId: number; approvals: number }) => [
        p.proposalId,
        p.approvals,
      ]),
    ) as Record<number, number>;
  };

  it('registers by a mailed code and takes up to K approvals in the window; K+1 is refused', async () => {
    await settings().expect(200);
    const page = await t.http.get(`/vote/${call.id}`).expect(200);
    expect(page.text).toContain('一个经验证的邮箱为一名投票人');
    expect(page.text).toContain('30%');
    const token = await voter('resident1@example.cn');
    const [a, b, c] = eligible.map((p) => p.id);
    const tooMany = await vote(token, [a, b, c]).expect(400);
    expect(tooMany.body.code).toBe('vote_too_many');
    await vote(token, [a, b]).expect(200);
    await vote(token, [b, c]).expect(200); // a change replaces the earlier choice
    expect(await counts()).toMatchObject({ [a]: 0, [b]: 1, [c]: 1 });
    const mine = await t.http
      .get(`/api/v1/calls/${call.id}/vote/ballot`)
      .set('X-Voter-Token', token)
      .expect(200);
    expect(mine.body).toEqual({ confirmed: true, proposalIds: [b, c] });
    await vote('not-a-token', [a]).expect(409);
    // one confirmed email = one voter
    await voter('Resident1@example.cn');
    expect(await t.ds.getRepository(ResidentVoter).countBy({ email: 'resident1@example.cn' })).toBe(
      1,
    );
  });

  it('refuses votes outside the window (409)', async () => {
    await settings().expect(200);
    const token = await voter('late@example.cn');
    await settings({
      opensAt: new Date(Date.now() - 3 * HOUR).toISOString(),
      closesAt: new Date(Date.now() - HOUR).toISOString(),
    }).expect(200);
    const res = await vote(token, [eligible[0].id]).expect(409);
    expect(res.body.code).toBe('vote_closed');
    await t.http
      .post(`/api/v1/calls/${call.id}/vote/register`)
      .send({ email: 'other@example.cn' })
      .expect(409);
  });

  it('locks the code after 5 wrong tries', async () => {
    await settings().expect(200);
    const email = 'guess@example.cn';
    await t.http.post(`/api/v1/calls/${call.id}/vote/register`).send({ email }).expect(202);
    const code = await mailedCode(email);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 1; i <= 4; i++) {
      const r = await t.http
        .post(`/api/v1/calls/${call.id}/vote/confirm`)
        .send({ email, code: wrong })
        .expect(400);
      expect(r.body.code).toBe('vote_code_invalid');
    }
    const fifth = await t.http
      .post(`/api/v1/calls/${call.id}/vote/confirm`)
      .send({ email, code: wrong })
      .expect(409);
    expect(fifth.body.code).toBe('vote_code_locked');
    const right = await t.http
      .post(`/api/v1/calls/${call.id}/vote/confirm`)
      .send({ email, code })
      .expect(409);
    expect(right.body.code).toBe('vote_code_locked');
  });

  it('voids a voter with a reason (audited): their approvals no longer count', async () => {
    await settings().expect(200);
    const [a, b] = eligible.map((p) => p.id);
    await vote(await voter('v1@example.cn'), [a, b]).expect(200);
    await vote(await voter('v2@example.cn'), [a]).expect(200);
    expect(await counts()).toMatchObject({ [a]: 2, [b]: 1 });
    const v2 = await t.ds.getRepository(ResidentVoter).findOneByOrFail({ email: 'v2@example.cn' });
    await t.http
      .post(`/api/v1/calls/${call.id}/vote/voids`)
      .set(auth())
      .send({ voterId: v2.id, reason: '同一住址批量注册' })
      .expect(204);
    expect(await counts()).toMatchObject({ [a]: 1, [b]: 1 });
    const audit = await t.ds.query(
      "SELECT after FROM audit_log WHERE action = 'vote.voter_voided' AND entityId = ?",
      [String(v2.id)],
    );
    expect(JSON.stringify(audit)).toContain('同一住址批量注册');
  });

  it('weights the vote into the final score by the documented formula', async () => {
    await settings({ weightPct: 30 }).expect(200);
    const [a, b, c] = eligible.map((p) => p.id);
    await vote(await voter('w1@example.cn'), [a, b]).expect(200);
    await vote(await voter('w2@example.cn'), [a]).expect(200);
    await vote(await voter('w3@example.cn'), [a, c]).expect(200);
    const approvals: Record<number, number> = { [a]: 3, [b]: 1, [c]: 1 };
    const res = await t.http
      .post(`/api/v1/calls/${call.id}/funding/dry-runs`)
      .set(auth())
      .send({ rules: ['greedy'] })
      .expect(201);
    const panel = await t.app.get(ReviewsService, { strict: false }).finalScores(call.id);
    for (const line of res.body.items[0].lines as FundingRunLine[]) {
      const p = panel.find((x) => x.proposalId === line.proposalId)!;
      const voteScore = div(fromInt(100 * (approvals[line.proposalId] ?? 0)), fromInt(3));
      const expected = div(
        add(mul(p.score!, fromInt(70)), mul(voteScore, fromInt(30))),
        fromInt(100),
      );
      expect(line.scoreExact).toBe(toString(expected));
    }
    expect(toString(rational(1, 2))).toBe('1/2'); // the exact text form compared above
  });

  it('offers equal shares (mes) in the dry run, equal to the engine on the same ballots, and exports a .pb that recomputes to it', async () => {
    await settings({ mode: 'equal_shares', maxApprovals: 3 }).expect(200);
    const ids = eligible.map((p) => p.id);
    const ballots = [[ids[0], ids[1]], [ids[0], ids[2]], [ids[1], ids[3 % ids.length]], [ids[2]]];
    for (const [i, b] of ballots.entries())
      await vote(await voter(`m${i}@example.cn`), b).expect(200);
    const res = await t.http
      .post(`/api/v1/calls/${call.id}/funding/dry-runs`)
      .set(auth())
      .send({})
      .expect(201);
    expect(res.body.items.map((r: { rule: string }) => r.rule)).toEqual([
      'greedy',
      'greedy-no-skip',
      'knapsack',
      'mes',
    ]);
    const mes = res.body.items.find((r: { rule: string }) => r.rule === 'mes');
    const expected = methodOfEqualShares(
      eligible.map((p) => ({ id: String(p.id), cost: p.totalFen })),
      ballots.map((b) => [...new Set(b)].sort((x, y) => x - y).map(String)),
      call.budgetCapFen,
      { completion: 'add1' }, // the reference (linear) search
    );
    const funded = (mes.lines as FundingRunLine[])
      .filter((l) => l.amountFen > 0)
      .map((l) => String(l.proposalId));
    expect(funded).toEqual(expected.winners);
    expect(mes.totalFundedFen).toBe(expected.cost);
    expect(mes.totalFundedFen).toBeLessThanOrEqual(call.budgetCapFen);

    const pb = await t.http.get(`/api/v1/calls/${call.id}/vote/export.pb`).set(auth()).expect(200);
    const text = Buffer.isBuffer(pb.body) ? pb.body.toString('utf8') : pb.text;
    const parsed = parsePb(text);
    expect(parsed.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(parsed.file.votes.length).toBe(ballots.length);
    expect(runPbRule(parsed.file).winners).toEqual(expected.winners);
    // the admin page links the export
    const page = await t.http.get(`/calls/${call.id}/vote`).set(auth());
    expect([200, 303]).toContain(page.status);
  });
});
