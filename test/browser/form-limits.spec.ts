import { Call, OPEN_DEMO_CALL } from '@gv/calls';
import { Proposal } from '@gv/proposals';
import { BrowserApp, signInPage, startBrowserApp } from '@gv/testing';

/** Issue #13: what a browser sees when a form would be too large, and the limits beside the fields. */
describe('forms never lose work to the server limit', () => {
  let app: BrowserApp;
  let callId: number;

  beforeAll(async () => {
    app = await startBrowserApp();
    callId = (await app.t.ds.getRepository(Call).findOneByOrFail({ ...OPEN_DEMO_CALL })).id;
  });
  afterAll(() => app?.close());

  it('a form over the limit is not sent: the page says so, keeps the text, and saves nothing', async () => {
    const page = await signInPage(app, 'org@dongguan.example.cn');
    await page.goto(`${app.base}/proposals/new?callId=${callId}`);
    // A smaller limit stands in for the server's 1 MB, which the fields' maxlength keep far away.
    await page.evaluate(
      "document.querySelector('form.proposal-form').setAttribute('data-max-bytes', '20000')",
    );
    await page.locator('#p-title').fill('楼道微更新');
    await page.locator('#p-summary').fill('社'.repeat(5000));
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.getByText('表单内容太多，无法一次提交').waitFor();
    expect(new URL(page.url()).pathname).toBe('/proposals/new');
    expect((await page.locator('#p-summary').inputValue()).length).toBe(5000);
    expect(await app.t.ds.getRepository(Proposal).countBy({ callId })).toBe(0);
    await page.close();
  });

  it('a body the server refuses gets a page with the menu, a clear message and a way back to the form', async () => {
    const page = await signInPage(app, 'org@dongguan.example.cn');
    await page.goto(`${app.base}/proposals/new?callId=${callId}`);
    // As an old page or another client would send it: no limits in the page.
    await page.evaluate(
      "document.querySelectorAll('[maxlength]').forEach(function (e) { e.removeAttribute('maxlength'); });" +
        "document.querySelector('form.proposal-form').removeAttribute('data-max-bytes')",
    );
    await page.locator('#p-title').fill('楼道微更新');
    await page.locator('#p-summary').fill('社'.repeat(260_000));
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.getByText('没有保存任何内容').waitFor();
    expect(await page.locator('header nav, nav').count()).toBeGreaterThan(0);
    expect(await page.getByText(/上限为 1\.0 MB/).count()).toBe(1);
    await page.getByRole('link', { name: /返回上一页/ }).click();
    await page.waitForURL(`${app.base}/proposals/new?callId=${callId}`);
    await page.locator('#p-title').waitFor();
    // The browser's Back brings the form back as it was typed.
    expect(await page.locator('#p-title').inputValue()).toBe('楼道微更新');
    expect(await app.t.ds.getRepository(Proposal).countBy({ callId })).toBe(0);
    await page.close();
  });

  it('the sign-up form shows each field’s limit beside it', async () => {
    const page = await (await app.browser.newContext()).newPage();
    await page.goto(`${app.base}/organisations/signup`);
    expect(await page.locator('#o-name').getAttribute('maxlength')).toBe('128');
    expect(await page.locator('#o-contact').getAttribute('maxlength')).toBe('64');
    expect(await page.locator('#s-member').getAttribute('maxlength')).toBe('64');
    expect(await page.getByText('最多 128 字').count()).toBeGreaterThan(0);
    await page.locator('#o-name').fill('组'.repeat(300));
    expect((await page.locator('#o-name').inputValue()).length).toBe(128);
    await page.close();
  });
});
