import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { Actor } from '@gv/core';
import { FundingAward } from '@gv/funding';
import { Organisation } from '@gv/organisations';
import { Community } from '@gv/places';
import { Proposal } from '@gv/proposals';
import { ClosureService, FinalAccounts } from './closure.service';
import {
  Clawback,
  DeliveryEvaluation,
  DeliveryMilestone,
  DeliveryProject,
  DemoSiteAward,
  GrantAgreement,
  Tranche,
} from './entities/delivery.entity';
import { disbursedFen, paidFen, recoveredFen } from './project-money';
import { isStreetAdmin, ProjectsService } from './projects.service';

export interface ProjectDetail {
  project: DeliveryProject;
  proposal: Pick<Proposal, 'id' | 'number' | 'title' | 'totalFen' | 'callId'>;
  organisation: Pick<Organisation, 'id' | 'name'> | null;
  community: Pick<Community, 'id' | 'name' | 'nameEn' | 'streetOfficeId'> | null;
  award: Pick<FundingAward, 'id' | 'amountFen' | 'status' | 'requestedFen'>;
  agreement: GrantAgreement | null;
  tranches: Tranche[];
  evaluations: DeliveryEvaluation[];
  clawbacks: Clawback[];
  milestones: DeliveryMilestone[];
  demoSite: DemoSiteAward | null;
  accounts: FinalAccounts;
  money: {
    awardFen: number;
    paidFen: number;
    recoveredFen: number;
    disbursedFen: number;
    remainingFen: number;
  };
}

/** One project with everything its page and `GET /api/v1/delivery/projects/:id` show. */
@Injectable()
export class ProjectDetailService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly projects: ProjectsService,
    private readonly closure: ClosureService,
  ) {}

  async detail(actor: Actor, id: number): Promise<ProjectDetail> {
    const m = this.ds.manager;
    const project = await this.projects.load(m, actor, id);
    const proposal = await m.findOneOrFail(Proposal, {
      where: { id: project.proposalId },
      select: { id: true, number: true, title: true, totalFen: true, callId: true },
    });
    const organisation = await m.findOne(Organisation, {
      where: { id: project.organisationId },
      select: { id: true, name: true },
    });
    const community = project.communityId
      ? await m.findOneBy(Community, { id: project.communityId })
      : null;
    const award = await m.findOneByOrFail(FundingAward, { id: project.awardId });
    const tranches = await m.find(Tranche, { where: { projectId: id }, order: { seq: 'ASC' } });
    const clawbacks = await m.find(Clawback, { where: { projectId: id }, order: { id: 'ASC' } });
    const x = { tranches, clawbacks };
    const disbursed = disbursedFen(x);
    return {
      project,
      proposal,
      organisation,
      community,
      award: {
        id: award.id,
        amountFen: award.amountFen,
        status: award.status,
        requestedFen: award.requestedFen,
      },
      agreement: await this.agreementFor(actor, project),
      tranches,
      evaluations: await m.find(DeliveryEvaluation, {
        where: { projectId: id },
        order: { id: 'ASC' },
      }),
      clawbacks,
      milestones: await m.find(DeliveryMilestone, {
        where: { projectId: id },
        order: { seq: 'ASC' },
      }),
      demoSite: await m.findOneBy(DemoSiteAward, { projectId: id }),
      accounts: await this.closure.accounts(project),
      money: {
        awardFen: award.amountFen,
        paidFen: paidFen(x),
        recoveredFen: recoveredFen(x),
        disbursedFen: disbursed,
        remainingFen: award.status === 'awarded' ? award.amountFen - disbursed : 0,
      },
    };
  }

  /** The agreement; a supervisor sees the bank account masked (it is the organisation's and the office's). */
  private async agreementFor(actor: Actor, p: DeliveryProject): Promise<GrantAgreement | null> {
    const ag = await this.ds.manager.findOneBy(GrantAgreement, { projectId: p.id });
    const own = isStreetAdmin(actor) || actor.organisationId === p.organisationId;
    if (ag && !own && ag.bankAccountNo) ag.bankAccountNo = `****${ag.bankAccountNo.slice(-4)}`;
    return ag;
  }

  /** Names for a page of projects: proposal number and title, organisation, community, award amount. */
  async labels(projects: readonly DeliveryProject[]) {
    const m = this.ds.manager;
    const ids = (f: (p: DeliveryProject) => number | null) =>
      [...new Set(projects.map(f).filter((v): v is number => v !== null))].concat(-1);
    const [proposals, organisations, communities, awards, tranches] = await Promise.all([
      m.find(Proposal, {
        where: { id: In(ids((p) => p.proposalId)) },
        select: { id: true, number: true, title: true },
      }),
      m.find(Organisation, {
        where: { id: In(ids((p) => p.organisationId)) },
        select: { id: true, name: true },
      }),
      m.findBy(Community, { id: In(ids((p) => p.communityId)) }),
      m.findBy(FundingAward, { id: In(ids((p) => p.awardId)) }),
      m.find(Tranche, {
        where: { projectId: In(ids((p) => p.id)), status: 'paid' },
        select: { id: true, projectId: true, amountFen: true },
      }),
    ]);
    return projects.map((p) => ({
      project: p,
      proposal: proposals.find((x) => x.id === p.proposalId),
      organisation: organisations.find((x) => x.id === p.organisationId),
      community: communities.find((x) => x.id === p.communityId),
      awardFen: awards.find((x) => x.id === p.awardId)?.amountFen ?? 0,
      paidFen: tranches.filter((t) => t.projectId === p.id).reduce((s, t) => s + t.amountFen, 0),
    }));
  }
}
