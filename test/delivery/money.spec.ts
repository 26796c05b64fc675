import { AuditLog } from '@gv/audit';
import { Call } from '@gv/calls';
import {
  Clawback,
  DeliveryEvaluation,
  DeliveryMilestone,
  DeliveryProject,
  DemoSiteAward,
  DemoSiteBudget,
  GrantAgreement,
  ProgressReport,
  Tranche,
  trancheAmounts,
} from '@gv/delivery';
import { FundingAward, FundingLedger } from '@gv/funding';
import { PanelMember } from '@gv/panels';
import { ProposalBudgetLine, ProposalMilestone } from '@gv/proposals';
import { User } from '@gv/accounts';
import {
  createTestApp,
  formLogin,
  openPage,
  resetDatabase,
  TestApp,
  undoFundingDecision,
  removeDeliveryDemo,
} from '@gv/testing';
import {
  auth,
  awardAndStart,
  checkedAgreement,
  eligibleProposals,
  ADMIN,
  JUDGE,
  ORG,
  sheet,
  signAndCheck,
  Tokens,
  tokens,
} from './money-fixtures';

/**
 * Delivery money (#12): grant agreements with exact tranche amounts, the disbursement ledger with its
 * gates and the four-eyes rule, the award never exceeded under concurrency, evaluations with
 * termination and clawback, closure, and demonstration sites within their own yearly budget.
 */
describe('delivery: agreements, tranches, evaluations, closure, demonstration sites (MariaDB)', () => {
  let t: TestApp;
  let tk: Tokens;

  beforeAll(async () => {
    t = await createTestApp();
  });
  beforeEach(async () => {
    await resetDatabase(t.ds, t.config);
    // The demo's funding decision undone: each test awards what it needs.
    const call = await t.ds.getRepository(Call).findOneByOrFail({ code: 'DG' });
    await removeDeliveryDemo(t.ds);
    await undoFundingDecision(t.ds, call.id);
    tk = await tokens(t);
  });
  afterAll(async () => {
    await t.close();
  });

  const tranches = (projectId: number) =>
    t.ds.getRepository(Tranche).find({ where: { projectId }, order: { seq: 'ASC' } });
  const project = (id: number) => t.ds.getRepository(DeliveryProject).findOneByOrFail({ id });
  const post = (path: string, token: string, body: object = {}) =>
    t.http.post(path).set(auth(token)).send(body);
  /** Rows of the money tables, to show a refused request changed nothing. */
  const snapshot = async () =>
    JSON.stringify([
      await t.ds.getRepository(Tranche).find({ order: { id: 'ASC' } }),
      await t.ds.getRepository(Clawback).find({ order: { id: 'ASC' } }),
      await t.ds.getRepository(DeliveryProject).find({ order: { id: 'ASC' } }),
      await t.ds.getRepository(DeliveryEvaluation).count(),
      await t.ds.getRepository(AuditLog).count(),
    ]);

  it('starts a project per award when the funding decision is approved, with the proposal’s milestones', async () => {
    const call = await t.ds.getRepository(Call).findOneByOrFail({ code: 'DG' });
    const runs = (
      await post(`/api/v1/calls/${call.id}/funding/dry-runs`, tk.admin, {
        rules: ['greedy'],
      }).expect(201)
    ).body.items;
    const members = await t.ds.getRepository(PanelMember).findBy({ callId: call.id });
    await post(`/api/v1/funding-runs/${runs[0].id}/approve`, tk.admin, {
      presentMemberIds: members.map((m) => m.id),
    }).expect(200);
    const awards = await t.ds.getRepository(FundingAward).findBy({ status: 'awarded' });
    const projects = await t.ds.getRepository(DeliveryProject).find();
    expect(awards.length).toBeGreaterThan(3);
    expect(projects.map((p) => p.awardId).sort()).toEqual(awards.map((a) => a.id).sort());
    for (const p of projects) {
      const a = awards.find((x) => x.id === p.awardId)!;
      expect(p).toMatchObject({ proposalId: a.proposalId, callId: call.id, status: 'active' });
      const promised = await t.ds
        .getRepository(ProposalMilestone)
        .find({ where: { proposalId: p.proposalId, version: 1 }, order: { position: 'ASC' } });
      const copied = await t.ds
        .getRepository(DeliveryMilestone)
        .find({ where: { projectId: p.id }, order: { seq: 'ASC' } });
      expect(copied.map((m) => [m.title, m.dueOn, m.deliverable])).toEqual(
        promised.map((m) => [m.title, String(m.dueOn).slice(0, 10), m.deliverable]),
      );
    }
    // The list API: the street office sees them all; an explicit start of an award already started
    // returns the same project.
    const list = await t.http.get('/api/v1/delivery/projects?pageSize=100').set(auth(tk.admin));
    expect(list.body.total).toBe(projects.length);
    const again = await post('/api/v1/delivery/projects', tk.admin, {
      awardId: projects[0].awardId,
    }).expect(201);
    expect(again.body.id).toBe(projects[0].id);
  });

  it('splits the award into tranches exactly (template and custom), remainder fen to the last', async () => {
    const [p, q] = await eligibleProposals(t);
    const odd = p.totalFen - 7;
    const { project: a } = await awardAndStart(t, tk.admin, p, odd);
    const res = await t.http
      .put(`/api/v1/delivery/projects/${a.id}/agreement`)
      .set(auth(tk.admin))
      .send({ template: '50-30-20' })
      .expect(200);
    expect(res.body).toMatchObject({ amountFen: odd, status: 'issued', template: '50-30-20' });
    const half = Math.floor((odd * 50) / 100);
    const thirty = Math.floor((odd * 30) / 100);
    expect((await tranches(a.id)).map((x) => [x.amountFen, x.gate])).toEqual([
      [half, 'signing'],
      [thirty, 'midterm'],
      [odd - half - thirty, 'final'],
    ]);
    // Custom: 33/33/34 of an amount that does not divide.
    const amount = q.totalFen - 99;
    const { project: b } = await awardAndStart(t, tk.admin, q, amount);
    await t.http
      .put(`/api/v1/delivery/projects/${b.id}/agreement`)
      .set(auth(tk.admin))
      .send({
        template: 'custom',
        tranches: [
          { percent: 33, gate: 'signing' },
          { percent: 33, gate: 'midterm', label: '中期款' },
          { percent: 34, gate: 'final' },
        ],
      })
      .expect(200);
    const third = Math.floor((amount * 33) / 100);
    const custom = await tranches(b.id);
    expect(custom.map((x) => x.amountFen)).toEqual([third, third, amount - 2 * third]);
    expect(custom.map((x) => x.label)).toEqual(['1', '中期款', '3']);
    // Percentages that do not sum to 100: refused, the schedule unchanged.
    const before = await snapshot();
    const bad = await t.http
      .put(`/api/v1/delivery/projects/${b.id}/agreement`)
      .set(auth(tk.admin))
      .send({
        template: 'custom',
        tranches: [
          { percent: 60, gate: 'signing' },
          { percent: 30, gate: 'final' },
        ],
      })
      .expect(400);
    expect(bad.body.code).toBe('agreement_schedule_invalid');
    expect(await snapshot()).toBe(before);
    // The split itself, over many amounts: always the award, each within a fen of its share.
    for (let i = 0; i < 500; i++) {
      const amount = 300_000 + i * 7919;
      const parts = trancheAmounts(amount, [50, 30, 20]);
      expect(parts.reduce((s, x) => s + x, 0)).toBe(amount);
      expect(Math.abs(parts[2] - amount / 5)).toBeLessThanOrEqual(2);
    }
  });

  it('pays only through the gates, never by the approver, and only what a passed evaluation releases', async () => {
    const [p] = await eligibleProposals(t);
    const { project: a } = await awardAndStart(t, tk.admin, p);
    await t.http
      .put(`/api/v1/delivery/projects/${a.id}/agreement`)
      .set(auth(tk.admin))
      .send({ template: '50-30-20' })
      .expect(200);
    const [t1, t2, t3] = await tranches(a.id);
    // Before the signed copy is checked, not even the first tranche.
    const early = await post(`/api/v1/delivery/tranches/${t1.id}/request`, tk.org).expect(409);
    expect(early.body.code).toBe('agreement_not_checked');
    // Checking needs the signed copy (409), then the bank account.
    await post(`/api/v1/delivery/projects/${a.id}/agreement/check`, tk.admin).expect(409);
    await signAndCheck(t, tk, a.id);
    const ag = await t.ds.getRepository(GrantAgreement).findOneByOrFail({ projectId: a.id });
    expect(ag).toMatchObject({ status: 'checked', bankAccountNo: '6222021600012345678' });
    // The org requests the first tranche; admin 1 approves; admin 1 may not record it paid.
    await post(`/api/v1/delivery/tranches/${t1.id}/request`, tk.org).expect(200);
    await post(`/api/v1/delivery/tranches/${t1.id}/approve`, tk.org).expect(403);
    await post(`/api/v1/delivery/tranches/${t1.id}/approve`, tk.admin).expect(200);
    const same = await post(`/api/v1/delivery/tranches/${t1.id}/pay`, tk.admin, {
      bankReference: 'WF20270101-001',
    }).expect(403);
    expect(same.body.code).toBe('tranche_same_person');
    const paid = await post(`/api/v1/delivery/tranches/${t1.id}/pay`, tk.admin2, {
      bankReference: 'WF20270101-001',
      paidAt: '2026-01-05 10:30',
    }).expect(200);
    expect(paid.body).toMatchObject({ status: 'paid', bankReference: 'WF20270101-001' });
    expect(new Date(paid.body.paidAt).toISOString()).toBe('2026-01-05T02:30:00.000Z');
    // Paying twice, or a tranche not approved: 409, nothing changed.
    let before = await snapshot();
    expect(
      (await post(`/api/v1/delivery/tranches/${t1.id}/pay`, tk.admin2, { bankReference: 'x' })).body
        .code,
    ).toBe('tranche_state');
    // The second tranche waits for the mid-term evaluation.
    const gated = await post(`/api/v1/delivery/tranches/${t2.id}/request`, tk.org)
      .set('Accept-Language', 'en')
      .expect(409);
    expect(gated.body).toMatchObject({ code: 'tranche_gate_not_passed' });
    expect(gated.body.message).toContain('mid-term evaluation');
    expect(await snapshot()).toBe(before);
    // Only the street office or the assigned supervisor evaluates.
    const midterm = { kind: 'midterm', scores: sheet(78), comments: '按计划推进，台账清楚。' };
    const judgeNo = await post(`/api/v1/delivery/projects/${a.id}/evaluations`, tk.judge, midterm);
    expect([judgeNo.status, judgeNo.body.code]).toEqual([403, 'evaluation_not_allowed']);
    const judge = await t.ds.getRepository(User).findOneByOrFail({ email: JUDGE });
    await t.http
      .put(`/api/v1/delivery/projects/${a.id}/evaluator`)
      .set(auth(tk.admin))
      .send({ userId: judge.id })
      .expect(200);
    const passed = await post(
      `/api/v1/delivery/projects/${a.id}/evaluations`,
      tk.judge,
      midterm,
    ).expect(201);
    expect(passed.body).toMatchObject({ result: 'pass', score: '78.00', evaluatorId: judge.id });
    // Now requestable and approvable; the final tranche still waits.
    await post(`/api/v1/delivery/tranches/${t2.id}/request`, tk.org).expect(200);
    await post(`/api/v1/delivery/tranches/${t2.id}/approve`, tk.admin2).expect(200);
    expect((await post(`/api/v1/delivery/tranches/${t3.id}/request`, tk.admin)).body.code).toBe(
      'tranche_gate_not_passed',
    );
    // A later mid-term re-evaluation fails (improvement plan): the approved tranche cannot be paid.
    await post(`/api/v1/delivery/projects/${a.id}/evaluations`, tk.judge, {
      kind: 'midterm',
      scores: sheet(52),
      comments: '台账缺失，限期整改。',
      outcome: 'improvement',
    }).expect(201);
    before = await snapshot();
    const blocked = await post(`/api/v1/delivery/tranches/${t2.id}/pay`, tk.admin, {
      bankReference: 'WF-2',
    }).expect(409);
    expect(blocked.body.code).toBe('tranche_gate_not_passed');
    expect(await snapshot()).toBe(before);
    // A failed evaluation needs an outcome and a reason.
    const noOutcome = await post(`/api/v1/delivery/projects/${a.id}/evaluations`, tk.admin, {
      kind: 'midterm',
      scores: sheet(40),
      comments: '',
    }).expect(400);
    expect(noOutcome.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'comments',
      'outcome',
    ]);
    // A pass again: payment by the other admin.
    await post(`/api/v1/delivery/projects/${a.id}/evaluations`, tk.admin, {
      ...midterm,
      scores: sheet(66),
    }).expect(201);
    await post(`/api/v1/delivery/tranches/${t2.id}/pay`, tk.admin, {
      bankReference: 'WF-2',
    }).expect(200);
    const detail = await t.http
      .get(`/api/v1/delivery/projects/${a.id}`)
      .set(auth(tk.org))
      .expect(200);
    expect(detail.body.money.paidFen).toBe(t1.amountFen + t2.amountFen);
    expect(detail.body.money.remainingFen).toBe(t3.amountFen);
  });

  it('never lets approvals and payments pass the award, however many run at once', async () => {
    const [p] = await eligibleProposals(t);
    const call = await t.ds.getRepository(Call).findOneByOrFail({ id: p.callId });
    const { project: a } = await awardAndStart(t, tk.admin, p);
    await checkedAgreement(t, tk, a.id, {
      template: 'custom',
      tranches: Array.from({ length: 10 }, () => ({ percent: 10, gate: 'none' })),
    });
    const all = await tranches(a.id);
    for (const x of all)
      await post(`/api/v1/delivery/tranches/${x.id}/request`, tk.org).expect(200);
    // The award is cut to 55% (a re-decided amount): the schedule now asks for more than it.
    const cut = Math.floor(p.totalFen * 0.55);
    expect(cut).toBeGreaterThanOrEqual(call.minGrantFen);
    await post(`/api/v1/calls/${p.callId}/funding/awards`, tk.admin, {
      proposalId: p.id,
      amountFen: cut,
      reason: '核减',
    }).expect(201);
    const approvals = await Promise.all(
      all.map((x) => post(`/api/v1/delivery/tranches/${x.id}/approve`, tk.admin)),
    );
    const codes = approvals.map((r) => (r.status === 200 ? 200 : r.body.code));
    expect(codes.filter((c) => c === 200)).toHaveLength(5);
    expect(codes.filter((c) => c === 'tranche_over_award')).toHaveLength(5);
    // Each approved tranche paid twice at once by the other admin: once only.
    const approved = (await tranches(a.id)).filter((x) => x.status === 'approved');
    const pays = await Promise.all(
      approved.flatMap((x) =>
        [1, 2].map((n) =>
          post(`/api/v1/delivery/tranches/${x.id}/pay`, tk.admin2, {
            bankReference: `WF-${x.seq}-${n}`,
          }),
        ),
      ),
    );
    expect(pays.filter((r) => r.status === 200)).toHaveLength(5);
    expect(pays.filter((r) => r.status === 409).every((r) => r.body.code === 'tranche_state')).toBe(
      true,
    );
    const after = await tranches(a.id);
    const out = after
      .filter((x) => ['approved', 'paid'].includes(x.status))
      .reduce((s, x) => s + x.amountFen, 0);
    expect(out).toBeLessThanOrEqual(cut);
    expect(after.filter((x) => x.status === 'paid')).toHaveLength(5);
    // What remains (5% of the original) does not cover another tranche.
    const left = after.find((x) => x.status === 'requested')!;
    const over = await post(`/api/v1/delivery/tranches/${left.id}/approve`, tk.admin).expect(409);
    expect(over.body.code).toBe('tranche_over_award');
  });

  it('terminates a failed project with a clawback that returns to the budget only by decision', async () => {
    const [p] = await eligibleProposals(t);
    const { project: a, award } = await awardAndStart(t, tk.admin, p);
    await checkedAgreement(t, tk, a.id);
    const [t1, t2] = await tranches(a.id);
    await post(`/api/v1/delivery/tranches/${t1.id}/request`, tk.admin).expect(200);
    await post(`/api/v1/delivery/tranches/${t1.id}/approve`, tk.admin).expect(200);
    await post(`/api/v1/delivery/tranches/${t1.id}/pay`, tk.admin2, {
      bankReference: 'WF-1',
    }).expect(200);
    const failed = {
      kind: 'midterm',
      scores: sheet(35),
      comments: '服务未开展，资金去向不明。',
      outcome: 'termination',
    };
    // More than was paid cannot be clawed back: refused, nothing changed (still running).
    let before = await snapshot();
    const tooMuch = await post(`/api/v1/delivery/projects/${a.id}/evaluations`, tk.admin, {
      ...failed,
      clawbackFen: t1.amountFen + 1,
    }).expect(400);
    expect(tooMuch.body.code).toBe('clawback_amount');
    expect(await snapshot()).toBe(before);
    const claw = Math.floor(t1.amountFen / 2);
    await post(`/api/v1/delivery/projects/${a.id}/evaluations`, tk.admin, {
      ...failed,
      clawbackFen: claw,
    }).expect(201);
    expect(await project(a.id)).toMatchObject({
      status: 'terminated',
      statusReason: failed.comments,
    });
    expect((await tranches(a.id)).map((x) => x.status)).toEqual(['paid', 'cancelled', 'cancelled']);
    const [c] = await t.ds.getRepository(Clawback).findBy({ projectId: a.id });
    expect(c).toMatchObject({ amountFen: claw, status: 'recorded' });
    // A terminated project takes no request, payment or evaluation.
    before = await snapshot();
    expect((await post(`/api/v1/delivery/tranches/${t2.id}/request`, tk.org)).body.code).toBe(
      'project_terminated',
    );
    expect((await post(`/api/v1/delivery/tranches/${t2.id}/approve`, tk.admin)).status).toBe(409);
    expect(
      (await post(`/api/v1/delivery/projects/${a.id}/evaluations`, tk.admin, failed)).body.code,
    ).toBe('project_terminated');
    expect(await snapshot()).toBe(before);
    // The budget gets it back only by a recorded decision, after the money was recovered.
    const ledger = () =>
      t.ds.getRepository(FundingLedger).findOneByOrFail({ callId: p.callId, track: '*' });
    const committed = (await ledger()).committedFen;
    await post(`/api/v1/delivery/clawbacks/${c.id}/return-to-budget`, tk.admin, {
      reason: '街道办主任办公会决定',
    }).expect(409);
    await post(`/api/v1/delivery/clawbacks/${c.id}/recovered`, tk.admin).expect(200);
    expect((await ledger()).committedFen).toBe(committed);
    await post(`/api/v1/delivery/clawbacks/${c.id}/return-to-budget`, tk.admin, {
      reason: '街道办主任办公会决定',
    }).expect(200);
    expect((await ledger()).committedFen).toBe(committed - claw);
    expect(
      (await t.ds.getRepository(FundingAward).findOneByOrFail({ id: award.id })).amountFen,
    ).toBe(p.totalFen - claw);
    expect((await t.ds.getRepository(Clawback).findOneByOrFail({ id: c.id })).status).toBe(
      'returned_to_budget',
    );
  });

  it('closes a project on its final accounts, then awards demonstration sites within the year’s budget', async () => {
    const proposals = await eligibleProposals(t);
    const { project: a } = await awardAndStart(t, tk.admin, proposals[0]);
    await checkedAgreement(t, tk, a.id, {
      template: 'custom',
      tranches: [
        { percent: 60, gate: 'signing' },
        { percent: 40, gate: 'final' },
      ],
    });
    const [t1, t2] = await tranches(a.id);
    for (const x of [t1]) {
      await post(`/api/v1/delivery/tranches/${x.id}/request`, tk.org).expect(200);
      await post(`/api/v1/delivery/tranches/${x.id}/approve`, tk.admin).expect(200);
      await post(`/api/v1/delivery/tranches/${x.id}/pay`, tk.admin2, {
        bankReference: 'WF-A',
      }).expect(200);
    }
    const closure = {
      unspentReturnedFen: 0,
      finalReport: '服务老人 120 人次，开展活动 24 场。',
      lines: [] as { budgetLineId: number; spentFen: number }[],
    };
    expect(
      (await post(`/api/v1/delivery/projects/${a.id}/closure`, tk.admin, closure)).body.code,
    ).toBe('closure_not_ready');
    // The final evaluation comes after a passed mid-term.
    const final = { kind: 'final', scores: sheet(82), comments: '目标全部完成。' };
    expect(
      (await post(`/api/v1/delivery/projects/${a.id}/evaluations`, tk.admin, final)).body.code,
    ).toBe('evaluation_order');
    await post(`/api/v1/delivery/projects/${a.id}/evaluations`, tk.admin, {
      ...final,
      kind: 'midterm',
    }).expect(201);
    await post(`/api/v1/delivery/projects/${a.id}/evaluations`, tk.admin, final).expect(201);
    await post(`/api/v1/delivery/tranches/${t2.id}/request`, tk.org).expect(200);
    await post(`/api/v1/delivery/tranches/${t2.id}/approve`, tk.admin).expect(200);
    // An approved tranche not yet paid holds closure back.
    expect(
      (await post(`/api/v1/delivery/projects/${a.id}/closure`, tk.admin, closure)).body.code,
    ).toBe('closure_not_ready');
    await post(`/api/v1/delivery/tranches/${t2.id}/pay`, tk.admin2, {
      bankReference: 'WF-B',
    }).expect(200);
    // Final accounts entered per budget line (no report carries spending); unspent money returned.
    const lines = await t.ds
      .getRepository(ProposalBudgetLine)
      .find({ where: { proposalId: proposals[0].id, version: 1 }, order: { position: 'ASC' } });
    closure.lines = lines.map((l, i) => ({
      budgetLineId: l.id,
      spentFen: l.subtotalFen - (i === 0 ? 10_000 : 0),
    }));
    closure.unspentReturnedFen = 10_000;
    const tooMuch = await post(`/api/v1/delivery/projects/${a.id}/closure`, tk.admin, {
      ...closure,
      unspentReturnedFen: proposals[0].totalFen + 1,
    }).expect(400);
    expect(tooMuch.body.details[0].field).toBe('unspentReturnedFen');
    await post(`/api/v1/delivery/projects/${a.id}/closure`, tk.admin, closure).expect(200);
    expect(await project(a.id)).toMatchObject({
      status: 'completed',
      unspentReturnedFen: 10_000,
      finalReport: closure.finalReport,
    });
    const detail = (await t.http.get(`/api/v1/delivery/projects/${a.id}`).set(auth(tk.admin))).body;
    expect(detail.accounts.spentFen).toBe(proposals[0].totalFen - 10_000);
    expect(detail.accounts.fromReports).toBe(true);
    expect(
      await t.ds.getRepository(ProgressReport).countBy({ projectId: a.id, status: 'accepted' }),
    ).toBe(1);

    // Demonstration sites: completed projects only; 5,000–10,000 yuan; within the year's budget.
    const { project: b } = await awardAndStart(t, tk.admin, proposals[1]);
    expect(
      (await post(`/api/v1/delivery/projects/${b.id}/demo-site`, tk.admin, { reason: '示范' })).body
        .code,
    ).toBe('demo_site_not_completed');
    const others = [b.id];
    for (const p of proposals.slice(2, 4))
      others.push((await awardAndStart(t, tk.admin, p)).project.id);
    // (Closed by hand here: the closure itself is tested above.)
    await t.ds.getRepository(DeliveryProject).update(others, { status: 'completed' });
    for (const id of [a.id, ...others])
      await post(`/api/v1/delivery/projects/${id}/demo-site`, tk.admin, {
        reason: '服务成效突出',
      }).expect(201);
    for (const amountFen of [499_999, 1_000_001]) {
      const r = await post(`/api/v1/delivery/projects/${a.id}/demo-site/award`, tk.admin, {
        amountFen,
      });
      expect([r.status, r.body.code]).toEqual([400, 'demo_site_amount']);
    }
    const noBudget = await post(`/api/v1/delivery/projects/${a.id}/demo-site/award`, tk.admin, {
      amountFen: 800_000,
    });
    expect([noBudget.status, noBudget.body.code]).toEqual([409, 'demo_site_over_budget']);
    const year = (await t.ds.getRepository(DemoSiteAward).findOneByOrFail({ projectId: a.id }))
      .year;
    await t.http
      .put('/api/v1/delivery/demo-sites/budget')
      .set(auth(tk.admin))
      .send({ year, capFen: 2_000_000 })
      .expect(200);
    // Four awards of 8,000 yuan at once against 20,000: two fit.
    const results = await Promise.all(
      [a.id, ...others].map((id) =>
        post(`/api/v1/delivery/projects/${id}/demo-site/award`, tk.admin, { amountFen: 800_000 }),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(2);
    expect(results.filter((r) => r.body.code === 'demo_site_over_budget')).toHaveLength(2);
    const budget = await t.ds.getRepository(DemoSiteBudget).findOneByOrFail({ year });
    const awarded = await t.ds.getRepository(DemoSiteAward).findBy({ year, status: 'awarded' });
    expect(budget.committedFen).toBe(1_600_000);
    expect(awarded.reduce((s, x) => s + x.amountFen, 0)).toBe(budget.committedFen);
    // The cap cannot go below what is committed.
    await t.http
      .put('/api/v1/delivery/demo-sites/budget')
      .set(auth(tk.admin))
      .send({ year, capFen: 1_000_000 })
      .expect(409);
    const overview = await t.http
      .get(`/api/v1/delivery/demo-sites?year=${year}`)
      .set(auth(tk.admin));
    expect(overview.body).toMatchObject({
      capFen: 2_000_000,
      committedFen: 1_600_000,
      availableFen: 400_000,
    });
  });
  it('serves the pages: lists, a completed project with its accounts and demonstration site, refusals shown on the page', async () => {
    const [p] = await eligibleProposals(t);
    const { project: a } = await awardAndStart(t, tk.admin, p);
    await checkedAgreement(t, tk, a.id, {
      template: 'custom',
      tranches: [{ percent: 100, gate: 'signing', label: '一次性拨付' }],
    });
    const [t1] = await tranches(a.id);
    await post(`/api/v1/delivery/tranches/${t1.id}/request`, tk.org).expect(200);
    await post(`/api/v1/delivery/tranches/${t1.id}/approve`, tk.admin).expect(200);
    await post(`/api/v1/delivery/tranches/${t1.id}/pay`, tk.admin2, {
      bankReference: 'WF-P',
    }).expect(200);
    for (const kind of ['midterm', 'final'])
      await post(`/api/v1/delivery/projects/${a.id}/evaluations`, tk.admin, {
        kind,
        scores: sheet(90),
        comments: '良好',
      }).expect(201);
    const admin = await formLogin(t.http, ADMIN);
    // Closure through the page form: spent per budget line in yuan.
    const lines = await t.ds
      .getRepository(ProposalBudgetLine)
      .find({ where: { proposalId: p.id, version: 1 }, order: { position: 'ASC' } });
    let form = await openPage(t.http, admin, `/delivery/projects/${a.id}`);
    expect(form.res.text).toContain('id="closure-form"');
    const closed = await t.http
      .post(`/delivery/projects/${a.id}/closure`)
      .set('Cookie', form.cookies)
      .type('form')
      .send({
        _csrf: form.csrf,
        ...Object.fromEntries(
          lines.map((l) => [`spent[l${l.id}]`, (l.subtotalFen / 100).toFixed(2)]),
        ),
        unspent: '0',
        finalReport: '结项报告：服务完成。',
      })
      .expect(303);
    expect(closed.headers['location']).toBe(`/delivery/projects/${a.id}?done=closed`);
    expect((await project(a.id)).status).toBe('completed');
    // Demonstration site through the pages: nominated, the year's budget set, an amount out of range
    // refused beside the field, then awarded.
    form = await openPage(t.http, admin, `/delivery/projects/${a.id}`);
    await t.http
      .post(`/delivery/projects/${a.id}/demo-site`)
      .set('Cookie', form.cookies)
      .type('form')
      .send({ _csrf: form.csrf, reason: '居民评价高' })
      .expect(303);
    const year = (await t.ds.getRepository(DemoSiteAward).findOneByOrFail({ projectId: a.id }))
      .year;
    form = await openPage(t.http, admin, `/delivery/demo-sites?year=${year}`);
    await t.http
      .post('/delivery/demo-sites/budget')
      .set('Cookie', form.cookies)
      .type('form')
      .send({ _csrf: form.csrf, year: String(year), cap: '30000' })
      .expect(303);
    form = await openPage(t.http, admin, `/delivery/projects/${a.id}`);
    const low = await t.http
      .post(`/delivery/projects/${a.id}/demo-site/award`)
      .set('Cookie', form.cookies)
      .type('form')
      .send({ _csrf: form.csrf, amount: '4999.99' })
      .expect(400);
    expect(low.text).toContain('示范点奖励金额须在 5,000 至 10,000 元之间。');
    expect(
      (await t.ds.getRepository(DemoSiteAward).findOneByOrFail({ projectId: a.id })).status,
    ).toBe('nominated');
    await t.http
      .post(`/delivery/projects/${a.id}/demo-site/award`)
      .set('Cookie', form.cookies)
      .type('form')
      .send({ _csrf: form.csrf, amount: '8000' })
      .expect(303);
    const page = (await openPage(t.http, admin, `/delivery/projects/${a.id}`)).res.text;
    for (const text of ['已结项', '结项报告：服务完成。', '已评定', '8,000.00', '一次性拨付'])
      expect(page).toContain(text);
    const demo = (await openPage(t.http, admin, `/delivery/demo-sites?year=${year}`)).res.text;
    expect(demo).toContain(p.title);
    expect(demo).toContain('可用 22,000.00 元');
    expect((await openPage(t.http, admin, '/delivery')).res.text).toContain(p.title);
    // The organisation: its own projects, the printable agreement; another's project is a 404.
    const org = await formLogin(t.http, ORG);
    expect((await openPage(t.http, org, '/my/projects')).res.text).toContain(p.title);
    const doc = (await openPage(t.http, org, `/delivery/projects/${a.id}/agreement`)).res.text;
    expect(doc).toContain('社区公益创投项目资助协议书');
    expect(doc).toContain('东关街道办事处');
    const other = await eligibleProposals(t, false);
    const { project: b } = await awardAndStart(t, tk.admin, other[1]);
    await openPage(t.http, org, `/delivery/projects/${b.id}`, 404);
  });
});
