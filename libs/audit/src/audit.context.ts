import { fromRoot } from '@gv/config';
import { Role } from '@gv/core';
import { defineContext } from '@gv/web';
import { auditMessages } from './audit.messages';
import { AuditHttpModule, AuditModule } from './audit.module';
import { AuditLog } from './entities/audit-log.entity';

/** 审计: who changed what, written in the same transaction as the change. */
export const auditContext = defineContext({
  name: 'audit',
  module: AuditModule,
  httpModule: AuditHttpModule,
  entities: [AuditLog],
  messages: auditMessages,
  viewsDir: fromRoot('libs/audit/views'),
  nav: [
    {
      label: 'nav.audit',
      href: '/admin/audit',
      audience: [Role.StreetAdmin],
      order: 90,
      group: 'admin',
    },
  ],
});
