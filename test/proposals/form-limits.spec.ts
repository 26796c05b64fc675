import { InviteUserDto, LoginFormDto, User } from '@gv/accounts';
import { Call, OPEN_DEMO_CALL } from '@gv/calls';
import { CalendarDayDto } from '@gv/funding';
import { Organisation } from '@gv/organisations';
import { ConflictDeclarationDto, PanelMemberDto } from '@gv/panels';
import { Proposal } from '@gv/proposals';
import { Community } from '@gv/places';
import { RubricDto } from '@gv/reviews';
import { PledgeDto, Roadshow } from '@gv/roadshows';
import { createTestApp, formLogin, openPage, resetDatabase, TestApp } from '@gv/testing';
import { formLimits } from '@gv/web';

const ADMIN = 'admin@dongguan.example.cn';
const ORG = 'org@dongguan.example.cn';
const JUDGE = 'judge@dongguan.example.cn';

/** Issue #13: forms show the server's limits, keep what was typed, say 必填 for empty fields, create nothing on failure. */
describe('page forms: limits, clear messages, nothing made by a failed action', () => {
  let t: TestApp;
  let callId: number;
  let weiwanId: number;

  beforeAll(async () => {
    t = await createTestApp();
    await resetDatabase(t.ds, t.config);
    callId = (await t.ds.getRepository(Call).findOneByOrFail({ ...OPEN_DEMO_CALL })).id;
    weiwanId = (await t.ds.getRepository(Community).findOneByOrFail({ code: 'weiwan' })).id;
  });
  afterAll(() => t?.close());

  const proposals = () => t.ds.getRepository(Proposal).countBy({ callId });
  const errorsOf = (html: string) =>
    [...html.matchAll(/class="error-text"[^>]*>([^<]*)/g)].map((m) => m[1]);

  it('the proposal form carries the DTO limits and the largest body the server takes', async () => {
    const org = await formLogin(t.http, ORG);
    const { res } = await openPage(t.http, org, `/proposals/new?callId=${callId}`);
    expect(res.text).toMatch(/id="p-title" name="title"[^>]* maxlength="128"/);
    expect(res.text).toMatch(/id="p-summary" name="summary" maxlength="5000"/);
    expect(res.text).toMatch(/id="p-activities" name="activities" maxlength="10000"/);
    expect(res.text).toMatch(/id="p-team" name="team" maxlength="5000"/);
    expect(res.text).toMatch(/id="line-0-item"[^>]* maxlength="128"/);
    expect(res.text).toMatch(/id="ms-0-title"[^>]* maxlength="128"/);
    expect(res.text).toMatch(/id="ms-0-deliverable"[^>]* maxlength="255"/);
    expect(res.text).toContain(`data-max-bytes="${t.config.bodyLimitBytes}"`);
    expect(res.text).toContain('最多 10000 字');
  });

  it('a form too large for the server gets a page that says so and leads back; nothing is saved', async () => {
    const org = await formLogin(t.http, ORG);
    const f = await openPage(t.http, org, `/proposals/new?callId=${callId}`);
    const before = await proposals();
    const res = await t.http
      .post('/proposals/new')
      .set('Cookie', f.cookies)
      .type('form')
      .send({
        _csrf: f.csrf,
        callId: String(callId),
        title: '楼道微更新',
        summary: '社'.repeat(260_000),
        action: 'save',
      })
      .expect(413);
    expect(res.text).toContain('没有保存任何内容');
    expect(res.text).toMatch(/上限为 1\.0 MB/);
    expect(res.text).toContain('<nav');
    expect(await proposals()).toBe(before);
  });

  it('a link to the form without a call, or with a mangled one, leads to the open calls', async () => {
    const org = await formLogin(t.http, ORG);
    for (const url of ['/proposals/new', '/proposals/new?callId=abc', '/proposals/new?callId=-1']) {
      const res = await t.http.get(url).set('Cookie', [org]).expect(303);
      expect(res.headers['location']).toBe('/my/proposals');
    }
    const mine = await openPage(t.http, org, '/my/proposals');
    expect(mine.res.text).toContain(`href="/proposals/new?callId=${callId}">新建申报`);
  });

  it('a budget row being filled in says 必填 for an empty price or quantity, and keeps what was typed', async () => {
    const org = await formLogin(t.http, ORG);
    const f = await openPage(t.http, org, `/proposals/new?callId=${callId}`);
    const res = await t.http
      .post('/proposals/new')
      .set('Cookie', f.cookies)
      .type('form')
      .send({
        _csrf: f.csrf,
        callId: String(callId),
        title: '楼道微更新',
        'lines[0][category]': 'materials',
        'lines[0][item]': '油漆',
        'lines[0][unitPrice]': '',
        'lines[0][quantity]': '',
        'milestones[0][title]': '启动',
        'milestones[0][dueOn]': '',
        'milestones[0][deliverable]': '',
        action: 'save',
      })
      .expect(400);
    expect(res.text).toMatch(/aria-label="单价（元） 1"[^>]*><p class="error-text">必填/);
    expect(res.text).toMatch(/aria-label="数量 1"[^>]*><p class="error-text">必填/);
    expect(res.text).toMatch(/aria-label="完成日期 1"[^>]*><p class="error-text">必填/);
    expect(res.text).toMatch(/aria-label="交付成果 1"[^>]*><p class="error-text">必填/);
    expect(res.text).toContain('value="油漆"');
    expect(res.text).not.toContain('金额必须是');
    expect(await proposals()).toBe(0);
  });

  it('a submission the organisation may not make yet is refused before anything is saved', async () => {
    const org = await formLogin(t.http, ORG);
    const member = await t.ds.getRepository(User).findOneByOrFail({ email: ORG });
    const orgRow = await t.ds
      .getRepository(Organisation)
      .findOneByOrFail({ id: member.organisationId! });
    await t.ds.getRepository(Organisation).update(orgRow.id, { status: 'pending' });
    try {
      const f = await openPage(t.http, org, `/proposals/new?callId=${callId}`);
      const res = await t.http
        .post('/proposals/new')
        .set('Cookie', f.cookies)
        .type('form')
        .send({
          _csrf: f.csrf,
          callId: String(callId),
          title: '楼道微更新',
          track: 'self_governance',
          communityIds: [String(weiwanId), '', ''],
          beneficiaryGroups: ['elderly'],
          beneficiaryCount: '60',
          summary: '把楼道刷白',
          objectives: '楼道整洁',
          activities: '粉刷、清理',
          team: '志愿者 10 名',
          'lines[0][category]': 'materials',
          'lines[0][item]': '油漆',
          'lines[0][unitPrice]': '50',
          'lines[0][quantity]': '60',
          'milestones[0][title]': '完工',
          'milestones[0][dueOn]': '2027-09-30',
          'milestones[0][deliverable]': '照片',
          action: 'submit',
        })
        .expect(403);
      expect(res.text).toContain('尚未通过街道审核');
      expect(res.text).toContain('role="alert"');
      expect(res.text).toContain('value="楼道微更新"');
      expect(res.text).toContain('把楼道刷白');
      expect(await proposals()).toBe(0);
    } finally {
      await t.ds.getRepository(Organisation).update(orgRow.id, { status: 'verified' });
    }
  });

  it('the organisation form: limits beside the fields; 必填 for empty ones, "at least 0" for a negative count', async () => {
    const admin = await formLogin(t.http, ADMIN);
    const f = await openPage(t.http, admin, '/organisations/new');
    expect(f.res.text).toMatch(/id="o-name" name="name"[^>]* maxlength="128"/);
    expect(f.res.text).toMatch(/id="o-contact" name="contactName"[^>]* maxlength="64"/);
    expect(f.res.text).toMatch(/id="o-email" name="contactEmail"[^>]* maxlength="191"/);
    const before = await t.ds.getRepository(Organisation).count();
    const res = await t.http
      .post('/organisations/new')
      .set('Cookie', f.cookies)
      .type('form')
      .send({
        _csrf: f.csrf,
        name: '楼道互助队',
        type: 'volunteer',
        communityId: '',
        registrationLevel: 'district',
        creditCode: '',
        membersCount: '-5',
        contactName: '',
      })
      .expect(400);
    const html = res.text;
    expect(html).toMatch(/id="o-community-error">必填/);
    expect(html).toMatch(/id="o-credit-error">必填/);
    expect(html).toMatch(/id="o-members-error">不能小于 0/);
    expect(html).toMatch(/id="o-contact-error">必填/);
    expect(html).toContain('value="楼道互助队"');
    expect(errorsOf(html).join(' ')).not.toMatch(/不能大于|校验位|不能小于 1/);
    expect(await t.ds.getRepository(Organisation).count()).toBe(before);
    const signup = await t.http.get('/organisations/signup').expect(200);
    expect(signup.text).toMatch(/id="s-member" name="memberName"[^>]* maxlength="64"/);
  });

  it('the call form says 必填 for an empty amount or date, and English copy uses ASCII punctuation', async () => {
    const admin = await formLogin(t.http, ADMIN);
    const f = await openPage(t.http, admin, '/calls/new');
    expect(f.res.text).toMatch(/id="c-title" name="title"[^>]* maxlength="128"/);
    const before = await t.ds.getRepository(Call).count();
    const res = await t.http
      .post('/calls/new')
      .set('Cookie', f.cookies)
      .type('form')
      .send({
        _csrf: f.csrf,
        code: 'QQ',
        year: '2028',
        title: '第三期',
        budgetCap: '',
        minGrant: 'abc',
      })
      .expect(400);
    expect(res.text).toMatch(/id="c-budget-error">必填/);
    expect(res.text).toMatch(/id="c-max-error">必填/);
    expect(res.text).toMatch(/id="c-min-error">金额必须是最多两位小数的非负数（元）/);
    expect(res.text).toMatch(/id="submissionDeadline-error">必填/);
    expect(await t.ds.getRepository(Call).count()).toBe(before);

    const en = await t.http.get('/calls/new').set('Cookie', [admin, 'gv_lang=en']).expect(200);
    expect(en.text).toMatch(/<legend>Timeline \([^）]*\)<\/legend>/);
    const need = await t.http
      .get(`/proposals/new?callId=${callId}`)
      .set('Cookie', [await formLogin(t.http, ORG), 'gv_lang=en'])
      .expect(200);
    expect(need.text).not.toMatch(/<option value="\d+"[^>]*>[^<]*（/);
  });

  it('the forms of accounts, funding, roadshows, panels and reviews carry their DTOs’ limits', async () => {
    const admin = await formLogin(t.http, ADMIN);
    const judge = await formLogin(t.http, JUDGE);
    const dg = await t.ds.getRepository(Call).findOneByOrFail({ code: 'DG' });
    const roadshow = await t.ds.getRepository(Roadshow).findOneByOrFail({ callId: dg.id });
    /** The field's input or textarea carries the DTO's limit (a real one: the test can fail). */
    const carries = (html: string, id: string, name: string, max: number | undefined) => {
      expect(max).toBeGreaterThan(0);
      expect(html).toMatch(new RegExp(`id="${id}" name="${name}"[^>]* maxlength="${max}"`));
    };

    const login = (await t.http.get('/login').expect(200)).text;
    carries(login, 'email', 'email', formLimits(LoginFormDto)['email']);
    // a password field gets the limit, without the "at most" text beside it
    carries(login, 'password', 'password', formLimits(LoginFormDto)['password']);
    expect(login).not.toContain(`最多 ${formLimits(LoginFormDto)['password']} 字`);
    const users = (await openPage(t.http, admin, '/admin/users')).res.text;
    carries(users, 'inv-name', 'name', formLimits(InviteUserDto)['name']);
    expect(users).toContain(`最多 ${formLimits(InviteUserDto)['name']} 字`);

    const calendar = (await openPage(t.http, admin, '/admin/work-calendar')).res.text;
    carries(calendar, 'day-name', 'name', formLimits(CalendarDayDto)['name']);

    const day = (await openPage(t.http, admin, `/roadshows/${roadshow.id}/day`)).res.text;
    carries(day, 'p-sponsor', 'sponsor', formLimits(PledgeDto)['sponsor']);
    carries(day, 'p-contact', 'contact', formLimits(PledgeDto)['contact']);

    const panel = (await openPage(t.http, admin, `/calls/${dg.id}/panel`)).res.text;
    carries(panel, 'pm-title', 'title', formLimits(PanelMemberDto)['title']);
    const mine = (await openPage(t.http, judge, '/my/panel')).res.text;
    expect(mine).toMatch(
      new RegExp(
        `id="d-reason-\\d+" name="reason" maxlength="${formLimits(ConflictDeclarationDto)['reason']}"`,
      ),
    );

    const rubric = (await openPage(t.http, admin, `/calls/${dg.id}/reviews/rubric`)).res.text;
    carries(rubric, 'rubric-tiebreak', 'tieBreak', formLimits(RubricDto)['tieBreak']);
  });
});
