import { Module } from '@nestjs/common';
import { CallsModule } from '@gv/calls';
import { PanelsModule } from '@gv/panels';
import { RoadshowAgendaService } from './roadshow-agenda.service';
import { RoadshowDayService } from './roadshow-day.service';
import { RoadshowNotificationContent, RoadshowReminders } from './roadshow-notifications';
import { RoadshowScheduleService } from './roadshow-schedule.service';
import { RoadshowsApiController } from './roadshows-api.controller';
import { RoadshowsPagesController } from './roadshows-pages.controller';
import { RoadshowsService } from './roadshows.service';

/** Services (every process: the worker renders the invitations and sends reminders); see RoadshowsHttpModule. */
@Module({
  imports: [PanelsModule],
  providers: [
    RoadshowsService,
    RoadshowScheduleService,
    RoadshowAgendaService,
    RoadshowDayService,
    RoadshowNotificationContent,
    RoadshowReminders,
  ],
  exports: [RoadshowsService, RoadshowScheduleService, RoadshowAgendaService, RoadshowDayService],
})
export class RoadshowsModule {}

@Module({
  imports: [RoadshowsModule, PanelsModule, CallsModule],
  controllers: [RoadshowsApiController, RoadshowsPagesController],
})
export class RoadshowsHttpModule {}
