import { allocate } from '@gv/allocation';
import { Call } from '@gv/calls';
import { FundingAward, FundingLedger, FundingRun, FundingRunLine } from '@gv/funding';
import { PanelMember } from '@gv/panels';
import { Proposal, ProposalStatus } from '@gv/proposals';
import { ReviewConsensus, ReviewsService } from '@gv/reviews';
import { bearer, createTestApp, resetDatabase, TestApp, undoFundingDecision } from '@gv/testing';

const ADMIN = 'admin@dongguan.example.cn';
const JUDGE = 'judge@dongguan.example.cn';

/** 立项 under the cap (#11): the engine's result on the page's inputs, the chair's approval, the ledger race. */
describe('funding: decisions under the cap (MariaDB)', () => {
  let t: TestApp;
  let admin: string;
  let call: Call;
  const auth = (tok: string) => ({ Authorization: `Bearer ${tok}` });

  beforeAll(async () => {
    t = await createTestApp();
  });
  beforeEach(async () => {
    await resetDatabase(t.ds, t.config);
    admin = await bearer(t.http, ADMIN);
    call = await t.ds.getRepository(Call).findOneByOrFail({ code: 'DG' });
    await undoFundingDecision(t.ds, call.id);
    // A tighter cap than the demo's, so the rules differ.
    const eligible = await t.ds
      .getRepository(Proposal)
      .findBy({ callId: call.id, status: ProposalStatus.Eligible });
    const total = eligible.reduce((s, p) => s + p.totalFen, 0);
    await t.ds.getRepository(Call).update(call.id, { budgetCapFen: Math.floor(total * 0.6) });
    call = await t.ds.getRepository(Call).findOneByOrFail({ id: call.id });
  });
  afterAll(async () => {
    await t.close();
  });

  it('dry-runs every rule side by side, each equal to @gv/allocation on the same inputs', async () => {
    const res = await t.http
      .post(`/api/v1/calls/${call.id}/funding/dry-runs`)
      .set(auth(admin))
      .set('Accept-Language', 'en')
      .send({})
      .expect(201);
    expect(res.body.items.map((r: { rule: string }) => r.rule)).toEqual([
      'greedy',
      'greedy-no-skip',
      'knapsack',
    ]);
    const scores = await t.app.get(ReviewsService, { strict: false }).finalScores(call.id);
    const proposals = await t.ds
      .getRepository(Proposal)
      .findBy({ callId: call.id, status: ProposalStatus.Eligible });
    const settings = (
      await t.http.get(`/api/v1/calls/${call.id}/funding/settings`).set(auth(admin))
    ).body;
    for (const item of res.body.items) {
      const expected = allocate(
        scores
          .filter((s) => s.score !== null)
          .map((s) => {
            const p = proposals.find((x) => x.id === s.proposalId)!;
            return {
              id: String(p.id),
              cost: p.totalFen,
              score: s.score!,
              submittedAt: p.submittedAt?.getTime() ?? 0,
              track: p.track,
              ...(p.firstCommunityId !== null ? { community: String(p.firstCommunityId) } : {}),
            };
          }),
        { rule: item.rule, budgetCap: call.budgetCapFen, tieBreak: { seed: settings.seed } },
      );
      const funded = item.lines
        .filter((l: { amountFen: number }) => l.amountFen > 0)
        .map((l: { proposalId: number; amountFen: number }) => [String(l.proposalId), l.amountFen]);
      expect(funded).toEqual(
        expected.trace.filter((r) => r.amount > 0).map((r) => [r.id, r.amount]),
      );
      expect(item.totalFundedFen).toBe(expected.totalFunded);
      expect(item.totalFundedFen).toBeLessThanOrEqual(call.budgetCapFen);
      for (const l of item.lines) expect(l.decisionText).toBeTruthy();
    }
    expect(await t.ds.getRepository(FundingAward).count()).toBe(0);
  });

  it('runs the other rules when the knapsack cannot run, says why, and refuses it alone with a 422', async () => {
    const settings = (
      await t.http.get(`/api/v1/calls/${call.id}/funding/settings`).set(auth(admin))
    ).body;
    // 核减 (reduced grants): greedy supports it, the exact knapsack does not.
    await t.http
      .put(`/api/v1/calls/${call.id}/funding/settings`)
      .set(auth(admin))
      .send({ rule: 'greedy', passLineCenti: settings.passLineCenti, reducedMinSharePct: 80 })
      .expect(200);
    const runsBefore = await t.ds.getRepository(FundingRun).countBy({ callId: call.id });
    const res = await t.http
      .post(`/api/v1/calls/${call.id}/funding/dry-runs`)
      .set(auth(admin))
      .set('Accept-Language', 'en')
      .send({})
      .expect(201);
    expect(res.body.items.map((r: { rule: string }) => r.rule)).toEqual([
      'greedy',
      'greedy-no-skip',
    ]);
    expect(res.body.refused).toEqual([
      {
        rule: 'knapsack',
        code: 'funding_rule_unsupported',
        message: expect.stringContaining('“reduced grants”'),
      },
    ]);
    expect(await t.ds.getRepository(FundingRun).countBy({ callId: call.id })).toBe(runsBefore + 2);
    // The knapsack alone: nothing can run, a translated 422, nothing stored.
    const alone = await t.http
      .post(`/api/v1/calls/${call.id}/funding/dry-runs`)
      .set(auth(admin))
      .send({ rules: ['knapsack'] })
      .expect(422);
    expect(alone.body.code).toBe('funding_rule_unsupported');
    expect(alone.body.message).toContain('“核减”');
    expect(await t.ds.getRepository(FundingRun).countBy({ callId: call.id })).toBe(runsBefore + 2);
  });

  it('lets only the chair approve, refuses stale inputs, and awards exactly the approved version', async () => {
    const runs = (
      await t.http
        .post(`/api/v1/calls/${call.id}/funding/dry-runs`)
        .set(auth(admin))
        .send({})
        .expect(201)
    ).body.items;
    const knapsack = runs.find((r: { rule: string }) => r.rule === 'knapsack');
    const judge = await bearer(t.http, JUDGE);
    await t.http
      .post(`/api/v1/funding-runs/${knapsack.id}/approve`)
      .set(auth(judge))
      .send({ presentMemberIds: [] })
      .expect(403);
    // A consensus adjustment changes a final score: the dry run no longer holds.
    const someone = knapsack.lines[knapsack.lines.length - 1];
    await t.ds.getRepository(ReviewConsensus).upsert(
      {
        proposalId: someone.proposalId,
        notes: '复议',
        adjustmentCentiPoints: 500,
        reason: '复议加分',
        decidedById: null,
      },
      ['proposalId'],
    );
    const stale = await t.http
      .post(`/api/v1/funding-runs/${knapsack.id}/approve`)
      .set(auth(admin))
      .send({ presentMemberIds: [] })
      .expect(409);
    expect(stale.body.code).toBe('funding_inputs_changed');
    expect(await t.ds.getRepository(FundingAward).count()).toBe(0);
    await t.ds.getRepository(ReviewConsensus).delete({ proposalId: someone.proposalId });
    const members = await t.ds.getRepository(PanelMember).findBy({ callId: call.id });
    const ok = await t.http
      .post(`/api/v1/funding-runs/${knapsack.id}/approve`)
      .set(auth(admin))
      .send({ presentMemberIds: members.slice(0, 5).map((m) => m.id) })
      .expect(200);
    expect(ok.body).toMatchObject({ status: 'approved', rule: 'knapsack' });
    expect(ok.body.presentMemberIds.length).toBeGreaterThanOrEqual(5);
    const lines = await t.ds.getRepository(FundingRunLine).findBy({ runId: knapsack.id });
    const awards = await t.ds
      .getRepository(FundingAward)
      .findBy({ callId: call.id, status: 'awarded' });
    expect(awards.map((a) => [a.proposalId, a.amountFen]).sort()).toEqual(
      lines
        .filter((l) => l.amountFen > 0)
        .map((l) => [l.proposalId, l.amountFen])
        .sort(),
    );
    const ledger = await t.ds
      .getRepository(FundingLedger)
      .findOneByOrFail({ callId: call.id, track: '*' });
    expect(ledger.committedFen).toBe(awards.reduce((s, a) => s + a.amountFen, 0));
    // Another version approved later supersedes it; the awards follow.
    const again = (
      await t.http
        .post(`/api/v1/calls/${call.id}/funding/dry-runs`)
        .set(auth(admin))
        .send({ rules: ['greedy-no-skip'] })
        .expect(201)
    ).body.items[0];
    await t.http
      .post(`/api/v1/funding-runs/${again.id}/approve`)
      .set(auth(admin))
      .send({ presentMemberIds: [] })
      .expect(200);
    expect((await t.ds.getRepository(FundingRun).findOneByOrFail({ id: knapsack.id })).status).toBe(
      'superseded',
    );
  });

  it('refuses overrides that break a cap or the grant limits, and applies a valid one with its reason', async () => {
    const proposals = await t.ds.getRepository(Proposal).find({
      where: { callId: call.id, status: ProposalStatus.Eligible },
      order: { totalFen: 'DESC' },
    });
    const big = proposals[0];
    const over = await t.http
      .put(`/api/v1/calls/${call.id}/funding/overrides`)
      .set(auth(admin))
      .set('Accept-Language', 'en')
      .send({
        proposalId: big.id,
        action: 'amount',
        amountFen: big.totalFen + 1,
        reason: '超过申请',
      })
      .expect(400);
    expect(over.body.code).toBe('funding_amount_invalid');
    // Forcing every proposal in costs more than the cap: refused, nothing stored.
    for (const [i, p] of proposals.entries()) {
      const r = await t.http
        .put(`/api/v1/calls/${call.id}/funding/overrides`)
        .set(auth(admin))
        .send({ proposalId: p.id, action: 'fund', reason: `评审组决定 ${i}` });
      if (r.status === 409) {
        expect(r.body.code).toBe('funding_over_cap');
        break;
      }
      expect(r.status).toBe(200);
    }
    const stored = (await t.http.get(`/api/v1/calls/${call.id}/funding/overrides`).set(auth(admin)))
      .body.items;
    const forcedTotal = proposals
      .filter((p) => stored.some((o: { proposalId: number }) => o.proposalId === p.id))
      .reduce((s, p) => s + p.totalFen, 0);
    expect(forcedTotal).toBeLessThanOrEqual(call.budgetCapFen);
    const run = (
      await t.http
        .post(`/api/v1/calls/${call.id}/funding/dry-runs`)
        .set(auth(admin))
        .set('Accept-Language', 'en')
        .send({ rules: ['greedy'] })
        .expect(201)
    ).body.items[0];
    const forced = run.lines.filter(
      (l: { decision: string }) => l.decision === 'funded_by_override',
    );
    expect(forced).toHaveLength(stored.length);
    expect(forced[0].noteTexts.join(' ')).toContain('评审组决定');
    expect(run.totalFundedFen).toBeLessThanOrEqual(call.budgetCapFen);
  });

  it('never takes the ledger over the cap under 200 concurrent award requests', async () => {
    const proposals = await t.ds
      .getRepository(Proposal)
      .findBy({ callId: call.id, status: ProposalStatus.Eligible });
    // Awards of the minimum grant… up to each request, 200 at once, over a few proposals.
    const requests = Array.from({ length: 200 }, (_, i) => {
      const p = proposals[i % proposals.length];
      const amount = Math.max(
        call.minGrantFen,
        Math.floor(p.totalFen * (0.5 + ((i * 7) % 50) / 100)),
      );
      return t.http
        .post(`/api/v1/calls/${call.id}/funding/awards`)
        .set(auth(admin))
        .send({
          proposalId: p.id,
          amountFen: Math.min(amount, p.totalFen),
          reason: `并发测试 ${i}`,
        });
    });
    const results = await Promise.all(requests);
    const statuses = results.map((r) => r.status);
    expect(statuses.every((s) => [201, 409].includes(s))).toBe(true);
    expect(statuses.filter((s) => s === 409).length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThan(0);
    const awards = await t.ds
      .getRepository(FundingAward)
      .findBy({ callId: call.id, status: 'awarded' });
    const ledger = await t.ds
      .getRepository(FundingLedger)
      .findOneByOrFail({ callId: call.id, track: '*' });
    const sum = awards.reduce((s, a) => s + a.amountFen, 0);
    expect(ledger.committedFen).toBe(sum);
    expect(sum).toBeLessThanOrEqual(call.budgetCapFen);
  });
});
