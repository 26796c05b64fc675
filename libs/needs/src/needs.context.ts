import { fromRoot } from '@gv/config';
import { Role } from '@gv/core';
import { Community } from '@gv/places';
import { defineContext } from '@gv/web';
import { Need } from './entities/need.entity';
import { needsMessages } from './needs.messages';
import { NeedsHttpModule, NeedsModule } from './needs.module';
import { seedNeeds } from './needs.seed';
import { NeedsError } from './needs.errors';

/** 社区需求: what each community asks for, the board proposals answer. */
export const needsContext = defineContext({
  name: 'needs',
  module: NeedsModule,
  httpModule: NeedsHttpModule,
  entities: [Need],
  errors: NeedsError,
  messages: needsMessages,
  viewsDir: fromRoot('libs/needs/views'),
  seed: async (m) => {
    await seedNeeds(m, await m.find(Community));
  },
  nav: [
    { label: 'nav.needs', href: '/needs', audience: 'all', order: 20, group: 'public' },
    {
      label: 'nav.postNeed',
      href: '/needs/new',
      audience: [Role.CommunityStaff],
      order: 21,
      group: 'public',
    },
  ],
});
