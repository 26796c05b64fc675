/** Decision codes of the allocation trace (立项结果代码). */
export const DECISION_CODES = [
  'funded',
  'funded_reduced',
  'skipped_does_not_fit',
  'below_pass_line',
  'community_quota_reached',
  'track_budget_exhausted',
  'not_reached_after_stop',
  'excluded_by_conflict',
  'not_in_optimal_set',
  'not_selected_by_mes',
] as const;

export type DecisionCode = (typeof DECISION_CODES)[number];

export const DECISION_MESSAGES: Record<'zh-CN' | 'en', Record<DecisionCode, string>> = {
  'zh-CN': {
    funded: '立项资助',
    funded_reduced: '核减后立项资助',
    skipped_does_not_fit: '剩余预算不足，跳过',
    below_pass_line: '得分低于及格线',
    community_quota_reached: '该社区资助项目数已达上限',
    track_budget_exhausted: '该赛道预算已用完',
    not_reached_after_stop: '在第一个超预算项目处停止，未予考虑',
    excluded_by_conflict: '与已资助项目互斥',
    not_in_optimal_set: '不在总分最高的最优组合中',
    not_selected_by_mes: '平等份额法未选中',
  },
  en: {
    funded: 'Funded',
    funded_reduced: 'Funded with a reduced grant',
    skipped_does_not_fit: 'Skipped: does not fit the remaining budget',
    below_pass_line: 'Below the pass line',
    community_quota_reached: "Community's maximum number of funded projects reached",
    track_budget_exhausted: 'Track budget exhausted',
    not_reached_after_stop:
      'Not considered: allocation stopped at the first project that did not fit',
    excluded_by_conflict: 'Excluded by a conflicting funded project',
    not_in_optimal_set: 'Not in the optimal (maximum total score) set',
    not_selected_by_mes: 'Not selected by the Method of Equal Shares',
  },
};

/** Codes of trace notes (explanations attached to rows or to the whole result). */
export const NOTE_MESSAGES: Record<'zh-CN' | 'en', Record<string, string>> = {
  'zh-CN': {
    community_minimum: '为满足社区最低资助数优先资助（社区 {community}）',
    reserved_for_community_minimum: '部分预算已优先用于社区最低资助数',
    reduced_from: '申请 {requested} 分，核减为 {amount} 分',
    tie_broken_by: '与 {other} 同分，按 {key} 排序',
    threshold_applied: '入选门槛 {threshold}',
    knapsack_optimum: '最优组合总分 {score}，总额 {cost} 分',
    community_minimum_unmet: '社区 {community} 未达到最低资助数 {min}（资助 {funded}）',
  },
  en: {
    community_minimum: 'Funded first to meet the minimum of community {community}',
    reserved_for_community_minimum: 'Part of the budget was used first for community minimums',
    reduced_from: 'Requested {requested} fen, reduced to {amount} fen',
    tie_broken_by: 'Tied with {other}; ordered by {key}',
    threshold_applied: 'Threshold {threshold}',
    knapsack_optimum: 'Optimal set: total score {score}, total cost {cost} fen',
    community_minimum_unmet: 'Community {community} below its minimum {min} (funded {funded})',
  },
};
