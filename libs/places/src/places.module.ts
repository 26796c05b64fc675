import { Module } from '@nestjs/common';
import { registerNav } from '@gv/web';
import { PlacesController } from './places.controller';

registerNav({ label: 'nav.communities', href: '/communities', audience: 'all', order: 10 });

@Module({ controllers: [PlacesController] })
export class PlacesHttpModule {}
