import type { MessageBundle } from '@gv/i18n';

export const notificationsMessages: MessageBundle = {
  'zh-CN': {
    nav: { inbox: '消息', notificationsAdmin: '通知投递', notificationPrefs: '通知设置' },
    notifications: {
      events: {
        accounts: { invitation: '平台账号邀请' },
        call: { phase_changed: '大赛阶段已变更' },
        proposal: { submitted: '项目申报已提交', version_submitted: '项目申报已更新', deadline_reminder: '申报截止提醒', returned: '项目申报被退回修改' },
        screening: { result: '资格审查结果' },
      },
      inbox: { title: '我的消息', empty: '暂无消息。', markRead: '标为已读', markAllRead: '全部标为已读', unread: '未读', read: '已读', received: '时间', subject: '内容', allRead: '已将 {{count}} 条消息标为已读。' },
      admin: {
        title: '通知投递', lead: '发送失败和等待发送的通知。失败的通知可以重新发送；任务队列另见', queues: '任务队列面板',
        status: '状态', event: '事件', recipient: '收件人', attempts: '尝试次数', lastError: '最近错误', created: '创建时间', retry: '重新发送', retried: '通知 #{{id}} 已重新排队发送。',
        all: '失败和等待中', filter: '筛选',
      },
      status: { pending: '等待发送', sending: '发送中', sent: '已发送', failed: '失败', skipped: '未发邮件（已退订）' },
      prefs: { title: '通知设置', lead: '提醒和摘要邮件可以关闭，关闭后仍会出现在“我的消息”中。与您相关的决定（审查结果、奖励、终止等）始终发送邮件。', email: '发送邮件', save: '保存', saved: '通知设置已保存。' },
    },
    errors: {
      notification_not_found: '找不到该通知。',
      notification_not_failed: '只有发送失败的通知可以重新发送（当前状态：{{status}}）。',
    },
  },
  en: {
    nav: { inbox: 'Messages', notificationsAdmin: 'Email delivery', notificationPrefs: 'Notification settings' },
    notifications: {
      events: {
        accounts: { invitation: 'Invitation to the platform' },
        call: { phase_changed: 'The competition moved to a new phase' },
        proposal: { submitted: 'Proposal submitted', version_submitted: 'Proposal updated', deadline_reminder: 'Submission deadline reminder', returned: 'Proposal returned for changes' },
        screening: { result: 'Screening result' },
      },
      inbox: { title: 'My messages', empty: 'No messages.', markRead: 'Mark as read', markAllRead: 'Mark all as read', unread: 'Unread', read: 'Read', received: 'Time', subject: 'Message', allRead: '{{count}} messages marked as read.' },
      admin: {
        title: 'Email delivery', lead: 'Notifications that failed or are waiting to be sent. Failed ones can be sent again; see also the', queues: 'job queue dashboard',
        status: 'Status', event: 'Event', recipient: 'Recipient', attempts: 'Attempts', lastError: 'Last error', created: 'Created', retry: 'Send again', retried: 'Notification #{{id}} was queued again.',
        all: 'Failed and waiting', filter: 'Filter',
      },
      status: { pending: 'Waiting', sending: 'Sending', sent: 'Sent', failed: 'Failed', skipped: 'No email (opted out)' },
      prefs: { title: 'Notification settings', lead: 'Reminder and digest emails can be switched off; they still appear in My messages. Decisions that affect you (screening results, awards, termination) are always emailed.', email: 'Send email', save: 'Save', saved: 'Your notification settings were saved.' },
    },
    errors: {
      notification_not_found: 'No such notification.',
      notification_not_failed: 'Only failed notifications can be sent again (this one is {{status}}).',
    },
  },
};
