import { AuditLog } from '@gv/audit';
import { Call, CallChecklistItem, CallNeed } from '@gv/calls';
import { createTestApp, resetDatabase, TestApp, formLogin, openPage } from '@gv/testing';

describe('call pages: public list and detail, the admin form in yuan, the manual phase switch', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  beforeEach(async () => {
    await resetDatabase(t.ds, t.config);
  });
  afterAll(async () => {
    await t.close();
  });

  const login = (email: string) => formLogin(t.http, email);
  const open = (session: string, url: string, status = 200) =>
    openPage(t.http, session, url, status);
  const body = (over: Record<string, unknown> = {}) => ({
    title: '第二届社区公益创投大赛',
    code: 'DG',
    year: '2027',
    tracks: ['venture'],
    description: '',
    budgetCap: '120000',
    minGrant: '3000.5',
    maxGrant: '20000',
    maxProposalsPerOrg: '2',
    checklist: '在东关街道登记或备案\n项目回应社区需求\n',
    rubric: '',
    needIds: [] as string[],
    opensAt: '2027-03-01T09:00',
    submissionDeadline: '2027-04-01T17:00',
    screeningAt: '2027-04-02T09:00',
    roadshowAt: '2027-04-20T09:00',
    scoringAt: '2027-04-21T09:00',
    publicityAt: '2027-05-01T09:00',
    implementationAt: '2027-06-01T09:00',
    closesAt: '2027-12-31T17:00',
    ...over,
  });

  it('shows the seeded call to the public with the budget cap in yuan, the timeline, linked needs and the eligible list', async () => {
    const list = await t.http.get('/calls').expect(200);
    expect(list.text).toContain('首届社区公益创投大赛');
    expect(list.text).toContain('116,000.00');
    const call = await t.ds.getRepository(Call).findOneByOrFail({ code: 'DG' });
    const detail = await t.http.get(`/calls/${call.id}`).expect(200);
    expect(detail.text).toContain('申报截止');
    expect(detail.text).toContain('高龄独居老人日间照料与助餐');
    expect(detail.text).toContain(`/calls/${call.id}/eligible`);
    const eligible = await t.http.get(`/calls/${call.id}/eligible`).expect(200);
    expect(eligible.text).toContain('苇湾银龄日间照料与助餐');
    expect(eligible.text).not.toContain('广场舞队服装购置');
    const en = await t.http.get(`/calls/${call.id}`).set('Cookie', ['gv_lang=en']).expect(200);
    expect(en.text).toContain('Submission deadline');
  });

  it('the admin creates a call in yuan with Shanghai dates; bad input re-renders with field errors and creates nothing', async () => {
    const admin = await login('admin@dongguan.example.cn');
    const form = await open(admin, '/calls/new');
    expect(form.res.text).toContain('<label for="c-budget">资金总额（元）');
    const before = await t.ds.getRepository(Call).count();
    const bad = await t.http
      .post('/calls/new')
      .set('Cookie', form.cookies)
      .type('form')
      .send({
        _csrf: form.csrf,
        ...body({ minGrant: '3.999', maxGrant: '200000', screeningAt: '2027-03-15T09:00' }),
      })
      .expect(400);
    expect(bad.text).toContain('id="c-min-error">金额必须是最多两位小数的非负数（元）');
    expect(await t.ds.getRepository(Call).count()).toBe(before);
    const order = await t.http
      .post('/calls/new')
      .set('Cookie', form.cookies)
      .type('form')
      .send({ _csrf: form.csrf, ...body({ maxGrant: '200000' }) })
      .expect(400);
    expect(order.text).toContain('id="c-max-error">上限不能高于资金总额');
    expect(await t.ds.getRepository(Call).count()).toBe(before);
    const ok = await t.http
      .post('/calls/new')
      .set('Cookie', form.cookies)
      .type('form')
      .send({ _csrf: form.csrf, ...body() })
      .expect(303);
    const id = Number(/\/calls\/(\d+)/.exec(ok.headers['location'])![1]);
    const call = await t.ds.getRepository(Call).findOneByOrFail({ id });
    expect(call).toMatchObject({
      budgetCapFen: 12_000_000,
      minGrantFen: 300_050,
      maxGrantFen: 2_000_000,
      year: 2027,
    });
    expect(call.submissionDeadline.toISOString()).toBe('2027-04-01T09:00:00.000Z');
    expect(await t.ds.getRepository(CallChecklistItem).countBy({ callId: id })).toBe(2);
    expect(await t.ds.getRepository(CallNeed).countBy({ callId: id })).toBe(0);
    const edit = await open(admin, `/calls/${id}/edit`);
    expect(edit.res.text).toContain('value="3000.50"');
    expect(edit.res.text).toContain('value="2027-04-01T17:00"');
    await t.http.post('/calls/new').type('form').send(body()).expect(403);
    const judge = await login('judge@dongguan.example.cn');
    await open(judge, '/calls/new', 403);
  });

  it('refuses on the edit page a maximum grant below what submitted proposals ask for, listing them beside the field', async () => {
    const admin = await login('admin@dongguan.example.cn');
    const call = await t.ds.getRepository(Call).findOneByOrFail({ code: 'DG' });
    const form = await open(admin, `/calls/${call.id}/edit`);
    const res = await t.http
      .post(`/calls/${call.id}/edit`)
      .set('Cookie', form.cookies)
      .type('form')
      .send({
        _csrf: form.csrf,
        ...body({
          year: String(call.year),
          budgetCap: '116000',
          minGrant: '100',
          maxGrant: '1000',
        }),
      })
      .expect(409);
    expect(res.text).toContain('id="call-form-error"');
    expect(res.text).toMatch(/DG-2026-\d{3} 申请 \d{1,3}(,\d{3})*\.\d{2} 元，高于新的上限/);
    const after = await t.ds.getRepository(Call).findOneByOrFail({ id: call.id });
    expect(after.maxGrantFen).toBe(call.maxGrantFen);
    expect(after.title).toBe(call.title);
  });

  it('switches the phase by hand with a reason (audited); no reason is a 400, the same phase a 409', async () => {
    const admin = await login('admin@dongguan.example.cn');
    const call = await t.ds.getRepository(Call).findOneByOrFail({ code: 'DG' });
    const d = await open(admin, `/calls/${call.id}`);
    const noReason = await t.http
      .post(`/calls/${call.id}/phase`)
      .set('Cookie', d.cookies)
      .type('form')
      .send({ _csrf: d.csrf, phase: 'roadshow', reason: '', confirm: 'yes' })
      .expect(400);
    expect(noReason.text).toContain('id="ph-reason-error"');
    const same = await t.http
      .post(`/calls/${call.id}/phase`)
      .set('Cookie', d.cookies)
      .type('form')
      .send({ _csrf: d.csrf, phase: call.phase, reason: '测试', confirm: 'yes' })
      .expect(409);
    expect(same.text).toContain('大赛已处于该阶段。');
    // Only the next phase or an earlier one is offered; jumping ahead is refused.
    expect(call.phase).toBe('screening');
    const offered = [...d.res.text.matchAll(/<option value="(\w+)"/g)].map((m) => m[1]);
    expect(offered).toEqual(['upcoming', 'open', 'roadshow']);
    const skip = await t.http
      .post(`/calls/${call.id}/phase`)
      .set('Cookie', d.cookies)
      .type('form')
      .send({ _csrf: d.csrf, phase: 'publicity', reason: '跳过', confirm: 'yes' })
      .expect(409);
    expect(skip.text).toContain('不能跳过阶段');
    const unconfirmed = await t.http
      .post(`/calls/${call.id}/phase`)
      .set('Cookie', d.cookies)
      .type('form')
      .send({ _csrf: d.csrf, phase: 'roadshow', reason: '路演提前' })
      .expect(400);
    expect(unconfirmed.text).toContain('id="ph-confirm-error"');
    expect(await t.ds.getRepository(AuditLog).countBy({ action: 'call.phase_changed' })).toBe(0);
    const ok = await t.http
      .post(`/calls/${call.id}/phase`)
      .set('Cookie', d.cookies)
      .type('form')
      .send({ _csrf: d.csrf, phase: 'roadshow', reason: '路演提前', confirm: 'yes' })
      .expect(303);
    expect((await open(admin, ok.headers['location'])).res.text).toContain(
      '阶段已切换为“项目路演”。',
    );
    expect(await t.ds.getRepository(AuditLog).countBy({ action: 'call.phase_changed' })).toBe(1);
  });
});
