import { Module } from '@nestjs/common';
import { CallsModule } from '@gv/calls';
import { ReviewsModule } from '@gv/reviews';

const services = [] as const;

@Module({ imports: [ReviewsModule], providers: [...services], exports: [...services] })
export class FundingModule {}

@Module({ imports: [FundingModule, CallsModule, ReviewsModule], controllers: [] })
export class FundingHttpModule {}
