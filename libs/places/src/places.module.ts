import { Global, Module } from '@nestjs/common';
import { CommunityOptions } from './community-options';
import { PlacesController } from './places.controller';

/** Services (every process). Global: every context offers community choices. */
@Global()
@Module({ providers: [CommunityOptions], exports: [CommunityOptions] })
export class PlacesModule {}

@Module({ controllers: [PlacesController] })
export class PlacesHttpModule {}
