import { Module } from '@nestjs/common';
import { NeedsApiController } from './needs-api.controller';
import { NeedsPagesController } from './needs-pages.controller';
import { NeedsService } from './needs.service';

@Module({ providers: [NeedsService], exports: [NeedsService] })
export class NeedsModule {}

@Module({ imports: [NeedsModule], controllers: [NeedsApiController, NeedsPagesController] })
export class NeedsHttpModule {}
