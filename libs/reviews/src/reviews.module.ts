import { CallsModule } from '@gv/calls';
import { Module } from '@nestjs/common';
import { ReviewsApiController } from './reviews-api.controller';
import { ReviewsPagesController } from './reviews-pages.controller';
import { ReviewReminders } from './review-reminders';
import { ReviewsService } from './reviews.service';
import { ReviewAssignments } from './review-assignments.service';

@Module({
  providers: [ReviewsService, ReviewAssignments, ReviewReminders],
  exports: [ReviewsService, ReviewAssignments],
})
export class ReviewsModule {}

@Module({
  imports: [ReviewsModule, CallsModule],
  controllers: [ReviewsApiController, ReviewsPagesController],
})
export class ReviewsHttpModule {}
