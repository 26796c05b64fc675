import type { MessageBundle } from '@gv/i18n';
import { placementMessages } from './placement.messages';
import { publicityMessages } from './publicity.messages';
import { voteMessages } from './vote.messages';

const decision: MessageBundle = {
  'zh-CN': {
    nav: { funding: '立项决策', publicResults: '立项公示' },
    funding: {
      title: '立项决策',
      cap: '预算上限 {{cap}} 元',
      reviewResults: '评审结果',
      trace: '完整计算过程',
      rules: {
        greedy: '按得分排序，放不下则跳过',
        'greedy-no-skip': '按得分排序，遇到放不下即停止',
        knapsack: '总分最高的组合（精确背包）',
      },
      status: { dry_run: '试算', approved: '已批准', superseded: '已被取代' },
      ledger: {
        title: '预算台账',
        whole: '整体',
        cap: '上限（元）',
        committed: '已立项（元）',
        available: '可用（元）',
      },
      approved: {
        title: '已批准的排名版本 v{{version}}',
        summary: '规则：{{rule}}；资助总额 {{total}} 元；批准时间 {{at}}。',
        present: '出席评审组成员：',
        hash: '结果哈希',
      },
      dryRun: {
        title: '试算与规则对比',
        lead: '按各规则分别试算（不产生立项），并列显示每条规则会资助哪些项目；评审组组长代表评审组批准其中一个版本。评分或规则变动后须重新试算。',
        run: '试算全部规则',
        totals: '资助总额（元）',
        fundedCount: '{{n}} 个项目',
      },
      approve: { present: '出席的评审组成员', button: '批准此版本' },
      override: {
        title: '调整（须说明理由）',
        lead: '资助、不予资助或调整金额；下次试算时生效，并重新核对所有预算上限。',
        actions: { fund: '予以资助', exclude: '不予资助', amount: '调整金额（核减）' },
        proposal: '项目',
        action: '调整方式',
        amount: '金额（元，仅调整金额时填写）',
        reason: '理由',
        save: '保存调整',
        remove: '撤销',
      },
      settings: {
        title: '立项规则',
        rule: '默认规则',
        passLine: '及格线（分，留空为不设）',
        trackBudget: '{{track}} 赛道预算（元，留空为不单独设）',
        reduced: '核减：剩余预算不少于申请金额的百分之几时核减资助（留空为不核减）',
        days: '公示期（工作日）',
        contact: '异议受理联系方式',
        seed: '同分抽签种子',
        save: '保存规则',
      },
      version: { title: '排名版本', total: '资助总额 {{total}} 元', hashes: '输入/结果哈希' },
      fields: {
        number: '编号',
        title: '项目名称',
        score: '得分',
        requested: '申请（元）',
        decision: '结果与理由',
        amount: '资助（元）',
        remaining: '剩余预算（元）',
      },
      done: {
        settings: '立项规则已保存。',
        dryrun: '已完成试算。',
        dryrun_too_large:
          '已完成试算；精确背包规则未运行：过线项目超出它能精确求解的规模（最多 {{maxItems}} 个）。其他规则的结果已保存；如需背包结果，请提高及格线后再试算。',
        dryrun_unsupported:
          '已完成试算；精确背包规则未运行：它不支持赛道预算、社区配额或核减设置。其他规则的结果已保存。',
        approved: '已批准该排名版本，立项已按此更新。',
        override: '调整已保存，请重新试算。',
        removed: '调整已撤销，请重新试算。',
        awarded: '已立项。',
        withdrawn: '已撤销立项。',
      },
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
      funding_rule_too_large:
        '精确背包规则未运行：过线项目 {{items}} 个，超出它能精确求解的规模（最多 {{maxItems}} 个项目、{{maxStates}} 个中间状态）。请用贪心规则，或提高及格线后再试算。',
      funding_rule_unsupported:
        '精确背包规则未运行：它不支持本次设置中的“{{constraint}}”。请用贪心规则，或去掉该设置后再试算。',
      placement_not_preferred: '该社区不在项目的意向落户社区中。',
      placement_not_yours: '只能处理本社区的落户项目。',
      placement_decided: '该落户已处理。',
      placement_pending: '还有项目尚未落户，请先完成落户。',
      placement_not_placed: '该项目尚未落户到任何社区。',
      placement_over_capacity:
        '{{community}}的可承接项目数已满（{{capacity}} 个），请先提高容量或选择其他意向社区。',
      placement_refused_there: '{{community}}已拒绝承接该项目，不能再落户到该社区。',
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
      cap: 'cap {{cap}} yuan',
      reviewResults: 'review results',
      trace: 'full trace',
      rules: {
        greedy: 'By score, skipping what does not fit',
        'greedy-no-skip': 'By score, stopping at the first that does not fit',
        knapsack: 'Highest total score (exact knapsack)',
      },
      status: { dry_run: 'dry run', approved: 'approved', superseded: 'superseded' },
      ledger: {
        title: 'Budget ledger',
        whole: 'Whole call',
        cap: 'Cap (yuan)',
        committed: 'Committed (yuan)',
        available: 'Available (yuan)',
      },
      approved: {
        title: 'Approved ranking version v{{version}}',
        summary: 'Rule: {{rule}}; {{total}} yuan funded; approved {{at}}.',
        present: 'Panel members present: ',
        hash: 'result hash',
      },
      dryRun: {
        title: 'Dry run and rules side by side',
        lead: 'Each rule is run on the same inputs (nothing is awarded) and shown side by side, so the review group sees what each would fund; the chair approves one version on its behalf. A change of scores or rules needs a new dry run.',
        run: 'Dry-run every rule',
        totals: 'Funded (yuan)',
        fundedCount: '{{n}} funded',
      },
      approve: { present: 'Panel members present', button: 'Approve this version' },
      override: {
        title: 'Overrides (with a reason)',
        lead: 'Fund, do not fund, or change an amount; takes effect at the next dry run, re-checked against every cap.',
        actions: {
          fund: 'Fund',
          exclude: 'Do not fund',
          amount: 'Change the amount (reduced grant)',
        },
        proposal: 'Project',
        action: 'Override',
        amount: 'Amount (yuan, for a changed amount)',
        reason: 'Reason',
        save: 'Save the override',
        remove: 'remove',
      },
      settings: {
        title: 'Funding rule',
        rule: 'Default rule',
        passLine: 'Pass line (points; empty: none)',
        trackBudget: '{{track}} track budget (yuan; empty: none)',
        reduced:
          'Reduced grant when what remains is at least this percent of the request (empty: never)',
        days: 'Objection period (working days)',
        contact: 'Objections contact',
        seed: 'Tie-break lot seed',
        save: 'Save the rule',
      },
      version: {
        title: 'Ranking version',
        total: '{{total}} yuan funded',
        hashes: 'Input / result hashes',
      },
      fields: {
        number: 'Number',
        title: 'Project',
        score: 'Score',
        requested: 'Requested (yuan)',
        decision: 'Decision and reason',
        amount: 'Funded (yuan)',
        remaining: 'Remaining (yuan)',
      },
      done: {
        settings: 'Funding rule saved.',
        dryrun: 'Dry run done.',
        dryrun_too_large:
          'Dry run done; the exact knapsack did not run: too many proposals above the pass line to solve exactly (at most {{maxItems}}). The other rules are saved; for a knapsack result, raise the pass line and run it again.',
        dryrun_unsupported:
          'Dry run done; the exact knapsack did not run: it does not support track budgets, community quotas or reduced grants. The other rules are saved.',
        approved: 'Version approved; the awards follow it.',
        override: 'Override saved: run the dry run again.',
        removed: 'Override removed: run the dry run again.',
        awarded: 'Awarded.',
        withdrawn: 'Award withdrawn.',
      },
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
      funding_rule_too_large:
        'The exact knapsack did not run: {{items}} proposals are above the pass line, more than it can solve exactly (at most {{maxItems}} proposals and {{maxStates}} intermediate states). Use greedy, or raise the pass line and run it again.',
      funding_rule_unsupported:
        'The exact knapsack did not run: it does not support the setting “{{constraintEn}}”. Use greedy, or remove that setting and run it again.',
      placement_not_preferred: 'That community is not one of the project’s preferred hosts.',
      placement_not_yours: 'You can only decide on projects placed in your community.',
      placement_decided: 'This placement has already been decided.',
      placement_pending: 'Some funded projects are not placed yet: place them first.',
      placement_not_placed: 'This project is not placed in any community.',
      placement_over_capacity:
        '{{communityEn}} can host no more projects (capacity {{capacity}}): raise its capacity or choose another preferred community.',
      placement_refused_there:
        'That community refused this project: it cannot be placed there again.',
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

export const fundingMessages: MessageBundle = merge(
  decision,
  placementMessages,
  publicityMessages,
  voteMessages,
);
