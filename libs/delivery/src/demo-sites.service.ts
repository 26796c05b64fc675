import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@gv/audit';
import { Actor, AppException, fenToYuan, formatShanghaiDate } from '@gv/core';
import { freshReadLock, rowLock, transactionWithRetry } from '@gv/database';
import { DeliveryError } from './delivery.errors';
import { DemoSiteAward, DemoSiteBudget, DeliveryProject } from './entities/delivery.entity';
import { isStreetAdmin } from './projects.service';

/** 示范点 awards are 5,000–10,000 yuan (PRACTICE.md §6), in fen. */
export const DEMO_SITE_MIN_FEN = 500_000;
export const DEMO_SITE_MAX_FEN = 1_000_000;

/** The Shanghai calendar year of an instant. */
export const shanghaiYear = (d: Date = new Date()) => Number(formatShanghaiDate(d).slice(0, 4));

/**
 * 示范点: the street office nominates completed projects and awards 5,000–10,000 yuan each from its
 * yearly demonstration-site budget: a cap and a committed amount of its own (not the calls' ledgers),
 * changed only under the budget row's lock, so concurrent awards never pass the cap.
 */
@Injectable()
export class DemoSitesService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {}

  async overview(year: number) {
    const budget = await this.ds.getRepository(DemoSiteBudget).findOneBy({ year });
    const awards = await this.ds.getRepository(DemoSiteAward).find({
      where: { year },
      relations: { project: { proposal: true } },
      order: { id: 'ASC' },
      take: 500,
    });
    return {
      year,
      capFen: budget?.capFen ?? 0,
      committedFen: budget?.committedFen ?? 0,
      availableFen: budget ? budget.capFen - budget.committedFen : 0,
      awards,
    };
  }

  /** Sets the year's budget (never below what is committed). */
  async setBudget(actor: Actor, year: number, capFen: number): Promise<DemoSiteBudget> {
    this.assertAdmin(actor);
    return transactionWithRetry(this.ds, async (m) => {
      await m
        .createQueryBuilder()
        .insert()
        .into(DemoSiteBudget)
        .values({ year, capFen: 0, committedFen: 0 })
        .orIgnore()
        .execute();
      const b = await m.findOneOrFail(DemoSiteBudget, { where: { year }, lock: freshReadLock(m) });
      if (capFen < b.committedFen)
        throw DeliveryError.error('demo_site_over_budget', { available: fenToYuan(0) });
      await m.update(DemoSiteBudget, b.id, { capFen });
      await this.audit.record(m, {
        action: 'delivery.demo_budget_set',
        entity: 'demo_site_budget',
        entityId: year,
        actorId: actor.userId,
        before: { capFen: b.capFen },
        after: { capFen },
      });
      return m.findOneOrFail(DemoSiteBudget, { where: { id: b.id }, lock: rowLock(m) });
    });
  }

  /** 提名: a completed project, once. */
  async nominate(actor: Actor, projectId: number, reason: string): Promise<DemoSiteAward> {
    this.assertAdmin(actor);
    return transactionWithRetry(this.ds, async (m) => {
      const p = await this.project(m, projectId, true);
      if (p.status !== 'completed') throw DeliveryError.error('demo_site_not_completed');
      if (await m.findOne(DemoSiteAward, { where: { projectId }, lock: rowLock(m) }))
        throw DeliveryError.error('demo_site_state');
      const year = shanghaiYear();
      await m.insert(DemoSiteAward, {
        projectId,
        year,
        status: 'nominated',
        amountFen: 0,
        reason,
        nominatedById: actor.userId,
      });
      await this.audit.record(m, {
        action: 'delivery.demo_site_nominated',
        entity: 'delivery_project',
        entityId: projectId,
        actorId: actor.userId,
        after: { year, reason },
      });
      return m.findOneOrFail(DemoSiteAward, { where: { projectId }, lock: rowLock(m) });
    });
  }

  /** 评定: 5,000–10,000 yuan (400 demo_site_amount), within the year's budget (409 otherwise). */
  async award(actor: Actor, projectId: number, amountFen: number): Promise<DemoSiteAward> {
    this.assertAdmin(actor);
    if (
      !Number.isSafeInteger(amountFen) ||
      amountFen < DEMO_SITE_MIN_FEN ||
      amountFen > DEMO_SITE_MAX_FEN
    )
      throw DeliveryError.error('demo_site_amount', {}, [
        { field: 'amountFen', code: 'demo_site_amount' },
      ]);
    return transactionWithRetry(this.ds, async (m) => {
      await this.project(m, projectId, false);
      const nomination = await m.findOneBy(DemoSiteAward, { projectId });
      if (!nomination) throw DeliveryError.error('demo_site_state');
      // Lock order: the year's budget, then the award.
      const budget = await m.findOne(DemoSiteBudget, {
        where: { year: nomination.year },
        lock: rowLock(m),
      });
      const a = await m.findOneOrFail(DemoSiteAward, { where: { projectId }, lock: rowLock(m) });
      if (a.status !== 'nominated') throw DeliveryError.error('demo_site_state');
      const available = budget ? budget.capFen - budget.committedFen : 0;
      if (!budget || amountFen > available)
        throw DeliveryError.error('demo_site_over_budget', {
          available: fenToYuan(Math.max(0, available)),
        });
      await m.update(DemoSiteBudget, budget.id, { committedFen: budget.committedFen + amountFen });
      await m.update(DemoSiteAward, a.id, {
        status: 'awarded',
        amountFen,
        decidedById: actor.userId,
      });
      await this.audit.record(m, {
        action: 'delivery.demo_site_awarded',
        entity: 'delivery_project',
        entityId: projectId,
        actorId: actor.userId,
        after: { year: a.year, amountFen, committedFen: budget.committedFen + amountFen },
      });
      return m.findOneOrFail(DemoSiteAward, { where: { id: a.id }, lock: rowLock(m) });
    });
  }

  /** Not this time (a nomination declined with a reason). */
  async decline(actor: Actor, projectId: number, reason: string): Promise<DemoSiteAward> {
    this.assertAdmin(actor);
    return transactionWithRetry(this.ds, async (m) => {
      await this.project(m, projectId, false);
      const a = await m.findOne(DemoSiteAward, { where: { projectId }, lock: rowLock(m) });
      if (!a || a.status !== 'nominated') throw DeliveryError.error('demo_site_state');
      await m.update(DemoSiteAward, a.id, {
        status: 'declined',
        reason,
        decidedById: actor.userId,
      });
      await this.audit.record(m, {
        action: 'delivery.demo_site_declined',
        entity: 'delivery_project',
        entityId: projectId,
        actorId: actor.userId,
        after: { reason },
      });
      return m.findOneOrFail(DemoSiteAward, { where: { id: a.id }, lock: rowLock(m) });
    });
  }

  forProject(projectId: number): Promise<DemoSiteAward | null> {
    return this.ds.getRepository(DemoSiteAward).findOneBy({ projectId });
  }

  private async project(m: EntityManager, id: number, lock: boolean): Promise<DeliveryProject> {
    const p = Number.isSafeInteger(id)
      ? await m.findOne(DeliveryProject, { where: { id }, ...(lock ? { lock: rowLock(m) } : {}) })
      : null;
    if (!p) throw AppException.notFound();
    return p;
  }

  private assertAdmin(actor: Actor): void {
    if (!isStreetAdmin(actor)) throw AppException.forbidden();
  }
}
