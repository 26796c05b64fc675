import type { MessageBundle } from '@gv/i18n';

export const webMessages: MessageBundle = {
  'zh-CN': {
    nav: {
      home: '首页',
      login: '登录',
      logout: '退出登录',
      account: '我的账户',
      users: '用户管理',
      audit: '操作日志',
      communities: '社区',
      queues: '任务队列',
      menu: '主导航',
    },
    errors: { title: '出错了', backHome: '返回首页', reference: '请求编号' },
    home: {
      publicTitle: '东关街道社区公益创投大赛',
      publicLead:
        '以需定供、精准培育：社区社会组织从社区需求出发申报公益项目，经筛选、路演和评审，优秀项目获得资助并落户社区。',
      welcome: '欢迎，{{name}}',
      roleHome: {
        street_admin: '街道管理员工作台',
        community_staff: '社区工作台',
        judge: '评审工作台',
        org_member: '社会组织工作台',
      },
      street_admin: '管理大赛、邀请用户、查看操作日志。',
      community_staff: '发布社区需求，跟进落户本社区的项目。',
      judge: '查看分配给您的项目并评分；如有利益冲突请申报回避。',
      org_member: '提交和管理本组织的项目申报。',
      facts:
        '东关街道：9 个社区，123 个居民小区，3.6 万户、12.2 万居民，102 家社区社会组织。首届公益创投大赛投入 11.6 万元。',
    },
  },
  en: {
    nav: {
      home: 'Home',
      login: 'Sign in',
      logout: 'Sign out',
      account: 'My account',
      users: 'Users',
      audit: 'Audit log',
      communities: 'Communities',
      queues: 'Job queues',
      menu: 'Main menu',
    },
    errors: {
      title: 'Something went wrong',
      backHome: 'Back to the home page',
      reference: 'Reference',
    },
    home: {
      publicTitle: 'Dongguan Street community public-benefit venture competition',
      publicLead:
        'Supply follows demand: community social organisations propose projects that answer community needs; after screening, roadshows and panel review the best are funded and placed into communities.',
      welcome: 'Welcome, {{name}}',
      roleHome: {
        street_admin: 'Street office desk',
        community_staff: 'Community desk',
        judge: 'Review desk',
        org_member: 'Organisation desk',
      },
      street_admin: 'Run the competition, invite users, read the audit log.',
      community_staff: 'Post community needs and follow the projects placed in your community.',
      judge: 'Score the proposals assigned to you; declare any conflict of interest to be recused.',
      org_member: "Submit and manage your organisation's proposals.",
      facts:
        'Dongguan Street: 9 communities, 123 residential compounds, 36,000 households, 122,000 residents, 102 community social organisations. The first venture competition invests 116,000 yuan.',
    },
  },
};
