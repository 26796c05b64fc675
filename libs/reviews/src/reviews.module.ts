import { CallsModule } from '@gv/calls';
import { ProposalsModule } from '@gv/proposals';
import { Module } from '@nestjs/common';
import { ReviewsApiController } from './reviews-api.controller';
import { ReviewsPagesController } from './reviews-pages.controller';
import { ReviewReminders } from './review-reminders';
import { ReviewsService } from './reviews.service';
import { ReviewAssignments } from './review-assignments.service';
import { ReviewLive } from './review-live.service';
import { ReviewLivePagesController } from './review-live-pages.controller';
import { PaperEntryService } from './paper-entry.service';
import { PaperApiController } from './paper-api.controller';
import { PaperPagesController } from './paper-pages.controller';
import { ReviewReportService } from './review-report.service';
import { ReviewReportController } from './review-report.controller';

@Module({
  providers: [
    ReviewsService,
    ReviewAssignments,
    ReviewLive,
    ReviewReminders,
    PaperEntryService,
    ReviewReportService,
  ],
  exports: [ReviewsService, ReviewAssignments, ReviewLive, PaperEntryService, ReviewReportService],
})
export class ReviewsModule {}

@Module({
  imports: [ReviewsModule, CallsModule, ProposalsModule],
  controllers: [
    ReviewsApiController,
    ReviewsPagesController,
    ReviewLivePagesController,
    PaperApiController,
    PaperPagesController,
    ReviewReportController,
  ],
})
export class ReviewsHttpModule {}
