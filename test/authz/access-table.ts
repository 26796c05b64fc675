/**
 * Who may do what: one row per served route (`METHOD /path`, as the express router holds it), one rule
 * per role. The authorisation matrix (authorization-matrix.spec.ts) enumerates the live route table,
 * fails on a route without a row or a row without a route, and tries every row × role × ownership case.
 *
 * Rules:
 *  - `allow`: passes the gate on every record (the answer may still be 400/409: that is past the gate);
 *  - `deny`:  refused on every record (401 / 403 / 404, or a 303 to /login for a page);
 *  - `own`:   allowed on records in the role's scope (see `inScope`), refused (404 or 403) on the others.
 * A role left out of a row is `deny`.
 *
 * Extending: a new route needs a row here (and, if the spec cannot guess its parameters or body, a
 * request recipe in the spec). A new kind of ownership (e.g. judge assignments) is a new `Scope` with
 * its cases and one line in `inScope`.
 */

export const ROLES = [
  'anonymous',
  'org_member',
  'community_staff',
  'street_admin',
  'judge',
] as const;
export type Role = (typeof ROLES)[number];

export type Rule = 'allow' | 'deny' | 'own';

/**
 * Whose record a route's path (or, for a create, its body) names, and so which ownership cases are tried:
 *  - none:         nothing owned (public content, street-wide records, the caller's own account);
 *  - organisation: an organisation's record: the org member's own (in the staff member's community),
 *                  another organisation's in the same community, one of another community;
 *  - proposal:     as organisation, by the host communities of what was submitted, plus another
 *                  organisation's unsubmitted draft (only its organisation ever sees a draft);
 *  - community:    a community's record (needs): the staff member's community or another;
 *  - personal:     one account's record (an inbox notification, a panel seat): the caller's or another's;
 *  - call:         a competition: published (past `upcoming`) or still upcoming (not public yet);
 *  - assignment:   a proposal to score: one the caller scores as a panel member, one they sit on the
 *                  panel for but are recused from, one they do not score (a caller without a seat
 *                  has only the last);
 *  - chair:        a competition's review (its proposals, sheets): one whose panel the caller chairs,
 *                  one they do not (only what exists for the caller is tried).
 */
export const SCOPES = {
  none: ['any'],
  organisation: ['own', 'otherOrg', 'otherCommunity'],
  proposal: ['own', 'otherOrg', 'otherCommunity', 'otherDraft'],
  community: ['own', 'otherCommunity'],
  personal: ['own', 'otherUser'],
  call: ['published', 'upcoming'],
  assignment: ['assigned', 'recused', 'unassigned'],
  chair: ['chaired', 'notChaired'],
} as const;
export type Scope = keyof typeof SCOPES;
export type Case<S extends Scope = Scope> = (typeof SCOPES)[S][number];

/** Whether a record of this ownership case is within the role's reach (what `own` allows). */
export function inScope(scope: Scope, role: Role, c: string): boolean {
  switch (scope) {
    case 'none':
      return true;
    case 'organisation':
      if (role === 'street_admin') return true;
      if (role === 'community_staff') return c === 'own' || c === 'otherOrg';
      return role === 'org_member' && c === 'own';
    case 'proposal':
      if (c === 'otherDraft') return false;
      if (role === 'street_admin') return true;
      if (role === 'community_staff') return c === 'own' || c === 'otherOrg';
      return role === 'org_member' && c === 'own';
    case 'community':
      return role === 'street_admin' || (role === 'community_staff' && c === 'own');
    case 'personal':
      return c === 'own';
    case 'call':
      return role === 'street_admin' || c === 'published';
    case 'assignment':
      return c === 'assigned';
    case 'chair':
      return c === 'chaired';
  }
}

export interface AccessRow {
  scope: Scope;
  rules: Partial<Record<Role, Rule>>;
  /** Why the rule is what it is, where the route alone does not say. */
  note?: string;
  /**
   * An open finding in code this change may not touch: the matrix expects the rule above, reports the
   * cases that still break it without failing, and fails once they all pass (then drop this field).
   */
  knownIssue?: string;
}

const ALL: Partial<Record<Role, Rule>> = {
  anonymous: 'allow',
  org_member: 'allow',
  community_staff: 'allow',
  street_admin: 'allow',
  judge: 'allow',
};
const SIGNED_IN: Partial<Record<Role, Rule>> = {
  org_member: 'allow',
  community_staff: 'allow',
  street_admin: 'allow',
  judge: 'allow',
};
const ADMIN: Partial<Record<Role, Rule>> = { street_admin: 'allow' };
const STAFF: Partial<Record<Role, Rule>> = { street_admin: 'allow', community_staff: 'allow' };
const MEMBER: Partial<Record<Role, Rule>> = { org_member: 'allow' };
const STAFF_AND_MEMBER: Partial<Record<Role, Rule>> = { ...STAFF, org_member: 'allow' };
/** Street admins: all; community staff: their community's; members: their organisation's. */
const SCOPED_READ: Partial<Record<Role, Rule>> = {
  street_admin: 'own',
  community_staff: 'own',
  org_member: 'own',
};
/** Only the organisation's own members. */
const MEMBER_OWN: Partial<Record<Role, Rule>> = { org_member: 'own' };
/** Street admins on any record, community staff on their community's. */
const STAFF_OWN: Partial<Record<Role, Rule>> = { street_admin: 'own', community_staff: 'own' };
/** Every signed-in account, on its own records only. */
const SELF: Partial<Record<Role, Rule>> = {
  org_member: 'own',
  community_staff: 'own',
  street_admin: 'own',
  judge: 'own',
};

/** Anyone, on what is within their reach (for `call`: the published ones; street admins: all). */
const ANYONE_OWN: Partial<Record<Role, Rule>> = { ...SELF, anonymous: 'own' };

const row = (scope: Scope, rules: Partial<Record<Role, Rule>>, note?: string): AccessRow => ({
  scope,
  rules,
  ...(note ? { note } : {}),
});
const open = (note?: string) => row('none', ALL, note);
const signedIn = (note?: string) => row('none', SIGNED_IN, note);
const admin = (note?: string) => row('none', ADMIN, note);
const staff = (note?: string) => row('none', STAFF, note);
const member = (note?: string) => row('none', MEMBER, note);

/** Delivery projects: the street office any, an organisation its own (a supervisor too: see the note). */
const DELIVERY_READ: Partial<Record<Role, Rule>> = { street_admin: 'allow', org_member: 'own' };
const DELIVERY_NOTE =
  'judges and community staff see only projects they supervise (none in the fixtures: 404)';
const EVALUATOR_NOTE =
  'the street office or the project’s assigned supervisor (403 evaluation_not_allowed for others: test/delivery/money.spec.ts)';

/** Routes served that are no endpoint of the platform (middleware registered for every method). */
export const NOT_ENDPOINTS: Record<string, string> = {
  'ALL /{*path}': "Nest middleware bound with forRoutes('*') (request context), not a route",
  'GET /api/docs/LICENSE': 'Swagger UI hides its bundled licence: 404 to everyone',
};

export const ACCESS_TABLE: Record<string, AccessRow> = {
  // ── infrastructure ─────────────────────────────────────────────────────────────────────────────
  'GET /health/live': open('load balancer probe'),
  'GET /health/ready': open('load balancer probe'),
  'GET /api/docs': open('Swagger UI: the API description is public'),
  'GET /api/docs/': open(),
  'GET /api/docs/index.html': open(),
  'GET /api/docs/swagger-ui-init.js': open(),
  'GET /api/docs/docs/swagger-ui-init.js': open(),
  'GET /api/docs-json': open(),
  'GET /api/docs-yaml': open(),
  'GET /': open('landing page, or the signed-in desk'),

  // ── places ─────────────────────────────────────────────────────────────────────────────────────
  'GET /api/v1/communities': open(),
  'GET /communities': open(),

  // ── audit ──────────────────────────────────────────────────────────────────────────────────────
  'GET /api/v1/audit': admin(),
  'GET /admin/audit': admin(),

  // ── notifications ──────────────────────────────────────────────────────────────────────────────
  'GET /api/v1/inbox': signedIn('the caller’s own inbox'),
  'GET /api/v1/inbox/unread-count': signedIn(),
  'POST /api/v1/inbox/read-all': signedIn(),
  'POST /api/v1/inbox/:id/read': row('personal', SELF, 'another account’s notification is 404'),
  'GET /api/v1/me/notification-preferences': signedIn(),
  'PUT /api/v1/me/notification-preferences': signedIn(),
  'GET /api/v1/admin/notifications': admin(),
  'POST /api/v1/admin/notifications/:id/retry': admin(),
  'GET /inbox': signedIn(),
  'POST /inbox/read-all': signedIn(),
  'POST /inbox/:id/read': row('personal', SELF),
  'GET /inbox/:id/open': row('personal', SELF, 'marks it read, then on to its subject'),
  'GET /account/notifications': signedIn(),
  'POST /account/notifications': signedIn(),
  'GET /admin/notifications': admin(),
  'POST /admin/notifications/:id/retry': admin(),

  // ── accounts ───────────────────────────────────────────────────────────────────────────────────
  'POST /api/v1/auth/token': open('sign-in'),
  'DELETE /api/v1/auth/token': signedIn('revokes the token used'),
  'GET /api/v1/me': signedIn(),
  'PUT /api/v1/me/password': signedIn('the caller’s own password'),
  'GET /api/v1/users': admin(),
  'POST /api/v1/invitations': admin(),
  'GET /api/v1/invitations': admin(),
  'GET /api/v1/users/:id': admin(),
  'GET /login': open(),
  'POST /login': open(),
  'POST /logout': signedIn(),
  'GET /account/password': signedIn(),
  'POST /account/password': signedIn(),
  'GET /admin/users': admin(),
  'POST /admin/users': admin(),
  'GET /invitations/:token': open('the token is the credential'),
  'POST /invitations/:token': open('the token is the credential'),
  'GET /password/forgot': open(),
  'POST /password/forgot': open('the same answer for every address (no enumeration); throttled'),
  'GET /password/reset/:token': open('the token is the credential'),
  'POST /password/reset/:token': open('the token is the credential'),

  // ── organisations ──────────────────────────────────────────────────────────────────────────────
  'GET /api/v1/organisations': row('none', STAFF_AND_MEMBER, 'the list is scoped (checked below)'),
  'POST /api/v1/organisations/signup': open(),
  'GET /api/v1/organisations/stats': staff(),
  'GET /api/v1/organisations/stats.xlsx': staff(),
  'GET /api/v1/organisations/mine': member(),
  'POST /api/v1/organisations': admin(),
  'GET /api/v1/organisations/:id': row('organisation', SCOPED_READ),
  'PUT /api/v1/organisations/:id': row(
    'organisation',
    { street_admin: 'own', org_member: 'own' },
    'community staff read only',
  ),
  'POST /api/v1/organisations/:id/verify': row('organisation', ADMIN),
  'POST /api/v1/organisations/:id/reject': row('organisation', ADMIN),
  'GET /organisations': staff(),
  'GET /organisations/signup': open(),
  'POST /organisations/signup': open(),
  'GET /organisations/stats': staff(),
  'GET /organisations/stats.xlsx': staff(),
  'GET /organisations/new': admin(),
  'POST /organisations/new': admin(),
  'GET /my/organisation': member(),
  'GET /organisations/:id': row('organisation', SCOPED_READ),
  'GET /organisations/:id/edit': row('organisation', { street_admin: 'own', org_member: 'own' }),
  'POST /organisations/:id/edit': row('organisation', { street_admin: 'own', org_member: 'own' }),
  'POST /organisations/:id/verify': row('organisation', ADMIN),
  'POST /organisations/:id/reject': row('organisation', ADMIN),

  // ── needs ──────────────────────────────────────────────────────────────────────────────────────
  'GET /api/v1/needs': open('the public needs board'),
  'GET /api/v1/needs/:id': open(),
  'POST /api/v1/needs': row('community', STAFF_OWN, 'the body names the community'),
  'PUT /api/v1/needs/:id': row('community', STAFF_OWN),
  'POST /api/v1/needs/:id/close': row('community', STAFF_OWN),
  'POST /api/v1/needs/:id/reopen': row('community', STAFF_OWN),
  'GET /needs': open(),
  'GET /needs/new': staff(),
  'POST /needs/new': row('community', STAFF_OWN, 'the form names the community'),
  'GET /needs/:id': open(),
  'GET /needs/:id/edit': row('community', STAFF_OWN),
  'POST /needs/:id/edit': row('community', STAFF_OWN),
  'POST /needs/:id/close': row('community', STAFF_OWN),
  'POST /needs/:id/reopen': row('community', STAFF_OWN),

  // ── calls ──────────────────────────────────────────────────────────────────────────────────────
  'GET /api/v1/calls': open('the public sees calls past `upcoming`'),
  'GET /api/v1/calls/:id': row('call', ANYONE_OWN),
  'POST /api/v1/calls': admin(),
  'PUT /api/v1/calls/:id': admin(),
  'POST /api/v1/calls/:id/phase': admin(),
  'GET /calls': open(),
  'GET /calls/new': admin(),
  'POST /calls/new': admin(),
  'GET /calls/:id': row('call', ANYONE_OWN),
  'GET /calls/:id/edit': admin(),
  'POST /calls/:id/edit': admin(),
  'POST /calls/:id/phase': admin(),

  // ── proposals ──────────────────────────────────────────────────────────────────────────────────
  'GET /api/v1/proposals': row('none', STAFF_AND_MEMBER, 'the list is scoped (checked below)'),
  'POST /api/v1/proposals': member(),
  'GET /api/v1/proposals/:id': row('proposal', SCOPED_READ),
  'PUT /api/v1/proposals/:id': row('proposal', MEMBER_OWN),
  'POST /api/v1/proposals/:id/submit': row('proposal', MEMBER_OWN),
  'POST /api/v1/proposals/:id/withdraw': row('proposal', MEMBER_OWN),
  'GET /api/v1/proposals/:id/versions/:version': row('proposal', SCOPED_READ),
  'GET /api/v1/proposals/:id/budget-diff': row('proposal', SCOPED_READ),
  'POST /api/v1/proposals/:id/attachments': row('proposal', MEMBER_OWN),
  'GET /api/v1/proposals/:id/attachments/:aid': row('proposal', SCOPED_READ),
  'DELETE /api/v1/proposals/:id/attachments/:aid': row('proposal', MEMBER_OWN),
  'GET /my/proposals': member(),
  'GET /proposals/new': member(),
  'POST /proposals/new': member(),
  'GET /proposals/:id': row('proposal', SCOPED_READ),
  'GET /proposals/:id/versions/:version': row('proposal', SCOPED_READ),
  'GET /proposals/:id/diff': row('proposal', SCOPED_READ),
  'GET /proposals/:id/edit': row('proposal', MEMBER_OWN),
  'POST /proposals/:id/edit': row('proposal', MEMBER_OWN),
  'POST /proposals/:id/withdraw': row('proposal', MEMBER_OWN),
  'POST /proposals/:id/attachments': row('proposal', MEMBER_OWN),
  'GET /proposals/:id/attachments/:aid': row('proposal', SCOPED_READ),
  'POST /proposals/:id/attachments/:aid/delete': row('proposal', MEMBER_OWN),

  // ── screening ──────────────────────────────────────────────────────────────────────────────────
  'PUT /api/v1/proposals/:id/screening': row(
    'proposal',
    STAFF_OWN,
    'staff screen what their community hosts',
  ),
  'POST /api/v1/calls/:id/screening/publish': admin(),
  'GET /api/v1/calls/:id/proposals.xlsx': admin(),
  'GET /api/v1/calls/:id/eligible-proposals': open('public once the screening is published'),
  'GET /staff/proposals': staff('the list is scoped'),
  'GET /staff/proposals/:id/screening': row('proposal', STAFF_OWN),
  'POST /staff/proposals/:id/screening': row('proposal', STAFF_OWN),
  'POST /staff/calls/:id/publish': admin(),
  'GET /staff/calls/:id/proposals.xlsx': admin(),
  'GET /calls/:id/eligible': open(),

  // ── panels ─────────────────────────────────────────────────────────────────────────────────────
  'GET /api/v1/calls/:callId/panel': admin(),
  'POST /api/v1/calls/:callId/panel': admin(),
  'GET /api/v1/panel-members/:id': admin(),
  'PUT /api/v1/panel-members/:id': admin(),
  'DELETE /api/v1/panel-members/:id': admin(),
  'GET /api/v1/calls/:callId/panel/conflicts': admin(),
  'PUT /api/v1/panel-members/:id/conflicts/:proposalId': admin(),
  'POST /api/v1/panel-members/:id/conflicts': row(
    'personal',
    { ...SELF, street_admin: 'allow' },
    'a member declares for their own seat; the street office for any',
  ),
  'GET /api/v1/panel/seats': signedIn('the caller’s own seats'),
  'POST /api/v1/calls/:callId/panel/draws': admin(),
  'GET /api/v1/calls/:callId/panel/draws': admin(),
  'POST /calls/:id/panel/draws': admin(),
  'GET /calls/:id/panel': admin(),
  'POST /calls/:id/panel': admin(),
  'POST /panel-members/:id/remove': admin(),
  'POST /panel-members/:id/conflicts/:proposalId': admin(),
  'GET /my/panel': signedIn('the caller’s own seats'),
  'POST /my/panel/:memberId/declare': row('personal', { ...SELF, street_admin: 'allow' }),

  // ── roadshows ──────────────────────────────────────────────────────────────────────────────────
  'GET /api/v1/calls/:callId/roadshow': admin(),
  'PUT /api/v1/roadshows/:id/settings': admin(),
  'GET /api/v1/roadshows/:id/sessions': admin(),
  'POST /api/v1/roadshows/:id/sessions': admin(),
  'PUT /api/v1/roadshow-sessions/:id': admin(),
  'DELETE /api/v1/roadshow-sessions/:id': admin(),
  'GET /api/v1/roadshows/:id/unavailability': row(
    'none',
    { street_admin: 'allow', org_member: 'allow' },
    'a member sees only its organisation’s (checked below)',
  ),
  'POST /api/v1/roadshows/:id/unavailability': row(
    'organisation',
    { street_admin: 'own', org_member: 'own' },
    'the body names the organisation',
  ),
  'DELETE /api/v1/roadshow-unavailability/:id': row('organisation', {
    street_admin: 'own',
    org_member: 'own',
  }),
  'POST /api/v1/roadshows/:id/schedule': admin(),
  'GET /api/v1/roadshows/:id/agenda': admin('the working agenda'),
  'GET /api/v1/roadshows/:id/published-agenda': open(),
  'POST /api/v1/roadshow-pitches/:id/move': admin(),
  'POST /api/v1/roadshows/:id/swap': admin(),
  'POST /api/v1/roadshow-pitches/:id/unplace': admin(),
  'POST /api/v1/roadshows/:id/lock': admin(),
  'POST /api/v1/roadshows/:id/unlock': admin(),
  'POST /api/v1/roadshows/:id/publish': admin(),
  'POST /api/v1/roadshows/:id/check-in': staff('day clerks: the roadshow is street-wide'),
  'POST /api/v1/roadshow-pitches/:id/no-show': staff('day clerks'),
  'PUT /api/v1/roadshow-sessions/:id/minutes': staff('day clerks'),
  'GET /api/v1/roadshows/:id/pledges': staff('day clerks'),
  'POST /api/v1/roadshows/:id/pledges': staff('day clerks'),
  'GET /api/v1/roadshows/:id/export.xlsx': admin(),
  'GET /roadshows/current': admin(),
  'GET /roadshows/current/mine': member('its roadshow page of the newest competition'),
  'GET /calls/:id/roadshow': admin(),
  'GET /roadshows/:id': admin(),
  'POST /roadshows/:id/settings': admin(),
  'POST /roadshows/:id/sessions': admin(),
  'POST /roadshow-sessions/:id/remove': admin(),
  'POST /roadshows/:id/schedule': admin(),
  'POST /roadshow-pitches/:id/move': admin(),
  'POST /roadshows/:id/swap': admin(),
  'POST /roadshows/:id/lock': admin(),
  'POST /roadshows/:id/unlock': admin(),
  'POST /roadshows/:id/publish': admin(),
  'GET /roadshows/:id/agenda': open('public once published'),
  'GET /roadshows/:id/day': staff('day clerks'),
  'POST /roadshows/:id/check-in': staff('day clerks'),
  'POST /roadshow-pitches/:id/no-show': staff('day clerks'),
  'POST /roadshow-sessions/:id/minutes': staff('day clerks'),
  'POST /roadshows/:id/pledges': staff('day clerks'),
  'GET /roadshows/:id/mine': member('its own pitches only'),
  'POST /roadshows/:id/mine/unavailable': member('always for its own organisation'),

  // ── reviews ────────────────────────────────────────────────────────────────────────────────────
  'GET /api/v1/calls/:callId/rubric': admin(),
  'PUT /api/v1/calls/:callId/rubric': admin(),
  'GET /api/v1/reviews/queue': signedIn('the caller’s own seats'),
  'GET /api/v1/reviews/proposals/:proposalId/sheet': row(
    'assignment',
    SELF,
    'a panel member of any role scores what is assigned: 404 unassigned, 403 recused',
  ),
  'PUT /api/v1/reviews/proposals/:proposalId/sheet': row('assignment', SELF),
  'POST /api/v1/reviews/proposals/:proposalId/submit': row('assignment', SELF),
  'GET /api/v1/reviews/proposals/:proposalId/peers': row('assignment', SELF),
  'POST /api/v1/review-sheets/:id/unlock': row('chair', SELF, 'the chair, whatever their role'),
  'POST /api/v1/calls/:callId/reviews/release': row('chair', SELF),
  'PUT /api/v1/reviews/proposals/:proposalId/consensus': row('chair', SELF),
  'GET /api/v1/calls/:callId/reviews/progress': admin(),
  'GET /api/v1/calls/:callId/reviews/assignment': admin(),
  'PUT /api/v1/calls/:callId/reviews/assignment': admin(),
  'POST /calls/:id/reviews/assignment': admin(),
  'GET /calls/:id/reviews/rubric': admin(),
  'POST /calls/:id/reviews/rubric': admin(),
  'GET /api/v1/calls/:callId/reviews/export.xlsx': admin(),
  'GET /api/v1/calls/:callId/reviews/results': admin(),
  'GET /reviews': signedIn('the caller’s own seats'),
  'GET /reviews/proposals/:id': row('assignment', SELF),
  'POST /reviews/proposals/:id': row('assignment', SELF),
  'POST /reviews/proposals/:id/autosave': row('assignment', SELF),
  'GET /reviews/live': signedIn('the caller’s own seats'),
  'GET /calls/:id/reviews/live': row(
    'chair',
    { ...SELF, street_admin: 'allow' },
    'the chair or a street admin',
  ),
  'GET /api/v1/calls/:callId/reviews/live': row(
    'chair',
    { ...SELF, street_admin: 'allow' },
    'the chair or a street admin',
  ),
  'GET /reviews/proposals/:id/draft': row('assignment', SELF),
  'GET /reviews/proposals/:id/attachments/:aid': row('assignment', SELF),
  'GET /reviews/current': admin(),
  'GET /calls/:id/reviews': admin(),
  'POST /calls/:id/reviews/release': row(
    'chair',
    { street_admin: 'own' },
    'a street admin who chairs',
  ),
  'POST /review-sheets/:id/unlock': row('chair', { street_admin: 'own' }),
  'POST /reviews/proposals/:id/consensus': row('chair', { street_admin: 'own' }),
  'GET /api/v1/calls/:callId/reviews/paper': admin(),
  'POST /api/v1/calls/:callId/reviews/paper': admin(
    'street-office staff type in judges’ paper sheets (test/integration/review-paper.spec.ts)',
  ),
  'GET /calls/:id/reviews/paper': admin(),
  'POST /calls/:id/reviews/paper': admin(),
  'GET /calls/:id/reviews/proposals/:proposalId/report': admin(),
  'GET /api/v1/calls/:callId/reviews/proposals/:proposalId/report': admin(),

  // ── placement (落户) ────────────────────────────────────────────────────────────────────────────
  'GET /api/v1/calls/:callId/placements': staff(
    'the list is scoped: community staff get their own community’s placements',
  ),
  'GET /api/v1/calls/:callId/capacities': staff('community staff see their own community only'),
  'PUT /api/v1/calls/:callId/capacities': staff(
    'staff set their own community’s (another: 403 placement_not_yours, test/funding/placement.spec.ts)',
  ),
  'POST /api/v1/calls/:callId/placements/run': admin(),
  'PUT /api/v1/proposals/:id/placement': admin(),
  'POST /api/v1/proposals/:id/placement/accept': row(
    'none',
    { community_staff: 'allow' },
    'the host community’s staff only: another community’s placement is 403 placement_not_yours, one not placed 409 (test/funding/placement.spec.ts)',
  ),
  'POST /api/v1/proposals/:id/placement/refuse': row('none', { community_staff: 'allow' }),
  'POST /api/v1/proposals/:id/placement/withdraw-award': admin(),
  'GET /placements/current': admin(),
  'GET /calls/:id/placements': admin(),
  'POST /calls/:id/placements/run': admin(),
  'POST /calls/:id/placements/capacities': admin(),
  'POST /proposals/:id/placement/move': admin(),
  'POST /proposals/:id/placement/withdraw': admin(),
  'GET /community/placements': staff('staff: their own community; the street office: any'),
  'POST /community/placements/capacity': staff('staff: their own community only'),
  'POST /proposals/:id/placement/accept': row('none', { community_staff: 'allow' }),
  'POST /proposals/:id/placement/refuse': row('none', { community_staff: 'allow' }),
  // ── funding ────────────────────────────────────────────────────────────────────────────────────
  'GET /api/v1/calls/:callId/funding/settings': admin(),
  'PUT /api/v1/calls/:callId/funding/settings': admin(),
  'POST /api/v1/calls/:callId/funding/dry-runs': admin(),
  'GET /api/v1/calls/:callId/funding/versions': admin(),
  'GET /api/v1/funding-runs/:id': admin(),
  'POST /api/v1/funding-runs/:id/approve': row(
    'chair',
    { street_admin: 'own' },
    'a street admin who chairs',
  ),
  'GET /api/v1/calls/:callId/funding/overrides': admin(),
  'PUT /api/v1/calls/:callId/funding/overrides': admin(),
  'DELETE /api/v1/calls/:callId/funding/overrides/:proposalId': admin(),
  'GET /api/v1/calls/:callId/funding/ledger': admin(),
  'GET /api/v1/calls/:callId/funding/awards': admin(),
  'POST /api/v1/calls/:callId/funding/awards': admin(),
  'POST /api/v1/funding/awards/:proposalId/withdraw': admin(),
  'GET /funding/current': admin(),
  'GET /calls/:id/funding': admin(),
  'GET /funding-runs/:id': admin(),
  'POST /calls/:id/funding/settings': admin(),
  'POST /calls/:id/funding/dry-runs': admin(),
  'POST /funding-runs/:id/approve': row(
    'chair',
    { street_admin: 'own' },
    'a street admin who chairs',
  ),
  'POST /calls/:id/funding/overrides': admin(),
  'POST /calls/:id/funding/overrides/:proposalId/remove': admin(),
  // ── funding: the residents' vote (居民网上议事厅) ─────────────────────────────────────────────
  'GET /api/v1/calls/:callId/vote': open('public; an upcoming call is 404 (the service)'),
  'POST /api/v1/calls/:callId/vote/register': open(
    'residents (no account): throttled per address and email',
  ),
  'POST /api/v1/calls/:callId/vote/confirm': open('residents (no account)'),
  'GET /api/v1/calls/:callId/vote/ballot': open('the voter token decides (409 voter_unconfirmed)'),
  'PUT /api/v1/calls/:callId/vote/ballot': open('the voter token decides (409 voter_unconfirmed)'),
  'GET /api/v1/calls/:callId/vote/settings': admin(),
  'PUT /api/v1/calls/:callId/vote/settings': admin(),
  'GET /api/v1/calls/:callId/vote/results': admin(),
  'POST /api/v1/calls/:callId/vote/voids': admin(),
  'GET /api/v1/calls/:callId/vote/export.pb': admin(),
  'GET /vote/:callId': open('public; an upcoming call is 404 (the service)'),
  'POST /vote/:callId/register': open('residents (no account)'),
  'POST /vote/:callId/confirm': open('residents (no account)'),
  'POST /vote/:callId/ballot': open('the voter cookie decides (409 voter_unconfirmed)'),
  'GET /calls/:id/vote': admin(),
  'POST /calls/:id/vote/settings': admin(),
  'POST /calls/:id/vote/voids': admin(),
  // ── funding: publicity (公示), objections, letters, the working calendar ─────────────────────────
  'GET /api/v1/calls/:callId/results': row(
    'call',
    ANYONE_OWN,
    'public results; an upcoming call is 404 except to the street office',
  ),
  'POST /api/v1/calls/:callId/objections': open(
    'residents (no account), throttled per address; an upcoming call is 404 (the service)',
  ),
  'GET /api/v1/calls/:callId/publicity': admin(),
  'POST /api/v1/calls/:callId/publicity': admin(),
  'GET /api/v1/calls/:callId/objections': admin(),
  'POST /api/v1/calls/:callId/publicity/answers': admin(),
  'POST /api/v1/calls/:callId/publicity/finalise': admin(),
  'GET /api/v1/work-calendar': admin(),
  'GET /api/v1/work-calendar/days': admin(),
  'PUT /api/v1/work-calendar/days': admin(),
  'DELETE /api/v1/work-calendar/days': admin(),
  'POST /api/v1/work-calendar/seed': admin(),
  'GET /results': open('the newest published competition’s results'),
  'GET /results/:callId': row('call', ANYONE_OWN),
  'GET /results/:callId/notice': row('call', ANYONE_OWN),
  'GET /results/:callId/objection': open(
    'the objection form while the results are open for comment',
  ),
  'POST /results/:callId/objections': open('residents (no account), throttled per address'),
  'GET /awards/:proposalId/letter': row(
    'none',
    { street_admin: 'allow' },
    'the proposal’s organisation members too (the fixture’s award is another organisation’s: 404; test/funding/publicity.spec.ts)',
  ),
  'GET /calls/:id/publicity': admin(),
  'POST /calls/:id/publicity/publish': admin(),
  'POST /calls/:id/publicity/answer': admin(),
  'POST /calls/:id/publicity/finalise': admin(),
  'GET /admin/work-calendar': admin(),
  'POST /admin/work-calendar/days': admin(),
  'POST /admin/work-calendar/days/remove': admin(),
  'POST /admin/work-calendar/seed': admin(),
  // ── delivery: projects, agreements, tranches, evaluations, closure, demonstration sites ─────────
  'GET /api/v1/delivery/projects': row(
    'none',
    { street_admin: 'allow', org_member: 'allow', judge: 'allow', community_staff: 'allow' },
    'scoped: all / the organisation’s own / the projects one supervises',
  ),
  'POST /api/v1/delivery/projects': admin(),
  'GET /api/v1/delivery/projects/:id': row('organisation', DELIVERY_READ, DELIVERY_NOTE),
  'PUT /api/v1/delivery/projects/:id/evaluator': admin(),
  'PUT /api/v1/delivery/projects/:id/agreement': admin(),
  'PUT /api/v1/delivery/projects/:id/agreement/bank-account': row('organisation', MEMBER_OWN),
  'POST /api/v1/delivery/projects/:id/agreement/signed-copy': row('organisation', MEMBER_OWN),
  'GET /api/v1/delivery/projects/:id/agreement/signed-copy': row('organisation', DELIVERY_READ),
  'POST /api/v1/delivery/projects/:id/agreement/check': admin(),
  'POST /api/v1/delivery/projects/:id/agreement/return': admin(),
  'GET /api/v1/delivery/evaluation-rubric': row('none', {
    street_admin: 'allow',
    judge: 'allow',
    community_staff: 'allow',
  }),
  'POST /api/v1/delivery/projects/:id/evaluations': row(
    'organisation',
    { street_admin: 'allow' },
    EVALUATOR_NOTE,
  ),
  'POST /api/v1/delivery/projects/:id/closure': admin(),
  'POST /api/v1/delivery/tranches/:id/request': row('organisation', DELIVERY_READ),
  'POST /api/v1/delivery/tranches/:id/approve': admin(),
  'POST /api/v1/delivery/tranches/:id/pay': admin(
    'the approver never records the payment: 403 tranche_same_person (test/delivery/money.spec.ts)',
  ),
  'POST /api/v1/delivery/projects/:id/clawbacks': admin(),
  'POST /api/v1/delivery/clawbacks/:id/recovered': admin(),
  'POST /api/v1/delivery/clawbacks/:id/return-to-budget': admin(),
  'GET /api/v1/delivery/demo-sites': admin(),
  'PUT /api/v1/delivery/demo-sites/budget': admin(),
  'POST /api/v1/delivery/projects/:id/demo-site': admin(),
  'POST /api/v1/delivery/projects/:id/demo-site/award': admin(),
  'POST /api/v1/delivery/projects/:id/demo-site/decline': admin(),
  'GET /delivery': admin(),
  'POST /delivery/projects': admin(),
  'GET /my/projects': row('none', {
    org_member: 'allow',
    judge: 'allow',
    community_staff: 'allow',
  }),
  'GET /delivery/projects/:id': row('organisation', DELIVERY_READ, DELIVERY_NOTE),
  'GET /delivery/projects/:id/agreement': row('organisation', DELIVERY_READ),
  'POST /delivery/projects/:id/agreement': admin(),
  'POST /delivery/projects/:id/agreement/bank-account': row('organisation', MEMBER_OWN),
  'POST /delivery/projects/:id/agreement/signed-copy': row('organisation', MEMBER_OWN),
  'GET /delivery/projects/:id/agreement/signed-copy': row('organisation', DELIVERY_READ),
  'POST /delivery/projects/:id/agreement/check': admin(),
  'POST /delivery/projects/:id/agreement/return': admin(),
  'POST /delivery/projects/:id/evaluator': admin(),
  'POST /delivery/tranches/:id/request': row('organisation', DELIVERY_READ),
  'POST /delivery/tranches/:id/approve': admin(),
  'POST /delivery/tranches/:id/pay': admin(),
  'POST /delivery/projects/:id/clawbacks': admin(),
  'POST /delivery/clawbacks/:id/recovered': admin(),
  'POST /delivery/clawbacks/:id/return-to-budget': admin(),
  'GET /delivery/projects/:id/evaluation': row(
    'organisation',
    { street_admin: 'allow' },
    EVALUATOR_NOTE,
  ),
  'POST /delivery/projects/:id/evaluations': row(
    'organisation',
    { street_admin: 'allow' },
    EVALUATOR_NOTE,
  ),
  'POST /delivery/projects/:id/closure': admin(),
  'GET /delivery/demo-sites': admin(),
  'POST /delivery/demo-sites/budget': admin(),
  'POST /delivery/projects/:id/demo-site': admin(),
  'POST /delivery/projects/:id/demo-site/award': admin(),
  'POST /delivery/projects/:id/demo-site/decline': admin(),
  // ── delivery: progress reports, milestones and their tracking, dashboard, public pages ─────────
  'GET /api/v1/delivery/projects/:id/reports': row('organisation', DELIVERY_READ, DELIVERY_NOTE),
  'POST /api/v1/delivery/projects/:id/reports': row('organisation', MEMBER_OWN),
  'GET /api/v1/delivery/reports/:id': row('organisation', DELIVERY_READ, DELIVERY_NOTE),
  'PUT /api/v1/delivery/reports/:id': row('organisation', MEMBER_OWN),
  'POST /api/v1/delivery/reports/:id/files': row('organisation', MEMBER_OWN),
  'DELETE /api/v1/delivery/reports/:id/files/:fileId': row('organisation', MEMBER_OWN),
  'GET /api/v1/delivery/reports/:id/files/:fileId': row('organisation', DELIVERY_READ),
  'POST /api/v1/delivery/reports/:id/return': admin(),
  'POST /api/v1/delivery/reports/:id/accept': admin(),
  'GET /api/v1/delivery/projects/:id/milestones': row('organisation', DELIVERY_READ, DELIVERY_NOTE),
  'POST /api/v1/delivery/milestones/:id/changes': row('organisation', MEMBER_OWN),
  'POST /api/v1/delivery/milestone-changes/:id/approve': admin(),
  'POST /api/v1/delivery/milestone-changes/:id/reject': admin(),
  'GET /api/v1/delivery/dashboard': admin(),
  'GET /api/v1/delivery/dashboard.xlsx': admin(),
  'GET /api/v1/delivery/public/projects/:id': open(
    'public delivery record: accepted reports and consented photos only, no contact details',
  ),
  'GET /delivery/projects/:id/reports': row('organisation', DELIVERY_READ, DELIVERY_NOTE),
  'POST /delivery/projects/:id/reports': row('organisation', MEMBER_OWN),
  'GET /delivery/reports/:id': row('organisation', DELIVERY_READ, DELIVERY_NOTE),
  'POST /delivery/reports/:id': row('organisation', MEMBER_OWN),
  'POST /delivery/reports/:id/files': row('organisation', MEMBER_OWN),
  'POST /delivery/reports/:id/files/:fileId/remove': row('organisation', MEMBER_OWN),
  'GET /delivery/reports/:id/files/:fileId': row('organisation', DELIVERY_READ),
  'POST /delivery/reports/:id/return': admin(),
  'POST /delivery/reports/:id/accept': admin(),
  'GET /delivery/projects/:id/milestones': row('organisation', DELIVERY_READ, DELIVERY_NOTE),
  'POST /delivery/milestones/:id/changes': row('organisation', MEMBER_OWN),
  'POST /delivery/milestone-changes/:id/approve': admin(),
  'POST /delivery/milestone-changes/:id/reject': admin(),
  'GET /delivery/dashboard': admin(),
  'GET /delivery/dashboard.xlsx': admin(),
  'GET /projects/:id': open('the public delivery page (no sign-in)'),
  'GET /projects/:id/photos/:fileId': open(
    'a photo of an accepted report marked for publishing (else 404)',
  ),
};

/** The rule of a role on a row (a role left out is denied). */
export const ruleOf = (r: AccessRow, role: Role): Rule => r.rules[role] ?? 'deny';

/** Whether the role should pass the gate on a record of this case. */
export function expectedAllowed(r: AccessRow, role: Role, c: string): boolean {
  const rule = ruleOf(r, role);
  return rule === 'allow' || (rule === 'own' && inScope(r.scope, role, c));
}
