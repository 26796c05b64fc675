import { fromRoot } from '@gv/config';

/** Page templates of every context (Express searches them in order). */
export const VIEW_DIRS = [
  'libs/web/views',
  'libs/accounts/views',
  'libs/places/views',
  'libs/audit/views',
  'libs/notifications/views',
  'libs/organisations/views',
  'libs/needs/views',
  'libs/calls/views',
  'libs/proposals/views',
  'libs/platform/views',
].map((d) => fromRoot(d));
