import { Global, Injectable, Module } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AccountsModule, OrganisationDirectory } from '@gv/accounts';
import { Organisation } from './entities/organisation.entity';
import { OrganisationsApiController } from './organisations-api.controller';
import { OrganisationsPagesController } from './organisations-pages.controller';
import { OrganisationsService } from './organisations.service';
import { OrganisationNotificationContent } from './organisation-notifications';
import { OrganisationStatsService } from './stats/organisation-stats.service';

/** Tells accounts (below) whether an organisation exists, without accounts importing organisations. */
@Injectable()
export class OrganisationDirectoryImpl extends OrganisationDirectory {
  async exists(m: EntityManager, organisationId: number): Promise<boolean> {
    return (
      Number.isSafeInteger(organisationId) &&
      (await m.getRepository(Organisation).exists({ where: { id: organisationId } }))
    );
  }
}

/** Global: the AccountsModule's invitation service depends on it. */
@Global()
@Module({
  providers: [{ provide: OrganisationDirectory, useClass: OrganisationDirectoryImpl }],
  exports: [OrganisationDirectory],
})
export class OrganisationDirectoryModule {}

/** Services (every process). */
@Module({
  imports: [OrganisationDirectoryModule],
  providers: [OrganisationsService, OrganisationStatsService, OrganisationNotificationContent],
  exports: [OrganisationsService, OrganisationStatsService],
})
export class OrganisationsModule {}

/** API and pages (the api process only). */
@Module({
  imports: [OrganisationsModule, AccountsModule],
  controllers: [OrganisationsApiController, OrganisationsPagesController],
})
export class OrganisationsHttpModule {}
