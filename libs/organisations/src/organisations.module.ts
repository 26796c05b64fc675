import { Module } from '@nestjs/common';
import { Role } from '@gv/core';
import { registerNav } from '@gv/web';
import { OrganisationsApiController } from './organisations-api.controller';
import { OrganisationsPagesController } from './organisations-pages.controller';
import { OrganisationsService } from './organisations.service';
import { OrganisationNotificationContent } from './organisation-notifications';
import { OrganisationStatsService } from './stats/organisation-stats.service';

registerNav(
  {
    label: 'nav.organisations',
    href: '/organisations',
    audience: [Role.StreetAdmin, Role.CommunityStaff],
    order: 30,
  },
  {
    label: 'nav.organisationStats',
    href: '/organisations/stats',
    audience: [Role.StreetAdmin, Role.CommunityStaff],
    order: 31,
  },
  { label: 'nav.myOrganisation', href: '/my/organisation', audience: [Role.OrgMember], order: 30 },
  { label: 'nav.organisationSignup', href: '/organisations/signup', audience: 'public', order: 90 },
);

/** Services (every process). */
@Module({
  providers: [OrganisationsService, OrganisationStatsService, OrganisationNotificationContent],
  exports: [OrganisationsService, OrganisationStatsService],
})
export class OrganisationsModule {}

/** API and pages (the api process only). */
@Module({
  imports: [OrganisationsModule],
  controllers: [OrganisationsApiController, OrganisationsPagesController],
})
export class OrganisationsHttpModule {}
