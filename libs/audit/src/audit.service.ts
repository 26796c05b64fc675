import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Page, pageParams, PageQuery, requestContext, toPage } from '@gv/core';
import { AuditLog } from './entities/audit-log.entity';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId: string | number;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  /** Defaults to the request's actor. */
  actorId?: number | null;
  actorLabel?: string;
}

export interface AuditFilter extends PageQuery {
  action?: string;
  entity?: string;
  entityId?: string;
  actorId?: number;
  from?: Date;
  to?: Date;
}

const MAX_SUMMARY = 4000;
function summary(v: Record<string, unknown> | null | undefined): string | null {
  if (!v) return null;
  const s = JSON.stringify(v);
  return s.length > MAX_SUMMARY ? s.slice(0, MAX_SUMMARY - 1) + '…' : s;
}

@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Writes one audit row with the caller's transaction manager (same transaction as the change). */
  async record(manager: EntityManager, entry: AuditEntry): Promise<void> {
    const ctx = requestContext.get();
    await manager.insert(AuditLog, {
      actorId: entry.actorId !== undefined ? entry.actorId : (ctx?.actor?.userId ?? null),
      actorLabel: entry.actorLabel ?? (ctx?.actor ? `user:${ctx.actor.userId}` : 'system'),
      action: entry.action,
      entity: entry.entity,
      entityId: String(entry.entityId),
      before: summary(entry.before),
      after: summary(entry.after),
      requestId: ctx?.correlationId ?? null,
    });
  }

  async list(filter: AuditFilter): Promise<Page<AuditLog>> {
    const { page, pageSize, skip, take } = pageParams(filter, 50);
    const qb = this.ds.getRepository(AuditLog).createQueryBuilder('a');
    if (filter.action) qb.andWhere('a.action = :action', { action: filter.action });
    if (filter.entity) qb.andWhere('a.entity = :entity', { entity: filter.entity });
    if (filter.entityId) qb.andWhere('a.entityId = :entityId', { entityId: filter.entityId });
    if (filter.actorId) qb.andWhere('a.actorId = :actorId', { actorId: filter.actorId });
    if (filter.from) qb.andWhere('a.createdAt >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('a.createdAt < :to', { to: filter.to });
    const [items, total] = await qb.orderBy('a.id', 'DESC').skip(skip).take(take).getManyAndCount();
    return toPage(items, total, page, pageSize);
  }

  async actions(): Promise<string[]> {
    const rows = await this.ds
      .getRepository(AuditLog)
      .createQueryBuilder('a')
      .select('DISTINCT a.action', 'action')
      .orderBy('action')
      .getRawMany<{ action: string }>();
    return rows.map((r) => r.action);
  }
}
