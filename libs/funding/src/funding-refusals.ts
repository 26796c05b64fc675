import { KnapsackTooLargeError, UnsupportedConstraintError } from '@gv/allocation';
import { FundingError } from './funding.errors';

const CONSTRAINT_NAMES: Record<string, [zh: string, en: string]> = {
  trackBudgets: ['赛道预算', 'track budgets'],
  communityQuotas: ['社区配额', 'community quotas'],
  reducedGrant: ['核减', 'reduced grants'],
  exclusiveGroups: ['互斥组', 'exclusive groups'],
};

/** The engine's refusals (never a hang, never a 500) as translated 422s. */
export function refusalAsError<T>(run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof KnapsackTooLargeError)
      throw FundingError.error('funding_rule_too_large', {
        items: err.items,
        maxItems: err.limits.maxItems,
        maxStates: err.limits.maxStates,
      });
    if (err instanceof UnsupportedConstraintError) {
      const [zh, en] = CONSTRAINT_NAMES[err.constraint] ?? [err.constraint, err.constraint];
      throw FundingError.error('funding_rule_unsupported', { constraint: zh, constraintEn: en });
    }
    throw err;
  }
}
