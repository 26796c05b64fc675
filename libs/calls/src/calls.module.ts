import { Module } from '@nestjs/common';
import { Clock, Role, SystemClock } from '@gv/core';
import { registerNav } from '@gv/web';
import { CallsApiController } from './calls-api.controller';
import { CallsPagesController } from './calls-pages.controller';
import { CallsService } from './calls.service';

registerNav(
  { label: 'nav.calls', href: '/calls', audience: 'all', order: 15 },
  { label: 'nav.newCall', href: '/calls/new', audience: [Role.StreetAdmin], order: 16 },
);

/** Services and the phase sweep (every process); see CallsHttpModule for the api. */
@Module({
  providers: [CallsService, { provide: Clock, useClass: SystemClock }],
  exports: [CallsService, Clock],
})
export class CallsModule {}

@Module({ imports: [CallsModule], controllers: [CallsApiController, CallsPagesController] })
export class CallsHttpModule {}
