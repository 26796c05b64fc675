import { fromRoot } from '@gv/config';
import { composeNav, NavItem } from '@gv/web';
import { CONTEXTS } from './contexts';

/** Page templates: the shared layout, every context's, then the composing pages' (Express searches them in order). */
export const VIEW_DIRS = [
  fromRoot('libs/web/views'),
  ...CONTEXTS.flatMap((c) => (c.viewsDir ? [c.viewsDir] : [])),
  fromRoot('libs/platform/views'),
];

/** Mail templates of the contexts that send mail. */
export const MAIL_TEMPLATE_DIRS = CONTEXTS.flatMap((c) =>
  c.mailTemplatesDir ? [c.mailTemplatesDir] : [],
);

/** The menu of every context. */
export const NAV: NavItem[] = composeNav(CONTEXTS.flatMap((c) => c.nav ?? []));
