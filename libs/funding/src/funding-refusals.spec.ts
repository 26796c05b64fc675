import { KnapsackTooLargeError, UnsupportedConstraintError } from '@gv/allocation';
import { AppException } from '@gv/core';
import { I18n } from '@gv/i18n';
import { refusalAsError } from './funding-refusals';
import { fundingMessages } from './funding.messages';

const caught = (f: () => unknown): AppException => {
  try {
    f();
  } catch (err) {
    if (err instanceof AppException) return err;
    throw err;
  }
  throw new Error('did not throw');
};

describe('the engine refusals as translated 422s', () => {
  const i18n = new I18n([fundingMessages]);
  const limits = { maxItems: 400, maxStates: 1_000_000 };

  it('turns the knapsack size limit into funding_rule_too_large with its figures', () => {
    const e = caught(() =>
      refusalAsError(() => {
        throw new KnapsackTooLargeError(612, 0, limits);
      }),
    );
    expect([e.status, e.code]).toEqual([422, 'funding_rule_too_large']);
    const zh = i18n.t('zh-CN', `errors.${e.code}`, e.params);
    const en = i18n.t('en', `errors.${e.code}`, e.params);
    expect(zh).toContain('过线项目 612 个');
    expect(zh).toContain('最多 400 个项目');
    expect(en).toContain('612 proposals are above the pass line');
  });

  it('names the unsupported constraint in both languages', () => {
    const e = caught(() =>
      refusalAsError(() => {
        throw new UnsupportedConstraintError('knapsack', 'trackBudgets');
      }),
    );
    expect([e.status, e.code]).toEqual([422, 'funding_rule_unsupported']);
    expect(i18n.t('zh-CN', `errors.${e.code}`, e.params)).toContain('“赛道预算”');
    expect(i18n.t('en', `errors.${e.code}`, e.params)).toContain('“track budgets”');
  });

  it('lets any other error through unchanged and returns the result when nothing is thrown', () => {
    const boom = new Error('boom');
    expect(() =>
      refusalAsError(() => {
        throw boom;
      }),
    ).toThrow(boom);
    expect(refusalAsError(() => 42)).toBe(42);
  });
});
