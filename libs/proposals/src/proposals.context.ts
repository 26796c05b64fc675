import { fromRoot } from '@gv/config';
import { Role } from '@gv/core';
import { defineContext } from '@gv/web';
import { ProposalAttachment } from './entities/proposal-attachment.entity';
import { ProposalBudgetLine } from './entities/proposal-budget-line.entity';
import { ProposalCommunity } from './entities/proposal-community.entity';
import { ProposalMilestone } from './entities/proposal-milestone.entity';
import { ProposalVersion } from './entities/proposal-version.entity';
import { Proposal } from './entities/proposal.entity';
import { proposalsMessages } from './proposals.messages';
import { ProposalsHttpModule, ProposalsModule } from './proposals.module';
import { seedProposals } from './proposals.seed';
import { ProposalsError } from './proposals.errors';

/** 申报: organisations draft, submit (numbered, versioned) and withdraw proposals to a call. */
export const proposalsContext = defineContext({
  name: 'proposals',
  module: ProposalsModule,
  httpModule: ProposalsHttpModule,
  entities: [
    Proposal,
    ProposalCommunity,
    ProposalBudgetLine,
    ProposalMilestone,
    ProposalVersion,
    ProposalAttachment,
  ],
  errors: ProposalsError,
  messages: proposalsMessages,
  viewsDir: fromRoot('libs/proposals/views'),
  mailTemplatesDir: fromRoot('libs/proposals/mail'),
  seed: (m, env) => seedProposals(m, env.now),
  nav: [{ label: 'nav.myProposals', href: '/my/proposals', audience: [Role.OrgMember], order: 41 }],
});
