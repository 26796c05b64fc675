import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { join } from 'node:path';
import { AppConfig } from '@gv/config';
import { Role } from '@gv/core';
import { CallsModule } from '@gv/calls';
import { registerNav } from '@gv/web';
import { memoryStorage } from 'multer';
import { AttachmentsService } from './attachments.service';
import { ProposalQueryService } from './proposal-query.service';
import { ProposalsApiController } from './proposals-api.controller';
import { ProposalsExportService } from './proposals-export.service';
import { ProposalsPagesController } from './proposals-pages.controller';
import { ProposalsService } from './proposals.service';
import { ScreeningService } from './screening.service';
import { FileStorage, LocalDiskStorage } from './storage/file-storage';

registerNav(
  { label: 'nav.calls', href: '/calls', audience: 'all', order: 10 },
  { label: 'nav.myProposals', href: '/my/proposals', audience: [Role.OrgMember], order: 20 },
  { label: 'nav.proposals', href: '/staff/proposals', audience: [Role.StreetAdmin, Role.CommunityStaff], order: 20 },
);

/** Services (every process); see ProposalsHttpModule for the api. */
@Module({
  imports: [CallsModule],
  providers: [
    ProposalsService, ProposalQueryService, ScreeningService, AttachmentsService, ProposalsExportService,
    { provide: FileStorage, useFactory: (c: AppConfig) => new LocalDiskStorage(join(c.VAR_DIR, 'uploads')), inject: [AppConfig] },
  ],
  exports: [ProposalsService, ProposalQueryService, ScreeningService, AttachmentsService, ProposalsExportService, FileStorage],
})
export class ProposalsModule {}

@Module({
  imports: [
    ProposalsModule,
    MulterModule.registerAsync({
      useFactory: (c: AppConfig) => ({ storage: memoryStorage(), limits: { fileSize: c.UPLOAD_MAX_BYTES, files: 1, fields: 50 } }),
      inject: [AppConfig],
    }),
  ],
  controllers: [ProposalsApiController, ProposalsPagesController],
})
export class ProposalsHttpModule {}
