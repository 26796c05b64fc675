import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@gv/audit';
import { Actor, AppException, fenToYuan, requestContext, toInstant } from '@gv/core';
import { rowLock, transactionWithRetry } from '@gv/database';
import { FundingLedger, FundingService } from '@gv/funding';
import { I18n } from '@gv/i18n';
import { DeliveryError } from './delivery.errors';
import { PayDto } from './dto/delivery-money.dto';
import { Clawback, DeliveryProject, Tranche } from './entities/delivery.entity';
import {
  assertFits,
  assertRunning,
  disbursedFen,
  gatePassed,
  lockProjectMoney,
  paidFen,
  ProjectMoney,
} from './project-money';
import { isStreetAdmin, ProjectsService } from './projects.service';

/**
 * 拨付台账: each tranche requested (organisation or street office) → approved (a street admin) → paid
 * (another street admin records who, when and the bank reference). Every step re-checks, under the
 * project's locks, that the project runs, the agreement was checked, the tranche's gate passed and the
 * award still covers it: approved + paid − recovered never exceeds the award. 追回: clawbacks are
 * recorded against the project, marked recovered, and return to the call's budget only by a decision.
 */
@Injectable()
export class DisbursementsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly projects: ProjectsService,
    private readonly funding: FundingService,
    private readonly i18n: I18n,
  ) {}

  /** 申请拨付: the organisation (its own project) or the street office. */
  async request(actor: Actor, trancheId: number): Promise<Tranche> {
    return this.step(actor, trancheId, 'requested', async (m, x, t) => {
      if (t.status !== 'scheduled') throw DeliveryError.error('tranche_state');
      this.assertPayable(x, t);
      assertFits(x, t.amountFen);
      await m.update(Tranche, t.id, { status: 'requested', requestedAt: new Date() });
    });
  }

  /** 批准: a street admin; the award must still cover it with everything approved and paid. */
  async approve(actor: Actor, trancheId: number): Promise<Tranche> {
    if (!isStreetAdmin(actor)) throw AppException.forbidden();
    return this.step(actor, trancheId, 'approved', async (m, x, t) => {
      if (t.status !== 'requested') throw DeliveryError.error('tranche_state');
      this.assertPayable(x, t);
      assertFits(x, t.amountFen);
      await m.update(Tranche, t.id, {
        status: 'approved',
        approvedById: actor.userId,
        approvedAt: new Date(),
      });
    });
  }

  /** 登记付款: another street admin than the approver records the payment and its bank reference. */
  async pay(actor: Actor, trancheId: number, dto: PayDto): Promise<Tranche> {
    const paidAt = dto.paidAt ? toInstant(dto.paidAt) : new Date();
    if (!paidAt || paidAt.getTime() > Date.now() + 60_000)
      throw AppException.validation([{ field: 'paidAt', code: 'paid_in_future' }]);
    if (!isStreetAdmin(actor)) throw AppException.forbidden();
    return this.step(actor, trancheId, 'paid', async (m, x, t) => {
      if (t.status !== 'approved') throw DeliveryError.error('tranche_state');
      if (t.approvedById === actor.userId) throw DeliveryError.error('tranche_same_person');
      this.assertPayable(x, t);
      // Already counted as approved: the award may have been reduced since.
      assertFits(x, 0);
      await m.update(Tranche, t.id, {
        status: 'paid',
        paidById: actor.userId,
        paidAt,
        bankReference: dto.bankReference,
      });
    });
  }

  /** One step of a tranche under the project's locks, audited, with the organisation's access checked. */
  private async step(
    actor: Actor,
    trancheId: number,
    action: string,
    work: (m: EntityManager, x: ProjectMoney, t: Tranche) => Promise<void>,
  ): Promise<Tranche> {
    return transactionWithRetry(this.ds, async (m) => {
      const found = Number.isSafeInteger(trancheId)
        ? await m.findOne(Tranche, {
            where: { id: trancheId },
            select: { id: true, projectId: true },
          })
        : null;
      if (!found) throw AppException.notFound();
      await this.projects.loadForOrg(m, actor, found.projectId);
      const x = await lockProjectMoney(m, found.projectId);
      const t = x.tranches.find((y) => y.id === trancheId);
      if (!t) throw AppException.notFound();
      const before = { status: t.status };
      // A terminated or suspended project first: its cancelled tranches say less than that.
      assertRunning(x.project);
      await work(m, x, t);
      await this.audit.record(m, {
        action: `delivery.tranche_${action}`,
        entity: 'delivery_project',
        entityId: x.project.id,
        actorId: actor.userId,
        before,
        after: { trancheId: t.id, seq: t.seq, amountFen: t.amountFen, status: action },
      });
      return m.findOneOrFail(Tranche, { where: { id: t.id }, lock: rowLock(m) });
    });
  }

  /** The project runs, the agreement was checked, and the tranche's gate passed (409 otherwise). */
  private assertPayable(x: ProjectMoney, t: Tranche): void {
    assertRunning(x.project);
    if (x.agreement?.status !== 'checked') throw DeliveryError.error('agreement_not_checked');
    if (!gatePassed(x, t.gate))
      throw DeliveryError.error('tranche_gate_not_passed', {
        gate: this.i18n.t(requestContext.locale(), `delivery.gateName.${t.gate}`),
      });
  }

  // ── clawbacks (追回) ─────────────────────────────────────────────────────────────────────────

  /**
   * Records a clawback (inside the caller's transaction, the project's money locked): at most what
   * was paid and is not clawed back already.
   */
  async recordClawback(
    m: EntityManager,
    actor: Actor,
    x: ProjectMoney,
    amountFen: number,
    reason: string,
  ): Promise<Clawback> {
    const max = paidFen(x) - x.clawbacks.reduce((s, c) => s + c.amountFen, 0);
    if (!Number.isSafeInteger(amountFen) || amountFen < 1 || amountFen > max)
      throw DeliveryError.error('clawback_amount', { max: fenToYuan(Math.max(0, max)) }, [
        {
          field: 'clawbackFen',
          code: 'clawback_amount',
          params: { max: fenToYuan(Math.max(0, max)) },
        },
      ]);
    const r = await m.insert(Clawback, {
      projectId: x.project.id,
      amountFen,
      reason,
      status: 'recorded',
    });
    await this.audit.record(m, {
      action: 'delivery.clawback_recorded',
      entity: 'delivery_project',
      entityId: x.project.id,
      actorId: actor.userId,
      after: { amountFen, reason },
    });
    return m.findOneByOrFail(Clawback, { id: r.identifiers[0]['id'] as number });
  }

  /** A clawback outside an evaluation (e.g. found in an audit of the accounts). */
  async clawback(actor: Actor, projectId: number, amountFen: number, reason: string) {
    return transactionWithRetry(this.ds, async (m) => {
      await this.projects.load(m, actor, projectId);
      const x = await lockProjectMoney(m, projectId);
      return this.recordClawback(m, actor, x, amountFen, reason);
    });
  }

  /** The organisation paid the money back (recorded → recovered). */
  async markRecovered(actor: Actor, clawbackId: number) {
    return this.clawbackStep(actor, clawbackId, false, async (m, x, c) => {
      if (c.status !== 'recorded') throw DeliveryError.error('clawback_state');
      await m.update(Clawback, c.id, { status: 'recovered' });
      return 'recovered';
    });
  }

  /**
   * The decision that returns recovered money to the call's available budget: the award and the
   * funding ledger's committed amount drop by it (FundingService.reduceAward, under the ledger lock).
   */
  async returnToBudget(actor: Actor, clawbackId: number, reason: string) {
    return this.clawbackStep(actor, clawbackId, true, async (m, x, c) => {
      if (c.status !== 'recovered') throw DeliveryError.error('clawback_state');
      // The project must still be within the smaller award (recovered money paid out again is not).
      if (disbursedFen(x) > x.award.amountFen - c.amountFen)
        throw DeliveryError.error('clawback_state');
      await this.funding.reduceAward(m, actor, x.award.proposalId, c.amountFen, reason);
      await m.update(Clawback, c.id, {
        status: 'returned_to_budget',
        decidedById: actor.userId,
        decidedAt: new Date(),
      });
      return 'returned_to_budget';
    });
  }

  private async clawbackStep(
    actor: Actor,
    clawbackId: number,
    ledgerFirst: boolean,
    work: (m: EntityManager, x: ProjectMoney, c: Clawback) => Promise<string>,
  ): Promise<Clawback> {
    return transactionWithRetry(this.ds, async (m) => {
      if (!isStreetAdmin(actor)) throw AppException.forbidden();
      const found = Number.isSafeInteger(clawbackId)
        ? await m.findOne(Clawback, {
            where: { id: clawbackId },
            select: { id: true, projectId: true },
          })
        : null;
      if (!found) throw AppException.notFound();
      if (ledgerFirst) {
        // The funding ledger comes first in the global lock order (ledger → award → project).
        const p = await m.findOneByOrFail(DeliveryProject, { id: found.projectId });
        await m.find(FundingLedger, {
          where: { callId: p.callId },
          order: { id: 'ASC' },
          lock: rowLock(m),
        });
      }
      const x = await lockProjectMoney(m, found.projectId);
      const c = x.clawbacks.find((y) => y.id === clawbackId);
      if (!c) throw AppException.notFound();
      const status = await work(m, x, c);
      await this.audit.record(m, {
        action: `delivery.clawback_${status}`,
        entity: 'delivery_project',
        entityId: x.project.id,
        actorId: actor.userId,
        before: { clawbackId: c.id, status: c.status },
        after: { status, amountFen: c.amountFen },
      });
      return m.findOneOrFail(Clawback, { where: { id: c.id }, lock: rowLock(m) });
    });
  }
}
