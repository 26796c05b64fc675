import { Call } from '@gv/calls';
import { Notification } from '@gv/notifications';
import { Community } from '@gv/places';
import { Proposal, ProposalBudgetLine, ProposalStatus } from '@gv/proposals';
import { Screening } from '@gv/screening';
import {
  bearer,
  createTestApp,
  resetDatabase,
  TestApp,
  callPayload,
  shanghaiInDays as days,
  formLogin,
  openPage,
} from '@gv/testing';

const ADMIN = 'admin@dongguan.example.cn';
const ORG = 'org@dongguan.example.cn';
const WEIWAN = 'weiwan@dongguan.example.cn';
const GONGFU = 'gongfu@dongguan.example.cn';
const JUDGE = 'judge@dongguan.example.cn';

describe('proposal, screening and call pages (server-rendered, no JavaScript)', () => {
  let t: TestApp;
  let weiwanId: number;

  beforeAll(async () => {
    t = await createTestApp();
  });
  beforeEach(async () => {
    await resetDatabase(t.ds, t.config);
    weiwanId = (await t.ds.getRepository(Community).findOneByOrFail({ code: 'weiwan' })).id;
  });
  afterAll(async () => {
    await t.close();
  });

  const login = (email: string) => formLogin(t.http, email);
  const open = (session: string, url: string, status = 200) =>
    openPage(t.http, session, url, status);
  async function newCall(over: Record<string, unknown> = {}) {
    const admin = await bearer(t.http, ADMIN);
    const res = await t.http
      .post('/api/v1/calls')
      .set('Authorization', `Bearer ${admin}`)
      .send(callPayload(over))
      .expect(201);
    return res.body.id as number;
  }
  const formBody = (over: Record<string, unknown> = {}) => ({
    title: '苇湾长者助餐点',
    track: 'venture',
    communityIds: [String(weiwanId), '', ''],
    needId: '',
    beneficiaryGroups: ['elderly'],
    beneficiaryCount: '120',
    summary: '为高龄独居老人提供助餐。',
    objectives: '每周 5 次助餐',
    activities: '助餐、探访',
    team: '社工 3 名，志愿者 20 名',
    coFunding: '2000.50',
    'lines[0][category]': 'materials',
    'lines[0][item]': '助餐食材',
    'lines[0][unitPrice]': '12.50',
    'lines[0][quantity]': '400',
    'lines[1][category]': 'personnel',
    'lines[1][item]': '社工补贴',
    'lines[1][unitPrice]': '500',
    'lines[1][quantity]': '10',
    'lines[2][category]': '',
    'lines[2][item]': '',
    'lines[2][unitPrice]': '',
    'lines[2][quantity]': '',
    'milestones[0][title]': '启动',
    'milestones[0][dueOn]': '2027-06-30',
    'milestones[0][deliverable]': '服务名册',
    'milestones[1][title]': '',
    'milestones[1][dueOn]': '',
    'milestones[1][deliverable]': '',
    ...over,
  });

  it('an organisation member drafts with yuan amounts, sees server totals, adds rows, gets field errors for bad input, submits and diffs versions', async () => {
    const callId = await newCall();
    const org = await login(ORG);
    const mine = await open(org, '/my/proposals');
    expect(mine.res.text).toContain(`/proposals/new?callId=${callId}`);
    expect(mine.res.text).toContain('我的申报');
    const form = await open(org, `/proposals/new?callId=${callId}`);
    expect(form.res.text).toContain('<label for="p-title">项目名称');
    expect(form.res.text).toContain('id="line-2-item"');
    const saved = await t.http
      .post('/proposals/new')
      .set('Cookie', form.cookies)
      .type('form')
      .send({ _csrf: form.csrf, callId: String(callId), action: 'save', ...formBody() })
      .expect(303);
    const id = Number(/\/proposals\/(\d+)\/edit\?done=saved/.exec(saved.headers['location'])![1]);
    const p = await t.ds.getRepository(Proposal).findOneByOrFail({ id });
    expect(p).toMatchObject({ status: 'draft', totalFen: 1_000_000, coFundingFen: 200_050 });
    const edit = await open(org, `/proposals/${id}/edit?done=saved`);
    expect(edit.res.text).toContain('草稿已保存');
    expect(edit.res.text).toMatch(/id="budget-total">10,000\.00/);
    expect(edit.res.text).toContain('5,000.00');

    // "Add rows" re-renders the posted values with five more empty rows; nothing is saved.
    const more = await t.http
      .post(`/proposals/${id}/edit`)
      .set('Cookie', edit.cookies)
      .type('form')
      .send({ _csrf: edit.csrf, action: 'addLines', ...formBody({ title: '改过的标题' }) })
      .expect(200);
    expect(more.text).toContain('id="line-7-item"');
    expect(more.text).toContain('value="改过的标题"');
    expect((await t.ds.getRepository(Proposal).findOneByOrFail({ id })).title).toBe(
      '苇湾长者助餐点',
    );

    // Bad money and quantity: 400, errors next to the fields, nothing changed.
    const bad = await t.http
      .post(`/proposals/${id}/edit`)
      .set('Cookie', edit.cookies)
      .type('form')
      .send({
        _csrf: edit.csrf,
        action: 'save',
        ...formBody({
          'lines[0][unitPrice]': '12.345',
          'lines[1][quantity]': 'abc',
          coFunding: '-5',
        }),
      })
      .expect(400);
    expect(bad.text).toContain('金额必须是最多两位小数的非负数（元）');
    expect(bad.text).toMatch(
      /aria-label="数量 2" aria-invalid="true"><p class="error-text">必须是整数/,
    );
    expect(bad.text).toContain('value="12.345"');
    const lines = await t.ds
      .getRepository(ProposalBudgetLine)
      .find({ where: { proposalId: id, version: 0 }, order: { position: 'ASC' } });
    expect(lines.map((l) => l.unitPriceFen)).toEqual([1_250, 50_000]);

    // Submit: a number, the receipt in the outbox, the detail page.
    const sub = await t.http
      .post(`/proposals/${id}/edit`)
      .set('Cookie', edit.cookies)
      .type('form')
      .send({ _csrf: edit.csrf, action: 'submit', ...formBody() })
      .expect(303);
    expect(sub.headers['location']).toBe(`/proposals/${id}?done=submitted`);
    const detail = await open(org, sub.headers['location']);
    expect(detail.res.text).toContain('申报已提交，编号 DG-2027-001。');
    expect(await t.ds.getRepository(Notification).countBy({ event: 'proposal.submitted' })).toBe(1);

    // A changed budget submitted as version 2; the diff page shows the difference.
    const e2 = await open(org, `/proposals/${id}/edit`);
    await t.http
      .post(`/proposals/${id}/edit`)
      .set('Cookie', e2.cookies)
      .type('form')
      .send({ _csrf: e2.csrf, action: 'submit', ...formBody({ 'lines[0][quantity]': '600' }) })
      .expect(303);
    const diff = await open(org, `/proposals/${id}/diff?from=1&to=2`);
    expect(diff.res.text).toMatch(/id="diff-delta">2,500\.00/);
    expect(diff.res.text).toContain('修改');
    const v1 = await open(org, `/proposals/${id}/versions/1`);
    expect(v1.res.text).toMatch(/id="proposal-total">10,000\.00/);
  });

  it('refuses a budget above the call maximum at submission with the message on the form (400)', async () => {
    const callId = await newCall({ maxGrantFen: 500_000 });
    const org = await login(ORG);
    const form = await open(org, `/proposals/new?callId=${callId}`);
    const res = await t.http
      .post('/proposals/new')
      .set('Cookie', form.cookies)
      .type('form')
      .send({ _csrf: form.csrf, callId: String(callId), action: 'submit', ...formBody() })
      .expect(400);
    expect(res.text).toContain('申请金额 10,000.00 元超过单个项目上限 5,000.00 元。');
    // A failed submission creates nothing; what was typed is on the form again.
    expect(await t.ds.getRepository(Proposal).countBy({ callId })).toBe(0);
    expect(res.text).toContain(`value="${formBody()['title']}"`);
  });

  it('creates nothing from an empty form: submitting marks the missing fields, saving asks for a title', async () => {
    const callId = await newCall();
    const org = await login(ORG);
    const form = await open(org, `/proposals/new?callId=${callId}`);
    const submit = await t.http
      .post('/proposals/new')
      .set('Cookie', form.cookies)
      .type('form')
      .send({ _csrf: form.csrf, callId: String(callId), action: 'submit' })
      .expect(400);
    expect(submit.text).toContain('申报书尚未填写完整，请补充标出的内容。');
    expect(submit.text).toContain('提交前必须填写');
    const save = await t.http
      .post('/proposals/new')
      .set('Cookie', form.cookies)
      .type('form')
      .send({ _csrf: form.csrf, callId: String(callId), action: 'save' })
      .expect(400);
    expect(save.text).toMatch(/id="[^"]*title[^"]*-error"[^>]*>必填/);
    expect(await t.ds.getRepository(Proposal).countBy({ callId })).toBe(0);
  });

  it('is read-only after the deadline: the edit page redirects with a clear message, a post is refused (409) and changes nothing', async () => {
    const callId = await newCall();
    const org = await login(ORG);
    const form = await open(org, `/proposals/new?callId=${callId}`);
    await t.http
      .post('/proposals/new')
      .set('Cookie', form.cookies)
      .type('form')
      .send({ _csrf: form.csrf, callId: String(callId), action: 'save', ...formBody() })
      .expect(303);
    const seeded = await t.ds
      .getRepository(Proposal)
      .findOneByOrFail({ callId, status: ProposalStatus.Draft });
    // The deadline passes (server clock).
    await t.ds
      .getRepository(Call)
      .update(callId, { submissionDeadline: new Date(Date.now() - 60_000) });
    const edit = await open(org, `/proposals/${seeded.id}/edit`, 303);
    expect(edit.res.headers['location']).toBe(`/proposals/${seeded.id}`);
    const detail = await open(org, `/proposals/${seeded.id}`);
    expect(detail.res.text).toContain('申报已截止（以北京时间服务器时钟为准），申报书只读。');
    expect(detail.res.text).not.toContain(`/proposals/${seeded.id}/edit"`);
    const res = await t.http
      .post(`/proposals/${seeded.id}/edit`)
      .set('Cookie', detail.cookies)
      .type('form')
      .send({ _csrf: detail.csrf, action: 'save', ...formBody({ title: '截止后修改' }) })
      .expect(409);
    expect(res.text).toContain('申报已截止');
    expect((await t.ds.getRepository(Proposal).findOneByOrFail({ id: seeded.id })).title).toBe(
      seeded.title,
    );
  });

  it('uploads an attachment through a multipart form with the CSRF token in the action URL; a forbidden type is a 415 on the page', async () => {
    const callId = await newCall();
    const org = await login(ORG);
    const form = await open(org, `/proposals/new?callId=${callId}`);
    const saved = await t.http
      .post('/proposals/new')
      .set('Cookie', form.cookies)
      .type('form')
      .send({ _csrf: form.csrf, callId: String(callId), action: 'save', ...formBody() })
      .expect(303);
    const id = Number(/\/proposals\/(\d+)\//.exec(saved.headers['location'])![1]);
    const d = await open(org, `/proposals/${id}`);
    expect(d.res.text).toContain(`action="/proposals/${id}/attachments?_csrf=`);
    await t.http
      .post(`/proposals/${id}/attachments?_csrf=${encodeURIComponent(d.csrf)}`)
      .set('Cookie', d.cookies)
      .attach('file', Buffer.from('%PDF-1.4 test'), {
        filename: '预算说明.pdf',
        contentType: 'application/pdf',
      })
      .expect(303);
    const bad = await t.http
      .post(`/proposals/${id}/attachments?_csrf=${encodeURIComponent(d.csrf)}`)
      .set('Cookie', d.cookies)
      .attach('file', Buffer.from('MZ....'), {
        filename: 'virus.exe',
        contentType: 'application/octet-stream',
      })
      .expect(415);
    expect(bad.text).toContain('只接受 PDF、图片、Word 和 Excel 文件。');
    const after = await open(org, `/proposals/${id}?done=uploaded`);
    expect(after.res.text).toContain('预算说明.pdf');
    await t.http
      .post(`/proposals/${id}/attachments`)
      .set('Cookie', d.cookies)
      .attach('file', Buffer.from('%PDF-1.4'), {
        filename: 'x.pdf',
        contentType: 'application/pdf',
      })
      .expect(403);
  });

  it('staff screen on the page (reason required, scoped to their community), the admin publishes in one batch, the public sees the eligible list', async () => {
    const callId = await newCall();
    const org = await login(ORG);
    const form = await open(org, `/proposals/new?callId=${callId}`);
    const sub = await t.http
      .post('/proposals/new')
      .set('Cookie', form.cookies)
      .type('form')
      .send({ _csrf: form.csrf, callId: String(callId), action: 'submit', ...formBody() })
      .expect(303);
    const id = Number(/\/proposals\/(\d+)/.exec(sub.headers['location'])![1]);

    const staff = await login(WEIWAN);
    const list = await open(
      staff,
      `/staff/proposals?callId=${callId}&communityId=${weiwanId}&status=submitted&q=${encodeURIComponent('助餐')}`,
    );
    expect(list.res.text).toContain('苇湾长者助餐点');
    // The filter form's "all" choices post empty values: no filter, not a 400.
    expect(
      (await open(staff, `/staff/proposals?callId=${callId}&communityId=&status=&q=`)).res.text,
    ).toContain('苇湾长者助餐点');
    await open(staff, '/staff/proposals?status=bogus', 400);
    expect(list.res.text).not.toContain('公布本届审查结果'); // admins only
    const other = await login(GONGFU);
    await open(other, `/staff/proposals/${id}/screening`, 404);

    const page = await open(staff, `/staff/proposals/${id}/screening`);
    expect(page.res.text).toContain('在东关街道登记或备案');
    const checklistIds = [...page.res.text.matchAll(/name="passed" value="(\d+)"/g)].map(
      (m) => m[1],
    );
    const noReason = await t.http
      .post(`/staff/proposals/${id}/screening`)
      .set('Cookie', page.cookies)
      .type('form')
      .send({ _csrf: page.csrf, decision: 'rejected', reason: '', passed: checklistIds })
      .expect(400);
    expect(noReason.text).toContain('请填写理由');
    const noDeadline = await t.http
      .post(`/staff/proposals/${id}/screening`)
      .set('Cookie', page.cookies)
      .type('form')
      .send({
        _csrf: page.csrf,
        decision: 'returned',
        reason: '补充预算依据',
        correctionDeadline: '',
      })
      .expect(400);
    expect(noDeadline.text).toContain('请填写修改截止时间');
    expect(await t.ds.getRepository(Screening).countBy({ proposalId: id })).toBe(0);
    await t.http
      .post(`/staff/proposals/${id}/screening`)
      .set('Cookie', page.cookies)
      .type('form')
      .send({
        _csrf: page.csrf,
        decision: 'eligible',
        passed: checklistIds,
        [`notes[c${checklistIds[0]}]`]: '已核对',
      })
      .expect(303);
    // Hidden from the organisation until published.
    expect((await open(org, `/proposals/${id}`)).res.text).not.toContain('id="screening-result"');

    await t.http.get(`/calls/${callId}/eligible`).expect(404);
    const judge = await login(JUDGE);
    await open(judge, '/staff/proposals', 403);
    const admin = await login(ADMIN);
    const al = await open(admin, `/staff/proposals?callId=${callId}`);
    expect(al.res.text).toContain(`/staff/calls/${callId}/proposals.xlsx`);
    const pub = await t.http
      .post(`/staff/calls/${callId}/publish`)
      .set('Cookie', al.cookies)
      .type('form')
      .send({ _csrf: al.csrf })
      .expect(303);
    expect((await open(admin, pub.headers['location'])).res.text).toContain('已公布 1 条审查结论');
    const again = await t.http
      .post(`/staff/calls/${callId}/publish`)
      .set('Cookie', al.cookies)
      .type('form')
      .send({ _csrf: al.csrf })
      .expect(409);
    expect(again.text).toContain('没有待公布的审查结论。');
    const xlsx = await t.http
      .get(`/staff/calls/${callId}/proposals.xlsx`)
      .set('Cookie', [admin])
      .expect(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');

    const pubList = await t.http.get(`/calls/${callId}/eligible`).expect(200);
    expect(pubList.text).toContain('苇湾长者助餐点');
    expect(pubList.text).toContain('10,000.00');
    expect((await open(org, `/proposals/${id}`)).res.text).toContain('id="screening-result"');
    expect(
      (await t.ds.getRepository(Call).findOneByOrFail({ id: callId })).screeningPublishedAt,
    ).not.toBeNull();
  });
});
