import { AuditLog } from '@gv/audit';
import { findOpenNeed, Need, openNeedOptions } from '@gv/needs';
import { Community } from '@gv/places';
import { bearer, createTestApp, csrfFrom, resetDatabase, TestApp } from '@gv/testing';

const ADMIN = 'admin@dongguan.example.cn';
const WEIWAN_STAFF = 'weiwan@dongguan.example.cn';
const JUDGE = 'judge@dongguan.example.cn';
const ORG = 'org@dongguan.example.cn';

describe('community needs (以需定供)', () => {
  let t: TestApp;
  let weiwan: Community;
  let yuanxiao: Community;

  beforeAll(async () => {
    t = await createTestApp();
  });
  beforeEach(async () => {
    await resetDatabase(t.ds, t.config);
    weiwan = await t.ds.getRepository(Community).findOneByOrFail({ code: 'weiwan' });
    yuanxiao = await t.ds.getRepository(Community).findOneByOrFail({ code: 'yuanxiaojie' });
  });
  afterAll(async () => {
    await t.close();
  });

  const need = (communityId: number, over: Record<string, unknown> = {}) => ({
    communityId,
    title: '楼道适老化改造',
    description: '加装扶手与夜间照明。',
    beneficiaryGroups: ['elderly', 'disabled'],
    beneficiaryCount: 90,
    ...over,
  });

  it('shows the seeded needs from the report on the public board, filtered by community and group', async () => {
    const all = await t.http.get('/api/v1/needs?pageSize=50').expect(200);
    expect(all.body.total).toBe(7); // the closed one is not on the board
    const elderly = await t.http
      .get(`/api/v1/needs?communityId=${weiwan.id}&group=elderly`)
      .expect(200);
    expect(elderly.body.items.map((n: { title: string }) => n.title)).toContain(
      '高龄独居老人日间照料与助餐',
    );
    expect(elderly.body.items[0].description + elderly.body.items[1].description).toContain(
      '3054 平方米',
    );
    const youth = await t.http.get('/api/v1/needs?group=youth').expect(200);
    expect(youth.body.items).toEqual([
      expect.objectContaining({ communityId: yuanxiao.id, beneficiaryGroups: ['youth'] }),
    ]);
    const families = await t.http.get('/api/v1/needs?group=families_in_difficulty').expect(200);
    expect(families.body.total).toBe(1);
    const closed = await t.http.get('/api/v1/needs?status=closed').expect(200);
    expect(closed.body.total).toBe(1);
    await t.http.get('/api/v1/needs?group=aliens').expect(400);
    await t.http.get('/api/v1/needs?pageSize=500').expect(400);
    const page = await t.http.get(`/needs?communityId=${weiwan.id}`).expect(200);
    expect(page.text).toContain('高龄独居老人日间照料与助餐');
    expect(page.text).not.toContain('年轻白领参与社区志愿服务');
    const en = await t.http.get('/needs?group=youth').set('Cookie', ['gv_lang=en']).expect(200);
    expect(en.text).toContain('Community needs board');
    expect(en.text).toContain('Youth');
  });

  it('lets community staff post for their own community; another community is 403 and writes nothing', async () => {
    const staff = await bearer(t.http, WEIWAN_STAFF);
    const created = await t.http
      .post('/api/v1/needs')
      .set('Authorization', `Bearer ${staff}`)
      .send(need(weiwan.id))
      .expect(201);
    expect(created.body).toMatchObject({
      communityId: weiwan.id,
      status: 'open',
      beneficiaryGroups: ['elderly', 'disabled'],
    });
    const before = await t.ds.getRepository(Need).count();
    const other = await t.http
      .post('/api/v1/needs')
      .set('Authorization', `Bearer ${staff}`)
      .set('Accept-Language', 'en')
      .send(need(yuanxiao.id))
      .expect(403);
    expect(other.body).toMatchObject({
      code: 'need_other_community',
      message: 'Community staff can only post and manage needs of their own community.',
    });
    // Another community's need: not theirs to edit or close (404), nor to move their own need away (403).
    const youthNeed = (await t.ds.getRepository(Need).findOneByOrFail({ communityId: yuanxiao.id }))
      .id;
    await t.http
      .post(`/api/v1/needs/${youthNeed}/close`)
      .set('Authorization', `Bearer ${staff}`)
      .expect(404);
    await t.http
      .put(`/api/v1/needs/${youthNeed}`)
      .set('Authorization', `Bearer ${staff}`)
      .send(need(weiwan.id))
      .expect(404);
    await t.http
      .put(`/api/v1/needs/${created.body.id}`)
      .set('Authorization', `Bearer ${staff}`)
      .send(need(yuanxiao.id))
      .expect(403);
    expect(await t.ds.getRepository(Need).count()).toBe(before);
    const admin = await bearer(t.http, ADMIN);
    await t.http
      .post('/api/v1/needs')
      .set('Authorization', `Bearer ${admin}`)
      .send(need(yuanxiao.id))
      .expect(201);
    const audit = await t.ds.getRepository(AuditLog).countBy({ action: 'need.created' });
    expect(audit).toBe(2);
  });

  it('refuses the public (401), judges and organisation members (403), and bad input (400)', async () => {
    await t.http.post('/api/v1/needs').send(need(weiwan.id)).expect(401);
    const judge = await bearer(t.http, JUDGE);
    await t.http
      .post('/api/v1/needs')
      .set('Authorization', `Bearer ${judge}`)
      .send(need(weiwan.id))
      .expect(403);
    const org = await bearer(t.http, ORG);
    await t.http
      .post('/api/v1/needs')
      .set('Authorization', `Bearer ${org}`)
      .send(need(weiwan.id))
      .expect(403);
    const staff = await bearer(t.http, WEIWAN_STAFF);
    const bad = await t.http
      .post('/api/v1/needs')
      .set('Authorization', `Bearer ${staff}`)
      .send(need(weiwan.id, { beneficiaryGroups: ['martians'], beneficiaryCount: -3, title: '' }))
      .expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'beneficiaryCount',
      'beneficiaryGroups',
      'title',
    ]);
    const empty = await t.http
      .post('/api/v1/needs')
      .set('Authorization', `Bearer ${staff}`)
      .send(need(weiwan.id, { beneficiaryGroups: [] }))
      .expect(400);
    expect(empty.body.details[0]).toMatchObject({
      field: 'beneficiaryGroups',
      code: 'arrayMinSize',
    });
    expect(await t.ds.getRepository(Need).count()).toBe(8);
  });

  it('posts a need through the page form (checkboxes), then closes it; lookups for proposals see only open needs', async () => {
    const login = await t.http.get('/login').expect(200);
    const res = await t.http
      .post('/login')
      .set('Cookie', login.headers['set-cookie'] as unknown as string[])
      .type('form')
      .send({ _csrf: csrfFrom(login.text), email: WEIWAN_STAFF, password: 'Demo!2026', next: '/' })
      .expect(303);
    const session = (res.headers['set-cookie'] as unknown as string[])
      .find((c) => c.startsWith('gv_session='))!
      .split(';')[0];
    const form = await t.http.get('/needs/new').set('Cookie', [session]).expect(200);
    expect(form.text).not.toContain('院校街社区'); // staff are offered their own community only
    const cookies = [session, ...(form.headers['set-cookie'] as unknown as string[])];
    const bad = await t.http
      .post('/needs/new')
      .set('Cookie', cookies)
      .type('form')
      .send({
        _csrf: csrfFrom(form.text),
        communityId: String(weiwan.id),
        title: '助浴服务',
        description: '失能老人上门助浴',
        beneficiaryCount: '30',
      })
      .expect(400);
    expect(bad.text).toContain('need-groups-error');
    const ok = await t.http
      .post('/needs/new')
      .set('Cookie', cookies)
      .type('form')
      .send(
        `_csrf=${encodeURIComponent(csrfFrom(form.text))}&communityId=${weiwan.id}&title=${encodeURIComponent('助浴服务')}&description=x&beneficiaryGroups=elderly&beneficiaryGroups=disabled&beneficiaryCount=30`,
      )
      .expect(303);
    const id = Number(/\/needs\/(\d+)/.exec(ok.headers['location'])![1]);
    const stored = await t.ds.getRepository(Need).findOneByOrFail({ id });
    expect(stored.beneficiaryGroups).toEqual(['elderly', 'disabled']);
    const edit = await t.http.get(`/needs/${id}/edit`).set('Cookie', [session]).expect(200);
    expect(edit.text).toContain('修改社区需求');
    await t.http
      .post(`/needs/${id}/edit`)
      .set('Cookie', [session, ...(edit.headers['set-cookie'] as unknown as string[])])
      .type('form')
      .send(
        `_csrf=${encodeURIComponent(csrfFrom(edit.text))}&communityId=${weiwan.id}&title=${encodeURIComponent('上门助浴服务')}&description=x&beneficiaryGroups=elderly&beneficiaryCount=40`,
      )
      .expect(303);
    expect(await t.ds.getRepository(Need).findOneByOrFail({ id })).toMatchObject({
      title: '上门助浴服务',
      beneficiaryGroups: ['elderly'],
      beneficiaryCount: 40,
    });
    const youthNeed = (await t.ds.getRepository(Need).findOneByOrFail({ communityId: yuanxiao.id }))
      .id;
    await t.http.get(`/needs/${youthNeed}/edit`).set('Cookie', [session]).expect(404);
    const detail = await t.http.get(`/needs/${id}`).set('Cookie', [session]).expect(200);
    await t.http
      .post(`/needs/${id}/close`)
      .set('Cookie', [session, ...(detail.headers['set-cookie'] as unknown as string[])])
      .type('form')
      .send({ _csrf: csrfFrom(detail.text) })
      .expect(303);
    expect(await findOpenNeed(t.ds.manager, id)).toBeNull();
    const options = await openNeedOptions(t.ds.manager, [weiwan.id]);
    expect(options.map((o) => o.communityId)).toEqual([weiwan.id, weiwan.id]);
    await t.http.get('/needs/999999').expect(404);
  });
});
