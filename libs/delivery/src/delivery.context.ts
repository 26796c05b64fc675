import { fromRoot } from '@gv/config';
import { Role } from '@gv/core';
import { defineContext } from '@gv/web';
import {
  Clawback,
  DeliveryEvaluation,
  DeliveryMilestone,
  DeliveryProject,
  DemoSiteAward,
  DemoSiteBudget,
  GrantAgreement,
  MilestoneChange,
  MilestoneStep,
  ProgressReport,
  ReportFile,
  Tranche,
} from './entities/delivery.entity';
import { DeliveryError } from './delivery.errors';
import { deliveryMessages } from './delivery.messages';
import { DeliveryHttpModule, DeliveryModule } from './delivery.module';
import { seedDelivery } from './delivery.seed';

/**
 * 实施、督导、评估: funded projects from the grant agreement to closure — tranches gated on evaluations,
 * milestones tracked by jobs, progress reports, evaluations, closure, demonstration sites, a dashboard.
 */
export const deliveryContext = defineContext({
  name: 'delivery',
  module: DeliveryModule,
  httpModule: DeliveryHttpModule,
  entities: [
    DeliveryProject,
    GrantAgreement,
    Tranche,
    Clawback,
    DeliveryMilestone,
    MilestoneChange,
    MilestoneStep,
    ProgressReport,
    ReportFile,
    DeliveryEvaluation,
    DemoSiteBudget,
    DemoSiteAward,
  ],
  errors: DeliveryError,
  seed: (m, env) => seedDelivery(m, env),
  messages: deliveryMessages,
  viewsDir: fromRoot('libs/delivery/views'),
  mailTemplatesDir: fromRoot('libs/delivery/mail'),
  nav: [
    {
      label: 'nav.delivery',
      href: '/delivery',
      audience: [Role.StreetAdmin],
      order: 46,
      group: 'delivery',
    },
    {
      label: 'nav.deliveryDashboard',
      href: '/delivery/dashboard',
      audience: [Role.StreetAdmin],
      order: 47,
      group: 'delivery',
    },
    {
      label: 'nav.myProjects',
      href: '/my/projects',
      audience: [Role.OrgMember, Role.Judge],
      order: 42,
      group: 'delivery',
    },
  ],
});
