import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { join } from 'node:path';
import { AppConfig } from '@gv/config';
import { CallsModule } from '@gv/calls';
import { Role } from '@gv/core';
import { NotificationsModule } from '@gv/notifications';
import { registerNav } from '@gv/web';
import { AttachmentsService } from './attachments.service';
import { ProposalQueryService } from './proposal-query.service';
import { ProposalsApiController } from './proposals-api.controller';
import { ProposalsExportService } from './proposals-export.service';
import { ProposalsService } from './proposals.service';
import { ProposalDeadlineReminders, ProposalNotificationContent } from './proposal-notifications';
import { ProposalPageModels } from './pages/proposal-page-models';
import { ProposalsPagesController } from './pages/proposals-pages.controller';
import { ScreeningPagesController } from './pages/screening-pages.controller';
import { ScreeningService } from './screening.service';
import { FileStorage, LocalDiskStorage } from './storage/file-storage';

registerNav(
  { label: 'nav.myProposals', href: '/my/proposals', audience: [Role.OrgMember], order: 41 },
  {
    label: 'nav.proposals',
    href: '/staff/proposals',
    audience: [Role.StreetAdmin, Role.CommunityStaff],
    order: 41,
  },
);

/** Services (every process); see ProposalsHttpModule for the api. */
@Module({
  imports: [CallsModule, NotificationsModule],
  providers: [
    ProposalsService,
    ProposalQueryService,
    ScreeningService,
    AttachmentsService,
    ProposalsExportService,
    ProposalNotificationContent,
    ProposalDeadlineReminders,
    {
      provide: FileStorage,
      useFactory: (c: AppConfig) => new LocalDiskStorage(join(c.VAR_DIR, 'uploads')),
      inject: [AppConfig],
    },
  ],
  exports: [
    ProposalsService,
    ProposalQueryService,
    ScreeningService,
    AttachmentsService,
    ProposalsExportService,
    FileStorage,
  ],
})
export class ProposalsModule {}

@Module({
  imports: [
    ProposalsModule,
    CallsModule,
    // No `dest`: multer keeps the file in memory; FileStorage writes it.
    MulterModule.registerAsync({
      useFactory: (c: AppConfig) => ({
        limits: { fileSize: c.UPLOAD_MAX_BYTES, files: 1, fields: 50 },
      }),
      inject: [AppConfig],
    }),
  ],
  controllers: [ProposalsApiController, ProposalsPagesController, ScreeningPagesController],
  providers: [ProposalPageModels],
})
export class ProposalsHttpModule {}
