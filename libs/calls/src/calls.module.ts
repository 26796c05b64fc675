import { Module } from '@nestjs/common';
import { Clock, SystemClock } from '@gv/core';
import { CallNotificationContent } from './call-notifications';
import { CallsApiController } from './calls-api.controller';
import { CallsPagesController } from './calls-pages.controller';
import { CallsService } from './calls.service';

/** Services, the phase sweep and the phase-change mail content (every process); see CallsHttpModule for the api. */
@Module({
  providers: [CallsService, CallNotificationContent, { provide: Clock, useClass: SystemClock }],
  exports: [CallsService, Clock],
})
export class CallsModule {}

@Module({ imports: [CallsModule], controllers: [CallsApiController, CallsPagesController] })
export class CallsHttpModule {}
