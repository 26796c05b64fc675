import type { MessageBundle } from '@gv/i18n';

export const organisationsMessages: MessageBundle = {
  'zh-CN': {
    nav: { organisations: '社会组织', organisationStats: '组织统计', myOrganisation: '本组织', organisationSignup: '组织注册' },
    organisations: {
      types: { resident_services: '为民服务', charity: '公益慈善', culture_sport: '文体娱乐', convenience: '便民服务', mutual_aid: '邻里互助', other: '其他' },
      levels: { district: '区民政局登记', street: '街道备案', community: '社区备案' },
      statuses: { pending: '待审核', verified: '已审核', rejected: '未通过' },
      fields: {
        name: '组织名称', type: '组织类型', community: '所在社区', registrationLevel: '登记/备案层级', creditCode: '统一社会信用代码',
        creditCodeHint: '区民政局登记的组织必填，18 位，末位为校验码', foundedOn: '成立日期', incubatedBy: '孵化机构', membersCount: '成员人数',
        contactName: '联系人', contactPhone: '联系电话', contactEmail: '联系邮箱', status: '状态', memberName: '您的姓名', memberEmail: '登录邮箱', password: '登录密码（至少 8 位）', search: '名称',
      },
      list: { title: '社区社会组织', add: '新增组织', count: '共 {{total}} 家' },
      detail: { title: '组织详情', edit: '编辑资料', verify: '审核通过', reject: '不予通过', reason: '不通过的理由', reviewedAt: '审核时间', verified: '已审核通过。', rejected: '已标记为不通过。' },
      form: { newTitle: '新增社会组织', editTitle: '编辑组织资料', save: '保存' },
      signup: {
        title: '社会组织注册', lead: '社区社会组织可在此注册，提交后由东关街道办事处审核；审核前即可登录查看和完善资料。', account: '登录账户', submit: '提交注册',
        done: '已收到 {{name}} 的注册申请。请使用 {{email}} 登录；街道审核通过后即可申报项目。', login: '去登录',
      },
      stats: {
        title: '东关街道社区社会组织培育基本情况统计表', sheet: '统计表', total: '合计', share: '占比', chartTitle: '各社区社会组织数量（按类型）', export: '导出 Excel',
        lead: '统计已审核的社区社会组织，共 {{total}} 家。', typeShare: '类型占比',
      },
    },
    errors: {
      credit_code_taken: '该统一社会信用代码已被其他组织使用。',
      organisation_status_conflict: '该组织当前状态不能执行此操作。',
    },
    validation: { credit_code_taken: '该统一社会信用代码已被其他组织使用', unknown_community: '社区不存在' },
  },
  en: {
    nav: { organisations: 'Organisations', organisationStats: 'Organisation statistics', myOrganisation: 'My organisation', organisationSignup: 'Register an organisation' },
    organisations: {
      types: { resident_services: 'Resident services', charity: 'Public-benefit charity', culture_sport: 'Culture, sport and recreation', convenience: 'Convenience services', mutual_aid: 'Mutual aid', other: 'Other' },
      levels: { district: 'Registered with the district civil-affairs bureau', street: 'Filed with the street office', community: 'Filed with the community' },
      statuses: { pending: 'Pending', verified: 'Verified', rejected: 'Rejected' },
      fields: {
        name: 'Name', type: 'Type', community: 'Community', registrationLevel: 'Registration level', creditCode: 'Unified social credit code',
        creditCodeHint: 'Required for district-registered organisations: 18 characters, the last is a check character', foundedOn: 'Founded on', incubatedBy: 'Incubated by', membersCount: 'Members',
        contactName: 'Contact person', contactPhone: 'Contact phone', contactEmail: 'Contact email', status: 'Status', memberName: 'Your name', memberEmail: 'Sign-in email', password: 'Password (at least 8 characters)', search: 'Name',
      },
      list: { title: 'Community social organisations', add: 'Add an organisation', count: '{{total}} in all' },
      detail: { title: 'Organisation', edit: 'Edit profile', verify: 'Verify', reject: 'Reject', reason: 'Reason for rejection', reviewedAt: 'Reviewed', verified: 'The organisation is verified.', rejected: 'The organisation is rejected.' },
      form: { newTitle: 'Add an organisation', editTitle: 'Edit the profile', save: 'Save' },
      signup: {
        title: 'Register an organisation', lead: 'Community social organisations register here; the Dongguan Street Office then verifies them. You can sign in and complete the profile before that.', account: 'Sign-in account', submit: 'Register',
        done: 'We received the registration of {{name}}. Sign in with {{email}}; once the street office verifies it you can submit proposals.', login: 'Sign in',
      },
      stats: {
        title: 'Community social organisations of Dongguan Street: basic statistics', sheet: 'Statistics', total: 'Total', share: 'Share', chartTitle: 'Organisations per community, by type', export: 'Export to Excel',
        lead: 'Verified community social organisations: {{total}} in all.', typeShare: 'Share by type',
      },
    },
    errors: {
      credit_code_taken: 'Another organisation already uses this unified social credit code.',
      organisation_status_conflict: 'This cannot be done in the organisation’s current state.',
    },
    validation: { credit_code_taken: 'Another organisation already uses this code', unknown_community: 'No such community' },
  },
};
