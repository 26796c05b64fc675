import { User } from '@gv/accounts';
import { AuditLog } from '@gv/audit';
import { Call } from '@gv/calls';
import { Role } from '@gv/core';
import { PanelMember, panelRecusals } from '@gv/panels';
import { Proposal, ProposalStatus } from '@gv/proposals';
import { ReviewAssignment, ReviewPaperEntry, ReviewRubric, ReviewSheet } from '@gv/reviews';
import { aggregateScores } from '@gv/scoring';
import { fromInt } from '@gv/rational';
import { bearer, createTestApp, formLogin, openPage, resetDatabase, TestApp } from '@gv/testing';

const ADMIN = 'admin@dongguan.example.cn';
const ADMIN2 = 'paper-second@dongguan.example.cn';
const JUDGE = 'judge@dongguan.example.cn';

/** 纸质评分表双人录入 and the printable review report (#10), against MariaDB. */
describe('reviews: paper sheets typed in twice, and the review report', () => {
  let t: TestApp;
  let admin: string;
  let admin2: string;
  let call: Call;
  let seat: PanelMember;
  let proposalId: number;

  const auth = (tok: string) => ({ Authorization: `Bearer ${tok}` });
  const url = () => `/api/v1/calls/${call.id}/reviews/paper`;
  const full = { need: 20, design: 18, team: 15, budget: 12, sustain: null };
  const enter = (tok: string, scores: Record<string, number | null>, status = 200) =>
    t.http
      .post(url())
      .set(auth(tok))
      .set('Accept-Language', 'en')
      .send({ proposalId, memberId: seat.id, scores, overall: '纸质评分表：预算说明清楚' })
      .expect(status);
  const counts = async () => ({
    entries: await t.ds.getRepository(ReviewPaperEntry).count(),
    sheets: await t.ds.getRepository(ReviewSheet).count(),
    submitted: await t.ds.getRepository(ReviewSheet).countBy({ status: 'submitted' }),
    audit: await t.ds.getRepository(AuditLog).count(),
  });

  beforeAll(async () => {
    t = await createTestApp();
  });
  beforeEach(async () => {
    await resetDatabase(t.ds, t.config);
    // A second street-office account (the demo has one): same demo password.
    const first = await t.ds
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :e', { e: ADMIN })
      .getOneOrFail();
    await t.ds.getRepository(User).insert({
      email: ADMIN2,
      name: '孙丽（街道）',
      role: Role.StreetAdmin,
      communityId: null,
      organisationId: null,
      passwordHash: first.passwordHash,
      locale: 'zh-CN',
      active: true,
      lastLoginAt: null,
    });
    admin = await bearer(t.http, ADMIN);
    admin2 = await bearer(t.http, ADMIN2);
    call = await t.ds.getRepository(Call).findOneByOrFail({ code: 'DG' });
    seat = await t.ds.getRepository(PanelMember).findOneOrFail({
      where: { callId: call.id, user: { email: JUDGE } },
      relations: { user: true },
    });
    // The judge scored this proposal on paper: no online sheet of theirs for it.
    const recused = await panelRecusals(t.ds.manager, call.id);
    const eligible = await t.ds.getRepository(Proposal).find({
      where: { callId: call.id, status: ProposalStatus.Eligible },
      order: { number: 'ASC' },
    });
    proposalId = eligible.find((p) => !recused.get(p.id)?.has(seat.id))!.id;
    await t.ds.getRepository(ReviewSheet).delete({ memberId: seat.id, proposalId });
    // The plain mean: every valid sheet is used, so the paper sheet's effect is visible.
    await t.ds.getRepository(ReviewRubric).update({ callId: call.id }, { method: 'mean' });
  });
  afterAll(async () => {
    await t.close();
  });

  const resultOf = async () =>
    (
      await t.http
        .get(`/api/v1/calls/${call.id}/reviews/results`)
        .set(auth(admin))
        .set('Accept-Language', 'en')
        .expect(200)
    ).body.proposals.find((p: { proposalId: number }) => p.proposalId === proposalId);

  it('waits for a second entry, shows both staff the differences, confirms equal entries as the judge’s submitted paper sheet', async () => {
    const before = await resultOf();
    const first = await enter(admin, { ...full, team: 14 });
    expect(first.body).toMatchObject({
      status: 'pending',
      memberId: seat.id,
      proposalId,
      judge: seat.user!.name,
      differences: [],
      secondById: null,
    });
    // The same staff member again: their own entry is replaced, still one row, still pending.
    const again = await enter(admin, full);
    expect(again.body).toMatchObject({ id: first.body.id, status: 'pending' });
    const row = await t.ds.getRepository(ReviewPaperEntry).findOneByOrFail({ id: first.body.id });
    expect(row.firstScores).toEqual(full);
    expect(await t.ds.getRepository(ReviewPaperEntry).count()).toBe(1);
    expect(await t.ds.getRepository(ReviewSheet).countBy({ memberId: seat.id, proposalId })).toBe(
      0,
    );

    // A second staff member types something else: a mismatch, both see the criterion that differs.
    const second = await enter(admin2, { ...full, budget: 13, sustain: 10 });
    expect(second.body.status).toBe('mismatch');
    const expectedDiffs = [
      { criterion: 'budget', label: 'Budget', first: 12, second: 13 },
      { criterion: 'sustain', label: 'Sustainability and innovation', first: null, second: 10 },
    ];
    expect(second.body.differences).toEqual(expectedDiffs);
    for (const tok of [admin, admin2]) {
      const list = await t.http.get(url()).set(auth(tok)).set('Accept-Language', 'en').expect(200);
      expect(list.body).toMatchObject({ total: 1, page: 1 });
      expect(list.body.items[0]).toMatchObject({
        status: 'mismatch',
        judge: seat.user!.name,
        number: expect.stringMatching(/^DG-2026-/),
        differences: expectedDiffs,
      });
    }
    expect(await t.ds.getRepository(AuditLog).countBy({ action: 'review.paper_mismatch' })).toBe(1);
    expect(await t.ds.getRepository(ReviewSheet).countBy({ memberId: seat.id, proposalId })).toBe(
      0,
    );

    // The second staff member corrects their entry: equal now, the judge's sheet is submitted.
    const confirmed = await enter(admin2, full);
    expect(confirmed.body).toMatchObject({ status: 'confirmed', differences: [] });
    const sheet = await t.ds
      .getRepository(ReviewSheet)
      .findOneByOrFail({ memberId: seat.id, proposalId });
    expect(sheet).toMatchObject({
      id: confirmed.body.sheetId,
      status: 'submitted',
      source: 'paper',
      scores: full,
      overall: '纸质评分表：预算说明清楚',
      version: 1,
    });
    expect(sheet.submittedAt).not.toBeNull();
    expect(await t.ds.getRepository(AuditLog).countBy({ action: 'review.paper_confirmed' })).toBe(
      1,
    );

    // The aggregate counts it: one sheet more, and the score @gv/scoring gives on the stored sheets.
    const after = await resultOf();
    expect(after.sheets).toBe(before.sheets + 1);
    const rubric = await t.ds.getRepository(ReviewRubric).findOneByOrFail({ callId: call.id });
    const sheets = await t.ds
      .getRepository(ReviewSheet)
      .find({ where: { proposalId, status: 'submitted' }, relations: { member: true } });
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
      })),
      {
        method: 'mean',
        divergenceThreshold: fromInt(rubric.divergenceThreshold),
        proposalIds: [String(proposalId)],
      },
    );
    expect(after.score).toBe(expected.proposals[0].display);
    expect(after.score).not.toBe(before.score);

    // Confirmed is final: a third entry, by anyone, is refused and changes nothing.
    const snapshot = await counts();
    const third = await enter(admin, { ...full, need: 1 }, 409);
    expect(third.body.code).toBe('paper_confirmed');
    expect(await counts()).toEqual(snapshot);
    expect(
      (await t.ds.getRepository(ReviewSheet).findOneByOrFail({ id: sheet.id })).scores,
    ).toEqual(full);

    // The report: the sheets (this one from paper), the aggregate explained.
    const report = await t.http
      .get(`/api/v1/calls/${call.id}/reviews/proposals/${proposalId}/report`)
      .set(auth(admin))
      .set('Accept-Language', 'en')
      .expect(200);
    expect(report.body.proposal).toMatchObject({ id: proposalId, number: after.number });
    expect(report.body.proposal.organisation).not.toBe('');
    expect(report.body.proposal.amountRequestedFen).toBeGreaterThan(0);
    expect(report.body.sheets).toHaveLength(sheets.length);
    expect(
      report.body.sheets.find((s: { memberId: number }) => s.memberId === seat.id),
    ).toMatchObject({
      source: 'paper',
      judge: seat.user!.name,
      counted: true,
      scores: expect.arrayContaining([
        expect.objectContaining({ criterion: 'sustain', points: null, na: true }),
        expect.objectContaining({ criterion: 'need', points: 20, na: false }),
      ]),
    });
    expect(report.body.aggregate.score).toBe(after.score);
    expect(report.body.aggregate.explanation).toEqual(after.explanation);
    expect(report.body.aggregate.explanation.join(' ')).toMatch(/valid sheets/);
  });

  it('refuses out-of-range scores, recused judges, judges who submitted online, and anyone but the street office', async () => {
    const snapshot = await counts();
    const bad = await enter(admin, { ...full, need: 26 }, 400);
    expect(bad.body).toMatchObject({
      code: 'score_out_of_range',
      details: [expect.objectContaining({ field: 'need' })],
    });
    expect((await enter(admin, { need: 20 }, 400)).body.code).toBe('sheet_incomplete');
    expect((await enter(admin, { ...full, need: null }, 400)).body.code).toBe('na_not_allowed');
    await t.http
      .post(url())
      .set(auth(admin))
      .send({ proposalId, memberId: seat.id, scores: full, extra: 1 })
      .expect(400);
    expect(await counts()).toEqual(snapshot);

    // A judge recused from the proposal: their scores cannot be typed in.
    const recused = await panelRecusals(t.ds.manager, call.id);
    const eligible = new Set(
      (
        await t.ds
          .getRepository(Proposal)
          .findBy({ callId: call.id, status: ProposalStatus.Eligible })
      ).map((p) => p.id),
    );
    const [recusedProposal, members] = [...recused.entries()].find(([id]) => eligible.has(id))!;
    const r = await t.http
      .post(url())
      .set(auth(admin))
      .send({ proposalId: recusedProposal, memberId: [...members][0], scores: full })
      .expect(403);
    expect(r.body.code).toBe('paper_judge_recused');

    // With N judges per proposal, a judge the proposal is not assigned to.
    await t.http
      .put(`/api/v1/calls/${call.id}/reviews/assignment`)
      .set(auth(admin))
      .send({ judgesPerProposal: 2, seed: 'paper' })
      .expect(200);
    await t.ds.getRepository(ReviewAssignment).delete({ memberId: seat.id, proposalId });
    const notAssigned = await enter(admin, full, 403);
    expect(notAssigned.body.code).toBe('paper_not_assigned');
    await t.http
      .put(`/api/v1/calls/${call.id}/reviews/assignment`)
      .set(auth(admin))
      .send({ judgesPerProposal: null })
      .expect(200);
    const assigned = await counts();
    expect({ ...assigned, audit: 0 }).toEqual({ ...snapshot, audit: 0 });

    // A judge whose online sheet is submitted: nothing to type in.
    const online = await t.ds.getRepository(ReviewSheet).findOneOrFail({
      where: { proposalId, status: 'submitted' },
      order: { id: 'ASC' },
    });
    const dup = await t.http
      .post(url())
      .set(auth(admin))
      .send({ proposalId, memberId: online.memberId, scores: full })
      .expect(409);
    expect(dup.body.code).toBe('sheet_submitted');

    // Not a judge of this call, not an eligible proposal of it.
    const unknown = await t.http
      .post(url())
      .set(auth(admin))
      .send({ proposalId: 999_999, memberId: 999_999, scores: full })
      .expect(400);
    expect(unknown.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'memberId',
      'proposalId',
    ]);
    expect(await counts()).toEqual(assigned);

    // Judges and community staff are not the street office.
    const others = [
      await bearer(t.http, JUDGE),
      await bearer(t.http, 'weiwan@dongguan.example.cn'),
    ];
    const signedIn = await counts(); // signing in is audited
    for (const tok of others) {
      await t.http
        .post(url())
        .set(auth(tok))
        .send({ proposalId, memberId: seat.id, scores: full })
        .expect(403);
      await t.http.get(url()).set(auth(tok)).expect(403);
      await t.http
        .get(`/api/v1/calls/${call.id}/reviews/proposals/${proposalId}/report`)
        .set(auth(tok))
        .expect(403);
    }
    expect(await counts()).toEqual(signedIn);
  });

  it('two staff members typing the same sheet at the same moment: one is first, the other confirms', async () => {
    const [a, b] = await Promise.all([enter(admin, full), enter(admin2, full)]);
    expect([a.body.status, b.body.status].sort()).toEqual(['confirmed', 'pending']);
    expect(await t.ds.getRepository(ReviewPaperEntry).count()).toBe(1);
    expect(
      await t.ds.getRepository(ReviewSheet).findOneByOrFail({ memberId: seat.id, proposalId }),
    ).toMatchObject({ status: 'submitted', source: 'paper' });
  });

  it('the report lists recused judges without scores and the chair’s consensus; drafts have none', async () => {
    const results = await t.http
      .get(`/api/v1/calls/${call.id}/reviews/results`)
      .set(auth(admin))
      .expect(200);
    const divergent = results.body.proposals.find((p: { consensus: unknown }) => p.consensus);
    const withConsensus = await t.http
      .get(`/api/v1/calls/${call.id}/reviews/proposals/${divergent.proposalId}/report`)
      .set(auth(admin))
      .expect(200);
    expect(withConsensus.body.consensus.notes).toContain('合议');
    expect(withConsensus.body.aggregate.explanation).toEqual(divergent.explanation);

    const recused = await panelRecusals(t.ds.manager, call.id);
    const [recusedProposal, members] = [...recused.entries()][0];
    // A judge recused after scoring keeps their sheet, but the report shows them as recused only.
    const member = [...members][0];
    await t.ds.getRepository(ReviewSheet).insert({
      callId: call.id,
      proposalId: recusedProposal,
      memberId: member,
      scores: full,
      comments: {},
      overall: '',
      status: 'submitted',
      version: 2,
      submittedAt: new Date(),
    });
    const report = await t.http
      .get(`/api/v1/calls/${call.id}/reviews/proposals/${recusedProposal}/report`)
      .set(auth(admin))
      .expect(200);
    expect(report.body.recused.map((r: { memberId: number }) => r.memberId).sort()).toEqual(
      [...members].sort(),
    );
    expect(report.body.sheets.map((s: { memberId: number }) => s.memberId)).not.toContain(member);

    const draft = await t.ds.getRepository(Proposal).findOneOrFail({
      where: { callId: call.id, currentVersion: 0 },
    });
    await t.http
      .get(`/api/v1/calls/${call.id}/reviews/proposals/${draft.id}/report`)
      .set(auth(admin))
      .expect(404);
    const submitted = await t.ds.getRepository(Proposal).findOneOrFail({
      where: { callId: call.id, status: ProposalStatus.Submitted },
    });
    const notReviewed = await t.http
      .get(`/api/v1/calls/${call.id}/reviews/proposals/${submitted.id}/report`)
      .set(auth(admin))
      .expect(200);
    expect(notReviewed.body).toMatchObject({ aggregate: null, sheets: [] });
  });

  it('the page shows the form again with the errors beside the fields, then the entries and the report', async () => {
    const session = await formLogin(t.http, ADMIN);
    const path = `/calls/${call.id}/reviews/paper`;
    const { res, cookies, csrf } = await openPage(t.http, session, path);
    expect(res.text).toContain('id="paper-form"');
    expect(res.text).toContain('id="paper-none"');
    const form = {
      _csrf: csrf,
      memberId: String(seat.id),
      proposalId: String(proposalId),
      'score.need': '20',
      'score.design': '18',
      'score.team': '15',
      'score.budget': '12',
      'score.sustain': 'na',
      overall: '',
    };
    const snapshot = await counts();
    const bad = await t.http
      .post(path)
      .set('Cookie', cookies)
      .set('Accept-Language', 'en')
      .type('form')
      .send({ ...form, 'score.need': '30', memberId: '' })
      .expect(400);
    expect(bad.text).toContain('id="score-need-error"');
    expect(bad.text).toContain('id="paper-member-error"');
    expect(bad.text).toContain('id="paper-error"');
    expect(await counts()).toEqual(snapshot);
    const recused = await panelRecusals(t.ds.manager, call.id);
    const [recusedProposal, members] = [...recused.entries()][0];
    const refused = await t.http
      .post(path)
      .set('Cookie', cookies)
      .type('form')
      .send({ ...form, proposalId: String(recusedProposal), memberId: String([...members][0]) })
      .expect(403);
    expect(refused.text).toContain('id="paper-member-error"');
    expect(refused.text).toContain('已回避');
    expect(await counts()).toEqual(snapshot);
    const ok = await t.http.post(path).set('Cookie', cookies).type('form').send(form).expect(303);
    expect(ok.headers['location']).toBe(`${path}?done=pending`);
    const listed = await openPage(t.http, session, `${path}?done=pending`);
    expect(listed.res.text).toContain('data-status="pending"');
    const report = await openPage(
      t.http,
      session,
      `/calls/${call.id}/reviews/proposals/${proposalId}/report`,
    );
    expect(report.res.text).toContain('id="report-signatures"');
    expect(report.res.text).toContain('@media print');
    expect(report.res.text).toContain('评审组长签字');
    const results = await openPage(t.http, session, `/calls/${call.id}/reviews`);
    expect(results.res.text).toContain(`/reviews/proposals/${proposalId}/report`);
    expect(results.res.text).toContain('id="paper-link"');
  });
});
