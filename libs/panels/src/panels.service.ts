import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { User } from '@gv/accounts';
import { AuditService } from '@gv/audit';
import { Call } from '@gv/calls';
import { Actor, AppException, Page, PageQuery, pageParams, Role, toPage } from '@gv/core';
import { DomainEvent, DomainEvents } from '@gv/database';
import { Organisation } from '@gv/organisations';
import { Community } from '@gv/places';
import { Proposal, ProposalCommunity, ProposalStatus } from '@gv/proposals';
import { drawFromPool } from '@gv/review-assignment';
import {
  ConflictDecisionDto,
  ConflictDeclarationDto,
  ExpertDrawDto,
  PanelMemberDto,
} from './dto/panels.dto';
import { PanelAffiliation } from './entities/panel-affiliation.entity';
import { PanelConflict } from './entities/panel-conflict.entity';
import { PanelDraw } from './entities/panel-draw.entity';
import { PanelGroup, PanelMember } from './entities/panel-member.entity';
import { PanelsError } from './panels.errors';

/** Proposals a panel may have to judge: submitted and not (yet) rejected or withdrawn. */
export const PANEL_PROPOSAL_STATUSES = [
  ProposalStatus.Submitted,
  ProposalStatus.Returned,
  ProposalStatus.Eligible,
];

export type ConflictEvidence = 'same_organisation' | 'same_community' | 'declared';

/** One member × proposal pair with a (possible) conflict of interest, and why. */
export interface ConflictView {
  memberId: number;
  proposalId: number;
  /** What the affiliations show, plus a declaration. */
  evidence: ConflictEvidence[];
  /** suggested: detected, nobody decided yet (counts as a conflict). */
  status: 'suggested' | 'confirmed' | 'dismissed';
  reason: string;
  pinned: boolean;
  /** Whether the member is recused from this proposal. */
  recused: boolean;
}

/** A member is about to leave the panel; a context above (roadshows) may veto it by throwing. */
export interface PanelMemberRemovingEvent extends DomainEvent {
  readonly type: 'panel.member_removing';
  readonly memberId: number;
  readonly callId: number;
}
/**
 * The panel or its conflicts changed (member added, changed, removed; a conflict decided or declared):
 * a context above (reviews) re-balances who scores what in the same transaction.
 */
export interface PanelChangedEvent extends DomainEvent {
  readonly type: 'panel.changed';
  readonly callId: number;
}
export const PanelEvents = {
  MemberRemoving: 'panel.member_removing',
  Changed: 'panel.changed',
} as const;

export interface MemberWithTies extends PanelMember {
  affiliations: PanelAffiliation[];
}

/**
 * 评审组: who sits on a competition's review group (street, community and resident representatives,
 * experts), its chair, each member's ties, and the conflicts of interest those ties show — explained,
 * confirmed or dismissed with a reason, declared by the member, pinned by the street office.
 */
@Injectable()
export class PanelsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
  ) {}

  async members(callId: number, q?: PageQuery): Promise<Page<MemberWithTies>> {
    await this.call(callId);
    const { page, pageSize, skip, take } = pageParams(q, 50);
    const [items, total] = await this.ds.getRepository(PanelMember).findAndCount({
      where: { callId },
      relations: { user: true },
      order: { isChair: 'DESC', group: 'ASC', id: 'ASC' },
      skip,
      take,
    });
    return toPage(await withTies(this.ds.manager, items), total, page, pageSize);
  }

  /** Every member of the call's panel (for schedulers and the review page). */
  allMembers(m: EntityManager, callId: number): Promise<MemberWithTies[]> {
    return allPanelMembers(m, callId);
  }

  async member(id: number): Promise<MemberWithTies> {
    const found = Number.isSafeInteger(id)
      ? await this.ds
          .getRepository(PanelMember)
          .findOne({ where: { id }, relations: { user: true } })
      : null;
    if (!found) throw AppException.notFound();
    return (await withTies(this.ds.manager, [found]))[0];
  }

  /** The seats an account holds (a judge's own panels). */
  async seatsOf(userId: number): Promise<PanelMember[]> {
    return this.ds.getRepository(PanelMember).find({
      where: { userId },
      relations: { call: true },
      order: { id: 'DESC' },
      take: 100,
    });
  }

  async add(callId: number, dto: PanelMemberDto): Promise<MemberWithTies> {
    await this.call(callId);
    const id = await this.ds.transaction(async (m) => {
      const user = await this.account(m, dto.email);
      await this.checkTies(m, dto);
      if (await m.getRepository(PanelMember).existsBy({ callId, userId: user.id }))
        throw PanelsError.error('panel_member_exists', { email: user.email });
      if (dto.isChair) await m.update(PanelMember, { callId, isChair: true }, { isChair: false });
      const member = await m.save(
        m.create(PanelMember, {
          callId,
          userId: user.id,
          group: dto.group,
          isChair: dto.isChair ?? false,
          title: dto.title ?? '',
        }),
      );
      await this.replaceTies(m, member.id, dto);
      await this.audit.record(m, {
        action: 'panel.member_added',
        entity: 'panel_member',
        entityId: member.id,
        after: { callId, userId: user.id, group: dto.group, isChair: member.isChair },
      });
      await this.changed(m, callId);
      return member.id;
    });
    return this.member(id);
  }

  async update(id: number, dto: PanelMemberDto): Promise<MemberWithTies> {
    const current = await this.member(id);
    await this.ds.transaction(async (m) => {
      await this.checkTies(m, dto);
      if (dto.isChair && !current.isChair)
        await m.update(PanelMember, { callId: current.callId, isChair: true }, { isChair: false });
      await m.update(PanelMember, id, {
        group: dto.group,
        isChair: dto.isChair ?? false,
        title: dto.title ?? '',
      });
      await this.replaceTies(m, id, dto);
      await this.audit.record(m, {
        action: 'panel.member_updated',
        entity: 'panel_member',
        entityId: id,
        before: { group: current.group, isChair: current.isChair },
        after: { group: dto.group, isChair: dto.isChair ?? false },
      });
      await this.changed(m, current.callId);
    });
    return this.member(id);
  }

  async remove(id: number): Promise<void> {
    const current = await this.member(id);
    await this.ds.transaction(async (m) => {
      await this.events.publish<PanelMemberRemovingEvent>(m, {
        type: PanelEvents.MemberRemoving,
        memberId: id,
        callId: current.callId,
      });
      await m.delete(PanelMember, id);
      await this.audit.record(m, {
        action: 'panel.member_removed',
        entity: 'panel_member',
        entityId: id,
        before: { callId: current.callId, userId: current.userId },
      });
      await this.changed(m, current.callId);
    });
  }

  /** See panelConflicts. */
  conflicts(m: EntityManager, callId: number, memberId?: number): Promise<ConflictView[]> {
    return panelConflicts(m, callId, memberId);
  }

  /** proposalId → the members recused from it (for quorum counts and score sheets). */
  recusals(m: EntityManager, callId: number): Promise<Map<number, Set<number>>> {
    return panelRecusals(m, callId);
  }

  /** The street office confirms or dismisses a (detected or declared) conflict, with a reason; may pin it. */
  async decide(
    actor: Actor,
    memberId: number,
    proposalId: number,
    dto: ConflictDecisionDto,
  ): Promise<ConflictView> {
    const member = await this.member(memberId);
    await this.ds.transaction(async (m) => {
      await this.proposalOf(m, member.callId, proposalId);
      const row = await m.getRepository(PanelConflict).findOneBy({ memberId, proposalId });
      if (row?.pinned && dto.status === 'dismissed') throw PanelsError.error('conflict_pinned');
      const values = {
        status: dto.status,
        reason: dto.reason,
        pinned: dto.status === 'confirmed' && (dto.pinned ?? row?.pinned ?? false),
        decidedById: actor.userId,
      };
      if (row) await m.update(PanelConflict, row.id, values);
      else await m.insert(PanelConflict, { memberId, proposalId, source: 'detected', ...values });
      await this.audit.record(m, {
        action: 'panel.conflict_decided',
        entity: 'panel_member',
        entityId: memberId,
        before: row ? { status: row.status, pinned: row.pinned } : { status: 'suggested' },
        after: { proposalId, ...values },
      });
      await this.changed(m, member.callId);
    });
    return this.pair(memberId, proposalId, member.callId);
  }

  /** A member declares a conflict (or the street office for them): recused at once. */
  async declare(
    actor: Actor,
    memberId: number,
    dto: ConflictDeclarationDto,
  ): Promise<ConflictView> {
    const member = await this.member(memberId);
    const admin = actor.roles.includes(Role.StreetAdmin);
    if (!admin && member.userId !== actor.userId) throw AppException.notFound();
    await this.ds.transaction(async (m) => {
      await this.proposalOf(m, member.callId, dto.proposalId);
      const row = await m
        .getRepository(PanelConflict)
        .findOneBy({ memberId, proposalId: dto.proposalId });
      const values = {
        status: 'confirmed' as const,
        source: 'declared' as const,
        reason: dto.reason,
        decidedById: actor.userId,
      };
      if (row) await m.update(PanelConflict, row.id, values);
      else await m.insert(PanelConflict, { memberId, proposalId: dto.proposalId, ...values });
      await this.audit.record(m, {
        action: 'panel.conflict_declared',
        entity: 'panel_member',
        entityId: memberId,
        after: { proposalId: dto.proposalId, reason: dto.reason },
      });
      await this.changed(m, member.callId);
    });
    return this.pair(memberId, dto.proposalId, member.callId);
  }

  /**
   * 专家随机抽取: draws `count` experts from the pool (active judge accounts not yet on this panel) with
   * a recorded seed (given, or random), adds them to the panel as experts and records the draw.
   */
  async drawExperts(actor: Actor, callId: number, dto: ExpertDrawDto): Promise<PanelDraw> {
    await this.call(callId);
    const seed = dto.seed?.trim() || randomBytes(8).toString('hex');
    return this.ds.transaction(async (m) => {
      const seated = new Set(
        (
          await m.getRepository(PanelMember).find({ where: { callId }, select: { userId: true } })
        ).map((x) => x.userId),
      );
      const pool = (
        await m.getRepository(User).find({
          where: { role: Role.Judge, active: true },
          select: { id: true },
          order: { id: 'ASC' },
        })
      )
        .map((u) => u.id)
        .filter((id) => !seated.has(id));
      if (pool.length < dto.count)
        throw PanelsError.error('expert_pool_too_small', { pool: pool.length, count: dto.count }, [
          {
            field: 'count',
            code: 'expert_pool_too_small',
            params: { pool: pool.length, count: dto.count },
          },
        ]);
      const drawn = drawFromPool(pool, dto.count, seed);
      for (const userId of drawn)
        await m.insert(PanelMember, {
          callId,
          userId,
          group: PanelGroup.Expert,
          isChair: false,
          title: '',
        });
      const draw = await m.save(
        m.create(PanelDraw, {
          callId,
          seed,
          poolUserIds: pool,
          drawnUserIds: drawn,
          count: dto.count,
          drawnById: actor.userId,
        }),
      );
      await this.audit.record(m, {
        action: 'panel.experts_drawn',
        entity: 'call',
        entityId: callId,
        after: { seed, pool, drawn },
      });
      await this.changed(m, callId);
      return draw;
    });
  }

  /** The recorded draws of a competition, newest first. */
  draws(callId: number): Promise<PanelDraw[]> {
    return this.ds
      .getRepository(PanelDraw)
      .find({ where: { callId }, order: { id: 'DESC' }, take: 20 });
  }

  private changed(m: EntityManager, callId: number): Promise<void> {
    return this.events.publish<PanelChangedEvent>(m, { type: PanelEvents.Changed, callId });
  }

  private async pair(memberId: number, proposalId: number, callId: number) {
    const found = (await this.conflicts(this.ds.manager, callId, memberId)).find(
      (c) => c.proposalId === proposalId,
    );
    return (
      found ?? {
        memberId,
        proposalId,
        evidence: [],
        status: 'dismissed' as const,
        reason: '',
        pinned: false,
        recused: false,
      }
    );
  }

  private async call(callId: number): Promise<Call> {
    const call = Number.isSafeInteger(callId)
      ? await this.ds.getRepository(Call).findOneBy({ id: callId })
      : null;
    if (!call) throw AppException.notFound();
    return call;
  }

  private async proposalOf(m: EntityManager, callId: number, proposalId: number) {
    const p = Number.isSafeInteger(proposalId)
      ? await m.getRepository(Proposal).findOneBy({ id: proposalId, callId })
      : null;
    if (!p || p.status === ProposalStatus.Draft)
      throw PanelsError.error('proposal_not_in_call', {}, [
        { field: 'proposalId', code: 'proposal_not_in_call' },
      ]);
    return p;
  }

  private async account(m: EntityManager, email: string): Promise<User> {
    const user = await m
      .getRepository(User)
      .createQueryBuilder('u')
      .where('LOWER(u.email) = :email', { email: email.trim().toLowerCase() })
      .getOne();
    if (!user || !user.active)
      throw PanelsError.error('unknown_account', { email }, [
        { field: 'email', code: 'unknown_account' },
      ]);
    return user;
  }

  private async checkTies(m: EntityManager, dto: PanelMemberDto): Promise<void> {
    const orgIds = dto.organisationIds ?? [];
    const communityIds = dto.communityIds ?? [];
    const errors = [];
    if (
      orgIds.length &&
      (await m.getRepository(Organisation).countBy({ id: In(orgIds) })) !== orgIds.length
    )
      errors.push({ field: 'organisationIds', code: 'unknown_organisation' });
    if (
      communityIds.length &&
      (await m.getRepository(Community).countBy({ id: In(communityIds) })) !== communityIds.length
    )
      errors.push({ field: 'communityIds', code: 'unknown_community' });
    if (errors.length) throw AppException.validation(errors);
  }

  private async replaceTies(m: EntityManager, memberId: number, dto: PanelMemberDto) {
    await m.delete(PanelAffiliation, { memberId });
    const rows = [
      ...(dto.organisationIds ?? []).map((organisationId) => ({
        memberId,
        organisationId,
        communityId: null,
      })),
      ...(dto.communityIds ?? []).map((communityId) => ({
        memberId,
        organisationId: null,
        communityId,
      })),
    ];
    if (rows.length) await m.insert(PanelAffiliation, rows);
  }
}

/** Every member of the call's panel with their ties. */
export async function allPanelMembers(m: EntityManager, callId: number): Promise<MemberWithTies[]> {
  const items = await m.getRepository(PanelMember).find({
    where: { callId },
    relations: { user: true },
    order: { id: 'ASC' },
  });
  return withTies(m, items);
}

/**
 * Every member × proposal pair of the call with a possible conflict: detected from the member's ties
 * (the proposal's organisation; its home or host communities), declared, or decided. Pairs without
 * any appear nowhere (no conflict).
 */
export async function panelConflicts(
  m: EntityManager,
  callId: number,
  memberId?: number,
  proposalId?: number,
): Promise<ConflictView[]> {
  const members =
    memberId === undefined
      ? await allPanelMembers(m, callId)
      : await withTies(
          m,
          await m
            .getRepository(PanelMember)
            .find({ where: { callId, id: memberId }, relations: { user: true } }),
        );
  if (!members.length) return [];
  const proposals = await m.getRepository(Proposal).find({
    where: {
      callId,
      status: In(PANEL_PROPOSAL_STATUSES),
      ...(proposalId === undefined ? {} : { id: proposalId }),
    },
    select: { id: true, organisationId: true, currentVersion: true },
  });
  if (!proposals.length) return [];
  const communities = await proposalCommunities(m, proposals);
  const decisions = await m.getRepository(PanelConflict).find({
    where: { memberId: In(members.map((x) => x.id)), proposalId: In(proposals.map((p) => p.id)) },
  });
  const decided = new Map(decisions.map((d) => [`${d.memberId}:${d.proposalId}`, d]));
  const out: ConflictView[] = [];
  for (const member of members) {
    const orgs = new Set(member.affiliations.map((a) => a.organisationId).filter((x) => x));
    const places = new Set(member.affiliations.map((a) => a.communityId).filter((x) => x));
    for (const p of proposals) {
      const evidence: ConflictEvidence[] = [];
      if (orgs.has(p.organisationId)) evidence.push('same_organisation');
      if ([...(communities.get(p.id) ?? [])].some((c) => places.has(c)))
        evidence.push('same_community');
      const d = decided.get(`${member.id}:${p.id}`);
      if (d?.source === 'declared') evidence.push('declared');
      if (!evidence.length && !d) continue;
      const status = d ? d.status : 'suggested';
      out.push({
        memberId: member.id,
        proposalId: p.id,
        evidence,
        status,
        reason: d?.reason ?? '',
        pinned: d?.pinned ?? false,
        recused: status !== 'dismissed',
      });
    }
  }
  return out;
}

/**
 * The recusal rule as two SQL expressions over a member id and a proposal row, for queries that check
 * it alongside other things (a judge's save asks it in the same query as the rest). The same rule as
 * `panelConflicts`: a recorded decision (`decided`) counts as it stands, recused unless dismissed;
 * without one, a tie (`tied`) is a suggested conflict and recuses — the member's organisation is the
 * proposal's, or one of the member's communities is the proposal's home community (its organisation's)
 * or a host of its submitted version. Read the two columns with `recusedBy`.
 */
export function recusalSql(member: string, proposal: string): { decided: string; tied: string } {
  return {
    decided: `(SELECT c.status FROM panel_conflict c WHERE c.memberId = ${member} AND c.proposalId = ${proposal}.id)`,
    tied: `CASE WHEN EXISTS (
      SELECT 1 FROM panel_affiliation a
      WHERE a.memberId = ${member} AND (
        a.organisationId = ${proposal}.organisationId
        OR a.communityId = (SELECT o.communityId FROM organisation o WHERE o.id = ${proposal}.organisationId)
        OR a.communityId IN (
          SELECT pc.communityId FROM proposal_community pc
          WHERE pc.proposalId = ${proposal}.id AND pc.version = ${proposal}.currentVersion))
    ) THEN 1 ELSE 0 END`,
  };
}

/** Whether the `decided` and `tied` columns of `recusalSql` recuse. */
export function recusedBy(decided: string | null | undefined, tied: number | string): boolean {
  return decided !== null && decided !== undefined ? decided !== 'dismissed' : Number(tied) === 1;
}

/**
 * Whether one member is recused from one proposal, in one query. A proposal outside the call or past
 * the panel's statuses, or a member of another call's panel, is no conflict (as in `panelConflicts`).
 * `test/panels/panels.spec.ts` checks it against `panelConflicts` for every pair.
 */
export async function panelRecusedFrom(
  m: EntityManager,
  callId: number,
  memberId: number,
  proposalId: number,
): Promise<boolean> {
  const sql = recusalSql('pm.id', 'p');
  const rows: { decided: string | null; tied: number | string }[] = await m.query(
    `SELECT ${sql.decided} AS decided, ${sql.tied} AS tied
     FROM proposal p
     JOIN panel_member pm ON pm.id = ? AND pm.callId = p.callId
     WHERE p.id = ? AND p.callId = ? AND p.status IN (${PANEL_PROPOSAL_STATUSES.map(() => '?').join(', ')})`,
    [memberId, proposalId, callId, ...PANEL_PROPOSAL_STATUSES],
  );
  return !!rows[0] && recusedBy(rows[0].decided, rows[0].tied);
}

/** proposalId → the members recused from it (for quorum counts and score sheets). */
export async function panelRecusals(
  m: EntityManager,
  callId: number,
): Promise<Map<number, Set<number>>> {
  const map = new Map<number, Set<number>>();
  for (const c of await panelConflicts(m, callId)) {
    if (!c.recused) continue;
    map.set(c.proposalId, (map.get(c.proposalId) ?? new Set()).add(c.memberId));
  }
  return map;
}

async function withTies(m: EntityManager, members: PanelMember[]): Promise<MemberWithTies[]> {
  const ties = members.length
    ? await m.getRepository(PanelAffiliation).find({
        where: { memberId: In(members.map((x) => x.id)) },
        relations: { organisation: true, community: true },
        order: { id: 'ASC' },
      })
    : [];
  return members.map((x) =>
    Object.assign(x, { affiliations: ties.filter((t) => t.memberId === x.id) }),
  );
}

/** Each proposal's home community (of its organisation) and host communities (submitted version). */
async function proposalCommunities(
  m: EntityManager,
  proposals: Pick<Proposal, 'id' | 'organisationId' | 'currentVersion'>[],
): Promise<Map<number, Set<number>>> {
  const out = new Map<number, Set<number>>(proposals.map((p) => [p.id, new Set<number>()]));
  const hosts = await m.getRepository(ProposalCommunity).find({
    where: { proposalId: In(proposals.map((p) => p.id)) },
  });
  const version = new Map(proposals.map((p) => [p.id, p.currentVersion]));
  for (const h of hosts)
    if (h.version === version.get(h.proposalId)) out.get(h.proposalId)!.add(h.communityId);
  const orgs = await m.getRepository(Organisation).find({
    where: { id: In([...new Set(proposals.map((p) => p.organisationId))]) },
    select: { id: true, communityId: true },
  });
  const home = new Map(orgs.map((o) => [o.id, o.communityId]));
  for (const p of proposals) {
    const c = home.get(p.organisationId);
    if (c) out.get(p.id)!.add(c);
  }
  return out;
}
