import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '@gv/audit';
import { Call } from '@gv/calls';
import { Actor, AppException, Page, PageQuery, pageParams, Role, toPage } from '@gv/core';
import { rowLock, transactionWithRetry } from '@gv/database';
import { placeProjects, PlacementResult } from '@gv/placement';
import { Proposal } from '@gv/proposals';
import { FundingAward } from './entities/funding.entity';
import { CommunityCapacity, FundingPlacement } from './entities/placement.entity';
import { FundingError } from './funding.errors';
import { FundingService } from './funding.service';
import {
  DEFAULT_CAPACITY,
  engineInput,
  heldSlots,
  HOLDS_SLOT,
  isReasonCode,
  loadPlacementState,
  needFits,
  PlacementState,
  unplacedReason,
} from './placement-state';
import { communityLoads, CommunityLoad, placementViews, PlacementView } from './placement-views';

export { DEFAULT_CAPACITY, MAX_CAPACITY } from './placement-state';
export type { CommunityLoad, PlacementView } from './placement-views';

/**
 * 落户: places funded projects into their preferred host communities within the capacities the
 * communities set (@gv/placement, exact), lets community staff accept or refuse with a reason (a
 * refusal re-places that project alone, accepted ones never move), and lists what no community can
 * host for the street office to resolve (raise a capacity, or withdraw the award). Every write locks
 * the call row first, so two runs or refusals cannot fill the same slot twice.
 */
@Injectable()
export class PlacementService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly funding: FundingService,
  ) {}

  // ── reads ───────────────────────────────────────────────────────────────────────────────────

  async capacities(callId: number, m: EntityManager = this.ds.manager): Promise<CommunityLoad[]> {
    return communityLoads(await this.state(m, callId));
  }

  /**
   * Every funded project of the call: unplaced first, then not yet run, placed, accepted. Built whole
   * and sliced: a call funds at most cap ÷ minimum grant projects (116 in the demo), and the order
   * (status, then community) needs the preferences and needs anyway.
   */
  async overview(callId: number, q: PageQuery = {}): Promise<Page<PlacementView>> {
    const { page, pageSize, skip, take } = pageParams(q, 50);
    const all = await this.views(this.ds.manager, callId);
    return toPage(all.slice(skip, skip + take), all.length, page, pageSize);
  }

  /** A community's placed and accepted projects (undecided first). */
  async forCommunity(
    callId: number,
    communityId: number,
    q: PageQuery = {},
  ): Promise<Page<PlacementView>> {
    const { page, pageSize, skip, take } = pageParams(q, 50);
    const all = (await this.views(this.ds.manager, callId)).filter(
      (v) => v.community?.id === communityId && HOLDS_SLOT.includes(v.status as 'placed'),
    );
    return toPage(all.slice(skip, skip + take), all.length, page, pageSize);
  }

  /** Counts by status, for the page heads. */
  async summary(callId: number) {
    const all = await this.views(this.ds.manager, callId);
    const n = (st: PlacementView['status']) => all.filter((v) => v.status === st).length;
    return {
      funded: all.length,
      pending: n('pending'),
      placed: n('placed'),
      accepted: n('accepted'),
      unplaced: n('unplaced') + n('refused'),
    };
  }

  // ── writes ──────────────────────────────────────────────────────────────────────────────────

  /** Sets a community's capacity for the call: its own staff, or the street office for any (audited). */
  async setCapacity(actor: Actor, callId: number, communityId: number, capacity: number) {
    return transactionWithRetry(this.ds, async (m) => {
      await this.lockCall(m, callId);
      if (!actor.roles.includes(Role.StreetAdmin) && actor.communityId !== communityId)
        throw FundingError.error('placement_not_yours');
      const s = await this.state(m, callId);
      if (!s.communities.some((c) => c.id === communityId))
        throw AppException.validation([{ field: 'communityId', code: 'not_found' }]);
      const before = s.capacity.get(communityId);
      const row = await m.findOneBy(CommunityCapacity, { callId, communityId });
      if (row) await m.update(CommunityCapacity, row.id, { capacity, updatedById: actor.userId });
      else
        await m.insert(CommunityCapacity, {
          callId,
          communityId,
          capacity,
          updatedById: actor.userId,
        });
      await this.audit.record(m, {
        action: 'placement.capacity_set',
        entity: 'call',
        entityId: callId,
        actorId: actor.userId,
        before: { communityId, capacity: before, set: !!row },
        after: { communityId, capacity },
      });
      const loads = await this.capacities(callId, m);
      return loads.find((c) => c.id === communityId) ?? loads[0];
    });
  }

  /**
   * Places the funded projects that have no host yet (never placed, unplaced, refused); placed and
   * accepted ones keep their community and their slots. Idempotent: a second run changes nothing.
   */
  async place(actor: Actor, callId: number) {
    return transactionWithRetry(this.ds, async (m) => {
      await this.lockCall(m, callId);
      const s = await this.state(m, callId);
      if (s.stale.length) await m.delete(FundingPlacement, { id: In(s.stale.map((p) => p.id)) });
      const toPlace = s.awards
        .map((a) => a.proposalId)
        .filter((id) => !HOLDS_SLOT.includes(s.placements.get(id)?.status ?? 'unplaced'));
      const result = await this.apply(m, s, toPlace, () => '');
      const summary = {
        placed: result.assignments.length,
        unplaced: result.unplaced.length,
        kept: s.awards.length - toPlace.length,
        removed: s.stale.length,
      };
      await this.audit.record(m, {
        action: 'placement.run',
        entity: 'call',
        entityId: callId,
        actorId: actor.userId,
        after: {
          ...summary,
          assignments: result.assignments.map((a) => `${a.projectId}→${a.communityId}`),
          unplacedIds: result.unplaced.map((u) => u.projectId),
        },
      });
      return summary;
    });
  }

  /** The street office moves a project by hand: to a preferred community with a free slot only. */
  async move(actor: Actor, proposalId: number, communityId: number) {
    const callId = await this.awardedCall(proposalId);
    return transactionWithRetry(this.ds, async (m) => {
      await this.lockCall(m, callId);
      const s = await this.state(m, callId);
      const prefs = s.preferences.get(proposalId) ?? [];
      const target = s.communities.find((c) => c.id === communityId);
      if (!target || !prefs.includes(communityId))
        throw FundingError.error('placement_not_preferred', {}, [
          { field: 'communityId', code: 'placement_not_preferred' },
        ]);
      const current = s.placements.get(proposalId);
      if (current?.status === 'accepted') throw FundingError.error('placement_decided');
      if (current?.refusedBy.includes(communityId))
        throw FundingError.error('placement_refused_there', { community: target.name });
      if (current?.communityId === communityId && current.status === 'placed')
        return this.view(m, callId, proposalId);
      const capacity = s.capacity.get(communityId) ?? DEFAULT_CAPACITY;
      if ((heldSlots(s, new Set([proposalId])).get(communityId) ?? 0) >= capacity)
        throw FundingError.error('placement_over_capacity', {
          community: target.name,
          communityEn: target.nameEn,
          capacity,
        });
      await this.write(m, s, proposalId, {
        communityId,
        preferenceRank: prefs.indexOf(communityId) + 1,
        needFit: needFits(s, proposalId, communityId),
        status: 'placed',
        reason: current && !isReasonCode(current.reason) ? current.reason : '',
        decidedById: null,
      });
      await this.audit.record(m, {
        action: 'placement.moved',
        entity: 'proposal',
        entityId: proposalId,
        actorId: actor.userId,
        before: { communityId: current?.communityId ?? null, status: current?.status ?? null },
        after: { communityId },
      });
      return this.view(m, callId, proposalId);
    });
  }

  /** The host community's staff accept a project placed with them. */
  async accept(actor: Actor, proposalId: number) {
    const callId = await this.placedCall(proposalId);
    return transactionWithRetry(this.ds, async (m) => {
      await this.lockCall(m, callId);
      const s = await this.state(m, callId);
      const p = this.ownPlacement(actor, s, proposalId);
      await m.update(FundingPlacement, p.id, { status: 'accepted', decidedById: actor.userId });
      await this.audit.record(m, {
        action: 'placement.accepted',
        entity: 'proposal',
        entityId: proposalId,
        actorId: actor.userId,
        after: { communityId: p.communityId },
      });
      return this.view(m, callId, proposalId);
    });
  }

  /**
   * The host community's staff refuse a project with a reason: the community is never proposed for it
   * again, and that project alone is placed again at once (accepted and placed ones stay); if no
   * preferred community has room, it is listed as unplaced for the street office.
   */
  async refuse(actor: Actor, proposalId: number, reason: string) {
    const callId = await this.placedCall(proposalId);
    return transactionWithRetry(this.ds, async (m) => {
      await this.lockCall(m, callId);
      const s = await this.state(m, callId);
      const p = this.ownPlacement(actor, s, proposalId);
      const from = p.communityId as number; // ownPlacement: placed in the actor's community
      p.refusedBy = [...p.refusedBy, from];
      p.status = 'refused';
      await m.update(FundingPlacement, p.id, {
        refusedBy: p.refusedBy,
        status: 'refused',
        reason,
        decidedById: actor.userId,
      });
      const result = await this.apply(m, s, [proposalId], () => reason);
      const to = result.assignments[0]?.communityId;
      await this.audit.record(m, {
        action: 'placement.refused',
        entity: 'proposal',
        entityId: proposalId,
        actorId: actor.userId,
        before: { communityId: from },
        after: { reason, communityId: to ? Number(to) : null },
      });
      return this.view(m, callId, proposalId);
    });
  }

  /** Resolves an unplaceable project by withdrawing its award (the budget ledger gets the money back). */
  async withdraw(actor: Actor, proposalId: number, reason: string): Promise<void> {
    await this.funding.withdrawAward(actor, proposalId, reason);
    await transactionWithRetry(this.ds, async (m) => {
      const p = await m.findOneBy(FundingPlacement, { proposalId });
      if (!p) return;
      await m.delete(FundingPlacement, p.id);
      await this.audit.record(m, {
        action: 'placement.removed',
        entity: 'proposal',
        entityId: proposalId,
        actorId: actor.userId,
        before: { communityId: p.communityId, status: p.status },
        after: { reason },
      });
    });
  }

  // ── helpers ─────────────────────────────────────────────────────────────────────────────────

  private async state(m: EntityManager, callId: number): Promise<PlacementState> {
    return loadPlacementState(m, callId, await this.funding.awards(callId, m));
  }

  /** Locks the call row (404 if none): the one lock every placement write takes first. */
  private async lockCall(m: EntityManager, callId: number): Promise<void> {
    const call = await m.findOne(Call, {
      where: { id: callId },
      select: { id: true },
      lock: rowLock(m),
    });
    if (!call) throw AppException.notFound();
  }

  /** The call of a funded project (404 for an unknown or not funded proposal). */
  private async awardedCall(proposalId: number): Promise<number> {
    const a = await this.ds.getRepository(FundingAward).findOneBy({ proposalId });
    if (!a || a.status !== 'awarded') throw AppException.notFound();
    return a.callId;
  }

  /** The call of a placed project; 404 for an unknown proposal, 409 when it is not placed. */
  private async placedCall(proposalId: number): Promise<number> {
    const a = await this.ds.getRepository(FundingAward).findOneBy({ proposalId });
    if (a?.status === 'awarded') return a.callId;
    if (!(await this.ds.getRepository(Proposal).existsBy({ id: proposalId })))
      throw AppException.notFound();
    throw FundingError.error('placement_not_placed');
  }

  /** The placement the actor's community decides on, still undecided (else 409 / 403). */
  private ownPlacement(actor: Actor, s: PlacementState, proposalId: number): FundingPlacement {
    const p = s.placements.get(proposalId);
    if (!p || p.communityId == null || !HOLDS_SLOT.includes(p.status))
      throw FundingError.error('placement_not_placed');
    if (actor.communityId == null || p.communityId !== actor.communityId)
      throw FundingError.error('placement_not_yours');
    if (p.status !== 'placed') throw FundingError.error('placement_decided');
    return p;
  }

  /** Runs the engine for `toPlace` (everything else stays) and stores the result. */
  private async apply(
    m: EntityManager,
    s: PlacementState,
    toPlace: number[],
    reasonOf: (proposalId: number) => string,
  ): Promise<PlacementResult> {
    const { projects, communities } = engineInput(s, toPlace);
    const result = placeProjects(projects, communities);
    for (const a of result.assignments) {
      const id = Number(a.projectId);
      await this.write(m, s, id, {
        communityId: Number(a.communityId),
        preferenceRank: a.preferenceRank,
        needFit: a.needFit,
        status: 'placed',
        reason: reasonOf(id),
        decidedById: null,
      });
    }
    for (const u of result.unplaced) {
      const id = Number(u.projectId);
      await this.write(m, s, id, {
        communityId: null,
        preferenceRank: null,
        needFit: false,
        status: 'unplaced',
        reason: unplacedReason(s, id, u.reason),
        decidedById: null,
      });
    }
    return result;
  }

  /** Inserts or updates a project's placement (kept in `s` so later steps see it). */
  private async write(
    m: EntityManager,
    s: PlacementState,
    proposalId: number,
    values: Pick<
      FundingPlacement,
      'communityId' | 'preferenceRank' | 'needFit' | 'status' | 'reason' | 'decidedById'
    >,
  ): Promise<void> {
    const existing = s.placements.get(proposalId);
    if (existing) {
      await m.update(FundingPlacement, existing.id, values);
      Object.assign(existing, values);
    } else {
      const row = { callId: s.callId, proposalId, refusedBy: [] as number[], ...values };
      const { identifiers } = await m.insert(FundingPlacement, row);
      s.placements.set(proposalId, {
        ...row,
        id: Number(identifiers[0]?.['id']),
      } as FundingPlacement);
    }
  }

  private async view(m: EntityManager, callId: number, proposalId: number) {
    const v = (await this.views(m, callId)).find((x) => x.proposalId === proposalId);
    if (!v) throw AppException.notFound();
    return v;
  }

  /** Every funded project of the call with its placement, in the order of the overview. */
  private async views(m: EntityManager, callId: number): Promise<PlacementView[]> {
    if (!(await m.existsBy(Call, { id: callId }))) throw AppException.notFound();
    return placementViews(m, await this.state(m, callId));
  }
}
