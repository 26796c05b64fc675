import { fromRoot } from '@gv/config';
import { Role } from '@gv/core';
import { defineContext } from '@gv/web';
import { CallChecklistItem } from './entities/call-checklist-item.entity';
import { CallNeed } from './entities/call-need.entity';
import { Call } from './entities/call.entity';
import { callsMessages } from './calls.messages';
import { CallsHttpModule, CallsModule } from './calls.module';
import { seedCalls } from './calls.seed';
import { CallsError } from './calls.errors';

/** 创投大赛: a competition with its budget cap, grant range, tracks, phase timeline and screening checklist. */
export const callsContext = defineContext({
  name: 'calls',
  module: CallsModule,
  httpModule: CallsHttpModule,
  entities: [Call, CallChecklistItem, CallNeed],
  errors: CallsError,
  messages: callsMessages,
  viewsDir: fromRoot('libs/calls/views'),
  mailTemplatesDir: fromRoot('libs/calls/mail'),
  seed: (m, env) => seedCalls(m, env.now),
  nav: [
    { label: 'nav.calls', href: '/calls', audience: 'all', order: 15, group: 'public' },
    {
      label: 'nav.newCall',
      href: '/calls/new',
      audience: [Role.StreetAdmin],
      order: 16,
      group: 'competition',
    },
  ],
});
