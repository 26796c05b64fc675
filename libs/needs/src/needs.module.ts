import { Module } from '@nestjs/common';
import { Role } from '@gv/core';
import { registerNav } from '@gv/web';
import { NeedsApiController } from './needs-api.controller';
import { NeedsPagesController } from './needs-pages.controller';
import { NeedsService } from './needs.service';

registerNav(
  { label: 'nav.needs', href: '/needs', audience: 'all', order: 20 },
  { label: 'nav.postNeed', href: '/needs/new', audience: [Role.CommunityStaff], order: 21 },
);

@Module({ providers: [NeedsService], exports: [NeedsService] })
export class NeedsModule {}

@Module({ imports: [NeedsModule], controllers: [NeedsApiController, NeedsPagesController] })
export class NeedsHttpModule {}
