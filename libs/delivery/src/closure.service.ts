import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '@gv/audit';
import { Actor, AppException, fenToYuan } from '@gv/core';
import { transactionWithRetry } from '@gv/database';
import { Proposal, ProposalBudgetLine } from '@gv/proposals';
import { DeliveryError } from './delivery.errors';
import { ClosureDto } from './dto/delivery-money.dto';
import { DeliveryProject, ProgressReport, Tranche } from './entities/delivery.entity';
import {
  assertRunning,
  latestEvaluation,
  lockProjectMoney,
  paidFen,
  recoveredFen,
} from './project-money';
import { ProjectsService } from './projects.service';

export interface AccountLine {
  id: number;
  category: string;
  item: string;
  budgetFen: number;
  spentFen: number;
}

export interface FinalAccounts {
  lines: AccountLine[];
  budgetFen: number;
  spentFen: number;
  /** Spending comes from accepted progress reports (else it is entered at closure). */
  fromReports: boolean;
}

/**
 * 结项: final accounts against the proposal's budget lines (spent per line from the accepted progress
 * reports when they carry spending, else entered at closure and kept as the closing report), the
 * unspent money returned, the final report published; the project is then completed. It needs a
 * passed final evaluation and no approved tranche left unpaid; tranches never requested are cancelled.
 */
@Injectable()
export class ClosureService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly projects: ProjectsService,
  ) {}

  /** The budget lines of the submitted version with what was spent on each (accepted reports). */
  async accounts(p: DeliveryProject, m: EntityManager = this.ds.manager): Promise<FinalAccounts> {
    const proposal = await m.findOneByOrFail(Proposal, { id: p.proposalId });
    const budget = await m.find(ProposalBudgetLine, {
      where: { proposalId: p.proposalId, version: proposal.currentVersion },
      order: { position: 'ASC' },
    });
    const reports = await m.find(ProgressReport, {
      where: { projectId: p.id, status: 'accepted' },
      select: { id: true, spending: true },
    });
    const spent = new Map<string, number>();
    for (const r of reports)
      for (const [k, v] of Object.entries(r.spending ?? {}))
        if (Number.isSafeInteger(v)) spent.set(k, (spent.get(k) ?? 0) + v);
    const lines = budget.map((b) => ({
      id: b.id,
      category: b.category,
      item: b.item,
      budgetFen: b.subtotalFen,
      spentFen: spent.get(String(b.id)) ?? 0,
    }));
    return {
      lines,
      budgetFen: lines.reduce((s, l) => s + l.budgetFen, 0),
      spentFen: lines.reduce((s, l) => s + l.spentFen, 0),
      fromReports: lines.some((l) => l.spentFen > 0),
    };
  }

  async close(actor: Actor, projectId: number, dto: ClosureDto): Promise<DeliveryProject> {
    return transactionWithRetry(this.ds, async (m) => {
      await this.projects.load(m, actor, projectId);
      const x = await lockProjectMoney(m, projectId);
      assertRunning(x.project);
      if (
        latestEvaluation(x.evaluations, 'final')?.result !== 'pass' ||
        x.tranches.some((t) => t.status === 'approved')
      )
        throw DeliveryError.error('closure_not_ready');
      const accounts = await this.accounts(x.project, m);
      if (!accounts.fromReports) {
        const entered = new Map<number, number>();
        for (const l of dto.lines ?? []) {
          if (!accounts.lines.some((b) => b.id === l.budgetLineId) || entered.has(l.budgetLineId))
            throw AppException.validation([{ field: 'lines', code: 'closure_line_unknown' }]);
          entered.set(l.budgetLineId, l.spentFen);
        }
        for (const line of accounts.lines) line.spentFen = entered.get(line.id) ?? 0;
        accounts.spentFen = accounts.lines.reduce((s, l) => s + l.spentFen, 0);
      }
      const net = paidFen(x) - recoveredFen(x);
      if (dto.unspentReturnedFen > Math.max(0, net))
        throw AppException.validation([
          {
            field: 'unspentReturnedFen',
            code: 'closure_unspent_too_much',
            params: { max: fenToYuan(Math.max(0, net)) },
          },
        ]);
      if (!accounts.fromReports)
        // The final accounts entered at closure, kept as the closing report (accepted) so every
        // spending figure of the project lives in one place.
        await m.insert(ProgressReport, {
          projectId,
          milestoneId: null,
          narrative: dto.finalReport,
          spending: Object.fromEntries(accounts.lines.map((l) => [String(l.id), l.spentFen])),
          status: 'accepted',
          comments: null,
          submittedById: actor.userId,
          decidedById: actor.userId,
          decidedAt: new Date(),
        });
      await m.update(
        Tranche,
        { projectId, status: In(['scheduled', 'requested']) },
        { status: 'cancelled' },
      );
      await m.update(DeliveryProject, projectId, {
        status: 'completed',
        closedAt: new Date(),
        unspentReturnedFen: dto.unspentReturnedFen,
        finalReport: dto.finalReport,
        statusReason: '',
      });
      await this.audit.record(m, {
        action: 'delivery.project_closed',
        entity: 'delivery_project',
        entityId: projectId,
        actorId: actor.userId,
        before: { status: x.project.status },
        after: {
          paidFen: paidFen(x),
          spentFen: accounts.spentFen,
          unspentReturnedFen: dto.unspentReturnedFen,
          fromReports: accounts.fromReports,
        },
      });
      return m.findOneByOrFail(DeliveryProject, { id: projectId });
    });
  }
}
