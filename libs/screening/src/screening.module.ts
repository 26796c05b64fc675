import { Module } from '@nestjs/common';
import { CallsModule } from '@gv/calls';
import { ProposalsModule } from '@gv/proposals';
import { ScreeningApiController } from './screening-api.controller';
import { ScreeningExportService } from './screening-export.service';
import { ScreeningHooks } from './screening-hooks';
import { ScreeningNotificationContent } from './screening-notifications';
import { ScreeningService } from './screening.service';
import { ScreeningPagesController } from './pages/screening-pages.controller';

/** Services, event handlers, the proposal-page section and mail content (every process). */
@Module({
  imports: [ProposalsModule, CallsModule],
  providers: [
    ScreeningService,
    ScreeningExportService,
    ScreeningHooks,
    ScreeningNotificationContent,
  ],
  exports: [ScreeningService, ScreeningExportService],
})
export class ScreeningModule {}

/** API and pages (the api process). */
@Module({
  imports: [ScreeningModule, ProposalsModule, CallsModule],
  controllers: [ScreeningApiController, ScreeningPagesController],
})
export class ScreeningHttpModule {}
