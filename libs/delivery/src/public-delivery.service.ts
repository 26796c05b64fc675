import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { Call } from '@gv/calls';
import { AppException, formatShanghaiDate } from '@gv/core';
import { FundingAward } from '@gv/funding';
import { Organisation } from '@gv/organisations';
import { Community } from '@gv/places';
import { FileStorage, Proposal, ProposalBudgetLine } from '@gv/proposals';
import {
  DeliveryMilestone,
  DeliveryProject,
  ProgressReport,
  ReportFile,
  Tranche,
} from './entities/delivery.entity';
import { IMAGE_TYPES } from './report-files';

/**
 * What a public delivery page shows — what was funded, what was done, what it cost — and nothing else:
 * no contact person, phone, e-mail or bank account, no comments of the street office, no report that
 * was not accepted, and of the files only photos the organisation marked for publishing (consent).
 */
export interface PublicProject {
  id: number;
  status: DeliveryProject['status'];
  startsOn: string;
  endsOn: string;
  proposal: { number: string | null; title: string; summary: string; objectives: string };
  organisation: string;
  community: { name: string; nameEn: string } | null;
  call: { title: string; year: number } | null;
  awardFen: number;
  paidFen: number;
  milestones: Array<{ seq: number; title: string; dueOn: string; done: boolean }>;
  reports: Array<{
    id: number;
    acceptedOn: string;
    beneficiaries: number;
    serviceHours: number;
    activities: number;
    narrative: string;
    photos: Array<{ id: number; url: string }>;
  }>;
  totals: { beneficiaries: number; serviceHours: number; activities: number };
  /** Budget and accepted spending per budget category (fen). */
  cost: Array<{ category: string; budgetFen: number; spentFen: number }>;
}

/** 项目公开页: one project's public delivery record (no sign-in). */
@Injectable()
export class PublicDeliveryService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly storage: FileStorage,
  ) {}

  async project(id: number): Promise<PublicProject> {
    const m = this.ds.manager;
    const p = Number.isSafeInteger(id) ? await m.findOneBy(DeliveryProject, { id }) : null;
    if (!p) throw AppException.notFound();
    const proposal = await m.findOneByOrFail(Proposal, { id: p.proposalId });
    const [org, community, call, award, paid, milestones, reports, lines] = await Promise.all([
      m.findOne(Organisation, {
        where: { id: p.organisationId },
        select: { id: true, name: true },
      }),
      p.communityId ? m.findOneBy(Community, { id: p.communityId }) : null,
      m.findOne(Call, { where: { id: p.callId }, select: { id: true, title: true, year: true } }),
      m.findOneBy(FundingAward, { id: p.awardId }),
      m.find(Tranche, { where: { projectId: p.id, status: 'paid' }, select: { amountFen: true } }),
      m.find(DeliveryMilestone, { where: { projectId: p.id }, order: { seq: 'ASC' } }),
      m.find(ProgressReport, {
        where: { projectId: p.id, status: 'accepted' },
        order: { decidedAt: 'ASC', id: 'ASC' },
      }),
      m.find(ProposalBudgetLine, {
        where: { proposalId: p.proposalId, version: proposal.currentVersion },
        order: { position: 'ASC' },
      }),
    ]);
    const photos = reports.length
      ? await m.find(ReportFile, {
          where: {
            reportId: In(reports.map((r) => r.id)),
            publicConsent: true,
            mimeType: In(IMAGE_TYPES),
          },
          select: { id: true, reportId: true },
          order: { id: 'ASC' },
        })
      : [];
    const spentByLine = new Map<string, number>();
    for (const r of reports)
      for (const [k, v] of Object.entries(r.spending ?? {}))
        if (Number.isSafeInteger(v)) spentByLine.set(k, (spentByLine.get(k) ?? 0) + v);
    const cost = new Map<string, { category: string; budgetFen: number; spentFen: number }>();
    for (const l of lines) {
      const c = cost.get(l.category) ?? { category: l.category, budgetFen: 0, spentFen: 0 };
      c.budgetFen += l.subtotalFen;
      c.spentFen += spentByLine.get(String(l.id)) ?? 0;
      cost.set(l.category, c);
    }
    const sum = (k: 'beneficiaries' | 'serviceHours' | 'activities') =>
      reports.reduce((s, r) => s + r[k], 0);
    return {
      id: p.id,
      status: p.status,
      startsOn: p.startsOn,
      endsOn: p.endsOn,
      proposal: {
        number: proposal.number,
        title: proposal.title,
        summary: proposal.summary ?? '',
        objectives: proposal.objectives ?? '',
      },
      organisation: org?.name ?? '',
      community: community ? { name: community.name, nameEn: community.nameEn } : null,
      call: call ? { title: call.title, year: call.year } : null,
      awardFen: award?.status === 'awarded' ? award.amountFen : 0,
      paidFen: paid.reduce((s, t) => s + t.amountFen, 0),
      milestones: milestones
        .filter((x) => x.status !== 'cancelled')
        .map((x) => ({ seq: x.seq, title: x.title, dueOn: x.dueOn, done: x.status === 'done' })),
      reports: reports.map((r) => ({
        id: r.id,
        acceptedOn: formatShanghaiDate(r.decidedAt),
        beneficiaries: r.beneficiaries,
        serviceHours: r.serviceHours,
        activities: r.activities,
        narrative: r.narrative,
        photos: photos
          .filter((f) => f.reportId === r.id)
          .map((f) => ({ id: f.id, url: `/projects/${p.id}/photos/${f.id}` })),
      })),
      totals: {
        beneficiaries: sum('beneficiaries'),
        serviceHours: sum('serviceHours'),
        activities: sum('activities'),
      },
      cost: [...cost.values()],
    };
  }

  /** A photo of the public page: an image of an accepted report of this project, marked for publishing. */
  async photo(projectId: number, fileId: number) {
    const f = Number.isSafeInteger(fileId)
      ? await this.ds.manager.findOneBy(ReportFile, { id: fileId })
      : null;
    const r = f ? await this.ds.manager.findOneBy(ProgressReport, { id: f.reportId }) : null;
    if (
      !f ||
      !r ||
      r.projectId !== projectId ||
      r.status !== 'accepted' ||
      !f.publicConsent ||
      !IMAGE_TYPES.includes(f.mimeType)
    )
      throw AppException.notFound();
    return { file: f, data: await this.storage.get(f.storageKey) };
  }
}
