import { Module } from '@nestjs/common';
import { FundingModule } from '@gv/funding';

const services = [] as const;

@Module({ imports: [FundingModule], providers: [...services], exports: [...services] })
export class DeliveryModule {}

@Module({ imports: [DeliveryModule], controllers: [] })
export class DeliveryHttpModule {}
