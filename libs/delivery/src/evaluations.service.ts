import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { AuditService } from '@gv/audit';
import { Actor, AppException, FieldError } from '@gv/core';
import { rowLock, transactionWithRetry } from '@gv/database';
import { DeliveryError } from './delivery.errors';
import { DisbursementsService } from './disbursements.service';
import { EvaluationDto } from './dto/delivery-money.dto';
import { DeliveryEvaluation, DeliveryProject, Tranche } from './entities/delivery.entity';
import { EVALUATION_CRITERIA, EVALUATION_PASS_LINE, scoreEvaluation } from './evaluation-rubric';
import { latestEvaluation, lockProjectMoney } from './project-money';
import { isStreetAdmin } from './projects.service';

/**
 * 督导评估: a mid-term or final evaluation on the default 100-point rubric, scored by @gv/scoring, by a
 * street admin or the project's assigned supervisor (403 evaluation_not_allowed for anyone else). A pass
 * (≥ 60) opens the tranche gated on it (and reinstates a suspended project); a fail needs a reason and
 * an outcome: an improvement plan, a suspension, or a termination (tranches not yet paid are cancelled),
 * with a clawback recorded when an amount is given.
 */
@Injectable()
export class EvaluationsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly disbursements: DisbursementsService,
  ) {}

  rubric() {
    return { criteria: EVALUATION_CRITERIA, passLine: EVALUATION_PASS_LINE, maxPoints: 100 };
  }

  /** Whether the actor may evaluate the project (the street office or its supervisor). */
  mayEvaluate(actor: Actor, p: Pick<DeliveryProject, 'evaluatorUserId'>): boolean {
    return isStreetAdmin(actor) || p.evaluatorUserId === actor.userId;
  }

  async evaluate(actor: Actor, projectId: number, dto: EvaluationDto): Promise<DeliveryEvaluation> {
    const scored = scoreEvaluation(dto.scores ?? {});
    const problems: FieldError[] = scored.ok ? [] : scored.errors;
    const failed = scored.ok && !scored.pass;
    if (failed && !dto.outcome)
      problems.push({ field: 'outcome', code: 'evaluation_outcome_required' });
    if (failed && !dto.comments)
      problems.push({ field: 'comments', code: 'evaluation_reason_required' });
    return transactionWithRetry(this.ds, async (m) => {
      const found = Number.isSafeInteger(projectId)
        ? await m.findOneBy(DeliveryProject, { id: projectId })
        : null;
      if (!found) throw AppException.notFound();
      if (!this.mayEvaluate(actor, found)) throw DeliveryError.error('evaluation_not_allowed');
      if (problems.length || !scored.ok) throw AppException.validation(problems);
      const x = await lockProjectMoney(m, projectId);
      const p = x.project;
      if (!this.mayEvaluate(actor, p)) throw DeliveryError.error('evaluation_not_allowed');
      if (p.status === 'terminated') throw DeliveryError.error('project_terminated');
      if (p.status === 'completed') throw DeliveryError.error('project_state');
      if (dto.kind === 'final' && latestEvaluation(x.evaluations, 'midterm')?.result !== 'pass')
        throw DeliveryError.error('evaluation_order');
      const outcome = scored.pass ? null : (dto.outcome ?? null);
      const clawbackFen = scored.pass ? 0 : (dto.clawbackFen ?? 0);
      if (clawbackFen > 0)
        await this.disbursements.recordClawback(
          m,
          actor,
          x,
          clawbackFen,
          dto.comments.slice(0, 500),
        );
      const r = await m.insert(DeliveryEvaluation, {
        projectId,
        kind: dto.kind,
        scores: Object.fromEntries(EVALUATION_CRITERIA.map((c) => [c.id, dto.scores[c.id]])),
        score: scored.display,
        result: scored.pass ? 'pass' : 'fail',
        outcome,
        comments: dto.comments,
        clawbackFen,
        evaluatorId: actor.userId,
      });
      const status =
        outcome === 'termination'
          ? 'terminated'
          : outcome === 'suspension'
            ? 'suspended'
            : scored.pass && p.status === 'suspended'
              ? 'active'
              : p.status;
      const reason = scored.pass ? (status !== p.status ? '' : p.statusReason) : dto.comments;
      await m.update(DeliveryProject, p.id, { status, statusReason: reason.slice(0, 500) });
      if (status === 'terminated')
        await m.update(
          Tranche,
          { projectId: p.id, status: In(['scheduled', 'requested', 'approved']) },
          { status: 'cancelled' },
        );
      await this.audit.record(m, {
        action: `delivery.evaluation_${scored.pass ? 'passed' : 'failed'}`,
        entity: 'delivery_project',
        entityId: p.id,
        actorId: actor.userId,
        before: { status: p.status },
        after: { kind: dto.kind, score: scored.display, outcome, clawbackFen, status },
      });
      return m.findOneOrFail(DeliveryEvaluation, {
        where: { id: r.identifiers[0]['id'] as number },
        lock: rowLock(m),
      });
    });
  }
}
