import { Global, Module } from '@nestjs/common';
import { Role } from '@gv/core';
import { registerNav } from '@gv/web';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';

registerNav({ label: 'nav.audit', href: '/admin/audit', audience: [Role.StreetAdmin], order: 90 });

@Global()
@Module({ providers: [AuditService], exports: [AuditService] })
export class AuditModule {}

@Module({ controllers: [AuditController] })
export class AuditHttpModule {}
