import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import {
  Actor,
  AppException,
  ensureOwned,
  ownerCondition,
  Page,
  pageParams,
  Role,
  toPage,
} from '@gv/core';
import { Call } from '@gv/calls';
import { diffBudget } from './budget.util';
import { ProposalListQuery } from './dto/proposals.dto';
import { ProposalAttachment } from './entities/proposal-attachment.entity';
import { ProposalBudgetLine } from './entities/proposal-budget-line.entity';
import { ProposalCommunity } from './entities/proposal-community.entity';
import { ProposalMilestone } from './entities/proposal-milestone.entity';
import { ProposalVersion } from './entities/proposal-version.entity';
import { Proposal, ProposalStatus } from './entities/proposal.entity';
import { applyVersion } from './proposal-snapshot';
import { LoadedProposalSection, ProposalSections } from './proposal-sections';

export interface ProposalDetail {
  proposal: Proposal;
  call: Call;
  communities: ProposalCommunity[];
  budgetLines: ProposalBudgetLine[];
  milestones: ProposalMilestone[];
  versions: ProposalVersion[];
  attachments: ProposalAttachment[];
  /** What later stages (screening, …) show of this proposal to this actor. */
  sections: LoadedProposalSection[];
}

/** What lists show (see proposalSummary); the long texts stay out of list queries. */
const LIST_COLUMNS = [
  'id',
  'callId',
  'number',
  'status',
  'title',
  'track',
  'organisationId',
  'firstCommunityId',
  'totalFen',
  'coFundingFen',
  'currentVersion',
  'hasUnsubmittedChanges',
  'submittedAt',
  'updatedAt',
  'createdAt',
] as const;

const escapeLike = (s: string) => s.replace(/[%_\\]/g, '\\$&');

@Injectable()
export class ProposalQueryService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly sections: ProposalSections,
  ) {}

  /** One proposal the actor may see (else 404); judges and the public never reach this (403/401 at the route). */
  async detail(actor: Actor, id: number, version = 0): Promise<ProposalDetail> {
    const proposal = Number.isSafeInteger(id)
      ? await this.ds
          .getRepository(Proposal)
          .findOne({ where: { id }, relations: { organisation: true, need: true } })
      : null;
    const current = proposal
      ? await this.ds.getRepository(ProposalCommunity).find({
          where: { proposalId: id, version: 0 },
          relations: { community: true },
          order: { preference: 'ASC' },
        })
      : [];
    ensureOwned(
      actor,
      proposal
        ? {
            organisationId: proposal.organisationId,
            communityIds: current.map((c) => c.communityId),
          }
        : null,
    );
    const p = proposal!;
    if (version < 0 || version > p.currentVersion) throw AppException.notFound('version_not_found');
    const call = (await this.ds.getRepository(Call).findOneBy({ id: p.callId }))!;
    const communities =
      version === 0
        ? current
        : await this.ds.getRepository(ProposalCommunity).find({
            where: { proposalId: id, version },
            relations: { community: true },
            order: { preference: 'ASC' },
          });
    const [budgetLines, milestones, versions, attachments, sections] = await Promise.all([
      this.ds
        .getRepository(ProposalBudgetLine)
        .find({ where: { proposalId: id, version }, order: { position: 'ASC' } }),
      this.ds
        .getRepository(ProposalMilestone)
        .find({ where: { proposalId: id, version }, order: { position: 'ASC' } }),
      this.ds
        .getRepository(ProposalVersion)
        .find({ where: { proposalId: id }, order: { version: 'ASC' } }),
      this.ds
        .getRepository(ProposalAttachment)
        .find({ where: { proposalId: id }, order: { id: 'ASC' } }),
      this.sections.load({ actor, proposal: p, manager: this.ds.manager }),
    ]);
    if (version > 0) {
      const v = versions.find((x) => x.version === version)!;
      applyVersion(p, v);
    }
    return {
      proposal: p,
      call,
      communities,
      budgetLines,
      milestones,
      versions,
      attachments,
      sections,
    };
  }

  async budgetDiff(actor: Actor, id: number, from: number, to: number) {
    const d = await this.detail(actor, id, 0);
    const has = (v: number) => v === 0 || d.versions.some((x) => x.version === v);
    if (!has(from) || !has(to)) throw AppException.notFound('version_not_found');
    const load = (v: number) =>
      this.ds
        .getRepository(ProposalBudgetLine)
        .find({ where: { proposalId: id, version: v }, order: { position: 'ASC' } });
    return { from, to, ...diffBudget(await load(from), await load(to)) };
  }

  /**
   * The staff list (and an organisation's own list): filter by call, host community, status, title search;
   * paginated. Indexed: proposal(callId, status, id), proposal(status, id), proposal_community(communityId, version, proposalId).
   */
  async list(actor: Actor, q: ProposalListQuery): Promise<Page<Proposal>> {
    const { page, pageSize, skip, take } = pageParams(q);
    // List columns only (no long texts), and offset/limit rather than skip/take: the only join is
    // many-to-one, so rows never multiply and TypeORM's extra DISTINCT-id query is not needed.
    const qb = this.ds
      .getRepository(Proposal)
      .createQueryBuilder('p')
      .select(LIST_COLUMNS.map((c) => `p.${c}`))
      .leftJoin('p.organisation', 'o')
      .addSelect(['o.id', 'o.name']);
    this.scope(qb, actor);
    if (q.callId) qb.andWhere('p.callId = :callId', { callId: q.callId });
    if (q.status) qb.andWhere('p.status = :status', { status: q.status });
    if (q.communityId)
      qb.andWhere(
        'EXISTS (SELECT 1 FROM proposal_community pcf WHERE pcf.communityId = :communityId AND pcf.version = 0 AND pcf.proposalId = p.id)',
        { communityId: q.communityId },
      );
    if (q.q) qb.andWhere('p.title LIKE :title', { title: `%${escapeLike(q.q)}%` });
    const [items, total] = await qb
      .orderBy('p.id', 'DESC')
      .offset(skip)
      .limit(take)
      .getManyAndCount();
    return toPage(items, total, page, pageSize);
  }

  private scope(qb: SelectQueryBuilder<Proposal>, actor: Actor): void {
    if (actor.roles.includes(Role.CommunityStaff) && actor.communityId != null) {
      qb.andWhere(
        'EXISTS (SELECT 1 FROM proposal_community pcs WHERE pcs.communityId = :scopeCommunity AND pcs.version = 0 AND pcs.proposalId = p.id)',
        { scopeCommunity: actor.communityId },
      );
      qb.andWhere('p.status != :draft', { draft: ProposalStatus.Draft });
      return;
    }
    const [sql, params] = ownerCondition(actor, 'p', { organisation: 'organisationId' });
    qb.andWhere(sql, params);
    // Street staff do not see other people's unsubmitted drafts.
    if (actor.roles.includes(Role.StreetAdmin)) qb.andWhere('p.currentVersion > 0');
  }

  /** Public results: eligible proposals of a call once its screening is published. */
  async publicEligible(
    callId: number,
    q: { page?: number; pageSize?: number },
  ): Promise<Page<Proposal>> {
    const call = Number.isSafeInteger(callId)
      ? await this.ds.getRepository(Call).findOneBy({ id: callId })
      : null;
    if (!call || !call.screeningPublishedAt) throw AppException.notFound();
    const { page, pageSize, skip, take } = pageParams(q);
    const [items, total] = await this.ds
      .getRepository(Proposal)
      .createQueryBuilder('p')
      .leftJoinAndSelect('p.organisation', 'o')
      .where('p.callId = :callId AND p.status = :s', { callId, s: ProposalStatus.Eligible })
      .orderBy('p.number', 'ASC')
      .skip(skip)
      .take(take)
      .getManyAndCount();
    return toPage(items, total, page, pageSize);
  }

  /** Community names of the first-preference host community, for lists. */
  async firstCommunities(ids: number[]): Promise<Map<number, { name: string; nameEn: string }>> {
    const rows = ids.length
      ? await this.ds
          .getRepository(ProposalCommunity)
          .createQueryBuilder('pc')
          .leftJoinAndSelect('pc.community', 'c')
          .where('pc.proposalId IN (:...ids) AND pc.version = 0 AND pc.preference = 1', { ids })
          .getMany()
      : [];
    return new Map(
      rows.map((r) => [r.proposalId, { name: r.community!.name, nameEn: r.community!.nameEn }]),
    );
  }
}
