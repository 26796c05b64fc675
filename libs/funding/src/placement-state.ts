import { EntityManager, In } from 'typeorm';
import { Need } from '@gv/needs';
import { Community } from '@gv/places';
import {
  PlacementCommunity,
  PlacementProject,
  UNPLACED_REASONS,
  UnplacedReason,
} from '@gv/placement';
import { Proposal, ProposalCommunity } from '@gv/proposals';
import { FundingAward } from './entities/funding.entity';
import { CommunityCapacity, FundingPlacement, PlacementStatus } from './entities/placement.entity';

/** A community's capacity for a call when its staff have not set one (shown on the pages). */
export const DEFAULT_CAPACITY = 2;
export const MAX_CAPACITY = 50;
/** Placements that hold a slot of their community: never moved by a run or a refusal elsewhere. */
export const HOLDS_SLOT: readonly PlacementStatus[] = ['placed', 'accepted'];

/** Why a funded project has no host: the engine's reasons, plus "every preferred community refused". */
export const PLACEMENT_REASONS = [...UNPLACED_REASONS, 'all_refused'] as const;
export type PlacementReason = (typeof PLACEMENT_REASONS)[number];
export const isReasonCode = (r: string): r is PlacementReason =>
  (PLACEMENT_REASONS as readonly string[]).includes(r);

/** Everything placement decides on for one call, read in the caller's transaction. */
export interface PlacementState {
  callId: number;
  /** Awarded (funded) projects of the call, by proposal id. */
  awards: FundingAward[];
  proposals: Map<number, Proposal>;
  /** Preferred host communities of the submitted version, first choice first. */
  preferences: Map<number, number[]>;
  /** Posted need → the community that posted it (only the needs the funded projects answer). */
  needCommunity: Map<number, number>;
  communities: Community[];
  capacity: Map<number, number>;
  /** Communities whose staff (or the street office) set a capacity; the others use the default. */
  capacitySet: Set<number>;
  /** Placements of funded projects, by proposal id. */
  placements: Map<number, FundingPlacement>;
  /** Placements left by awards withdrawn since: they hold nothing and are removed by the next run. */
  stale: FundingPlacement[];
}

export async function loadPlacementState(
  m: EntityManager,
  callId: number,
  awards: FundingAward[],
): Promise<PlacementState> {
  const ids = awards.map((a) => a.proposalId);
  const proposals = new Map(
    (ids.length
      ? await m.find(Proposal, {
          where: { id: In(ids) },
          select: {
            id: true,
            number: true,
            title: true,
            organisationId: true,
            currentVersion: true,
            needId: true,
          },
        })
      : []
    ).map((p) => [p.id, p]),
  );
  const preferences = new Map<number, number[]>();
  if (ids.length) {
    const rows = await m.find(ProposalCommunity, {
      where: { proposalId: In(ids) },
      order: { proposalId: 'ASC', preference: 'ASC' },
    });
    for (const r of rows) {
      if (r.version !== proposals.get(r.proposalId)?.currentVersion) continue;
      preferences.set(r.proposalId, [...(preferences.get(r.proposalId) ?? []), r.communityId]);
    }
  }
  const needIds = [...new Set([...proposals.values()].map((p) => p.needId))].filter(
    (n): n is number => n != null,
  );
  const needCommunity = new Map(
    (needIds.length
      ? await m.find(Need, { where: { id: In(needIds) }, select: { id: true, communityId: true } })
      : []
    ).map((n) => [n.id, n.communityId]),
  );
  const communities = await m.find(Community, { order: { sortOrder: 'ASC', id: 'ASC' } });
  const caps = await m.findBy(CommunityCapacity, { callId });
  const capacity = new Map(communities.map((c) => [c.id, DEFAULT_CAPACITY]));
  for (const c of caps) capacity.set(c.communityId, c.capacity);
  const funded = new Set(ids);
  const all = await m.find(FundingPlacement, { where: { callId }, order: { id: 'ASC' } });
  return {
    callId,
    awards,
    proposals,
    preferences,
    needCommunity,
    communities,
    capacity,
    capacitySet: new Set(caps.map((c) => c.communityId)),
    placements: new Map(all.filter((p) => funded.has(p.proposalId)).map((p) => [p.proposalId, p])),
    stale: all.filter((p) => !funded.has(p.proposalId)),
  };
}

/** Slots held in each community by the placements of funded projects other than `except`. */
export function heldSlots(s: PlacementState, except: ReadonlySet<number> = new Set()) {
  const held = new Map<number, number>();
  for (const p of s.placements.values())
    if (p.communityId != null && HOLDS_SLOT.includes(p.status) && !except.has(p.proposalId))
      held.set(p.communityId, (held.get(p.communityId) ?? 0) + 1);
  return held;
}

/** Whether the project answers a need posted by the community (需求匹配). */
export function needFits(s: PlacementState, proposalId: number, communityId: number): boolean {
  const needId = s.proposals.get(proposalId)?.needId;
  return needId != null && s.needCommunity.get(needId) === communityId;
}

/**
 * The engine's input for placing `toPlace` while every other placed or accepted project keeps its
 * community: those slots are taken off the capacities. A community that refused a project stays in
 * its list as an id no community has, so the engine skips it and the ranks of the others (and so
 * their preference points) stay those of the proposal.
 */
export function engineInput(
  s: PlacementState,
  toPlace: readonly number[],
): { projects: PlacementProject[]; communities: PlacementCommunity[] } {
  const moving = new Set(toPlace);
  const held = heldSlots(s, moving);
  const posted = new Map<number, string[]>();
  for (const [need, community] of s.needCommunity)
    posted.set(community, [...(posted.get(community) ?? []), String(need)]);
  return {
    projects: toPlace.map((id) => {
      const refused = new Set(s.placements.get(id)?.refusedBy ?? []);
      const needId = s.proposals.get(id)?.needId;
      return {
        id: String(id),
        preferences: (s.preferences.get(id) ?? []).map((c) =>
          refused.has(c) ? `refused:${c}` : String(c),
        ),
        addressesNeeds: needId != null ? [String(needId)] : [],
      };
    }),
    communities: s.communities.map((c) => ({
      id: String(c.id),
      capacity: Math.max(0, (s.capacity.get(c.id) ?? DEFAULT_CAPACITY) - (held.get(c.id) ?? 0)),
      postedNeeds: posted.get(c.id) ?? [],
    })),
  };
}

/** The engine's reason, or `all_refused` when every preferred community has refused the project. */
export function unplacedReason(
  s: PlacementState,
  proposalId: number,
  reason: UnplacedReason,
): PlacementReason {
  const prefs = s.preferences.get(proposalId) ?? [];
  const refused = new Set(s.placements.get(proposalId)?.refusedBy ?? []);
  return prefs.length > 0 && prefs.every((c) => refused.has(c)) ? 'all_refused' : reason;
}
