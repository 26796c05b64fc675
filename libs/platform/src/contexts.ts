import { accountsContext } from '@gv/accounts';
import { auditContext } from '@gv/audit';
import { callsContext } from '@gv/calls';
import { deliveryContext } from '@gv/delivery';
import { fundingContext } from '@gv/funding';
import { needsContext } from '@gv/needs';
import { notificationsContext } from '@gv/notifications';
import { organisationsContext } from '@gv/organisations';
import { panelsContext } from '@gv/panels';
import { placesContext } from '@gv/places';
import { proposalsContext } from '@gv/proposals';
import { reviewsContext } from '@gv/reviews';
import { roadshowsContext } from '@gv/roadshows';
import { screeningContext } from '@gv/screening';
import { BoundedContext } from '@gv/web';

/**
 * Every bounded context of the platform, lowest first: a context may depend only on those above it
 * in this list (enforced by the `scope:*` module-boundary rules), and demo seed steps run in this order.
 * Adding a context: one new lib, one line here, its migration (docs/ARCHITECTURE.md has the checklist).
 */
export const CONTEXTS: readonly BoundedContext[] = [
  placesContext,
  auditContext,
  notificationsContext,
  accountsContext,
  organisationsContext,
  needsContext,
  callsContext,
  proposalsContext,
  screeningContext,
  panelsContext,
  roadshowsContext,
  reviewsContext,
  fundingContext,
  deliveryContext,
];
