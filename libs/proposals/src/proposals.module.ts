import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { MulterModule } from '@nestjs/platform-express';
import { join } from 'node:path';
import { AppConfig } from '@gv/config';
import { CallsModule } from '@gv/calls';
import { NotificationsModule } from '@gv/notifications';
import { AttachmentsService } from './attachments.service';
import { ProposalQueryService } from './proposal-query.service';
import { ProposalsApiController } from './proposals-api.controller';
import { ProposalsService } from './proposals.service';
import { ProposalDeadlineReminders, ProposalNotificationContent } from './proposal-notifications';
import { ProposalSections } from './proposal-sections';
import { ProposalTransitions } from './proposal-transitions';
import { ProposalCallHooks } from './proposal-call-hooks';
import { ProposalPageModels } from './pages/proposal-page-models';
import { ProposalsPagesController } from './pages/proposals-pages.controller';
import { FileStorage, LocalDiskStorage } from './storage/file-storage';

/** Services (every process); see ProposalsHttpModule for the api. */
@Module({
  imports: [CallsModule, NotificationsModule, DiscoveryModule],
  providers: [
    ProposalCallHooks,
    ProposalsService,
    ProposalQueryService,
    ProposalTransitions,
    ProposalSections,
    AttachmentsService,
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
    ProposalTransitions,
    AttachmentsService,
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
  controllers: [ProposalsApiController, ProposalsPagesController],
  providers: [ProposalPageModels],
  exports: [ProposalPageModels],
})
export class ProposalsHttpModule {}
