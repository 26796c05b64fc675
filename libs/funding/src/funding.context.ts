import { fromRoot } from '@gv/config';
import { Role } from '@gv/core';
import { defineContext } from '@gv/web';
import {
  FundingAward,
  FundingLedger,
  FundingOverride,
  FundingRun,
  FundingRunLine,
  FundingSettings,
} from './entities/funding.entity';
import { CommunityCapacity, FundingPlacement } from './entities/placement.entity';
import {
  Objection,
  Publicity,
  WorkCalendarDay,
  WorkCalendarYear,
} from './entities/publicity.entity';
import { ResidentVote, ResidentVoter } from './entities/resident-vote.entity';
import { FundingError } from './funding.errors';
import { seedFunding } from './funding.seed';
import { fundingMessages } from './funding.messages';
import { FundingHttpModule, FundingModule } from './funding.module';
import { seedWorkCalendar } from './work-calendar.service';

/**
 * 立项、公示、落户: the funding decision under the cap (ranking versions, the chair's approval, the
 * budget ledger, awards), the placement of funded projects into host communities, and the publicity
 * period with objections counted in working days.
 */
export const fundingContext = defineContext({
  name: 'funding',
  module: FundingModule,
  httpModule: FundingHttpModule,
  entities: [
    FundingSettings,
    FundingRun,
    FundingRunLine,
    FundingOverride,
    FundingLedger,
    FundingAward,
    CommunityCapacity,
    FundingPlacement,
    Publicity,
    Objection,
    WorkCalendarYear,
    WorkCalendarDay,
    ResidentVoter,
    ResidentVote,
  ],
  errors: FundingError,
  messages: fundingMessages,
  viewsDir: fromRoot('libs/funding/views'),
  mailTemplatesDir: fromRoot('libs/funding/mail'),
  seed: async (m, env) => {
    await seedWorkCalendar(m, env.now);
    await seedFunding(m, env.now);
  },
  nav: [
    { label: 'nav.publicResults', href: '/results', audience: 'all', order: 46, group: 'public' },
    {
      label: 'nav.funding',
      href: '/funding/current',
      audience: [Role.StreetAdmin],
      order: 44,
      group: 'competition',
    },
    {
      label: 'nav.placements',
      href: '/placements/current',
      audience: [Role.StreetAdmin],
      order: 45,
      group: 'competition',
    },
    {
      label: 'nav.communityPlacements',
      href: '/community/placements',
      audience: [Role.CommunityStaff],
      order: 45,
      group: 'competition',
    },
  ],
});
