import { Module } from '@nestjs/common';
import { Clock, SystemClock } from '@gv/core';
import { CallsApiController } from './calls-api.controller';
import { CallsService } from './calls.service';

/** Services and the phase sweep (every process); see CallsHttpModule for the api. */
@Module({
  providers: [CallsService, { provide: Clock, useClass: SystemClock }],
  exports: [CallsService, Clock],
})
export class CallsModule {}

@Module({ imports: [CallsModule], controllers: [CallsApiController] })
export class CallsHttpModule {}
