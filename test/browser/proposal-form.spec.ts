import { Call, OPEN_DEMO_CALL } from '@gv/calls';
import { Proposal } from '@gv/proposals';
import { BrowserApp, signInPage, startBrowserApp } from '@gv/testing';

/** The proposal form on a phone, as an organisation fills it: limits, nothing lost, nothing half-made. */
describe('the proposal form keeps what was typed and creates nothing from a failed action', () => {
  let app: BrowserApp;
  let callId: number;

  beforeAll(async () => {
    app = await startBrowserApp();
    callId = (await app.t.ds.getRepository(Call).findOneByOrFail({ ...OPEN_DEMO_CALL })).id;
  });
  afterAll(() => app?.close());

  it('limits each field, keeps a long paste within it, and an empty or incomplete submission saves nothing', async () => {
    const page = await signInPage(app, 'org@dongguan.example.cn', { width: 390, height: 844 });
    const { base, t } = app;

    // Without a call the form sends the organisation to its proposals, where open calls are listed.
    await page.goto(`${base}/proposals/new`);
    expect(new URL(page.url()).pathname).toBe('/my/proposals');
    await page.getByRole('link', { name: '新建申报' }).first().click();
    expect(page.url()).toContain(`/proposals/new?callId=${callId}`);

    // The page fits the phone; every text field has its limit, shown beside it.
    expect(
      await page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth'),
    ).toBe(true);
    expect(await page.locator('#p-title').getAttribute('maxlength')).toBe('128');
    expect(await page.locator('#p-summary').getAttribute('maxlength')).toBe('5000');
    expect(await page.locator('#p-activities').getAttribute('maxlength')).toBe('10000');
    expect(await page.getByText('最多 5000 字').count()).toBeGreaterThan(0);

    // A 260,000-character paste is cut at the limit instead of failing the whole form.
    await page.locator('#p-summary').fill('社'.repeat(260_000));
    expect((await page.locator('#p-summary').inputValue()).length).toBe(5000);

    // Submitted with only a title and the summary: refused beside the fields, what was typed is kept,
    // and no draft is created.
    await page.locator('#p-title').fill('楼道微更新');
    await page.getByRole('button', { name: '提交申报' }).click();
    await page.waitForLoadState();
    expect(await page.getByText('申报书尚未填写完整，请补充标出的内容。').count()).toBe(1);
    expect(await page.locator('#p-title').inputValue()).toBe('楼道微更新');
    expect((await page.locator('#p-summary').inputValue()).length).toBe(5000);
    expect(await t.ds.getRepository(Proposal).countBy({ callId })).toBe(0);

    // Saved as a draft, it exists.
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.waitForURL(/\/proposals\/\d+\/edit\?done=saved/);
    expect(await t.ds.getRepository(Proposal).countBy({ callId })).toBe(1);
    await page.close();
  });
});
