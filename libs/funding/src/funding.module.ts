import { Module } from '@nestjs/common';
import { CallsModule } from '@gv/calls';
import { ReviewsModule } from '@gv/reviews';
import { FundingApiController } from './funding-api.controller';
import { FundingPagesController } from './funding-pages.controller';
import { FundingService } from './funding.service';
import { PlacementApiController } from './placement-api.controller';
import { PlacementPagesController } from './placement-pages.controller';
import { PlacementService } from './placement.service';
import { PublicityApiController } from './publicity-api.controller';
import { PublicityPagesController } from './publicity-pages.controller';
import { PublicityResults } from './publicity-results';
import { PublicityService } from './publicity.service';
import { ResidentVoteApiController } from './resident-vote-api.controller';
import { ResidentVotePagesController } from './resident-vote-pages.controller';
import { ResidentVoteService } from './resident-vote.service';
import { WorkCalendarService } from './work-calendar.service';

const services = [
  FundingService,
  PlacementService,
  ResidentVoteService,
  WorkCalendarService,
  PublicityService,
  PublicityResults,
] as const;

@Module({ imports: [ReviewsModule], providers: [...services], exports: [...services] })
export class FundingModule {}

@Module({
  imports: [FundingModule, CallsModule, ReviewsModule],
  controllers: [
    FundingApiController,
    FundingPagesController,
    PlacementApiController,
    PlacementPagesController,
    ResidentVoteApiController,
    ResidentVotePagesController,
    PublicityApiController,
    PublicityPagesController,
  ],
})
export class FundingHttpModule {}
