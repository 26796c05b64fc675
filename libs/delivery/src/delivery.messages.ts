import type { MessageBundle } from '@gv/i18n';
import { deliveryMoneyMessages } from './delivery-money.messages';
import { deliveryTrackingMessages } from './delivery-tracking.messages';

const core: MessageBundle = {
  'zh-CN': {
    nav: { delivery: '项目实施' },
    delivery: { title: '项目实施' },
    errors: {
      tranche_over_award: '拨付金额超过该项目剩余可拨付金额（剩余 {{remaining}} 元）。',
      tranche_gate_not_passed: '该批次须在{{gate}}通过后才能拨付。',
      tranche_same_person: '批准拨付的人不能同时登记已付款。',
      tranche_state: '该拨付批次当前状态不允许此操作。',
      agreement_not_checked: '签署盖章的协议尚未经街道审核，不能拨付首笔资金。',
      agreement_state: '协议当前状态不允许此操作。',
      project_terminated: '项目已终止，不能再提交报告或拨付。',
      project_state: '项目当前状态不允许此操作。',
      milestone_outside_period: '里程碑日期须在项目周期（{{start}} 至 {{end}}）之内。',
      report_state: '该报告当前状态不允许此操作。',
      evaluation_not_allowed: '只有街道工作人员或指定的督导可以评估该项目。',
      demo_site_amount: '示范点奖励金额须在 5,000 至 10,000 元之间。',
      demo_site_over_budget: '超出本年度示范点预算（可用 {{available}} 元）。',
      demo_site_not_completed: '项目结项后才能评为示范点。',
    },
  },
  en: {
    nav: { delivery: 'Delivery' },
    delivery: { title: 'Delivery' },
    errors: {
      tranche_over_award: 'More than what remains of the award ({{remaining}} yuan).',
      tranche_gate_not_passed: 'This tranche is paid only after the {{gate}} has passed.',
      tranche_same_person: 'Whoever approved a payment cannot also record it paid.',
      tranche_state: 'This tranche cannot do that in its current state.',
      agreement_not_checked:
        'The signed and stamped agreement has not been checked yet: the first tranche waits.',
      agreement_state: 'The agreement cannot do that in its current state.',
      project_terminated: 'The project is terminated: no more reports or payments.',
      project_state: 'The project cannot do that in its current state.',
      milestone_outside_period:
        'A milestone date must lie within the project period ({{start}} to {{end}}).',
      report_state: 'This report cannot do that in its current state.',
      evaluation_not_allowed:
        'Only street office staff or the assigned supervisor evaluate this project.',
      demo_site_amount: 'A demonstration-site award is between 5,000 and 10,000 yuan.',
      demo_site_over_budget:
        'Over this year’s demonstration-site budget ({{available}} yuan available).',
      demo_site_not_completed: 'Only a completed project can become a demonstration site.',
    },
  },
};

/** Deep-merges the parts of the context's bundle (add a part to the list below). */
function mergeBundles(...parts: MessageBundle[]): MessageBundle {
  const out: Record<string, Record<string, unknown>> = {};
  const into = (target: Record<string, unknown>, src: Record<string, unknown>) => {
    for (const [k, v] of Object.entries(src)) {
      if (v && typeof v === 'object' && !Array.isArray(v)) {
        target[k] ??= {};
        into(target[k] as Record<string, unknown>, v as Record<string, unknown>);
      } else target[k] = v;
    }
  };
  for (const part of parts)
    for (const [locale, tree] of Object.entries(part)) {
      out[locale] ??= {};
      into(out[locale], tree as Record<string, unknown>);
    }
  return out as unknown as MessageBundle;
}

export const deliveryMessages: MessageBundle = mergeBundles(
  core,
  deliveryMoneyMessages,
  deliveryTrackingMessages,
);
