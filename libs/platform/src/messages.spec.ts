import { baseMessages, flattenKeys, I18n } from '@gv/i18n';
import { ALL_MESSAGES } from './messages';

describe('locale files', () => {
  const bundles = [baseMessages, ...ALL_MESSAGES];

  it.each(bundles.map((b, i) => [i, b] as const))(
    'bundle %i has the same keys in zh-CN and en',
    (_i, bundle) => {
      expect(flattenKeys(bundle.en).sort()).toEqual(flattenKeys(bundle['zh-CN']).sort());
    },
  );

  it('translates with parameters in both languages, zh-CN first', () => {
    const i18n = new I18n(bundles);
    expect(i18n.t('zh-CN', 'errors.login_blocked', { retryAfterSeconds: 60 })).toBe(
      '登录失败次数过多，请在 60 秒后再试。',
    );
    expect(i18n.t('en', 'errors.login_blocked', { retryAfterSeconds: 60 })).toBe(
      'Too many failed sign-ins; try again in 60 seconds.',
    );
  });
});
