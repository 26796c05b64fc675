import ExcelJS from 'exceljs';
import { DomainEvents } from '@gv/database';
import { Proposal, ProposalEvents } from '@gv/proposals';
import { Screening } from '@gv/screening';
import {
  bearer,
  createTestApp,
  resetDatabase,
  TestApp,
  callPayload,
  shanghaiInDays as days,
} from '@gv/testing';

const ADMIN = 'admin@dongguan.example.cn';
const ORG = 'org@dongguan.example.cn';

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
  coFundingFen: 0,
  budgetLines: [{ category: 'materials', item: '助餐食材', unitPriceFen: 1_250, quantity: 400 }],
  milestones: [{ title: '启动', dueOn: '2026-06-30', deliverable: '服务名册' }],
});

/** Proposals (below) publishes domain events; screening (above) reacts in the same transaction. */
describe('screening reacts to proposal events (MariaDB)', () => {
  let t: TestApp;
  let admin: string;
  let org: string;
  let communityId: number;
  const auth = (tok: string) => ({ Authorization: `Bearer ${tok}` });

  beforeAll(async () => {
    t = await createTestApp();
  });
  beforeEach(async () => {
    await resetDatabase(t.ds, t.config);
    admin = await bearer(t.http, ADMIN);
    org = await bearer(t.http, ORG);
    const c = await t.http.get('/api/v1/communities').expect(200);
    communityId = c.body.items[0].id;
  });
  afterAll(async () => {
    await t.close();
  });

  async function submittedAndScreened(decision: 'eligible' | 'returned') {
    const call = await t.http
      .post('/api/v1/calls')
      .set(auth(admin))
      .send(callPayload({ checklist: ['材料齐全'] }))
      .expect(201);
    const p = await t.http
      .post('/api/v1/proposals')
      .set(auth(org))
      .send({ callId: call.body.id, ...content([communityId]) })
      .expect(201);
    await t.http.post(`/api/v1/proposals/${p.body.id}/submit`).set(auth(org)).expect(200);
    await t.http
      .put(`/api/v1/proposals/${p.body.id}/screening`)
      .set(auth(admin))
      .send(
        decision === 'eligible'
          ? { decision }
          : { decision, reason: '预算说明不清', correctionDeadline: days(5) },
      )
      .expect(200);
    return { callId: call.body.id as number, id: p.body.id as number };
  }

  it('a withdrawn proposal keeps no decision, so publishing never turns it back into eligible', async () => {
    const { callId, id } = await submittedAndScreened('eligible');
    expect(await t.ds.getRepository(Screening).countBy({ proposalId: id })).toBe(1);
    await t.http.post(`/api/v1/proposals/${id}/withdraw`).set(auth(org)).expect(200);
    expect(await t.ds.getRepository(Screening).countBy({ proposalId: id })).toBe(0);
    await t.http.post(`/api/v1/calls/${callId}/screening/publish`).set(auth(admin)).expect(409);
    const p = await t.ds.getRepository(Proposal).findOneByOrFail({ id });
    expect(p.status).toBe('withdrawn');
  });

  it('the staff list shows a recorded decision as unpublished at once, and the published status after publishing', async () => {
    const { callId, id } = await submittedAndScreened('eligible');
    const row = async () => {
      const res = await t.http
        .get(`/staff/proposals?callId=${callId}`)
        .set('Cookie', `gv_session=${admin}`)
        .expect(200);
      return res.text.slice(res.text.indexOf(`/proposals/${id}`)).slice(0, 2_000);
    };
    expect(await row()).toContain('已审查：通过（未公布）');
    // Undecided again (a returned decision replaces it): the list follows every change at once.
    await t.http
      .put(`/api/v1/proposals/${id}/screening`)
      .set(auth(admin))
      .send({ decision: 'returned', reason: '预算说明不清', correctionDeadline: days(5) })
      .expect(200);
    expect(await row()).toContain('已审查：退回修改（未公布）');
    await t.http.post(`/api/v1/calls/${callId}/screening/publish`).set(auth(admin)).expect(200);
    const after = await row();
    expect(after).not.toContain('未公布');
    expect(after).toContain('退回修改');
  });

  it('a returned proposal keeps its correction deadline on the proposal; resubmitting clears the old decision', async () => {
    const { callId, id } = await submittedAndScreened('returned');
    await t.http.post(`/api/v1/calls/${callId}/screening/publish`).set(auth(admin)).expect(200);
    const returned = await t.ds.getRepository(Proposal).findOneByOrFail({ id });
    expect(returned.status).toBe('returned');
    expect(returned.correctionDeadline).toBeInstanceOf(Date);
    await t.http
      .put(`/api/v1/proposals/${id}`)
      .set(auth(org))
      .send({ ...content([communityId]), summary: '补充了预算说明。' })
      .expect(200);
    await t.http.post(`/api/v1/proposals/${id}/submit`).set(auth(org)).expect(200);
    const again = await t.ds.getRepository(Proposal).findOneByOrFail({ id });
    expect(again).toMatchObject({ status: 'submitted', correctionDeadline: null });
    expect(await t.ds.getRepository(Screening).countBy({ proposalId: id })).toBe(0);
  });

  it("a handler's failure rolls back the publisher's change; publishing outside a transaction is refused", async () => {
    const { id } = await submittedAndScreened('eligible');
    const events = t.app.get(DomainEvents);
    const failing = async () => {
      throw new Error('handler failed');
    };
    events.on(ProposalEvents.Withdrawn, failing);
    try {
      await t.http.post(`/api/v1/proposals/${id}/withdraw`).set(auth(org)).expect(500);
    } finally {
      events.off(ProposalEvents.Withdrawn, failing);
    }
    const p = await t.ds.getRepository(Proposal).findOneByOrFail({ id });
    expect(p.status).toBe('submitted');
    expect(await t.ds.getRepository(Screening).countBy({ proposalId: id })).toBe(1);
    await expect(
      events.publish(t.ds.manager, { type: ProposalEvents.Withdrawn, proposalId: id }),
    ).rejects.toThrow(/outside a transaction/);
  });

  it('exports what was submitted (not the working copy), with formula-like text neutralised', async () => {
    const call = await t.http
      .post('/api/v1/calls')
      .set(auth(admin))
      .send(callPayload({ code: '东关', checklist: ['材料齐全'] }))
      .expect(201);
    const body = {
      ...content([communityId]),
      title: '=HYPERLINK("http://evil.example","点我")',
      budgetLines: [
        { category: 'materials', item: '+cmd|calc', unitPriceFen: 1_250, quantity: 400 },
      ],
    };
    const p = await t.http
      .post('/api/v1/proposals')
      .set(auth(org))
      .send({ callId: call.body.id, ...body })
      .expect(201);
    await t.http.post(`/api/v1/proposals/${p.body.id}/submit`).set(auth(org)).expect(200);
    // An edit after submission stays a pending working copy: the export must not show it.
    await t.http
      .put(`/api/v1/proposals/${p.body.id}`)
      .set(auth(org))
      .send({ ...body, title: '提交后改过的标题' })
      .expect(200);
    const res = await t.http
      .get(`/api/v1/calls/${call.body.id}/proposals.xlsx`)
      .set(auth(admin))
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    const [sheet, budget] = wb.worksheets;
    expect(sheet.getRow(2).getCell(2).value).toBe(`'=HYPERLINK("http://evil.example","点我")`);
    expect(budget.getRow(2).getCell(3).value).toBe("'+cmd|calc");
  });
});
