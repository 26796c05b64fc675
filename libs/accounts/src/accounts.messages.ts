import type { MessageBundle } from '@gv/i18n';

export const accountsMessages: MessageBundle = {
  'zh-CN': {
    roles: { street_admin: '街道管理员', community_staff: '社区工作人员', judge: '评审专家', org_member: '社会组织成员' },
    accounts: {
      fields: { email: '邮箱', password: '密码', name: '姓名', role: '角色', community: '所属社区', organisationId: '所属组织编号', locale: '语言', currentPassword: '当前密码', newPassword: '新密码（至少 8 位）', passwordConfirm: '再次输入新密码', lastLogin: '最近登录' },
      login: { title: '登录', submit: '登录' },
      password: { title: '修改密码', changed: '密码已修改，其他设备上的登录已退出。' },
      users: { title: '用户管理', invite: '邀请用户', sendInvite: '发送邀请', list: '用户列表', invitations: '最近的邀请', invited: '邀请邮件已发往 {{email}}。', sent: '发送时间', accepted: '接受时间', expires: '有效期至' },
      accept: { title: '接受邀请', lead: '{{name}}（{{email}}），请设置密码以完成注册：', submit: '设置密码' },
    },
    errors: {
      invalid_credentials: '邮箱或密码不正确。',
      login_blocked: '登录失败次数过多，请在 {{retryAfterSeconds}} 秒后再试。',
      invalid_token: '访问令牌无效或已过期，请重新获取。',
      email_taken: '该邮箱已被使用。',
      invitation_invalid: '邀请链接无效、已使用或已过期。',
    },
    validation: {
      wrong_password: '当前密码不正确', passwords_differ: '两次输入的密码不一致', community_required: '社区工作人员必须选择所属社区',
      organisation_required: '社会组织成员必须填写所属组织', unknown_community: '社区不存在', email_taken: '该邮箱已被使用',
    },
  },
  en: {
    roles: { street_admin: 'Street office admin', community_staff: 'Community staff', judge: 'Judge', org_member: 'Organisation member' },
    accounts: {
      fields: { email: 'Email', password: 'Password', name: 'Name', role: 'Role', community: 'Community', organisationId: 'Organisation id', locale: 'Language', currentPassword: 'Current password', newPassword: 'New password (at least 8 characters)', passwordConfirm: 'Repeat the new password', lastLogin: 'Last sign-in' },
      login: { title: 'Sign in', submit: 'Sign in' },
      password: { title: 'Change password', changed: 'Your password was changed; other devices were signed out.' },
      users: { title: 'Users', invite: 'Invite a user', sendInvite: 'Send invitation', list: 'All users', invitations: 'Recent invitations', invited: 'An invitation was sent to {{email}}.', sent: 'Sent', accepted: 'Accepted', expires: 'Valid until' },
      accept: { title: 'Accept invitation', lead: '{{name}} ({{email}}), set a password to finish signing up:', submit: 'Set password' },
    },
    errors: {
      invalid_credentials: 'The email or password is not correct.',
      login_blocked: 'Too many failed sign-ins; try again in {{retryAfterSeconds}} seconds.',
      invalid_token: 'The access token is invalid or has expired; get a new one.',
      email_taken: 'This email address is already in use.',
      invitation_invalid: 'This invitation link is invalid, used or expired.',
    },
    validation: {
      wrong_password: 'The current password is not correct', passwords_differ: 'The two passwords differ', community_required: 'Community staff need a community',
      organisation_required: 'Organisation members need an organisation', unknown_community: 'No such community', email_taken: 'This email address is already in use',
    },
  },
};
