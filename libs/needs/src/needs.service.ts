import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@gv/audit';
import { Actor, AppException, ensureOwned, Page, pageParams, Role, toPage } from '@gv/core';
import { Community } from '@gv/places';
import { NeedDto, NeedListQuery } from './dto/needs.dto';
import { Need } from './entities/need.entity';
import { NeedsError } from './needs.errors';

const escapeLike = (s: string) => s.replace(/[%_\\]/g, '\\$&');

/** 需求征集: community staff post needs for their own community, street admins for any; everyone reads them. */
@Injectable()
export class NeedsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** The public board: open needs by default, newest first. */
  async list(q: NeedListQuery): Promise<Page<Need>> {
    const { page, pageSize, skip, take } = pageParams(q);
    const qb = this.ds
      .getRepository(Need)
      .createQueryBuilder('n')
      .leftJoinAndSelect('n.community', 'c');
    qb.where('n.status = :status', { status: q.status ?? 'open' });
    if (q.communityId) qb.andWhere('n.communityId = :communityId', { communityId: q.communityId });
    // simple-array stores "elderly,women"; no group name is part of another, so a substring match is exact
    // (the value is one of the enum's, so it is not escaped: SQLite LIKE has no default escape character).
    if (q.group) qb.andWhere('n.beneficiaryGroups LIKE :group', { group: `%${q.group}%` });
    if (q.q) qb.andWhere('n.title LIKE :q', { q: `%${escapeLike(q.q)}%` });
    const [items, total] = await qb.orderBy('n.id', 'DESC').skip(skip).take(take).getManyAndCount();
    return toPage(items, total, page, pageSize);
  }

  async get(id: number): Promise<Need> {
    const n = await this.ds
      .getRepository(Need)
      .findOne({ where: { id }, relations: { community: true } });
    if (!n) throw AppException.notFound();
    return n;
  }

  /** Community staff may only act for their own community: another community answers 403. */
  private assertCommunity(actor: Actor | undefined, communityId: number): void {
    if (!actor) throw AppException.unauthorized();
    if (actor.roles.includes(Role.StreetAdmin)) return;
    if (actor.roles.includes(Role.CommunityStaff) && actor.communityId === communityId) return;
    throw NeedsError.error('need_other_community');
  }

  private async assertCommunityExists(m: EntityManager, communityId: number): Promise<void> {
    if (!(await m.getRepository(Community).exists({ where: { id: communityId } }))) {
      throw AppException.validation([{ field: 'communityId', code: 'unknown_community' }]);
    }
  }

  async create(actor: Actor | undefined, dto: NeedDto): Promise<Need> {
    this.assertCommunity(actor, dto.communityId);
    return this.ds.transaction(async (m) => {
      await this.assertCommunityExists(m, dto.communityId);
      const need = await m.save(
        m.create(Need, {
          communityId: dto.communityId,
          title: dto.title,
          description: dto.description,
          beneficiaryGroups: dto.beneficiaryGroups,
          beneficiaryCount: dto.beneficiaryCount,
          status: 'open',
          createdById: actor!.userId,
        }),
      );
      await this.audit.record(m, {
        action: 'need.created',
        entity: 'need',
        entityId: need.id,
        after: { ...dto },
      });
      return m
        .getRepository(Need)
        .findOneOrFail({ where: { id: need.id }, relations: { community: true } });
    });
  }

  /** Edits stay within the staff member's community: a need of another community is 404, moving one away 403. */
  async update(actor: Actor | undefined, id: number, dto: NeedDto): Promise<Need> {
    const current = ensureOwned(
      actor,
      await this.ds.getRepository(Need).findOne({ where: { id } }),
    );
    this.assertCommunity(actor, dto.communityId);
    return this.ds.transaction(async (m) => {
      // A street admin may move a need to any community, but only to one that exists.
      await this.assertCommunityExists(m, dto.communityId);
      const after = {
        communityId: dto.communityId,
        title: dto.title,
        description: dto.description,
        beneficiaryGroups: dto.beneficiaryGroups,
        beneficiaryCount: dto.beneficiaryCount,
      };
      await m.save(Need, { id, ...after });
      await this.audit.record(m, {
        action: 'need.updated',
        entity: 'need',
        entityId: id,
        before: {
          communityId: current.communityId,
          title: current.title,
          description: current.description,
          beneficiaryGroups: current.beneficiaryGroups,
          beneficiaryCount: current.beneficiaryCount,
        },
        after,
      });
      return m.getRepository(Need).findOneOrFail({ where: { id }, relations: { community: true } });
    });
  }

  async setStatus(actor: Actor | undefined, id: number, status: 'open' | 'closed'): Promise<Need> {
    const current = ensureOwned(
      actor,
      await this.ds.getRepository(Need).findOne({ where: { id } }),
    );
    if (current.status === status) throw NeedsError.error('need_status_conflict', { status });
    return this.ds.transaction(async (m) => {
      await m.update(Need, id, { status });
      await this.audit.record(m, {
        action: `need.${status === 'closed' ? 'closed' : 'reopened'}`,
        entity: 'need',
        entityId: id,
        before: { status: current.status },
        after: { status },
      });
      return m.getRepository(Need).findOneOrFail({ where: { id }, relations: { community: true } });
    });
  }
}
