import { EntityManager, In } from 'typeorm';
import { Organisation } from '@gv/organisations';
import { FundingPlacement } from './entities/placement.entity';
import { DEFAULT_CAPACITY, PlacementState } from './placement-state';

export interface CommunityRef {
  id: number;
  name: string;
  nameEn: string;
}

/** One funded project as the pages and the API show it ('pending': funded, not run through placement yet). */
export interface PlacementView {
  proposalId: number;
  number: string | null;
  title: string;
  organisation: string;
  amountFen: number;
  status: FundingPlacement['status'] | 'pending';
  community: CommunityRef | null;
  preferenceRank: number | null;
  needFit: boolean;
  /** A reason code when unplaced; else the last refusal's reason (or ''). */
  reason: string;
  refusedBy: CommunityRef[];
  /** Preferred host communities, first choice first (where the street office may move it by hand). */
  preferences: CommunityRef[];
}

/** A community's capacity for the call and the slots taken. */
export interface CommunityLoad extends CommunityRef {
  capacity: number;
  /** false: the default applies (no one set it). */
  capacitySet: boolean;
  placed: number;
  accepted: number;
  free: number;
}

const ORDER: Record<PlacementView['status'], number> = {
  unplaced: 0,
  refused: 1,
  pending: 2,
  placed: 3,
  accepted: 4,
};

/** Each community's capacity for the call and the slots its placed and accepted projects take. */
export function communityLoads(s: PlacementState): CommunityLoad[] {
  const count = (cid: number, status: string) =>
    [...s.placements.values()].filter((p) => p.communityId === cid && p.status === status).length;
  return s.communities.map((c) => {
    const capacity = s.capacity.get(c.id) ?? DEFAULT_CAPACITY;
    const placed = count(c.id, 'placed');
    const accepted = count(c.id, 'accepted');
    return {
      ...ref(c),
      capacity,
      capacitySet: s.capacitySet.has(c.id),
      placed,
      accepted,
      free: Math.max(0, capacity - placed - accepted),
    };
  });
}

/** Every funded project of the call with its placement, in the order of the overview. */
export async function placementViews(
  m: EntityManager,
  s: PlacementState,
): Promise<PlacementView[]> {
  const orgIds = [...new Set([...s.proposals.values()].map((p) => p.organisationId))];
  const orgs = new Map(
    (orgIds.length
      ? await m.find(Organisation, {
          where: { id: In(orgIds) },
          select: { id: true, name: true },
        })
      : []
    ).map((o) => [o.id, o.name]),
  );
  const byId = new Map(s.communities.map((c) => [c.id, ref(c)]));
  const refs = (ids: readonly number[]) =>
    ids.map((id) => byId.get(id)).filter((c): c is CommunityRef => !!c);
  const sortOf = new Map(s.communities.map((c, i) => [c.id, i]));
  return s.awards
    .map((a): PlacementView => {
      const p = s.placements.get(a.proposalId);
      const proposal = s.proposals.get(a.proposalId);
      return {
        proposalId: a.proposalId,
        number: proposal?.number ?? null,
        title: proposal?.title ?? '',
        organisation: orgs.get(proposal?.organisationId ?? -1) ?? '',
        amountFen: a.amountFen,
        status: p?.status ?? 'pending',
        community: p?.communityId != null ? (byId.get(p.communityId) ?? null) : null,
        preferenceRank: p?.preferenceRank ?? null,
        needFit: p?.needFit ?? false,
        reason: p?.reason ?? '',
        refusedBy: refs(p?.refusedBy ?? []),
        preferences: refs(s.preferences.get(a.proposalId) ?? []),
      };
    })
    .sort(
      (x, y) =>
        ORDER[x.status] - ORDER[y.status] ||
        (sortOf.get(x.community?.id ?? -1) ?? -1) - (sortOf.get(y.community?.id ?? -1) ?? -1) ||
        (x.number ?? '').localeCompare(y.number ?? '') ||
        x.proposalId - y.proposalId,
    );
}

const ref = (c: CommunityRef): CommunityRef => ({ id: c.id, name: c.name, nameEn: c.nameEn });
