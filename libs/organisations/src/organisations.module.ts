import { Module } from '@nestjs/common';
import { OrganisationsApiController } from './organisations-api.controller';
import { OrganisationsPagesController } from './organisations-pages.controller';
import { OrganisationsService } from './organisations.service';
import { OrganisationNotificationContent } from './organisation-notifications';
import { OrganisationStatsService } from './stats/organisation-stats.service';

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
