import type { MessageBundle } from '@gv/i18n';

export const needsMessages: MessageBundle = {
  'zh-CN': {
    nav: { needs: '社区需求', postNeed: '发布需求' },
    needs: {
      groups: {
        elderly: '老年人',
        women: '妇女',
        children: '儿童',
        disabled: '残疾人',
        families_in_difficulty: '困难家庭',
        youth: '青年',
        others: '其他居民',
      },
      statuses: { open: '征集中', closed: '已关闭' },
      fields: {
        community: '社区',
        title: '需求标题',
        description: '需求描述',
        beneficiaryGroups: '受益群体',
        beneficiaryCount: '预计受益人数',
        status: '状态',
        group: '受益群体',
        search: '标题',
        postedAt: '发布时间',
      },
      board: {
        title: '社区需求公示',
        lead: '以需定供：各社区发布居民需求，社会组织据此申报公益创投项目。',
        post: '发布需求',
        people: '约 {{count}} 人',
      },
      form: { newTitle: '发布社区需求', editTitle: '修改社区需求', submit: '保存' },
      detail: {
        title: '需求详情',
        edit: '修改',
        close: '关闭需求',
        reopen: '重新开放',
        back: '返回需求列表',
      },
    },
    errors: {
      need_other_community: '社区工作人员只能为本社区发布和管理需求。',
      need_status_conflict: '该需求已是此状态。',
    },
  },
  en: {
    nav: { needs: 'Community needs', postNeed: 'Post a need' },
    needs: {
      groups: {
        elderly: 'Elderly',
        women: 'Women',
        children: 'Children',
        disabled: 'People with disabilities',
        families_in_difficulty: 'Families in difficulty',
        youth: 'Youth',
        others: 'Other residents',
      },
      statuses: { open: 'Open', closed: 'Closed' },
      fields: {
        community: 'Community',
        title: 'Title',
        description: 'Description',
        beneficiaryGroups: 'Beneficiary groups',
        beneficiaryCount: 'Expected beneficiaries',
        status: 'Status',
        group: 'Beneficiary group',
        search: 'Title',
        postedAt: 'Posted',
      },
      board: {
        title: 'Community needs board',
        lead: 'Supply follows demand: communities post their residents’ needs; organisations propose projects that answer them.',
        post: 'Post a need',
        people: 'about {{count}} people',
      },
      form: {
        newTitle: 'Post a community need',
        editTitle: 'Edit a community need',
        submit: 'Save',
      },
      detail: {
        title: 'Need',
        edit: 'Edit',
        close: 'Close the need',
        reopen: 'Reopen',
        back: 'Back to the needs board',
      },
    },
    errors: {
      need_other_community:
        'Community staff can only post and manage needs of their own community.',
      need_status_conflict: 'The need already has this status.',
    },
  },
};
