import ExcelJS from 'exceljs';
import { AuditLog } from '@gv/audit';
import { Clock } from '@gv/core';
import {
  DeliveryMilestone,
  DeliveryModule,
  DeliveryProject,
  MilestoneChange,
  ProgressReport,
  ReportFile,
} from '@gv/delivery';
import { Notification } from '@gv/notifications';
import { Organisation } from '@gv/organisations';
import { ProposalBudgetLine } from '@gv/proposals';
import { createTestApp, formLogin, openPage, resetDatabase, TestApp } from '@gv/testing';
import { auth, ORG, Tokens } from './money-fixtures';
import { orgProject, png } from './tracking-fixtures';

/**
 * Progress reports and milestone changes (#12): a report with a photo is returned, fixed and accepted
 * (its milestone done), photos reach the public page only with the consent mark, a report on a
 * terminated project and a milestone date outside the project period are refused with nothing changed,
 * the dashboard counts it all and exports it.
 */
describe('delivery: progress reports, milestone changes, dashboard, public page (MariaDB)', () => {
  let t: TestApp;
  let tk: Tokens;
  let project: DeliveryProject;
  let milestones: DeliveryMilestone[];
  let lines: ProposalBudgetLine[];

  beforeAll(async () => {
    t = await createTestApp();
  });
  beforeEach(async () => {
    await resetDatabase(t.ds, t.config);
    ({ tk, project, milestones } = await orgProject(t));
    lines = await t.ds.getRepository(ProposalBudgetLine).find({
      where: { proposalId: project.proposalId },
      order: { version: 'DESC', position: 'ASC' },
    });
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(async () => {
    await t.close();
  });

  const body = (over: Record<string, unknown> = {}) => ({
    milestoneId: milestones[0].id,
    beneficiaries: 42,
    serviceHours: 120,
    activities: 6,
    narrative: '开展入户走访 6 场，服务独居老人 42 人次。',
    spending: [{ budgetLineId: lines[0].id, spentFen: 150_000 }],
    ...over,
  });
  /** Rows the report and milestone actions write, to show a refused request changed nothing. */
  const snapshot = async () =>
    JSON.stringify([
      await t.ds.getRepository(ProgressReport).find({ order: { id: 'ASC' } }),
      await t.ds.getRepository(ReportFile).count(),
      await t.ds.getRepository(DeliveryMilestone).find({ order: { id: 'ASC' } }),
      await t.ds.getRepository(MilestoneChange).count(),
      await t.ds.getRepository(AuditLog).count(),
      await t.ds.getRepository(Notification).count(),
    ]);
  const events = async (event: string) =>
    t.ds.getRepository(Notification).find({ where: { event }, order: { id: 'ASC' } });

  it('submits a report with a photo; staff return it, the organisation fixes it, staff accept it; the milestone is done', async () => {
    const created = await t.http
      .post(`/api/v1/delivery/projects/${project.id}/reports`)
      .set(auth(tk.org))
      .send(body())
      .expect(201);
    const id = created.body.report.id as number;
    expect(created.body.report).toMatchObject({
      status: 'submitted',
      version: 1,
      beneficiaries: 42,
    });
    expect(created.body.report.spending).toEqual({ [String(lines[0].id)]: 150_000 });
    // A photo of people with consent, one without consent, and a PDF (never public).
    const photo = await t.http
      .post(`/api/v1/delivery/reports/${id}/files`)
      .set(auth(tk.org))
      .field('showsPeople', 'true')
      .field('publicConsent', 'true')
      .attach('file', png(), { filename: '入户走访合影.png', contentType: 'image/png' })
      .expect(201);
    expect(photo.body).toMatchObject({
      fileName: '入户走访合影.png',
      showsPeople: true,
      publicConsent: true,
    });
    const private_ = await t.http
      .post(`/api/v1/delivery/reports/${id}/files`)
      .set(auth(tk.org))
      .field('showsPeople', 'true')
      .attach('file', png(80, 60, [[20, 90, 160]]), {
        filename: 'faces.png',
        contentType: 'image/png',
      })
      .expect(201);
    expect(private_.body.publicConsent).toBe(false);
    // A file whose bytes are not what its type says is refused (415), nothing stored.
    const before = await snapshot();
    const bad = await t.http
      .post(`/api/v1/delivery/reports/${id}/files`)
      .set(auth(tk.org))
      .attach('file', Buffer.from('MZ not an image'), {
        filename: 'x.png',
        contentType: 'image/png',
      });
    expect([bad.status, bad.body.code]).toEqual([415, 'report_file_type']);
    expect(await snapshot()).toBe(before);
    expect(await events('delivery.report_submitted')).not.toHaveLength(0);

    // Returned with comments (only a submitted report; the organisation is told).
    await t.http
      .post(`/api/v1/delivery/reports/${id}/return`)
      .set(auth(tk.admin))
      .send({})
      .expect(400);
    const returned = await t.http
      .post(`/api/v1/delivery/reports/${id}/return`)
      .set(auth(tk.admin))
      .send({ comments: '请补充支出票据对应的活动场次。', version: 1 })
      .expect(200);
    expect(returned.body.report).toMatchObject({
      status: 'returned',
      comments: '请补充支出票据对应的活动场次。',
    });
    expect((await events('delivery.report_returned')).map((n) => n.recipientEmail)).toContain(ORG);
    const notYet = await t.http
      .post(`/api/v1/delivery/reports/${id}/accept`)
      .set(auth(tk.admin))
      .send({});
    expect([notYet.status, notYet.body.code]).toEqual([409, 'report_state']);

    // Fixed and submitted again: version 2; a fix of a stale version is refused.
    const fixed = await t.http
      .put(`/api/v1/delivery/reports/${id}`)
      .set(auth(tk.org))
      .send(body({ activities: 7, version: 1 }))
      .expect(200);
    expect(fixed.body.report).toMatchObject({ status: 'submitted', version: 2, activities: 7 });
    const stale = await t.http
      .put(`/api/v1/delivery/reports/${id}`)
      .set(auth(tk.org))
      .send(body({ version: 1 }));
    expect([stale.status, stale.body.code]).toEqual([409, 'report_version']);
    const staleAccept = await t.http
      .post(`/api/v1/delivery/reports/${id}/accept`)
      .set(auth(tk.admin))
      .send({ version: 1 });
    expect([staleAccept.status, staleAccept.body.code]).toEqual([409, 'report_version']);

    const accepted = await t.http
      .post(`/api/v1/delivery/reports/${id}/accept`)
      .set(auth(tk.admin))
      .send({ version: 2 })
      .expect(200);
    expect(accepted.body.report.status).toBe('accepted');
    const ms = await t.ds
      .getRepository(DeliveryMilestone)
      .findOneByOrFail({ id: milestones[0].id });
    expect(ms.status).toBe('done');
    expect(ms.doneAt).not.toBeNull();
    expect(await events('delivery.report_accepted')).toHaveLength(1);
    // Accepted: no more changes by the organisation.
    const late = await t.http.put(`/api/v1/delivery/reports/${id}`).set(auth(tk.org)).send(body());
    expect([late.status, late.body.code]).toEqual([409, 'report_state']);
    const actions = (
      await t.ds.getRepository(AuditLog).find({ where: { entity: 'progress_report' } })
    ).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'delivery.report_submitted',
        'delivery.report_file_added',
        'delivery.report_returned',
        'delivery.report_resubmitted',
        'delivery.report_accepted',
      ]),
    );

    // The public page: the numbers and narrative, the consented photo only, no contact details.
    const org = await t.ds
      .getRepository(Organisation)
      .findOneByOrFail({ id: project.organisationId });
    const pub = await t.http.get(`/projects/${project.id}`).expect(200);
    expect(pub.text).toContain('开展入户走访 6 场');
    expect(pub.text).toContain(`/projects/${project.id}/photos/${photo.body.id}`);
    expect(pub.text).not.toContain(`/photos/${private_.body.id}`);
    for (const secret of [org.contactName, org.contactPhone, org.contactEmail].filter(Boolean))
      expect(pub.text).not.toContain(secret as string);
    expect(pub.text).not.toContain('入户走访合影.png');
    const img = await t.http.get(`/projects/${project.id}/photos/${photo.body.id}`).expect(200);
    expect(img.headers['content-type']).toBe('image/png');
    await t.http.get(`/projects/${project.id}/photos/${private_.body.id}`).expect(404);
    const api = await t.http.get(`/api/v1/delivery/public/projects/${project.id}`).expect(200);
    expect(api.body.totals).toEqual({ beneficiaries: 42, serviceHours: 120, activities: 7 });
    expect(JSON.stringify(api.body)).not.toMatch(/contact|bank|comments/i);
  });

  it('refuses a report on a terminated project and a milestone date outside the project period, changing nothing', async () => {
    await t.ds.getRepository(DeliveryProject).update(project.id, { status: 'terminated' });
    let before = await snapshot();
    const res = await t.http
      .post(`/api/v1/delivery/projects/${project.id}/reports`)
      .set(auth(tk.org))
      .send(body());
    expect([res.status, res.body.code]).toEqual([409, 'project_terminated']);
    expect(await snapshot()).toBe(before);
    await t.ds.getRepository(DeliveryProject).update(project.id, { status: 'active' });

    before = await snapshot();
    const outside = await t.http
      .post(`/api/v1/delivery/milestones/${milestones[0].id}/changes`)
      .set(auth(tk.org))
      .send({ dueOn: '2027-01-15', reason: '场地推迟' });
    expect([outside.status, outside.body.code]).toEqual([400, 'milestone_outside_period']);
    expect(outside.body.message).toContain('2026-12-31');
    expect(await snapshot()).toBe(before);

    // Within the period: a pending request, approved by the street office (audited before/after).
    const req = await t.http
      .post(`/api/v1/delivery/milestones/${milestones[0].id}/changes`)
      .set(auth(tk.org))
      .send({ dueOn: '2026-06-20', reason: '社区活动室装修，推迟十天' })
      .expect(201);
    const again = await t.http
      .post(`/api/v1/delivery/milestones/${milestones[0].id}/changes`)
      .set(auth(tk.org))
      .send({ deliverable: '走访记录', reason: '再改' });
    expect([again.status, again.body.code]).toEqual([409, 'milestone_change_pending']);
    await t.http
      .post(`/api/v1/delivery/milestone-changes/${req.body.id}/approve`)
      .set(auth(tk.org))
      .send({})
      .expect(403);
    await t.http
      .post(`/api/v1/delivery/milestone-changes/${req.body.id}/approve`)
      .set(auth(tk.admin))
      .send({ note: '同意' })
      .expect(200);
    const ms = await t.ds
      .getRepository(DeliveryMilestone)
      .findOneByOrFail({ id: milestones[0].id });
    expect(ms.dueOn).toBe('2026-06-20');
    const audit = await t.ds
      .getRepository(AuditLog)
      .findOneByOrFail({ action: 'delivery.milestone_changed' });
    expect(audit.before).toContain('2026-06-10');
    expect(audit.after).toContain('2026-06-20');
    expect(await events('delivery.milestone_change_decided')).not.toHaveLength(0);
    const twice = await t.http
      .post(`/api/v1/delivery/milestone-changes/${req.body.id}/reject`)
      .set(auth(tk.admin))
      .send({});
    expect([twice.status, twice.body.code]).toEqual([409, 'milestone_change_state']);
  });

  it('keeps reports to the street office and the organisation, and pages refuse bad forms beside the field', async () => {
    const created = await t.http
      .post(`/api/v1/delivery/projects/${project.id}/reports`)
      .set(auth(tk.org))
      .send(body())
      .expect(201);
    const id = created.body.report.id as number;
    await t.http.get(`/api/v1/delivery/reports/${id}`).set(auth(tk.judge)).expect(404);
    await t.http.get(`/api/v1/delivery/reports/${id}`).set(auth(tk.admin)).expect(200);
    await t.http
      .post(`/api/v1/delivery/reports/${id}/accept`)
      .set(auth(tk.org))
      .send({})
      .expect(403);

    // The page form (multipart, a photo with a Chinese file name): a bad number comes back beside its field.
    const session = await formLogin(t.http, ORG);
    const page = await openPage(t.http, session, `/delivery/projects/${project.id}/reports`);
    const before = await snapshot();
    const refused = await t.http
      .post(`/delivery/projects/${project.id}/reports?_csrf=${encodeURIComponent(page.csrf)}`)
      .set('Cookie', page.cookies)
      .field('beneficiaries', '-3')
      .field('serviceHours', '10')
      .field('activities', '1')
      .field('narrative', '第二次活动')
      .attach('file', png(), { filename: '活动照片.png', contentType: 'image/png' })
      .expect(400);
    expect(refused.text).toContain('id="report-beneficiaries-error"');
    expect(await snapshot()).toBe(before);
    const ok = await t.http
      .post(`/delivery/projects/${project.id}/reports?_csrf=${encodeURIComponent(page.csrf)}`)
      .set('Cookie', page.cookies)
      .field('milestoneId', String(milestones[1].id))
      .field('beneficiaries', '8')
      .field('serviceHours', '10')
      .field('activities', '1')
      .field('narrative', '第二次活动')
      .field(`spending[l${lines[0].id}]`, '12.50')
      .field('showsPeople', 'true')
      .attach('file', png(), { filename: '活动照片.png', contentType: 'image/png' })
      .expect(303);
    const newId = Number(/\/delivery\/reports\/(\d+)/.exec(ok.headers['location'])?.[1]);
    const r = await t.ds.getRepository(ProgressReport).findOneByOrFail({ id: newId });
    expect(r.spending).toEqual({ [String(lines[0].id)]: 1250 });
    const files = await t.ds.getRepository(ReportFile).findBy({ reportId: newId });
    expect(files.map((f) => [f.fileName, f.showsPeople, f.publicConsent])).toEqual([
      ['活动照片.png', true, false],
    ]);
    const shown = await t.http
      .get(`/delivery/reports/${newId}`)
      .set('Cookie', [session])
      .expect(200);
    expect(shown.text).toContain('活动照片.png');
    const dl = await t.http
      .get(`/delivery/reports/${newId}/files/${files[0].id}`)
      .set('Cookie', [session])
      .expect(200);
    expect(dl.headers['content-disposition']).toContain("filename*=UTF-8''");
  });

  it('shows status, budget use and beneficiaries per project and community, with an XLSX export', async () => {
    const created = await t.http
      .post(`/api/v1/delivery/projects/${project.id}/reports`)
      .set(auth(tk.org))
      .send(body({ milestoneId: null }))
      .expect(201);
    await t.http
      .post(`/api/v1/delivery/reports/${created.body.report.id}/accept`)
      .set(auth(tk.admin))
      .send({})
      .expect(200);
    // On 1 July 2026 (the delivery clock, injected) the first milestone (10 June) is overdue.
    jest
      .spyOn(t.app.select(DeliveryModule).get(Clock), 'now')
      .mockReturnValue(new Date('2026-07-01T10:00:00+08:00'));
    const d = await t.http.get('/api/v1/delivery/dashboard').set(auth(tk.admin)).expect(200);
    const row = d.body.rows.find((r: { projectId: number }) => r.projectId === project.id);
    expect(row).toMatchObject({ tracking: 'overdue', beneficiaries: 42, milestonesOverdue: 1 });
    expect(d.body.totals.beneficiaries).toBeGreaterThanOrEqual(42);
    await t.ds.getRepository(DeliveryProject).update(project.id, { status: 'at_risk' });
    const d2 = await t.http.get('/api/v1/delivery/dashboard').set(auth(tk.admin)).expect(200);
    expect(
      d2.body.rows.find((r: { projectId: number }) => r.projectId === project.id).tracking,
    ).toBe('at_risk');
    await t.http.get('/api/v1/delivery/dashboard').set(auth(tk.org)).expect(403);

    const xlsx = await t.http
      .get('/api/v1/delivery/dashboard.xlsx')
      .set(auth(tk.admin))
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as Parameters<typeof wb.xlsx.load>[0]);
    const sheet = wb.worksheets[0];
    const values = sheet.getSheetValues().flat().map(String);
    expect(values).toContain('有风险');
    expect(wb.worksheets.map((w) => w.name)).toEqual(['项目', '社区']);

    const session = await formLogin(t.http, 'admin@dongguan.example.cn');
    const page = await t.http.get('/delivery/dashboard').set('Cookie', [session]).expect(200);
    expect(page.text).toContain('id="chart-status"');
    expect(page.text).toContain('<rect class="bar-at_risk"');
    // The charts need no script: the only one is the layout's enhancements.
    expect(page.text.replace('<script src="/assets/layout.js" defer></script>', '')).not.toMatch(
      /<script/,
    );
  });
});
