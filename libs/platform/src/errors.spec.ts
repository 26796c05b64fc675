import { I18n } from '@gv/i18n';
import { CONTEXTS } from './contexts';
import { ALL_MESSAGES } from './messages';

const i18n = new I18n(ALL_MESSAGES);
const cases = CONTEXTS.flatMap((c) =>
  Object.entries(c.errors?.statuses ?? {}).map(([code, status]) => [c.name, code, status] as const),
);

describe("the contexts' typed error codes", () => {
  it('exist for every context that throws its own errors', () => {
    expect(cases.length).toBeGreaterThan(25);
  });

  it.each(cases)('%s: %s is a 4xx with zh-CN and en text', (_ctx, code, status) => {
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    for (const locale of ['zh-CN', 'en'] as const) {
      expect(i18n.has(locale, `errors.${code}`)).toBe(true);
      expect(i18n.t(locale, `errors.${code}`)).not.toBe(`errors.${code}`);
    }
  });

  it('no code is defined by two contexts (one owner per code)', () => {
    const codes = cases.map(([, code]) => code);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
