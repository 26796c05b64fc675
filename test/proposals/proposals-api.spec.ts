import { AuditLog } from '@gv/audit';
import { User } from '@gv/accounts';
import { Call } from '@gv/calls';
import { fenToYuan, Role } from '@gv/core';
import { Notification } from '@gv/notifications';
import { Organisation } from '@gv/organisations';
import { Proposal, ProposalBudgetLine } from '@gv/proposals';
import {
  bearer,
  createTestApp,
  resetDatabase,
  TestApp,
  callPayload,
  shanghaiInDays as days,
  clearNotifications,
} from '@gv/testing';

const ADMIN = 'admin@dongguan.example.cn';
const ORG = 'org@dongguan.example.cn';
const JUDGE = 'judge@dongguan.example.cn';

// The first competition's checklist; everything else from the shared factory.
const callBody = (overrides: Record<string, unknown> = {}) =>
  callPayload({
    title: '首届社区公益创投大赛',
    checklist: ['在东关街道登记或备案', '项目回应社区需求', '预算合理'],
    ...overrides,
  });

const content = (communityIds: number[]) => ({
  title: '苇湾社区老年人日间照料',
  track: 'venture',
  communityIds,
  beneficiaryGroups: ['elderly'],
  beneficiaryCount: 120,
  summary: '为苇湾高龄独居老人提供日间照料。',
  objectives: '每周 3 次陪伴',
  activities: '助餐、健康讲座',
  team: '5 名社工、20 名志愿者',
  coFundingFen: 200_000,
  budgetLines: [
    { category: 'materials', item: '助餐食材', unitPriceFen: 1_250, quantity: 400 },
    { category: 'personnel', item: '社工补贴', unitPriceFen: 50_000, quantity: 10 },
  ],
  milestones: [{ title: '启动', dueOn: '2026-06-30', deliverable: '服务名册' }],
});

describe('proposals API (MariaDB)', () => {
  let t: TestApp;
  let admin: string;
  let org: string;
  let communityIds: number[];

  beforeAll(async () => {
    t = await createTestApp();
  });
  beforeEach(async () => {
    await resetDatabase(t.ds, t.config);
    // Each test counts the notifications it causes: the demo's history out of the way.
    await clearNotifications(t.ds);
    admin = await bearer(t.http, ADMIN);
    org = await bearer(t.http, ORG);
    const c = await t.http.get('/api/v1/communities').expect(200);
    communityIds = c.body.items.map((x: { id: number }) => x.id);
  });
  afterAll(async () => {
    await t.close();
  });

  const auth = (tok: string) => ({ Authorization: `Bearer ${tok}` });
  async function newCall(over: Record<string, unknown> = {}) {
    const res = await t.http
      .post('/api/v1/calls')
      .set(auth(admin))
      .send(callBody(over))
      .expect(201);
    return res.body.id as number;
  }
  async function draft(callId: number, tok = org) {
    const res = await t.http
      .post('/api/v1/proposals')
      .set(auth(tok))
      .send({ callId, ...content([communityIds[0], communityIds[4]]) })
      .expect(201);
    return res.body;
  }

  it('saves a draft with server-computed totals, submits it with number DG-2027-001, versions and diffs the budget', async () => {
    const callId = await newCall();
    const d = await draft(callId);
    expect(d.status).toBe('draft');
    expect(d.budgetLines.map((l: { subtotalFen: number }) => l.subtotalFen)).toEqual([
      500_000, 500_000,
    ]);
    expect(d.totalFen).toBe(1_000_000);
    const s = await t.http.post(`/api/v1/proposals/${d.id}/submit`).set(auth(org)).expect(200);
    expect(s.body).toMatchObject({ status: 'submitted', number: 'DG-2027-001', currentVersion: 1 });
    // An edit after submission is a working copy until submitted as version 2.
    await t.http
      .put(`/api/v1/proposals/${d.id}`)
      .set(auth(org))
      .send({
        budgetLines: [
          { category: 'materials', item: '助餐食材', unitPriceFen: 1_250, quantity: 600 },
        ],
      })
      .expect(200);
    const v2 = await t.http.post(`/api/v1/proposals/${d.id}/submit`).set(auth(org)).expect(200);
    expect(v2.body).toMatchObject({ number: 'DG-2027-001', currentVersion: 2, totalFen: 750_000 });
    const v1 = await t.http.get(`/api/v1/proposals/${d.id}/versions/1`).set(auth(org)).expect(200);
    expect(v1.body.totalFen).toBe(1_000_000);
    const diff = await t.http
      .get(`/api/v1/proposals/${d.id}/budget-diff?from=1&to=2`)
      .set(auth(org))
      .expect(200);
    expect(diff.body).toMatchObject({
      totalBeforeFen: 1_000_000,
      totalAfterFen: 750_000,
      deltaFen: -250_000,
    });
    expect(diff.body.rows.map((r: { change: string }) => r.change)).toEqual(['changed', 'removed']);
    const rows = await t.ds.getRepository(Notification).find({ order: { id: 'ASC' } });
    expect(rows.map((r) => [r.event, r.recipientEmail, r.locale])).toEqual([
      ['proposal.submitted', ORG, 'zh-CN'],
      ['proposal.version_submitted', ORG, 'zh-CN'],
    ]);
    expect(await t.ds.getRepository(AuditLog).countBy({ action: 'proposal.submitted' })).toBe(1);
  });

  it('numbers concurrent first submissions without gaps or duplicates', async () => {
    const callId = await newCall({ maxProposalsPerOrg: 10 });
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push((await draft(callId)).id);
    const res = await Promise.all(
      ids.map((id) => t.http.post(`/api/v1/proposals/${id}/submit`).set(auth(org))),
    );
    expect(res.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(res.map((r) => r.body.number).sort()).toEqual([
      'DG-2027-001',
      'DG-2027-002',
      'DG-2027-003',
      'DG-2027-004',
      'DG-2027-005',
    ]);
  });

  it('counts the per-organisation limit under the call lock: concurrent first submissions never pass a limit of 1', async () => {
    for (let round = 0; round < 3; round++) {
      const callId = await newCall({ maxProposalsPerOrg: 1, code: `R${round}` });
      const a = (await draft(callId)).id;
      const b = (await draft(callId)).id;
      const res = await Promise.all(
        [a, b].map((id) => t.http.post(`/api/v1/proposals/${id}/submit`).set(auth(org))),
      );
      expect(res.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(res.find((r) => r.status === 409)?.body.code).toBe('max_proposals_reached');
    }
  });

  it('resubmits while the admin publishes screening without a deadlock (one lock order: call, then proposal)', async () => {
    for (let round = 0; round < 4; round++) {
      const callId = await newCall({ maxProposalsPerOrg: 10, code: `D${round}` });
      const ids = [(await draft(callId)).id, (await draft(callId)).id];
      for (const id of ids) {
        await t.http.post(`/api/v1/proposals/${id}/submit`).set(auth(org)).expect(200);
        await t.http
          .put(`/api/v1/proposals/${id}/screening`)
          .set(auth(admin))
          .send({ decision: 'eligible' })
          .expect(200);
        // A pending new version: its submission locks the proposal and the call.
        await t.http
          .put(`/api/v1/proposals/${id}`)
          .set(auth(org))
          .send(content([communityIds[0]]))
          .expect(200);
      }
      const res = await Promise.all([
        t.http.post(`/api/v1/proposals/${ids[0]}/submit`).set(auth(org)),
        t.http.post(`/api/v1/calls/${callId}/screening/publish`).set(auth(admin)),
        t.http.post(`/api/v1/proposals/${ids[1]}/submit`).set(auth(org)),
      ]);
      for (const r of res) expect(r.status).toBeLessThan(500);
    }
  });

  it('lets a pending (unverified) organisation draft but not submit: 403 with a code, nothing numbered', async () => {
    const callId = await newCall();
    await t.http
      .post('/api/v1/organisations/signup')
      .send({
        name: '苇湾社区新成立的服务队',
        type: 'resident_services',
        communityId: communityIds[0],
        registrationLevel: 'street',
        foundedOn: '2025-03-15',
        membersCount: 8,
        contactName: '孙丽',
        contactPhone: '0536-8123456',
        memberName: '孙丽',
        memberEmail: 'sun.li@example.cn',
        password: 'org-pass-123',
      })
      .expect(201);
    const pending = await bearer(t.http, 'sun.li@example.cn', 'org-pass-123');
    const d = await draft(callId, pending);
    const res = await t.http
      .post(`/api/v1/proposals/${d.id}/submit`)
      .set(auth(pending))
      .set('Accept-Language', 'en')
      .expect(403);
    expect(res.body).toMatchObject({ code: 'organisation_not_verified' });
    expect(res.body.message).toContain('not been verified');
    const p = await t.ds.getRepository(Proposal).findOneByOrFail({ id: d.id });
    expect(p).toMatchObject({ status: 'draft', number: null, currentVersion: 0 });
  });

  it('shows everyone but the organisation what was submitted; edits after submission are a pending version', async () => {
    const callId = await newCall({ maxProposalsPerOrg: 10 });
    const weiwan = communityIds[0];
    const gongfu = communityIds[3]; // 工福街社区
    const res = await t.http
      .post('/api/v1/proposals')
      .set(auth(org))
      .send({ callId, ...content([weiwan]) })
      .expect(201);
    const id = res.body.id as number;
    await t.http.post(`/api/v1/proposals/${id}/submit`).set(auth(org)).expect(200);
    await t.http
      .put(`/api/v1/proposals/${id}/screening`)
      .set(auth(admin))
      .send({ decision: 'eligible' })
      .expect(200);
    // The organisation changes title, budget and host community without resubmitting.
    await t.http
      .put(`/api/v1/proposals/${id}`)
      .set(auth(org))
      .send({ ...content([gongfu]), title: '改过的标题' })
      .expect(200);
    const own = await t.http.get(`/api/v1/proposals/${id}`).set(auth(org)).expect(200);
    expect(own.body).toMatchObject({ title: '改过的标题', hasUnsubmittedChanges: true });
    const staff = await t.http.get(`/api/v1/proposals/${id}`).set(auth(admin)).expect(200);
    expect(staff.body.title).toBe('苇湾社区老年人日间照料');
    await t.http.get(`/api/v1/proposals/${id}/versions/0`).set(auth(admin)).expect(404);
    const list = await t.http
      .get(`/api/v1/proposals?callId=${callId}`)
      .set(auth(admin))
      .expect(200);
    expect(list.body.items.map((p: { title: string }) => p.title)).toEqual([
      '苇湾社区老年人日间照料',
    ]);
    // Community staff are scoped by the submitted host community, not the working copy's.
    const weiwanStaff = await bearer(t.http, 'weiwan@dongguan.example.cn');
    const gongfuStaff = await bearer(t.http, 'gongfu@dongguan.example.cn');
    await t.http.get(`/api/v1/proposals/${id}`).set(auth(weiwanStaff)).expect(200);
    await t.http.get(`/api/v1/proposals/${id}`).set(auth(gongfuStaff)).expect(404);
    // Submitting the new version sends the unpublished screening back.
    await t.http.post(`/api/v1/proposals/${id}/submit`).set(auth(org)).expect(200);
    const again = await t.http.get(`/api/v1/proposals/${id}`).set(auth(admin)).expect(200);
    expect(again.body).toMatchObject({ title: '改过的标题', screening: null });
    await t.http.get(`/api/v1/proposals/${id}`).set(auth(gongfuStaff)).expect(200);
  });

  it('refuses money with decimals or negatives (400), changing nothing', async () => {
    const callId = await newCall();
    const d = await draft(callId);
    for (const bad of [12.5, -100, '100']) {
      const res = await t.http
        .put(`/api/v1/proposals/${d.id}`)
        .set(auth(org))
        .set('Accept-Language', 'en')
        .send({
          budgetLines: [{ category: 'materials', item: 'x', unitPriceFen: bad, quantity: 1 }],
        })
        .expect(400);
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.details[0]).toMatchObject({
        field: 'budgetLines.0.unitPriceFen',
        code: 'isFen',
      });
    }
    await t.http
      .put(`/api/v1/proposals/${d.id}`)
      .set(auth(org))
      .send({ coFundingFen: 0.5 })
      .expect(400);
    const lines = await t.ds
      .getRepository(ProposalBudgetLine)
      .findBy({ proposalId: d.id, version: 0 });
    expect(lines).toHaveLength(2);
    expect((await t.ds.getRepository(Proposal).findOneByOrFail({ id: d.id })).coFundingFen).toBe(
      200_000,
    );
  });

  it('refuses a budget above the call maximum at submission (400, translated), nothing submitted', async () => {
    const callId = await newCall({ maxGrantFen: 800_000 });
    const d = await draft(callId);
    const res = await t.http.post(`/api/v1/proposals/${d.id}/submit`).set(auth(org)).expect(400);
    expect(res.body).toMatchObject({
      code: 'budget_above_max',
      message: '申请金额 10,000.00 元超过单个项目上限 8,000.00 元。',
    });
    const p = await t.ds.getRepository(Proposal).findOneByOrFail({ id: d.id });
    expect(p).toMatchObject({ status: 'draft', number: null, currentVersion: 0 });
    expect(await t.ds.getRepository(Notification).count()).toBe(0);
  });

  it('refuses an incomplete proposal with field details', async () => {
    const callId = await newCall();
    const res = await t.http
      .post('/api/v1/proposals')
      .set(auth(org))
      .send({ callId, title: '只有标题' })
      .expect(201);
    const sub = await t.http
      .post(`/api/v1/proposals/${res.body.id}/submit`)
      .set(auth(org))
      .expect(400);
    expect(sub.body.code).toBe('proposal_incomplete');
    expect(sub.body.details.map((x: { field: string }) => x.field)).toEqual(
      expect.arrayContaining(['summary', 'budgetLines', 'communityIds']),
    );
  });

  it('makes everything read-only after the deadline (409) and enforces the per-organisation limit', async () => {
    const callId = await newCall({ maxProposalsPerOrg: 1 });
    const a = await draft(callId);
    const b = await draft(callId);
    await t.http.post(`/api/v1/proposals/${a.id}/submit`).set(auth(org)).expect(200);
    const limit = await t.http.post(`/api/v1/proposals/${b.id}/submit`).set(auth(org)).expect(409);
    expect(limit.body.code).toBe('max_proposals_reached');
    await t.ds
      .getRepository(Call)
      .update(callId, { submissionDeadline: new Date(Date.now() - 60_000) });
    const late = await t.http
      .put(`/api/v1/proposals/${a.id}`)
      .set(auth(org))
      .set('Accept-Language', 'en')
      .send({ title: 'changed' })
      .expect(409);
    expect(late.body.code).toBe('submission_closed');
    await t.http.post(`/api/v1/proposals/${b.id}/submit`).set(auth(org)).expect(409);
    await t.http.post(`/api/v1/proposals/${a.id}/withdraw`).set(auth(org)).expect(409);
    expect((await t.ds.getRepository(Proposal).findOneByOrFail({ id: a.id })).title).toBe(
      '苇湾社区老年人日间照料',
    );
  });

  it("answers 404 for another organisation's proposal, 403 for a judge, 401 for the public", async () => {
    const callId = await newCall();
    const d = await draft(callId);
    const other = await t.ds
      .getRepository(Organisation)
      .createQueryBuilder('o')
      .where('o.id != :id', {
        id: (await t.ds.getRepository(Proposal).findOneByOrFail({ id: d.id })).organisationId,
      })
      .getOneOrFail();
    await t.ds.getRepository(User).save(
      t.ds.getRepository(User).create({
        email: 'other@org.example.cn',
        name: '他人',
        role: Role.OrgMember,
        organisationId: other.id,
        communityId: null,
        locale: 'zh-CN',
        active: true,
        lastLoginAt: null,
        passwordHash: (
          await t.ds
            .getRepository(User)
            .findOneOrFail({ where: { email: ORG }, select: { id: true, passwordHash: true } })
        ).passwordHash,
      }),
    );
    const stranger = await bearer(t.http, 'other@org.example.cn');
    await t.http.get(`/api/v1/proposals/${d.id}`).set(auth(stranger)).expect(404);
    await t.http
      .put(`/api/v1/proposals/${d.id}`)
      .set(auth(stranger))
      .send({ title: 'x' })
      .expect(404);
    await t.http.post(`/api/v1/proposals/${d.id}/submit`).set(auth(stranger)).expect(404);
    const judge = await bearer(t.http, JUDGE);
    expect(
      (
        await t.http
          .put(`/api/v1/proposals/${d.id}/screening`)
          .set(auth(judge))
          .send({ decision: 'eligible' })
          .expect(403)
      ).body.code,
    ).toBe('forbidden');
    await t.http.post(`/api/v1/calls/${callId}/screening/publish`).set(auth(judge)).expect(403);
    await t.http.get(`/api/v1/proposals?callId=${callId}`).set(auth(judge)).expect(403);
    await t.http.post(`/api/v1/calls/${callId}/screening/publish`).expect(401);
    await t.http.post('/api/v1/calls').send(callBody()).expect(401);
    await t.http.post('/api/v1/calls').set(auth(org)).send(callBody()).expect(403);
  });

  it('screens: decisions stay hidden until published, then notify; returned proposals are corrected and resubmitted', async () => {
    const callId = await newCall();
    const a = await draft(callId);
    const b = await draft(callId);
    await t.http.post(`/api/v1/proposals/${a.id}/submit`).set(auth(org)).expect(200);
    await t.http.post(`/api/v1/proposals/${b.id}/submit`).set(auth(org)).expect(200);
    const call = await t.http.get(`/api/v1/calls/${callId}`).expect(200);
    const checks = call.body.checklist.map((i: { id: number }) => ({
      checklistItemId: i.id,
      passed: true,
    }));
    await t.http
      .put(`/api/v1/proposals/${a.id}/screening`)
      .set(auth(admin))
      .send({ decision: 'eligible', checks })
      .expect(200);
    await t.http
      .put(`/api/v1/proposals/${b.id}/screening`)
      .set(auth(admin))
      .send({ decision: 'returned' })
      .expect(400);
    await t.http
      .put(`/api/v1/proposals/${b.id}/screening`)
      .set(auth(admin))
      .send({ decision: 'returned', reason: '预算说明不清', correctionDeadline: days(5), checks })
      .expect(200);
    const hidden = await t.http.get(`/api/v1/proposals/${b.id}`).set(auth(org)).expect(200);
    expect(hidden.body).toMatchObject({ status: 'submitted', screening: null });
    await t.http.get(`/api/v1/calls/${callId}/eligible-proposals`).expect(404);
    const before = await t.ds.getRepository(Notification).count();
    await t.http
      .post(`/api/v1/calls/${callId}/screening/publish`)
      .set(auth(admin))
      .expect(200, { published: 2 });
    await t.http.post(`/api/v1/calls/${callId}/screening/publish`).set(auth(admin)).expect(409);
    const shown = await t.http.get(`/api/v1/proposals/${b.id}`).set(auth(org)).expect(200);
    expect(shown.body).toMatchObject({
      status: 'returned',
      screening: { decision: 'returned', reason: '预算说明不清' },
    });
    const events = (await t.ds.getRepository(Notification).find({ order: { id: 'ASC' } }))
      .slice(before)
      .map((n) => n.event);
    expect(events).toEqual(['screening.result', 'screening.result', 'proposal.returned']);
    const pub = await t.http.get(`/api/v1/calls/${callId}/eligible-proposals`).expect(200);
    expect(pub.body.items).toEqual([
      expect.objectContaining({
        number: 'DG-2027-001',
        requestedFen: 1_000_000,
        community: '苇湾社区',
      }),
    ]);
    // Even after the deadline, a returned proposal may be corrected until its correction deadline.
    await t.ds
      .getRepository(Call)
      .update(callId, { submissionDeadline: new Date(Date.now() - 60_000) });
    await t.http
      .put(`/api/v1/proposals/${b.id}`)
      .set(auth(org))
      .send({ summary: '补充预算说明' })
      .expect(200);
    const re = await t.http.post(`/api/v1/proposals/${b.id}/submit`).set(auth(org)).expect(200);
    expect(re.body).toMatchObject({ status: 'submitted', currentVersion: 2, screening: null });
    const list = await t.http
      .get(
        `/api/v1/proposals?callId=${callId}&status=submitted&communityId=${communityIds[4]}&q=${encodeURIComponent('日间')}`,
      )
      .set(auth(admin))
      .expect(200);
    expect(list.body).toMatchObject({ total: 1, page: 1 });
    const xlsx = await t.http
      .get(`/api/v1/calls/${callId}/proposals.xlsx`)
      .set(auth(admin))
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect((xlsx.body as Buffer).subarray(0, 2).toString()).toBe('PK');
  });

  it('uploads attachments: PDF accepted, too big 413, forbidden type 415', async () => {
    const callId = await newCall();
    const d = await draft(callId);
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(100)]);
    const ok = await t.http
      .post(`/api/v1/proposals/${d.id}/attachments`)
      .set(auth(org))
      .attach('file', pdf, { filename: '预算说明.pdf', contentType: 'application/pdf' })
      .expect(201);
    expect(ok.body).toMatchObject({ fileName: '预算说明.pdf', sizeBytes: pdf.length });
    // A draft is the organisation's own: staff cannot read it, or its files, by id.
    await t.http.get(`/api/v1/proposals/${d.id}`).set(auth(admin)).expect(404);
    await t.http
      .get(`/api/v1/proposals/${d.id}/attachments/${ok.body.id}`)
      .set(auth(admin))
      .expect(404);
    await t.http.post(`/api/v1/proposals/${d.id}/submit`).set(auth(org)).expect(200);
    const got = await t.http
      .get(`/api/v1/proposals/${d.id}/attachments/${ok.body.id}`)
      .set(auth(admin))
      .expect(200);
    expect(got.headers['content-type']).toBe('application/pdf');
    const exe = await t.http
      .post(`/api/v1/proposals/${d.id}/attachments`)
      .set(auth(org))
      .attach('file', Buffer.from('MZ....'), {
        filename: 'virus.exe',
        contentType: 'application/octet-stream',
      })
      .expect(415);
    expect(exe.body.code).toBe('file_type_not_allowed');
    const fake = await t.http
      .post(`/api/v1/proposals/${d.id}/attachments`)
      .set(auth(org))
      .attach('file', Buffer.from('not a pdf'), {
        filename: 'x.pdf',
        contentType: 'application/pdf',
      })
      .expect(415);
    expect(fake.body.code).toBe('file_type_not_allowed');
    const big = Buffer.concat([Buffer.from('%PDF'), Buffer.alloc(t.config.UPLOAD_MAX_BYTES + 10)]);
    await t.http
      .post(`/api/v1/proposals/${d.id}/attachments`)
      .set(auth(org))
      .attach('file', big, { filename: 'big.pdf', contentType: 'application/pdf' })
      .expect(413);
    const detail = await t.http.get(`/api/v1/proposals/${d.id}`).set(auth(org)).expect(200);
    expect(detail.body.attachments).toHaveLength(1);
  });

  it('sweeps phases by date (idempotent) and switches by hand with a reason, audited and announced', async () => {
    const callId = await newCall({
      opensAt: days(-3),
      submissionDeadline: days(-2),
      screeningAt: days(-1),
    });
    expect((await t.ds.getRepository(Call).findOneByOrFail({ id: callId })).phase).toBe(
      'screening',
    );
    await t.ds.getRepository(Call).update(callId, { phase: 'open' as never });
    const { CallsService } = await import('@gv/calls');
    const svc = t.app.get(CallsService);
    expect(await svc.sweepPhases()).toBe(1);
    expect(await svc.sweepPhases()).toBe(0);
    expect((await t.ds.getRepository(Call).findOneByOrFail({ id: callId })).phase).toBe(
      'screening',
    );
    await t.http
      .post(`/api/v1/calls/${callId}/phase`)
      .set(auth(admin))
      .send({ phase: 'roadshow' })
      .expect(400);
    const r = await t.http
      .post(`/api/v1/calls/${callId}/phase`)
      .set(auth(admin))
      .send({ phase: 'roadshow', reason: '提前路演' })
      .expect(200);
    expect(r.body.phase).toBe('roadshow');
    expect(await t.ds.getRepository(AuditLog).countBy({ action: 'call.phase_changed' })).toBe(2);
    expect(
      await t.ds
        .getRepository(Notification)
        .countBy({ event: 'call.phase_changed', recipientEmail: ADMIN }),
    ).toBe(2);
    // By hand: no jumping ahead (roadshow → publicity skips scoring), changing nothing.
    const skip = await t.http
      .post(`/api/v1/calls/${callId}/phase`)
      .set(auth(admin))
      .send({ phase: 'publicity', reason: '直接公示' })
      .expect(409);
    expect(skip.body.code).toBe('call_phase_skip');
    expect(await t.ds.getRepository(AuditLog).countBy({ action: 'call.phase_changed' })).toBe(2);
    // Back to open with a reason (submissions reopened): the sweep does not undo it, as the screening
    // date passed before the switch; a phase date after the switch still advances it.
    await t.http
      .post(`/api/v1/calls/${callId}/phase`)
      .set(auth(admin))
      .send({ phase: 'open', reason: '延长征集' })
      .expect(200);
    expect(await svc.sweepPhases()).toBe(0);
    expect((await t.ds.getRepository(Call).findOneByOrFail({ id: callId })).phase).toBe('open');
    await t.ds
      .getRepository(Call)
      .update(callId, { roadshowAt: new Date(Date.now() - 1000), scoringAt: days(1) });
    await t.ds
      .getRepository(Call)
      .update(callId, { phaseSetByHandAt: new Date(Date.now() - 60_000) });
    expect(await svc.sweepPhases()).toBe(1);
    expect((await t.ds.getRepository(Call).findOneByOrFail({ id: callId })).phase).toBe('roadshow');
  });

  it('refuses to set grant limits that strand a submitted request, listing the proposals; changes nothing', async () => {
    const callId = await newCall();
    const d = await draft(callId);
    const s = await t.http.post(`/api/v1/proposals/${d.id}/submit`).set(auth(org)).expect(200);
    const number = s.body.number as string;
    const body = (over: Record<string, unknown>) => callBody(over);
    const requested = s.body.totalFen as number;
    // A pending edit of the working copy does not count: the submitted version does.
    await t.http
      .put(`/api/v1/proposals/${d.id}`)
      .set(auth(org))
      .send({
        budgetLines: [
          { category: 'materials', item: '设备', unitPriceFen: 5_000_000, quantity: 1 },
        ],
      })
      .expect(200);
    const below = await t.http
      .put(`/api/v1/calls/${callId}`)
      .set(auth(admin))
      .set('Accept-Language', 'en')
      .send(body({ maxGrantFen: requested - 100 }))
      .expect(409);
    expect(below.body.code).toBe('call_limits_conflict');
    expect(below.body.message).toContain(number);
    expect(below.body.details).toEqual([
      expect.objectContaining({ field: 'maxGrantFen', code: 'request_above_max' }),
    ]);
    // Amounts read as everywhere else: thousands separators and two decimals.
    expect(below.body.details[0].message).toContain(`requests ${fenToYuan(requested)} yuan`);
    const above = await t.http
      .put(`/api/v1/calls/${callId}`)
      .set(auth(admin))
      .send(body({ minGrantFen: requested + 100 }))
      .expect(409);
    expect(above.body.details[0]).toMatchObject({
      field: 'minGrantFen',
      code: 'request_below_min',
    });
    const after = await t.ds.getRepository(Call).findOneByOrFail({ id: callId });
    expect([after.minGrantFen, after.maxGrantFen]).toEqual([100_000, 2_000_000]);
    // Limits that keep the request inside are accepted.
    await t.http
      .put(`/api/v1/calls/${callId}`)
      .set(auth(admin))
      .send(body({ maxGrantFen: requested, minGrantFen: requested }))
      .expect(200);
  });
});
