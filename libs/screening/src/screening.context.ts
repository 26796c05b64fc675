import { fromRoot } from '@gv/config';
import { Role } from '@gv/core';
import { defineContext } from '@gv/web';
import { Screening, ScreeningCheck } from './entities/screening.entity';
import { screeningMessages } from './screening.messages';
import { ScreeningHttpModule, ScreeningModule } from './screening.module';
import { seedScreening } from './screening.seed';
import { ScreeningError } from './screening.errors';

/** 资格审查: staff decide on each submitted proposal against the call's checklist; the admin publishes them at once. */
export const screeningContext = defineContext({
  name: 'screening',
  module: ScreeningModule,
  httpModule: ScreeningHttpModule,
  entities: [Screening, ScreeningCheck],
  errors: ScreeningError,
  messages: screeningMessages,
  viewsDir: fromRoot('libs/screening/views'),
  mailTemplatesDir: fromRoot('libs/screening/mail'),
  seed: (m) => seedScreening(m),
  nav: [
    {
      label: 'nav.proposals',
      href: '/staff/proposals',
      audience: [Role.StreetAdmin, Role.CommunityStaff],
      order: 41,
      group: 'competition',
    },
  ],
});
