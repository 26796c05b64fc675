import { Call } from '@gv/calls';
import { ReviewRubric } from '@gv/reviews';
import { createTestApp, formLogin, openPage, resetDatabase, TestApp } from '@gv/testing';

/** The street office edits the rubric on its page until the first sheet is saved (#10). */
describe('reviews: the rubric page', () => {
  let t: TestApp;
  let call: Call;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp();
    await resetDatabase(t.ds, t.config);
    call = await t.ds.getRepository(Call).findOneByOrFail({ code: 'DG' });
    admin = await formLogin(t.http, 'admin@dongguan.example.cn');
  });
  afterAll(async () => {
    await t.close();
  });

  const post = async (form: Record<string, string>, status: number) => {
    const { cookies, csrf } = await openPage(t.http, admin, `/calls/${call.id}/reviews/rubric`);
    return t.http
      .post(`/calls/${call.id}/reviews/rubric`)
      .set('Cookie', cookies)
      .set('Accept-Language', 'en')
      .type('form')
      .send({ _csrf: csrf, ...form })
      .expect(status);
  };
  const base = {
    method: 'median',
    divergenceThreshold: '15',
    'criteria[0][id]': 'need',
    'criteria[0][label]': '需求回应',
    'criteria[0][labelEn]': 'Response to need',
    'criteria[0][maxPoints]': '60',
    'criteria[0][weight]': '2',
    'criteria[0][levels]': '未回应\n部分回应\n精准回应',
    'criteria[1][id]': 'budget',
    'criteria[1][label]': '预算',
    'criteria[1][labelEn]': 'Budget',
    'criteria[1][maxPoints]': '40',
    'criteria[1][weight]': '1',
    'criteria[1][allowNa]': 'true',
    'criteria[2][id]': '',
    'criteria[2][label]': '',
    'criteria[2][labelEn]': '',
    'criteria[2][maxPoints]': '',
    'gw[expert]': '40',
    'gw[street]': '20',
    'gw[community]': '20',
    'gw[resident]': '20',
    tieBreak: 'need',
  };

  it('shows a frozen rubric read-only and refuses a change (409, nothing changed)', async () => {
    const before = await t.ds.getRepository(ReviewRubric).findOneByOrFail({ callId: call.id });
    expect(before.frozenAt).not.toBeNull();
    const { res } = await openPage(t.http, admin, `/calls/${call.id}/reviews/rubric`);
    expect(res.text).toContain('id="rubric-frozen"');
    const r = await post(base, 409);
    expect(r.text).toContain('rubric-error');
    const after = await t.ds.getRepository(ReviewRubric).findOneByOrFail({ callId: call.id });
    expect(after.criteria).toEqual(before.criteria);
  });

  it('saves criteria, levels, N/A, the method, the tie-break and the group weights; bad rows are named', async () => {
    const repo = t.ds.getRepository(ReviewRubric);
    const r0 = await repo.findOneByOrFail({ callId: call.id });
    await repo.update(r0.id, { frozenAt: null });
    const bad = await post(
      { ...base, 'criteria[1][maxPoints]': '500', 'criteria[0][id]': 'Need!' },
      400,
    );
    expect(bad.text).toMatch(/rubric-max-1-error/);
    expect((await repo.findOneByOrFail({ callId: call.id })).criteria).toEqual(r0.criteria);
    await post(base, 303);
    const saved = await repo.findOneByOrFail({ callId: call.id });
    expect(saved).toMatchObject({
      method: 'median',
      divergenceThreshold: 15,
      tieBreak: 'need',
      groupWeights: { expert: 40, street: 20, community: 20, resident: 20 },
    });
    expect(saved.criteria).toEqual([
      {
        id: 'need',
        label: '需求回应',
        labelEn: 'Response to need',
        maxPoints: 60,
        weight: 2,
        allowNa: false,
        levels: ['未回应', '部分回应', '精准回应'],
      },
      {
        id: 'budget',
        label: '预算',
        labelEn: 'Budget',
        maxPoints: 40,
        weight: 1,
        allowNa: true,
        levels: [],
      },
    ]);
  });
});
