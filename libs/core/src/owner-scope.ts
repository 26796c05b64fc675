import { AppException } from './app-exception';
import { Actor } from './request-context';
import { Role } from './roles';

/**
 * The one rule for "whose records may this actor see". Street admins see everything; community
 * staff see their community's records; organisation members see their organisation's records;
 * everyone else sees nothing. A record outside the scope answers 404, never its data.
 */
export interface OwnedRecord {
  organisationId?: number | null;
  communityId?: number | null;
  /** Extra community ids a record relates to (e.g. a proposal's host communities). */
  communityIds?: readonly number[];
}

export function canSee(actor: Actor | undefined, record: OwnedRecord): boolean {
  if (!actor) return false;
  if (actor.roles.includes(Role.StreetAdmin)) return true;
  if (actor.roles.includes(Role.OrgMember) && actor.organisationId != null) {
    if (record.organisationId === actor.organisationId) return true;
  }
  if (actor.roles.includes(Role.CommunityStaff) && actor.communityId != null) {
    if (record.communityId === actor.communityId) return true;
    if (record.communityIds?.includes(actor.communityId)) return true;
  }
  return false;
}

/** Returns the record if the actor may see it, else throws 404. */
export function ensureOwned<T extends OwnedRecord>(
  actor: Actor | undefined,
  record: T | null | undefined,
): T {
  if (!record || !canSee(actor, record)) throw AppException.notFound();
  return record;
}

export interface ScopeColumns {
  organisation?: string;
  community?: string;
}

/**
 * SQL condition for list queries, e.g. `qb.andWhere(...ownerCondition(actor, 'p', { organisation: 'organisationId' }))`.
 * Returns [sql, params]; `1 = 0` when the actor may see nothing of this kind.
 */
export function ownerCondition(
  actor: Actor | undefined,
  alias: string,
  cols: ScopeColumns,
): [string, Record<string, unknown>] {
  if (!actor) return ['1 = 0', {}];
  if (actor.roles.includes(Role.StreetAdmin)) return ['1 = 1', {}];
  const ors: string[] = [];
  const params: Record<string, unknown> = {};
  if (cols.organisation && actor.roles.includes(Role.OrgMember) && actor.organisationId != null) {
    ors.push(`${alias}.${cols.organisation} = :scopeOrg`);
    params['scopeOrg'] = actor.organisationId;
  }
  if (cols.community && actor.roles.includes(Role.CommunityStaff) && actor.communityId != null) {
    ors.push(`${alias}.${cols.community} = :scopeCommunity`);
    params['scopeCommunity'] = actor.communityId;
  }
  return ors.length ? [`(${ors.join(' OR ')})`, params] : ['1 = 0', {}];
}
