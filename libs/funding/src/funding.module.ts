import { Module } from '@nestjs/common';
import { CallsModule } from '@gv/calls';
import { ReviewsModule } from '@gv/reviews';
import { FundingApiController } from './funding-api.controller';
import { FundingPagesController } from './funding-pages.controller';
import { FundingService } from './funding.service';
import { PlacementApiController } from './placement-api.controller';
import { PlacementPagesController } from './placement-pages.controller';
import { PlacementService } from './placement.service';

const services = [FundingService, PlacementService] as const;

@Module({ imports: [ReviewsModule], providers: [...services], exports: [...services] })
export class FundingModule {}

@Module({
  imports: [FundingModule, CallsModule, ReviewsModule],
  controllers: [
    FundingApiController,
    FundingPagesController,
    PlacementApiController,
    PlacementPagesController,
  ],
})
export class FundingHttpModule {}
