import { fromRoot } from '@gv/config';
import { Role } from '@gv/core';
import { defineContext } from '@gv/web';
import { Roadshow } from './entities/roadshow.entity';
import { RoadshowPitch, RoadshowUnavailability } from './entities/roadshow-pitch.entity';
import { RoadshowMinutes, RoadshowPledge } from './entities/roadshow-record.entity';
import { RoadshowSession, RoadshowSessionJudge } from './entities/roadshow-session.entity';
import { roadshowsMessages } from './roadshows.messages';
import { RoadshowsHttpModule, RoadshowsModule } from './roadshows.module';
import { seedRoadshows } from './roadshows.seed';
import { RoadshowsError } from './roadshows.errors';

/**
 * 项目路演: sessions, a clash-free agenda from the scheduler (@gv/roadshow), calendar invitations,
 * check-in, minutes and resources pledged on the day.
 */
export const roadshowsContext = defineContext({
  name: 'roadshows',
  module: RoadshowsModule,
  httpModule: RoadshowsHttpModule,
  entities: [
    Roadshow,
    RoadshowSession,
    RoadshowSessionJudge,
    RoadshowPitch,
    RoadshowUnavailability,
    RoadshowMinutes,
    RoadshowPledge,
  ],
  errors: RoadshowsError,
  messages: roadshowsMessages,
  viewsDir: fromRoot('libs/roadshows/views'),
  mailTemplatesDir: fromRoot('libs/roadshows/mail'),
  seed: (m, env) => seedRoadshows(m, env.now),
  nav: [
    {
      label: 'nav.roadshows',
      href: '/roadshows/current',
      audience: [Role.StreetAdmin],
      order: 42,
      group: 'competition',
    },
  ],
});
