import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@gv/audit';
import { hashPassword, streetStaff, User } from '@gv/accounts';
import { AccountsError } from '@gv/accounts';
import { AppConfig } from '@gv/config';
import {
  Actor,
  AppException,
  ensureOwned,
  ownerCondition,
  Page,
  pageParams,
  Role,
  toPage,
} from '@gv/core';
import { rowLock } from '@gv/database';
import { NotificationEvent, notify } from '@gv/notifications';
import { Community } from '@gv/places';
import {
  OrganisationDto,
  OrganisationListQuery,
  OrganisationSignupDto,
} from './dto/organisations.dto';
import { Organisation, OrganisationStatus } from './entities/organisation.entity';
import { organisationRecipients } from './organisation-notifications';
import { OrganisationsError } from './organisations.errors';

const escapeLike = (s: string) => s.replace(/[%_\\]/g, '\\$&');

/** The scope record of an organisation: its members own it, its home community's staff see it. */
export const organisationScope = (o: Organisation) => ({
  organisationId: o.id,
  communityId: o.communityId,
});

/** Profile fields as stored (nulls for what was not given). */
function profile(dto: OrganisationDto) {
  return {
    name: dto.name,
    type: dto.type,
    communityId: dto.communityId,
    registrationLevel: dto.registrationLevel,
    creditCode: dto.creditCode ?? null,
    foundedOn: dto.foundedOn ?? null,
    incubatedBy: dto.incubatedBy ?? null,
    membersCount: dto.membersCount ?? 0,
    contactName: dto.contactName,
    contactPhone: dto.contactPhone ?? null,
    contactEmail: dto.contactEmail?.toLowerCase() ?? null,
  };
}

/** What the street office verified: changing one of these sends the organisation back to verification. */
export const KEY_FIELDS = ['name', 'creditCode', 'type', 'communityId'] as const;

function changedKeyFields(current: Organisation, next: ReturnType<typeof profile>): string[] {
  return KEY_FIELDS.filter((f) => (current[f] ?? null) !== (next[f] ?? null));
}

@Injectable()
export class OrganisationsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async list(actor: Actor | undefined, q: OrganisationListQuery): Promise<Page<Organisation>> {
    const { page, pageSize, skip, take } = pageParams(q);
    const qb = this.ds
      .getRepository(Organisation)
      .createQueryBuilder('o')
      .leftJoinAndSelect('o.community', 'c');
    qb.where(...ownerCondition(actor, 'o', { organisation: 'id', community: 'communityId' }));
    if (q.communityId) qb.andWhere('o.communityId = :communityId', { communityId: q.communityId });
    if (q.type) qb.andWhere('o.type = :type', { type: q.type });
    if (q.status) qb.andWhere('o.status = :status', { status: q.status });
    if (q.q) qb.andWhere('o.name LIKE :q', { q: `%${escapeLike(q.q)}%` });
    const [items, total] = await qb
      .orderBy('c.sortOrder', 'ASC')
      .addOrderBy('o.id', 'ASC')
      .skip(skip)
      .take(take)
      .getManyAndCount();
    return toPage(items, total, page, pageSize);
  }

  /** The organisation if the actor may see it; 404 otherwise (same answer as a missing id). */
  async get(actor: Actor | undefined, id: number): Promise<Organisation> {
    const o = await this.ds
      .getRepository(Organisation)
      .findOne({ where: { id }, relations: { community: true } });
    return ensureOwned(actor, o ? Object.assign(o, organisationScope(o)) : null);
  }

  /** The signed-in member's own organisation. */
  async mine(actor: Actor | undefined): Promise<Organisation> {
    if (!actor?.organisationId) throw AppException.notFound();
    return this.get(actor, actor.organisationId);
  }

  /** Street office adds an organisation directly: it is verified from the start (members are then invited). */
  async create(dto: OrganisationDto): Promise<Organisation> {
    return this.ds.transaction(async (m) => {
      await this.checkProfile(m, dto);
      const o = await m.save(m.create(Organisation, { ...profile(dto), status: 'verified' }));
      await this.audit.record(m, {
        action: 'organisation.created',
        entity: 'organisation',
        entityId: o.id,
        after: profile(dto),
      });
      return o;
    });
  }

  /** Public sign-up: a pending organisation and its first member account, in one transaction. */
  async signup(dto: OrganisationSignupDto): Promise<{ organisation: Organisation; user: User }> {
    const email = dto.memberEmail.toLowerCase();
    const passwordHash = await hashPassword(dto.password);
    return this.ds.transaction(async (m) => {
      if (await m.getRepository(User).exists({ where: { email } })) {
        throw AccountsError.error('email_taken', {}, [
          { field: 'memberEmail', code: 'email_taken' },
        ]);
      }
      await this.checkProfile(m, dto);
      const organisation = await m.save(
        m.create(Organisation, { ...profile(dto), status: 'pending' }),
      );
      const user = await m.save(
        m.create(User, {
          email,
          name: dto.memberName,
          role: Role.OrgMember,
          communityId: null,
          organisationId: organisation.id,
          passwordHash,
          locale: 'zh-CN',
          active: true,
          lastLoginAt: null,
        }),
      );
      await this.audit.record(m, {
        action: 'organisation.signed_up',
        entity: 'organisation',
        entityId: organisation.id,
        actorId: user.id,
        actorLabel: email,
        after: { ...profile(dto), memberEmail: email },
      });
      // The street office hears of the sign-up waiting for its review (街道审核), in the same transaction.
      await notify(m, NotificationEvent.OrganisationSignedUp, await streetStaff(m), {
        organisationId: organisation.id,
      });
      return { organisation, user };
    });
  }

  /**
   * Street admins edit any organisation, members their own; community staff only read (403). A member
   * who changes a key field (name, credit code, type, community) of a verified organisation sends it
   * back to verification: it cannot submit proposals until the street office verifies it again.
   */
  async update(actor: Actor | undefined, id: number, dto: OrganisationDto): Promise<Organisation> {
    const current = await this.get(actor, id);
    if (!this.canEdit(actor, current)) throw AppException.forbidden();
    return this.ds.transaction(async (m) => {
      await this.checkProfile(m, dto, id);
      const locked = await m
        .getRepository(Organisation)
        .findOneOrFail({ where: { id }, lock: rowLock(this.ds) });
      const before = profile(locked as unknown as OrganisationDto);
      const after = profile(dto);
      const changed = changedKeyFields(locked, after);
      const reverify =
        !actor?.roles.includes(Role.StreetAdmin) &&
        locked.status === 'verified' &&
        changed.length > 0;
      await m.update(Organisation, id, {
        ...after,
        ...(reverify ? { status: 'pending' as const, reviewedAt: null, reviewNote: null } : {}),
      });
      await this.audit.record(m, {
        action: 'organisation.updated',
        entity: 'organisation',
        entityId: id,
        before,
        after,
      });
      if (reverify)
        await this.audit.record(m, {
          action: 'organisation.reverification_required',
          entity: 'organisation',
          entityId: id,
          before: { status: 'verified' },
          after: { status: 'pending', changed },
        });
      return m
        .getRepository(Organisation)
        .findOneOrFail({ where: { id }, relations: { community: true } });
    });
  }

  canEdit(actor: Actor | undefined, o: Organisation): boolean {
    if (!actor) return false;
    return (
      actor.roles.includes(Role.StreetAdmin) ||
      (actor.roles.includes(Role.OrgMember) && actor.organisationId === o.id)
    );
  }

  /**
   * 街道审核: pending (or rejected) → verified. A repeated call is a 409 and changes nothing. Both decisions
   * notify the organisation's members in the same transaction.
   */
  verify(actor: Actor | undefined, id: number): Promise<Organisation> {
    return this.transition(
      actor,
      id,
      ['pending', 'rejected'],
      'verified',
      'organisation.verified',
      NotificationEvent.OrganisationVerified,
      null,
    );
  }

  reject(actor: Actor | undefined, id: number, reason: string): Promise<Organisation> {
    return this.transition(
      actor,
      id,
      ['pending'],
      'rejected',
      'organisation.rejected',
      NotificationEvent.OrganisationRejected,
      reason,
    );
  }

  private async transition(
    actor: Actor | undefined,
    id: number,
    from: OrganisationStatus[],
    to: OrganisationStatus,
    action: string,
    event: NotificationEvent,
    reason: string | null,
  ) {
    await this.get(actor, id);
    return this.ds.transaction(async (m) => {
      const reviewedAt = new Date();
      // Conditional update instead of a row lock: works the same on MariaDB and SQLite, and two
      // concurrent reviews cannot both succeed.
      const res = await m
        .createQueryBuilder()
        .update(Organisation)
        .set({ status: to, reviewedAt, reviewNote: reason })
        .where('id = :id AND status IN (:...from)', { id, from })
        .execute();
      if (!res.affected)
        throw OrganisationsError.error('organisation_status_conflict', { status: to });
      await this.audit.record(m, {
        action,
        entity: 'organisation',
        entityId: id,
        after: { status: to, ...(reason ? { reason } : {}) },
      });
      const o = await m
        .getRepository(Organisation)
        .findOneOrFail({ where: { id }, relations: { community: true } });
      // One row per member and review: the review time in the key keeps a later decision of the same
      // kind (should an organisation ever be reviewed again) from being swallowed as a duplicate.
      await notify(
        m,
        event,
        await organisationRecipients(m, o, this.config.DEFAULT_LOCALE),
        { organisationId: id },
        { dedupeKey: `organisationId=${id}&reviewedAt=${reviewedAt.getTime()}` },
      );
      return o;
    });
  }

  /** Home community exists; the credit code is not another organisation's. */
  private async checkProfile(
    m: EntityManager,
    dto: OrganisationDto,
    selfId?: number,
  ): Promise<void> {
    if (!(await m.getRepository(Community).exists({ where: { id: dto.communityId } }))) {
      throw AppException.validation([{ field: 'communityId', code: 'unknown_community' }]);
    }
    if (dto.creditCode) {
      const other = await m
        .getRepository(Organisation)
        .findOne({ where: { creditCode: dto.creditCode }, select: { id: true } });
      if (other && other.id !== selfId)
        throw OrganisationsError.error('credit_code_taken', {}, [
          { field: 'creditCode', code: 'credit_code_taken' },
        ]);
    }
  }
}
