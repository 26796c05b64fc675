import ExcelJS from 'exceljs';
import { AuditLog } from '@gv/audit';
import { User } from '@gv/accounts';
import { makeSocialOrgUscc } from '@gv/core';
import { Organisation } from '@gv/organisations';
import { Community } from '@gv/places';
import { bearer, createTestApp, csrfFrom, resetDatabase, TestApp } from '@gv/testing';

const ADMIN = 'admin@dongguan.example.cn';
const WEIWAN_STAFF = 'weiwan@dongguan.example.cn';
const JUDGE = 'judge@dongguan.example.cn';
const ORG = 'org@dongguan.example.cn';

/** A complete, valid district-registered profile; override per test. */
function profile(communityId: number, over: Record<string, unknown> = {}) {
  return {
    name: '苇湾社区助浴服务队',
    type: 'resident_services',
    communityId,
    registrationLevel: 'district',
    creditCode: makeSocialOrgUscc(900001),
    foundedOn: '2021-03-15',
    membersCount: 12,
    contactName: '王丽',
    contactPhone: '0536-8123456',
    ...over,
  };
}

describe('organisations (MariaDB, full api)', () => {
  let t: TestApp;
  let weiwan: Community;
  let gongfu: Community;

  beforeAll(async () => {
    t = await createTestApp();
  });
  beforeEach(async () => {
    await resetDatabase(t.ds, t.config);
    weiwan = await t.ds.getRepository(Community).findOneByOrFail({ code: 'weiwan' });
    gongfu = await t.ds.getRepository(Community).findOneByOrFail({ code: 'gongfujie' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('seeds the report figures: 102 organisations, 25 (24.5%) in 工福街, 51 convenience, 24 incubated by 益民', async () => {
    const admin = await bearer(t.http, ADMIN);
    const stats = await t.http
      .get('/api/v1/organisations/stats')
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    expect(stats.body.total).toBe(102);
    const gf = stats.body.rows.find((r: { communityId: number }) => r.communityId === gongfu.id);
    expect(gf).toMatchObject({ total: 25, share: '24.5' });
    expect(stats.body.typeTotals.find((x: { type: string }) => x.type === 'convenience')).toEqual({
      type: 'convenience',
      count: 51,
      share: '50.0',
    });
    expect(
      await t.ds
        .getRepository(Organisation)
        .countBy({ incubatedBy: '益民社会组织服务中心', communityId: gongfu.id }),
    ).toBe(24);
    const member = await t.ds.getRepository(User).findOneByOrFail({ email: ORG });
    const own = await t.ds
      .getRepository(Organisation)
      .findOneByOrFail({ id: member.organisationId! });
    expect(own).toMatchObject({ name: '苇湾社区日间照料服务队', communityId: weiwan.id });
  });

  it('renders the statistics page (table + inline SVG, no script) and exports the same table to XLSX', async () => {
    const staff = await bearer(t.http, WEIWAN_STAFF);
    const html = await t.http
      .get('/organisations/stats')
      .set('Authorization', `Bearer ${staff}`)
      .set('Accept', 'text/html')
      .expect(200);
    // The page is HTML even with a bearer token: check the figures in the rendered table.
    expect(html.text).toContain('东关街道社区社会组织培育基本情况统计表');
    expect(html.text).toMatch(
      /<th scope="row">工福街社区<\/th>(<td class="num">\d+<\/td>){6}<td class="num">25<\/td><td class="num">24.5%<\/td>/,
    );
    expect(html.text).toContain('<svg');
    // The chart needs no script: the only one is the layout's enhancements.
    expect(html.text.replace('<script src="/assets/layout.js" defer></script>', '')).not.toContain(
      '<script',
    );
    const xlsx = await t.http
      .get('/api/v1/organisations/stats.xlsx')
      .set('Authorization', `Bearer ${staff}`)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as Parameters<typeof wb.xlsx.load>[0]);
    const ws = wb.worksheets[0];
    const values = ws
      .getSheetValues()
      .filter(Boolean)
      .map((r) => (r as unknown[]).slice(1));
    const gfRow = values.find((r) => r[0] === '工福街社区')!;
    expect(gfRow[7]).toBe(25);
    expect(gfRow[8]).toBeCloseTo(0.245, 6);
    const totalRow = values.find((r) => r[0] === '合计')!;
    expect(totalRow[1]).toBe(51);
    expect(totalRow[7]).toBe(102);
  });

  it('keeps the statistics from judges (403), org members (403) and the public (401)', async () => {
    await t.http.get('/api/v1/organisations/stats').expect(401);
    const judge = await bearer(t.http, JUDGE);
    await t.http
      .get('/api/v1/organisations/stats')
      .set('Authorization', `Bearer ${judge}`)
      .expect(403);
    const org = await bearer(t.http, ORG);
    await t.http
      .get('/api/v1/organisations/stats.xlsx')
      .set('Authorization', `Bearer ${org}`)
      .expect(403);
  });

  it('lists with pagination and filters; community staff see their community only', async () => {
    const admin = await bearer(t.http, ADMIN);
    const all = await t.http
      .get('/api/v1/organisations?pageSize=10')
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    expect(all.body).toMatchObject({ page: 1, pageSize: 10, total: 102, pages: 11 });
    const gf = await t.http
      .get(`/api/v1/organisations?communityId=${gongfu.id}&type=convenience`)
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    expect(gf.body.total).toBe(13);
    expect(
      gf.body.items.every(
        (o: { communityId: number; type: string }) =>
          o.communityId === gongfu.id && o.type === 'convenience',
      ),
    ).toBe(true);
    const staff = await bearer(t.http, WEIWAN_STAFF);
    const mine = await t.http
      .get('/api/v1/organisations?pageSize=100')
      .set('Authorization', `Bearer ${staff}`)
      .expect(200);
    expect(mine.body.total).toBe(10);
    const other = gf.body.items[0].id;
    const notFound = await t.http
      .get(`/api/v1/organisations/${other}`)
      .set('Authorization', `Bearer ${staff}`)
      .expect(404);
    expect(notFound.body.code).toBe('not_found');
    await t.http
      .get('/api/v1/organisations?type=bogus')
      .set('Authorization', `Bearer ${admin}`)
      .expect(400);
  });

  it('rejects a wrong check character with 400 and a translated creditCode detail, and writes nothing', async () => {
    const admin = await bearer(t.http, ADMIN);
    const good = makeSocialOrgUscc(900001);
    const wrong = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const before = await t.ds.getRepository(Organisation).count();
    const zh = await t.http
      .post('/api/v1/organisations')
      .set('Authorization', `Bearer ${admin}`)
      .send(profile(weiwan.id, { creditCode: wrong }))
      .expect(400);
    expect(zh.body.code).toBe('validation_failed');
    expect(zh.body.details).toEqual([
      expect.objectContaining({
        field: 'creditCode',
        code: 'isUscc',
        message: '统一社会信用代码不正确（校验位不符）',
      }),
    ]);
    const en = await t.http
      .post('/api/v1/organisations')
      .set('Authorization', `Bearer ${admin}`)
      .set('Accept-Language', 'en')
      .send(profile(weiwan.id, { creditCode: wrong }))
      .expect(400);
    expect(en.body.details[0]).toMatchObject({ field: 'creditCode', code: 'isUscc' });
    expect(en.body.details[0].message).not.toMatch(/[\u4e00-\u9fff]/);
    // Required for district registration, optional otherwise.
    const missing = await t.http
      .post('/api/v1/organisations')
      .set('Authorization', `Bearer ${admin}`)
      .send(profile(weiwan.id, { creditCode: undefined }))
      .expect(400);
    expect(missing.body.details.map((d: { field: string }) => d.field)).toContain('creditCode');
    expect(await t.ds.getRepository(Organisation).count()).toBe(before);
    const filed = await t.http
      .post('/api/v1/organisations')
      .set('Authorization', `Bearer ${admin}`)
      .send(profile(weiwan.id, { registrationLevel: 'community', creditCode: undefined }))
      .expect(201);
    expect(filed.body).toMatchObject({ status: 'verified', creditCode: null });
    // Lower case is normalised; a code already used is 409.
    const created = await t.http
      .post('/api/v1/organisations')
      .set('Authorization', `Bearer ${admin}`)
      .send(profile(weiwan.id, { creditCode: good.toLowerCase() }))
      .expect(201);
    expect(created.body.creditCode).toBe(good);
    const dup = await t.http
      .post('/api/v1/organisations')
      .set('Authorization', `Bearer ${admin}`)
      .send(profile(weiwan.id, { name: '另一个', creditCode: good }))
      .expect(409);
    expect(dup.body.code).toBe('credit_code_taken');
  });

  it('signs up publicly (pending + org_member), the street verifies it (audited), the member logs in and edits it', async () => {
    const res = await t.http
      .post('/api/v1/organisations/signup')
      .send({
        ...profile(weiwan.id, { registrationLevel: 'street', creditCode: '' }),
        memberName: '孙丽',
        memberEmail: 'Sun.Li@example.cn',
        password: 'org-pass-123',
      })
      .expect(201);
    expect(res.body.organisation).toMatchObject({
      status: 'pending',
      registrationLevel: 'street',
      creditCode: null,
    });
    expect(res.body.member).toMatchObject({ email: 'sun.li@example.cn', role: 'org_member' });
    const id = res.body.organisation.id as number;
    const member = await bearer(t.http, 'sun.li@example.cn', 'org-pass-123');
    const mine = await t.http
      .get('/api/v1/organisations/mine')
      .set('Authorization', `Bearer ${member}`)
      .expect(200);
    expect(mine.body.id).toBe(id);
    // The member edits their own organisation, not another.
    await t.http
      .put(`/api/v1/organisations/${id}`)
      .set('Authorization', `Bearer ${member}`)
      .send(
        profile(weiwan.id, {
          registrationLevel: 'street',
          creditCode: undefined,
          membersCount: 20,
        }),
      )
      .expect(200);
    const seeded = (
      await t.ds.getRepository(Organisation).findOneByOrFail({ name: '苇湾社区日间照料服务队' })
    ).id;
    const other = await t.http
      .put(`/api/v1/organisations/${seeded}`)
      .set('Authorization', `Bearer ${member}`)
      .send(profile(weiwan.id, { registrationLevel: 'street', creditCode: undefined }))
      .expect(404);
    expect(other.body.code).toBe('not_found');
    await t.http
      .get(`/api/v1/organisations/${seeded}`)
      .set('Authorization', `Bearer ${member}`)
      .expect(404);
    const list = await t.http
      .get('/api/v1/organisations')
      .set('Authorization', `Bearer ${member}`)
      .expect(200);
    expect(list.body.items.map((o: { id: number }) => o.id)).toEqual([id]);
    // Verification: staff actions are the street admin's only.
    await t.http.post(`/api/v1/organisations/${id}/verify`).expect(401);
    const judge = await bearer(t.http, JUDGE);
    await t.http
      .post(`/api/v1/organisations/${id}/verify`)
      .set('Authorization', `Bearer ${judge}`)
      .expect(403);
    await t.http
      .post(`/api/v1/organisations/${id}/verify`)
      .set('Authorization', `Bearer ${member}`)
      .expect(403);
    const staff = await bearer(t.http, WEIWAN_STAFF);
    await t.http
      .post(`/api/v1/organisations/${id}/verify`)
      .set('Authorization', `Bearer ${staff}`)
      .expect(403);
    expect((await t.ds.getRepository(Organisation).findOneByOrFail({ id })).status).toBe('pending');
    const admin = await bearer(t.http, ADMIN);
    const verified = await t.http
      .post(`/api/v1/organisations/${id}/verify`)
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    expect(verified.body.status).toBe('verified');
    const again = await t.http
      .post(`/api/v1/organisations/${id}/verify`)
      .set('Authorization', `Bearer ${admin}`)
      .expect(409);
    expect(again.body.code).toBe('organisation_status_conflict');
    await t.http
      .post(`/api/v1/organisations/${id}/reject`)
      .set('Authorization', `Bearer ${admin}`)
      .send({ reason: '迟到' })
      .expect(409);
    const audit = await t.ds
      .getRepository(AuditLog)
      .find({ where: { entity: 'organisation', entityId: String(id) }, order: { id: 'ASC' } });
    expect(audit.map((a) => a.action)).toEqual([
      'organisation.signed_up',
      'organisation.updated',
      'organisation.verified',
    ]);
    // Email taken → 409 with the field, nothing written.
    const count = await t.ds.getRepository(Organisation).count();
    const dup = await t.http
      .post('/api/v1/organisations/signup')
      .send({
        ...profile(weiwan.id, { registrationLevel: 'community', creditCode: undefined }),
        memberName: 'x',
        memberEmail: ORG,
        password: 'org-pass-123',
      })
      .expect(409);
    expect(dup.body).toMatchObject({
      code: 'email_taken',
      details: [expect.objectContaining({ field: 'memberEmail' })],
    });
    expect(await t.ds.getRepository(Organisation).count()).toBe(count);
  });

  it('sends a verified organisation back to verification when its member changes a key field; the street admin may change them', async () => {
    const org = await t.ds.getRepository(Organisation).findOneOrFail({
      where: {
        id: (await t.ds.getRepository(User).findOneByOrFail({ email: ORG })).organisationId!,
      },
    });
    expect(org.status).toBe('verified');
    const member = await bearer(t.http, ORG);
    const body = (over: Record<string, unknown> = {}) => ({
      name: org.name,
      type: org.type,
      communityId: org.communityId,
      registrationLevel: org.registrationLevel,
      creditCode: org.creditCode ?? undefined,
      foundedOn: org.foundedOn ?? undefined,
      membersCount: org.membersCount,
      contactName: org.contactName,
      contactPhone: org.contactPhone ?? undefined,
      ...over,
    });
    // Other details: stays verified.
    await t.http
      .put(`/api/v1/organisations/${org.id}`)
      .set('Authorization', `Bearer ${member}`)
      .send(body({ membersCount: org.membersCount + 3, contactName: '新联系人' }))
      .expect(200);
    expect((await t.ds.getRepository(Organisation).findOneByOrFail({ id: org.id })).status).toBe(
      'verified',
    );
    // The community (it decides who screens) is a key field: back to pending, audited.
    const moved = await t.http
      .put(`/api/v1/organisations/${org.id}`)
      .set('Authorization', `Bearer ${member}`)
      .send(body({ communityId: gongfu.id === org.communityId ? weiwan.id : gongfu.id }))
      .expect(200);
    expect(moved.body.status).toBe('pending');
    const audit = await t.ds.getRepository(AuditLog).findOneByOrFail({
      action: 'organisation.reverification_required',
      entityId: String(org.id),
    });
    expect(JSON.parse(String(audit.after))).toMatchObject({
      status: 'pending',
      changed: ['communityId'],
    });
    // Street admin verifies again, then renames it: it stays verified.
    const admin = await bearer(t.http, ADMIN);
    await t.http
      .post(`/api/v1/organisations/${org.id}/verify`)
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    const renamed = await t.http
      .put(`/api/v1/organisations/${org.id}`)
      .set('Authorization', `Bearer ${admin}`)
      .send(body({ name: `${org.name}（更名）` }))
      .expect(200);
    expect(renamed.body.status).toBe('verified');
    // A member's rename sends it back again.
    const again = await t.http
      .put(`/api/v1/organisations/${org.id}`)
      .set('Authorization', `Bearer ${member}`)
      .send(body({ name: `${org.name}（再更名）` }))
      .expect(200);
    expect(again.body.status).toBe('pending');
  });

  it('rejects a pending organisation with a reason (audited), not without one', async () => {
    const res = await t.http
      .post('/api/v1/organisations/signup')
      .send({
        ...profile(gongfu.id, { registrationLevel: 'community', creditCode: undefined }),
        memberName: '钱',
        memberEmail: 'qian@example.cn',
        password: 'org-pass-123',
      })
      .expect(201);
    const id = res.body.organisation.id;
    const admin = await bearer(t.http, ADMIN);
    await t.http
      .post(`/api/v1/organisations/${id}/reject`)
      .set('Authorization', `Bearer ${admin}`)
      .send({})
      .expect(400);
    const rejected = await t.http
      .post(`/api/v1/organisations/${id}/reject`)
      .set('Authorization', `Bearer ${admin}`)
      .send({ reason: '材料不全' })
      .expect(200);
    expect(rejected.body).toMatchObject({
      status: 'rejected',
      reviewNote: '材料不全',
      reviewedAt: expect.any(String),
    });
    const member = await bearer(t.http, 'qian@example.cn', 'org-pass-123');
    const page = await t.http
      .get('/my/organisation')
      .set('Authorization', `Bearer ${member}`)
      .expect(200);
    expect(page.text).toContain('材料不全');
    const row = await t.ds
      .getRepository(AuditLog)
      .findOneByOrFail({ action: 'organisation.rejected', entityId: String(id) });
    expect(row.after).toContain('材料不全');
    await t.http
      .post('/api/v1/organisations/999999/verify')
      .set('Authorization', `Bearer ${admin}`)
      .expect(404);
    await t.http
      .post('/api/v1/organisations/abc/verify')
      .set('Authorization', `Bearer ${admin}`)
      .expect(404);
  });

  it('signs up through the page form: errors next to the fields, then the member lands on their organisation', async () => {
    const form = await t.http.get('/organisations/signup').expect(200);
    expect(form.text).toContain('社会组织注册');
    const cookies = form.headers['set-cookie'] as unknown as string[];
    const good = makeSocialOrgUscc(777);
    const fields = {
      name: '工福街社区修伞队',
      type: 'convenience',
      communityId: String(gongfu.id),
      registrationLevel: 'district',
      creditCode: good.slice(0, 17) + (good[17] === '0' ? '1' : '0'),
      foundedOn: '',
      incubatedBy: '',
      membersCount: '6',
      contactName: '周',
      contactPhone: '',
      contactEmail: '',
      memberName: '周师傅',
      memberEmail: 'zhou@example.cn',
      password: 'org-pass-123',
    };
    const bad = await t.http
      .post('/organisations/signup')
      .set('Cookie', cookies)
      .type('form')
      .send({ _csrf: csrfFrom(form.text), ...fields })
      .expect(400);
    expect(bad.text).toContain('id="o-credit-error"');
    expect(bad.text).toContain('统一社会信用代码不正确（校验位不符）');
    expect(await t.ds.getRepository(User).countBy({ email: 'zhou@example.cn' })).toBe(0);
    const ok = await t.http
      .post('/organisations/signup')
      .set('Cookie', cookies)
      .type('form')
      .send({
        _csrf: csrfFrom(form.text),
        ...fields,
        registrationLevel: 'community',
        creditCode: '',
      })
      .expect(200);
    expect(ok.text).toContain('zhou@example.cn');
    const login = await t.http.get('/login').expect(200);
    const loginCookies = login.headers['set-cookie'] as unknown as string[];
    const signedIn = await t.http
      .post('/login')
      .set('Cookie', loginCookies)
      .type('form')
      .send({
        _csrf: csrfFrom(login.text),
        email: 'zhou@example.cn',
        password: 'org-pass-123',
        next: '/my/organisation',
      })
      .expect(303);
    const session = (signedIn.headers['set-cookie'] as unknown as string[])
      .find((c) => c.startsWith('gv_session='))!
      .split(';')[0];
    const mine = await t.http.get('/my/organisation').set('Cookie', [session]).expect(200);
    expect(mine.text).toContain('工福街社区修伞队');
    expect(mine.text).toContain('待审核');
  });

  it('renders list, detail and edit pages for the street admin, and the edit form shows a wrong code beside the field', async () => {
    const login = await t.http.get('/login').expect(200);
    const res = await t.http
      .post('/login')
      .set('Cookie', login.headers['set-cookie'] as unknown as string[])
      .type('form')
      .send({ _csrf: csrfFrom(login.text), email: ADMIN, password: 'Demo!2026', next: '/' })
      .expect(303);
    const session = (res.headers['set-cookie'] as unknown as string[])
      .find((c) => c.startsWith('gv_session='))!
      .split(';')[0];
    const list = await t.http
      .get(`/organisations?communityId=${gongfu.id}`)
      .set('Cookie', [session, 'gv_lang=en'])
      .expect(200);
    expect(list.text).toContain('25 in all');
    const org = await t.ds
      .getRepository(Organisation)
      .findOneByOrFail({ name: '心相连公益服务中心' });
    const detail = await t.http
      .get(`/organisations/${org.id}`)
      .set('Cookie', [session])
      .expect(200);
    expect(detail.text).toContain(org.creditCode!);
    const edit = await t.http
      .get(`/organisations/${org.id}/edit`)
      .set('Cookie', [session])
      .expect(200);
    const cookies = [session, ...(edit.headers['set-cookie'] as unknown as string[])];
    const posted = await t.http
      .post(`/organisations/${org.id}/edit`)
      .set('Cookie', cookies)
      .type('form')
      .send({
        _csrf: csrfFrom(edit.text),
        name: org.name,
        type: org.type,
        communityId: String(org.communityId),
        registrationLevel: 'district',
        creditCode: org.creditCode!.slice(0, 17) + (org.creditCode![17] === 'A' ? 'B' : 'A'),
        contactName: org.contactName,
        membersCount: '5',
      })
      .expect(400);
    expect(posted.text).toContain('id="o-credit-error"');
    expect(
      (await t.ds.getRepository(Organisation).findOneByOrFail({ id: org.id })).membersCount,
    ).toBe(org.membersCount);
  });
});
