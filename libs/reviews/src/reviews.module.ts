import { CallsModule } from '@gv/calls';
import { Module } from '@nestjs/common';
import { ReviewsApiController } from './reviews-api.controller';
import { ReviewsPagesController } from './reviews-pages.controller';
import { ReviewReminders } from './review-reminders';
import { ReviewsService } from './reviews.service';
import { ReviewAssignments } from './review-assignments.service';
import { ReviewLive } from './review-live.service';
import { ReviewLivePagesController } from './review-live-pages.controller';

@Module({
  providers: [ReviewsService, ReviewAssignments, ReviewLive, ReviewReminders],
  exports: [ReviewsService, ReviewAssignments, ReviewLive],
})
export class ReviewsModule {}

@Module({
  imports: [ReviewsModule, CallsModule],
  controllers: [ReviewsApiController, ReviewsPagesController, ReviewLivePagesController],
})
export class ReviewsHttpModule {}
