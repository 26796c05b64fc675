import { fromRoot } from '@gv/config';
import { defineContext } from '@gv/web';
import { PanelAffiliation } from './entities/panel-affiliation.entity';
import { PanelConflict } from './entities/panel-conflict.entity';
import { PanelDraw } from './entities/panel-draw.entity';
import { PanelMember } from './entities/panel-member.entity';
import { panelsMessages } from './panels.messages';
import { PanelsHttpModule, PanelsModule } from './panels.module';
import { seedPanels } from './panels.seed';
import { PanelsError } from './panels.errors';

/**
 * 评审组: who judges a competition (street, community and resident representatives, experts), the
 * chair, their ties, and the conflicts of interest those show. Roadshows and the review page build on it.
 */
export const panelsContext = defineContext({
  name: 'panels',
  module: PanelsModule,
  httpModule: PanelsHttpModule,
  entities: [PanelMember, PanelAffiliation, PanelConflict, PanelDraw],
  errors: PanelsError,
  messages: panelsMessages,
  viewsDir: fromRoot('libs/panels/views'),
  seed: (m, env) => seedPanels(m, env.passwordHash),
  nav: [
    { label: 'nav.myPanel', href: '/my/panel', audience: 'signed-in', order: 60, group: 'review' },
  ],
});
