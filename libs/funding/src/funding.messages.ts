import type { MessageBundle } from '@gv/i18n';
import { placementMessages } from './placement.messages';
import { publicityMessages } from './publicity.messages';

const decision: MessageBundle = {
  'zh-CN': {
    nav: { funding: '立项决策', publicResults: '立项公示' },
    funding: {
      title: '立项决策',
    },
    errors: {
      funding_inputs_changed: '评分或规则在试算后发生了变化，请重新试算后再批准。',
      funding_over_cap: '超出预算上限：可用 {{available}} 元，需要 {{amount}} 元。',
      funding_amount_invalid: '金额须在 {{min}} 元与申请金额 {{max}} 元之间。',
      funding_run_not_current: '该排名版本不是最新的试算结果。',
      funding_not_approved: '尚无已批准的排名版本。',
      funding_chair_only: '只有评审组组长可以代表评审组批准。',
      funding_no_scores: '还没有可用于排名的评审得分。',
      funding_already_published: '结果已公示，不能再修改。',
      placement_not_preferred: '该社区不在项目的意向落户社区中。',
      placement_not_yours: '只能处理本社区的落户项目。',
      placement_decided: '该落户已处理。',
      placement_pending: '还有项目尚未落户，请先完成落户。',
      publicity_closed: '公示期已结束，不能再提出异议。',
      publicity_not_open: '当前没有进行中的公示。',
      objection_answered: '该异议已答复。',
      calendar_year_missing:
        '{{year}} 年的节假日与调休安排尚未录入，无法按工作日计算公示期。请先在“工作日历”中录入该年安排。',
      calendar_invalid: '日期或类型无效。',
    },
  },
  en: {
    nav: { funding: 'Funding decision', publicResults: 'Funding results' },
    funding: {
      title: 'Funding decision',
    },
    errors: {
      funding_inputs_changed:
        'Scores or rules changed since the dry run: run it again before approving.',
      funding_over_cap: 'Over the cap: {{available}} yuan available, {{amount}} yuan needed.',
      funding_amount_invalid:
        'The amount must be between {{min}} yuan and the request, {{max}} yuan.',
      funding_run_not_current: 'This ranking version is not the latest dry run.',
      funding_not_approved: 'No ranking version has been approved yet.',
      funding_chair_only: 'Only the chair of the review group approves on its behalf.',
      funding_no_scores: 'There are no review scores to rank yet.',
      funding_already_published: 'The results are published and can no longer change.',
      placement_not_preferred: 'That community is not one of the project’s preferred hosts.',
      placement_not_yours: 'You can only decide on projects placed in your community.',
      placement_decided: 'This placement has already been decided.',
      placement_pending: 'Some funded projects are not placed yet: place them first.',
      publicity_closed: 'The objection period has ended.',
      publicity_not_open: 'No publicity period is open.',
      objection_answered: 'This objection has already been answered.',
      calendar_year_missing:
        'The holidays and adjusted working days of {{year}} are not entered yet, so working days cannot be counted. Enter that year in the working calendar first.',
      calendar_invalid: 'Invalid date or kind.',
    },
  },
};

/** Deep-merges the parts of the context's bundle (decision, placement, publicity). */
function merge(...parts: MessageBundle[]): MessageBundle {
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

export const fundingMessages: MessageBundle = merge(decision, placementMessages, publicityMessages);
