import type { MessageBundle } from '@gv/i18n';

export const auditMessages: MessageBundle = {
  'zh-CN': {
    audit: {
      title: '操作日志',
      time: '时间',
      actor: '操作人',
      action: '操作',
      entity: '对象',
      entityId: '编号',
      before: '变更前',
      after: '变更后',
      requestId: '请求编号',
      from: '起始日期',
      to: '截止日期',
      system: '系统',
    },
  },
  en: {
    audit: {
      title: 'Audit log',
      time: 'Time',
      actor: 'Actor',
      action: 'Action',
      entity: 'Entity',
      entityId: 'Id',
      before: 'Before',
      after: 'After',
      requestId: 'Request id',
      from: 'From',
      to: 'To',
      system: 'System',
    },
  },
};
