import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Call } from '@gv/calls';
import { AppException, Locale } from '@gv/core';
import { allPanelMembers, panelRecusals } from '@gv/panels';
import { Proposal, ProposalVersion } from '@gv/proposals';
import { ReviewSheet } from './entities/review.entity';
import { ReviewAssignments } from './review-assignments.service';
import { ReviewsService } from './reviews.service';

/**
 * 评审报告 of one proposal, to print and sign: the submitted sheets (online or from paper), the judges
 * recused from it, the aggregate by the call's method with its explanation, the chair's consensus.
 */
@Injectable()
export class ReviewReportService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly reviews: ReviewsService,
    private readonly assignments: ReviewAssignments,
  ) {}

  async report(callId: number, proposalId: number, locale: Locale) {
    const m = this.ds.manager;
    const call = Number.isSafeInteger(callId) ? await m.findOneBy(Call, { id: callId }) : null;
    const proposal =
      call && Number.isSafeInteger(proposalId)
        ? await m.findOne(Proposal, {
            where: { id: proposalId, callId },
            relations: { organisation: true },
          })
        : null;
    // Only what was submitted is reviewed: a draft has nothing to report.
    if (!call || !proposal || proposal.currentVersion < 1) throw AppException.notFound();
    const version = await m.findOneBy(ProposalVersion, {
      proposalId,
      version: proposal.currentVersion,
    });
    const rubric = await this.reviews.rubric(callId);
    const members = await allPanelMembers(m, callId);
    const recused = (await panelRecusals(m, callId)).get(proposalId) ?? new Set<number>();
    const assigned = await this.assignments.assigned(m, callId);
    const sheets = await m.find(ReviewSheet, {
      where: { proposalId, status: 'submitted' },
      order: { memberId: 'ASC' },
    });
    const result = (await this.reviews.results(callId, locale)).proposals.find(
      (r) => r.proposalId === proposalId,
    );
    const en = locale === 'en';
    const criteria = rubric.criteria.map((c) => ({
      id: c.id,
      label: en ? c.labelEn : c.label,
      maxPoints: c.maxPoints,
      weight: c.weight,
    }));
    const judge = (memberId: number) => members.find((x) => x.id === memberId);
    return {
      call: { id: call.id, code: call.code, year: call.year, title: call.title },
      proposal: {
        id: proposal.id,
        number: proposal.number,
        title: version?.title ?? proposal.title,
        organisation: proposal.organisation?.name ?? '',
        amountRequestedFen: version?.totalFen ?? proposal.totalFen,
        status: proposal.status,
      },
      method: rubric.method,
      criteria,
      // A recused judge's sheet (recused after scoring) is not shown: they are listed as recused.
      sheets: sheets
        .filter((s) => !recused.has(s.memberId))
        .map((s) => ({
          sheetId: s.id,
          memberId: s.memberId,
          judge: judge(s.memberId)?.user?.name ?? '',
          group: judge(s.memberId)?.group ?? null,
          isChair: judge(s.memberId)?.isChair ?? false,
          source: s.source,
          counted: assigned(s.memberId, proposalId),
          scores: criteria.map((c) => ({
            criterion: c.id,
            points: s.scores[c.id] ?? null,
            na: s.scores[c.id] === null,
            comment: s.comments?.[c.id] ?? '',
          })),
          overall: s.overall ?? '',
          submittedAt: s.submittedAt,
        })),
      recused: members
        .filter((x) => recused.has(x.id))
        .map((x) => ({ memberId: x.id, judge: x.user?.name ?? '', group: x.group })),
      aggregate: result
        ? {
            score: result.score,
            final: result.final,
            sheets: result.sheets,
            divergent: result.divergent,
            explanation: result.explanation,
          }
        : null,
      consensus: result?.consensus ?? null,
      generatedAt: new Date(),
    };
  }
}

export type ReviewReport = Awaited<ReturnType<ReviewReportService['report']>>;
