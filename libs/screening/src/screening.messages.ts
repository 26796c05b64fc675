import type { MessageBundle } from '@gv/i18n';

/** Strings of screening (资格审查): the staff list, the decision form, publishing, the export. */
export const screeningMessages: MessageBundle = {
  'zh-CN': {
    nav: {
      proposals: '申报管理',
    },
    screening: {
      title: '资格审查',
      decision: {
        eligible: '通过',
        returned: '退回修改',
        rejected: '不通过',
      },
      reason: '理由',
      correctionDeadline: '修改截止时间',
      published: '公布时间',
      save: '保存审查结论',
      saved: '审查结论已保存（公布前组织不可见）。',
      publish: '公布本届审查结果',
      published_ok: '已公布 {{count}} 条审查结论，相关组织将收到通知。',
      notPublished: '尚未公布',
      decidedUnpublished: '已审查：{{decision}}（未公布）',
      decisionLabel: '审查结论',
      passed: '符合',
      notes: '备注',
      export: {
        button: '导出申报（Excel）',
        sheetProposals: '申报项目',
        sheetBudget: '预算明细',
      },
      publishHint: '公布后各组织同时收到审查结果通知。',
      locked: '审查结论已公布，或该申报不在待审查状态，不能修改。',
      reasonHint: '理由（退回修改或不通过时必填）',
      correctionDeadlineHint: '修改截止时间（退回修改时必填，北京时间）',
      staffList: '申报管理',
    },
    errors: {
      screening_already_published: '审查结论已公布，不能再修改。',
      nothing_to_publish: '没有待公布的审查结论。',
    },
    validation: {
      reason_required: '请填写理由',
      correction_deadline_required: '请填写修改截止时间',
      date_in_past: '时间必须晚于当前',
      unknown_checklist_item: '审查项不存在',
      duplicate_checklist_item: '同一审查项只能出现一次',
    },
  },
  en: {
    nav: {
      proposals: 'Proposals',
    },
    screening: {
      title: 'Screening',
      decision: {
        eligible: 'Eligible',
        returned: 'Return for correction',
        rejected: 'Reject',
      },
      reason: 'Reason',
      correctionDeadline: 'Correction deadline',
      published: 'Published',
      save: 'Save decision',
      saved: 'Decision saved (hidden from the organisation until published).',
      publish: 'Publish the screening results',
      published_ok: '{{count}} decisions published; the organisations will be notified.',
      notPublished: 'Not published yet',
      decidedUnpublished: 'Decided: {{decision}} (not published)',
      decisionLabel: 'Decision',
      passed: 'Met',
      notes: 'Note',
      export: {
        button: 'Export proposals (Excel)',
        sheetProposals: 'Proposals',
        sheetBudget: 'Budget lines',
      },
      publishHint: 'Every organisation is notified of its result at once.',
      locked:
        'The decision is published, or the proposal is not awaiting screening; it cannot change.',
      reasonHint: 'Reason (required to return or reject)',
      correctionDeadlineHint: 'Correction deadline (required to return; China Standard Time)',
      staffList: 'Proposals',
    },
    errors: {
      screening_already_published: 'The decision is published and can no longer change.',
      nothing_to_publish: 'There are no decisions to publish.',
    },
    validation: {
      reason_required: 'A reason is required',
      correction_deadline_required: 'A correction deadline is required',
      date_in_past: 'must be in the future',
      unknown_checklist_item: 'No such checklist item',
      duplicate_checklist_item: 'Each checklist item may appear only once',
    },
  },
};
