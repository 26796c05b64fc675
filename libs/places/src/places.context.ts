import { fromRoot } from '@gv/config';
import { defineContext } from '@gv/web';
import { Community } from './entities/community.entity';
import { District } from './entities/district.entity';
import { StreetOffice } from './entities/street-office.entity';
import { placesMessages } from './places.messages';
import { PlacesHttpModule, PlacesModule } from './places.module';
import { seedPlaces } from './places.seed';

/** 地区: the district, the street office and its communities. */
export const placesContext = defineContext({
  name: 'places',
  module: PlacesModule,
  httpModule: PlacesHttpModule,
  entities: [District, StreetOffice, Community],
  messages: placesMessages,
  viewsDir: fromRoot('libs/places/views'),
  seed: async (m) => {
    await seedPlaces(m);
  },
  nav: [
    { label: 'nav.communities', href: '/communities', audience: 'all', order: 10, group: 'public' },
  ],
});
