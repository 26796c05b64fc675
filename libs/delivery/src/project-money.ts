import { EntityManager } from 'typeorm';
import { AppException, fenToYuan } from '@gv/core';
import { rowLock } from '@gv/database';
import { FundingAward } from '@gv/funding';
import { DeliveryError } from './delivery.errors';
import {
  Clawback,
  DeliveryEvaluation,
  DeliveryProject,
  EvaluationKind,
  GrantAgreement,
  Tranche,
  TrancheGate,
} from './entities/delivery.entity';

/** Everything a money decision on a project reads, read under its locks. */
export interface ProjectMoney {
  award: FundingAward;
  project: DeliveryProject;
  agreement: GrantAgreement | null;
  tranches: Tranche[];
  clawbacks: Clawback[];
  evaluations: DeliveryEvaluation[];
}

/**
 * Locks a project's money in the one global order (award → project → agreement → tranches →
 * clawbacks), the order the funding ledger uses too (ledger → award), so concurrent decisions queue
 * instead of deadlocking. Every read after the first is a locking read: it sees the latest committed
 * rows, not the snapshot the transaction's first plain read fixed (STACK-NOTES P23).
 */
export async function lockProjectMoney(m: EntityManager, projectId: number): Promise<ProjectMoney> {
  const plain = Number.isSafeInteger(projectId)
    ? await m.findOne(DeliveryProject, {
        where: { id: projectId },
        select: { id: true, awardId: true },
      })
    : null;
  if (!plain) throw AppException.notFound();
  const lock = rowLock(m);
  const award = await m.findOneOrFail(FundingAward, { where: { id: plain.awardId }, lock });
  const project = await m.findOneOrFail(DeliveryProject, { where: { id: projectId }, lock });
  const agreement = await m.findOne(GrantAgreement, { where: { projectId }, lock });
  const tranches = await m.find(Tranche, { where: { projectId }, order: { seq: 'ASC' }, lock });
  const clawbacks = await m.find(Clawback, { where: { projectId }, order: { id: 'ASC' }, lock });
  const evaluations = await m.find(DeliveryEvaluation, {
    where: { projectId },
    order: { id: 'ASC' },
    lock,
  });
  return { award, project, agreement, tranches, clawbacks, evaluations };
}

const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);

/** Paid out (fen). */
export const paidFen = (x: Pick<ProjectMoney, 'tranches'>) =>
  sum(x.tranches.filter((t) => t.status === 'paid').map((t) => t.amountFen));

/** Clawed back and received again (fen): recovered, or recovered and returned to the budget. */
export const recoveredFen = (x: Pick<ProjectMoney, 'clawbacks'>) =>
  sum(x.clawbacks.filter((c) => c.status !== 'recorded').map((c) => c.amountFen));

/**
 * What the project holds of its award: approved and paid tranches less the money recovered. The
 * invariant every money decision keeps under the locks: this never exceeds the award.
 */
export const disbursedFen = (x: Pick<ProjectMoney, 'tranches' | 'clawbacks'>) =>
  sum(x.tranches.filter((t) => ['approved', 'paid'].includes(t.status)).map((t) => t.amountFen)) -
  recoveredFen(x);

/** The newest evaluation of a kind (a failed one may be followed by a passed re-evaluation). */
export function latestEvaluation(
  evaluations: readonly DeliveryEvaluation[],
  kind: EvaluationKind,
): DeliveryEvaluation | undefined {
  return [...evaluations].reverse().find((e) => e.kind === kind);
}

export function gatePassed(x: ProjectMoney, gate: TrancheGate): boolean {
  if (gate === 'signing') return x.agreement?.status === 'checked';
  if (gate === 'midterm' || gate === 'final')
    return latestEvaluation(x.evaluations, gate)?.result === 'pass';
  return true;
}

/** Money moves only on a running project: 409 project_terminated / project_state otherwise. */
export function assertRunning(p: DeliveryProject): void {
  if (p.status === 'terminated') throw DeliveryError.error('project_terminated');
  if (p.status !== 'active' && p.status !== 'at_risk')
    throw DeliveryError.error('project_state', { status: p.status });
}

/** 409 tranche_over_award unless `extraFen` more still fits in the award. */
export function assertFits(x: ProjectMoney, extraFen: number): void {
  const remaining = x.award.amountFen - disbursedFen(x);
  if (x.award.status !== 'awarded' || extraFen > remaining)
    throw DeliveryError.error('tranche_over_award', {
      remaining: fenToYuan(Math.max(0, x.award.status === 'awarded' ? remaining : 0)),
    });
}
