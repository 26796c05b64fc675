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
import { ReadCache } from '@gv/database';
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
import { ProposalsError } from './proposals.errors';

export interface ProposalDetail {
  proposal: Proposal;
  call: Call;
  communities: ProposalCommunity[];
  budgetLines: ProposalBudgetLine[];
  milestones: ProposalMilestone[];
  versions: ProposalVersion[];
  attachments: ProposalAttachment[];
  /** The version shown: 0 is the organisation's working copy, n the n-th submitted version. */
  version: number;
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

const isOrgMember = (a: Actor) => a.roles.includes(Role.OrgMember) && a.organisationId != null;
const isOwnOrganisation = (a: Actor, p: Proposal) =>
  isOrgMember(a) && a.organisationId === p.organisationId;
const escapeLike = (s: string) => s.replace(/[%_\\]/g, '\\$&');

@Injectable()
export class ProposalQueryService {
  /** Filtered list pages with their totals, per filters and caller scope (see ReadCache). */
  private readonly lists = new ReadCache<readonly [Proposal[], number]>();
  /** The staff list's default call (see ReadCache). */
  private readonly newest = new ReadCache<number | undefined>(1);
  /** First host communities of a list page's proposals, per page (see ReadCache). */
  private readonly names = new ReadCache<Map<number, { name: string; nameEn: string }>>();

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly sections: ProposalSections,
  ) {}

  /** The newest competition (by year, then creation) with a submitted proposal: the staff list's default. */
  async newestCallWithSubmissions(): Promise<number | undefined> {
    return this.newest.get('', () => this.readNewestCallWithSubmissions());
  }

  private async readNewestCallWithSubmissions(): Promise<number | undefined> {
    const row = await this.ds
      .getRepository(Proposal)
      .createQueryBuilder('p')
      .innerJoin('p.call', 'c')
      .select('c.id', 'id')
      .where('p.submittedAt IS NOT NULL')
      .orderBy('c.year', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .limit(1)
      .getRawOne<{ id: number }>();
    return row ? Number(row.id) : undefined;
  }

  /**
   * One proposal the actor may see (else 404); judges and the public never reach this (403/401 at the route).
   * The organisation sees its working copy (version 0) by default; everyone else sees only what was
   * submitted: the latest submitted version by default, never the working copy, never a draft.
   * Community staff are scoped by the host communities of the submitted version.
   */
  async detail(actor: Actor, id: number, version?: number): Promise<ProposalDetail> {
    const proposal = Number.isSafeInteger(id)
      ? await this.ds
          .getRepository(Proposal)
          .findOne({ where: { id }, relations: { organisation: true, need: true } })
      : null;
    const own = !!proposal && isOwnOrganisation(actor, proposal);
    if (proposal && !own && proposal.currentVersion === 0) throw AppException.notFound();
    const submitted = proposal
      ? await this.ds.getRepository(ProposalCommunity).find({
          where: { proposalId: id, version: own ? 0 : proposal.currentVersion },
          relations: { community: true },
          order: { preference: 'ASC' },
        })
      : [];
    ensureOwned(
      actor,
      proposal
        ? {
            organisationId: proposal.organisationId,
            communityIds: submitted.map((c) => c.communityId),
          }
        : null,
    );
    const p = proposal!;
    version ??= own ? 0 : p.currentVersion;
    if (version < 0 || version > p.currentVersion || (version === 0 && !own))
      throw ProposalsError.error('version_not_found');
    const call = (await this.ds.getRepository(Call).findOneBy({ id: p.callId }))!;
    const communities =
      version === (own ? 0 : p.currentVersion)
        ? submitted
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
      version,
      sections,
    };
  }

  async budgetDiff(actor: Actor, id: number, from: number, to: number) {
    const d = await this.detail(actor, id);
    const own = isOwnOrganisation(actor, d.proposal);
    const has = (v: number) => (v === 0 && own) || d.versions.some((x) => x.version === v);
    if (!has(from) || !has(to)) throw ProposalsError.error('version_not_found');
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
    // Staff open the same filtered lists over and over: the page and its total are read once per change.
    // The key is everything the query depends on: the filters and the caller's scope (roles, organisation,
    // community; see scope()). Callers get copies.
    const key = JSON.stringify([
      actor.roles,
      actor.organisationId ?? null,
      actor.communityId ?? null,
      q.callId ?? null,
      q.status ?? null,
      q.communityId ?? null,
      q.q ?? null,
      skip,
      take,
    ]);
    const [items, total] = await this.lists.get(key, () => this.readList(actor, q, skip, take));
    return toPage(
      items.map((p) => Object.assign(new Proposal(), p)),
      total,
      page,
      pageSize,
    );
  }

  private async readList(
    actor: Actor,
    q: ProposalListQuery,
    skip: number,
    take: number,
  ): Promise<readonly [Proposal[], number]> {
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
    // The organisation filters its working copies; everyone else what was submitted.
    const mine = isOrgMember(actor);
    const shown = mine ? '0' : 'p.currentVersion';
    if (q.communityId)
      qb.andWhere(
        `EXISTS (SELECT 1 FROM proposal_community pcf WHERE pcf.communityId = :communityId AND pcf.version = ${shown} AND pcf.proposalId = p.id)`,
        { communityId: q.communityId },
      );
    if (q.q) {
      const title = `%${escapeLike(q.q)}%`;
      if (mine) qb.andWhere('p.title LIKE :title', { title });
      else
        qb.andWhere(
          'EXISTS (SELECT 1 FROM proposal_version pvq WHERE pvq.proposalId = p.id AND pvq.version = p.currentVersion AND pvq.title LIKE :title)',
          { title },
        );
    }
    const [rows, count] = await qb
      .orderBy('p.id', 'DESC')
      .offset(skip)
      .limit(take)
      .getManyAndCount();
    if (!mine) await this.showSubmitted(rows);
    return [rows, count] as const;
  }

  private scope(qb: SelectQueryBuilder<Proposal>, actor: Actor): void {
    if (actor.roles.includes(Role.CommunityStaff) && actor.communityId != null) {
      qb.andWhere(
        'EXISTS (SELECT 1 FROM proposal_community pcs WHERE pcs.communityId = :scopeCommunity AND pcs.version = p.currentVersion AND pcs.proposalId = p.id)',
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
    await this.showSubmitted(items);
    return toPage(items, total, page, pageSize);
  }

  /** Replaces the working-copy fields of submitted proposals by those of their latest submitted version. */
  private async showSubmitted(items: Proposal[]): Promise<void> {
    const submitted = items.filter((p) => p.currentVersion > 0);
    if (!submitted.length) return;
    const versions = await this.ds
      .getRepository(ProposalVersion)
      .createQueryBuilder('v')
      // What lists show: no long texts.
      .select(['v.id', 'v.proposalId', 'v.title', 'v.track', 'v.totalFen', 'v.coFundingFen'])
      .innerJoin(Proposal, 'p', 'p.id = v.proposalId AND p.currentVersion = v.version')
      .where('v.proposalId IN (:...ids)', { ids: submitted.map((p) => p.id) })
      .getMany();
    const byId = new Map(versions.map((v) => [v.proposalId, v]));
    for (const p of submitted) {
      const v = byId.get(p.id);
      if (!v) continue;
      p.title = v.title;
      p.track = v.track;
      p.totalFen = v.totalFen;
      p.coFundingFen = v.coFundingFen;
    }
  }

  /** Community names of the first-preference host community, for lists. */
  async firstCommunities(ids: number[]): Promise<Map<number, { name: string; nameEn: string }>> {
    // Read once per change for the same list page (a copy: callers may add to the map).
    return new Map(await this.names.get(JSON.stringify(ids), () => this.readFirstCommunities(ids)));
  }

  private async readFirstCommunities(
    ids: number[],
  ): Promise<Map<number, { name: string; nameEn: string }>> {
    const rows = ids.length
      ? await this.ds
          .getRepository(ProposalCommunity)
          .createQueryBuilder('pc')
          .leftJoinAndSelect('pc.community', 'c')
          .innerJoin(Proposal, 'p', 'p.id = pc.proposalId')
          // What was submitted (a draft's working copy until then).
          .where(
            'pc.proposalId IN (:...ids) AND pc.version = p.currentVersion AND pc.preference = 1',
            {
              ids,
            },
          )
          .getMany()
      : [];
    return new Map(
      rows.map((r) => [r.proposalId, { name: r.community!.name, nameEn: r.community!.nameEn }]),
    );
  }
}
