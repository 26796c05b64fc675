import { fromRoot } from '@gv/config';
import { DEMO_ACCOUNTS, linkMember } from '@gv/accounts';
import { Role } from '@gv/core';
import { Community } from '@gv/places';
import { defineContext } from '@gv/web';
import { Organisation } from './entities/organisation.entity';
import { organisationsMessages } from './organisations.messages';
import { OrganisationsHttpModule, OrganisationsModule } from './organisations.module';
import { seedOrganisations } from './organisations.seed';
import { OrganisationsError } from './organisations.errors';

const STAFF = [Role.StreetAdmin, Role.CommunityStaff];

/** 社会组织: the street's community organisations, their sign-up and the street's verification. */
export const organisationsContext = defineContext({
  name: 'organisations',
  module: OrganisationsModule,
  httpModule: OrganisationsHttpModule,
  entities: [Organisation],
  errors: OrganisationsError,
  messages: organisationsMessages,
  viewsDir: fromRoot('libs/organisations/views'),
  mailTemplatesDir: fromRoot('libs/organisations/mail'),
  seed: async (m) => {
    const organisations = await seedOrganisations(m, await m.find(Community));
    for (const a of DEMO_ACCOUNTS) {
      const o = a.organisation && organisations.find((x) => x.name === a.organisation);
      if (o) await linkMember(m, a.email, o.id);
    }
  },
  nav: [
    {
      label: 'nav.organisations',
      href: '/organisations',
      audience: STAFF,
      order: 30,
      group: 'organisations',
    },
    {
      label: 'nav.organisationStats',
      href: '/organisations/stats',
      audience: STAFF,
      order: 31,
      group: 'organisations',
    },
    {
      label: 'nav.myOrganisation',
      href: '/my/organisation',
      audience: [Role.OrgMember],
      order: 30,
    },
    {
      label: 'nav.organisationSignup',
      href: '/organisations/signup',
      audience: 'public',
      order: 90,
    },
  ],
});
