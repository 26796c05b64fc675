import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { User } from '@gv/accounts';
import { AuditService } from '@gv/audit';
import { Call } from '@gv/calls';
import {
  Actor,
  AppException,
  FieldError,
  Locale,
  Page,
  pageParams,
  PageQuery,
  Role,
  toPage,
} from '@gv/core';
import { isUniqueViolation, rowLock, transactionWithRetry } from '@gv/database';
import { allPanelMembers, PanelMember, panelRecusedFrom } from '@gv/panels';
import { Proposal, ProposalStatus, ProposalVersion } from '@gv/proposals';
import {
  ReviewPaperEntry,
  ReviewRubric,
  ReviewSheet,
  RubricCriterion,
} from './entities/review.entity';
import { ReviewsError } from './reviews.errors';
import { ReviewsService } from './reviews.service';
import { checkSheetScores } from './sheet-rules';

export type PaperScores = Record<string, number | null>;

export interface PaperInput {
  proposalId: number;
  memberId: number;
  scores: PaperScores;
  overall?: string;
}

/** One criterion the two entries disagree on (null = N/A, undefined = not typed). */
export interface PaperDifference {
  criterion: string;
  label: string;
  first: number | null | undefined;
  second: number | null | undefined;
}

export interface PaperEntryView {
  id: number;
  callId: number;
  proposalId: number;
  number: string | null;
  title: string;
  memberId: number;
  judge: string;
  status: ReviewPaperEntry['status'];
  firstById: number;
  firstBy: string;
  secondById: number | null;
  secondBy: string | null;
  /** Only while the two entries differ: a pending entry's scores stay hidden (the check is blind). */
  differences: PaperDifference[];
  sheetId: number | null;
  updatedAt: Date;
}

/** The criteria whose points differ between two entries (a missing key differs from N/A). */
export function paperDifferences(
  criteria: RubricCriterion[],
  first: PaperScores,
  second: PaperScores | null,
  locale: Locale = 'zh-CN',
): PaperDifference[] {
  if (!second) return [];
  const ids = [
    ...criteria.map((c) => c.id),
    ...[...Object.keys(first), ...Object.keys(second)].filter(
      (k) => !criteria.some((c) => c.id === k),
    ),
  ];
  return [...new Set(ids)]
    .filter((id) => id in first !== id in second || first[id] !== second[id])
    .map((id) => {
      const c = criteria.find((x) => x.id === id);
      return {
        criterion: id,
        label: c ? (locale === 'en' ? c.labelEn : c.label) : id,
        first: first[id],
        second: second[id],
      };
    });
}

/** checkSheetScores' field errors (a complete sheet), as a list. */
function scoreErrors(rubric: ReviewRubric, scores: PaperScores): FieldError[] {
  try {
    checkSheetScores(rubric, scores, true);
    return [];
  } catch (err) {
    if (err instanceof AppException) return err.details ?? [];
    throw err;
  }
}

/**
 * 纸质评分表双人录入: a judge's paper sheet typed in by one street-office staff member and again by a
 * second one. Equal entries become the judge's submitted sheet (`source: 'paper'`); different ones are
 * kept side by side until one of the two corrects theirs. A confirmed entry is final.
 */
@Injectable()
export class PaperEntryService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly reviews: ReviewsService,
  ) {}

  async enter(
    actor: Actor,
    callId: number,
    input: PaperInput,
    locale: Locale = 'zh-CN',
  ): Promise<PaperEntryView> {
    if (!actor.roles.includes(Role.StreetAdmin)) throw AppException.forbidden();
    await this.callOr404(callId);
    const memberId = Number.isSafeInteger(input.memberId) ? input.memberId : -1;
    const proposalId = Number.isSafeInteger(input.proposalId) ? input.proposalId : -1;
    const id = await transactionWithRetry(this.ds, async (m) => {
      // The judge's seat first, locked: every entry for this judge waits here, and the plain reads
      // after it see what the entry before it committed (the snapshot starts at the first plain read).
      const seat = await m.findOne(PanelMember, {
        where: { id: memberId, callId },
        lock: rowLock(m),
      });
      const proposal = await m.findOneBy(Proposal, { id: proposalId });
      const rubric = await this.reviews.rubric(callId, m);
      // Every field's problem at once (the page shows each beside its field), nothing written.
      const fieldErrors: FieldError[] = [
        ...(seat ? [] : [{ field: 'memberId', code: 'paper_unknown_judge' }]),
        ...(proposal?.callId === callId && proposal.status === ProposalStatus.Eligible
          ? []
          : [{ field: 'proposalId', code: 'paper_unknown_proposal' }]),
        ...scoreErrors(rubric, input.scores),
      ];
      if (fieldErrors.length)
        throw ReviewsError.error(
          fieldErrors[0].code as 'paper_unknown_judge',
          fieldErrors[0].params ?? {},
          fieldErrors,
        );
      if (await panelRecusedFrom(m, callId, memberId, proposalId))
        throw ReviewsError.error('paper_judge_recused');
      if (!(await this.reviews.isAssigned(m, callId, memberId, proposalId)))
        throw ReviewsError.error('paper_not_assigned');
      const scores = Object.fromEntries(
        rubric.criteria.map((c) => [c.id, input.scores[c.id] ?? null]),
      );

      const entry = await m.findOneBy(ReviewPaperEntry, { memberId, proposalId });
      if (entry?.status === 'confirmed') throw ReviewsError.error('paper_confirmed');
      const where = { memberId, proposalId };
      const sheet = (await m.existsBy(ReviewSheet, where))
        ? await m.findOne(ReviewSheet, { where, lock: rowLock(m) })
        : null;
      if (sheet?.status === 'submitted') throw ReviewsError.error('sheet_submitted');

      if (!entry) {
        const created = await m.save(
          m.create(ReviewPaperEntry, {
            callId,
            proposalId,
            memberId,
            firstById: actor.userId,
            firstScores: scores,
            secondById: null,
            secondScores: null,
            status: 'pending',
            sheetId: null,
          }),
        );
        await this.audit.record(m, {
          action: 'review.paper_entered',
          entity: 'review_paper_entry',
          entityId: created.id,
          after: { proposalId, memberId, entry: 'first', scores },
        });
        return created.id;
      }

      // The same staff member replaces their own entry; anyone else is the second (checking) entry.
      const asFirst = entry.firstById === actor.userId;
      if (asFirst) entry.firstScores = scores;
      else Object.assign(entry, { secondById: actor.userId, secondScores: scores });
      await this.audit.record(m, {
        action: 'review.paper_entered',
        entity: 'review_paper_entry',
        entityId: entry.id,
        after: { proposalId, memberId, entry: asFirst ? 'first' : 'second', scores },
      });
      if (!entry.secondScores) {
        await m.save(entry);
        return entry.id;
      }
      const differences = paperDifferences(rubric.criteria, entry.firstScores, entry.secondScores);
      if (differences.length) {
        entry.status = 'mismatch';
        await m.save(entry);
        await this.audit.record(m, {
          action: 'review.paper_mismatch',
          entity: 'review_paper_entry',
          entityId: entry.id,
          after: { proposalId, memberId, differences: differences.map((d) => d.criterion) },
        });
        return entry.id;
      }
      const saved = await this.submitPaperSheet(m, rubric, sheet, {
        callId,
        proposalId,
        memberId,
        scores,
        overall: input.overall?.trim() || null,
      });
      Object.assign(entry, { status: 'confirmed' as const, sheetId: saved.id });
      await m.save(entry);
      await this.audit.record(m, {
        action: 'review.paper_confirmed',
        entity: 'review_paper_entry',
        entityId: entry.id,
        after: { proposalId, memberId, sheetId: saved.id, scores },
      });
      return entry.id;
    });
    const row = await this.ds.getRepository(ReviewPaperEntry).findOneByOrFail({ id });
    return (await this.views([row], locale))[0];
  }

  /**
   * The judge's sheet as submitted from paper: the online draft (if any) is replaced, the version moves
   * on (an open page of the judge then gets a conflict, not a silent overwrite), the rubric freezes.
   */
  private async submitPaperSheet(
    m: EntityManager,
    rubric: ReviewRubric,
    sheet: ReviewSheet | null,
    v: {
      callId: number;
      proposalId: number;
      memberId: number;
      scores: PaperScores;
      overall: string | null;
    },
  ): Promise<ReviewSheet> {
    const at = new Date();
    const values = {
      scores: v.scores,
      comments: {},
      overall: v.overall,
      status: 'submitted' as const,
      source: 'paper' as const,
      submittedAt: at,
    };
    let saved: ReviewSheet;
    if (sheet) {
      const res = await m
        .createQueryBuilder()
        .update(ReviewSheet)
        .set({ ...values, version: sheet.version + 1 })
        .where('id = :id AND version = :v', { id: sheet.id, v: sheet.version })
        .execute();
      if (!res.affected) throw ReviewsError.error('paper_entry_conflict');
      saved = Object.assign(sheet, values, { version: sheet.version + 1 });
    } else {
      try {
        saved = await m.save(
          m.create(ReviewSheet, {
            callId: v.callId,
            proposalId: v.proposalId,
            memberId: v.memberId,
            ...values,
            version: 1,
          }),
        );
      } catch (err) {
        // The judge saved their first online draft at this very moment.
        if (isUniqueViolation(err)) throw ReviewsError.error('paper_entry_conflict');
        throw err;
      }
    }
    if (!rubric.frozenAt)
      await m
        .createQueryBuilder()
        .update(ReviewRubric)
        .set({ frozenAt: at })
        .where('id = :id AND frozenAt IS NULL', { id: rubric.id })
        .execute();
    await this.audit.record(m, {
      action: 'review.sheet_submitted',
      entity: 'review_sheet',
      entityId: saved.id,
      after: { proposalId: v.proposalId, scores: v.scores, source: 'paper' },
    });
    return saved;
  }

  /** The call's entries, newest change first, with the judge, the proposal and the differences. */
  async list(
    callId: number,
    q: PageQuery,
    locale: Locale = 'zh-CN',
  ): Promise<Page<PaperEntryView>> {
    await this.callOr404(callId);
    const { page, pageSize, skip, take } = pageParams(q);
    const [rows, total] = await this.ds.getRepository(ReviewPaperEntry).findAndCount({
      where: { callId },
      order: { updatedAt: 'DESC', id: 'DESC' },
      skip,
      take,
    });
    return toPage(await this.views(rows, locale), total, page, pageSize);
  }

  private async callOr404(callId: number): Promise<void> {
    if (
      !Number.isSafeInteger(callId) ||
      !(await this.ds.getRepository(Call).existsBy({ id: callId }))
    )
      throw AppException.notFound();
  }

  /** What the entry form offers: the call's panel members and its eligible proposals. */
  async options(callId: number) {
    const members = await allPanelMembers(this.ds.manager, callId);
    const proposals = await this.ds
      .getRepository(Proposal)
      .find({ where: { callId, status: ProposalStatus.Eligible }, order: { number: 'ASC' } });
    const titles = await this.titles(proposals);
    return {
      members: members.map((x) => ({ id: x.id, name: x.user?.name ?? '', group: x.group })),
      proposals: proposals.map((p) => ({
        id: p.id,
        number: p.number,
        title: titles.get(p.id) ?? p.title,
      })),
    };
  }

  private async views(
    rows: ReviewPaperEntry[],
    locale: Locale = 'zh-CN',
  ): Promise<PaperEntryView[]> {
    if (!rows.length) return [];
    const callIds = [...new Set(rows.map((r) => r.callId))];
    const rubrics = await this.ds.getRepository(ReviewRubric).findBy({ callId: In(callIds) });
    const members = await this.ds.getRepository(PanelMember).find({
      where: { id: In([...new Set(rows.map((r) => r.memberId))]) },
      relations: { user: true },
    });
    const proposals = await this.ds
      .getRepository(Proposal)
      .findBy({ id: In([...new Set(rows.map((r) => r.proposalId))]) });
    const titles = await this.titles(proposals);
    const staffIds = [
      ...new Set(rows.flatMap((r) => [r.firstById, ...(r.secondById ? [r.secondById] : [])])),
    ];
    const staff = await this.ds
      .getRepository(User)
      .find({ where: { id: In(staffIds) }, select: { id: true, name: true } });
    const name = (id: number | null) =>
      id === null ? null : (staff.find((u) => u.id === id)?.name ?? `#${id}`);
    return rows.map((r) => {
      const p = proposals.find((x) => x.id === r.proposalId);
      const criteria = rubrics.find((x) => x.callId === r.callId)?.criteria ?? [];
      return {
        id: r.id,
        callId: r.callId,
        proposalId: r.proposalId,
        number: p?.number ?? null,
        title: titles.get(r.proposalId) ?? p?.title ?? '',
        memberId: r.memberId,
        judge: members.find((x) => x.id === r.memberId)?.user?.name ?? '',
        status: r.status,
        firstById: r.firstById,
        firstBy: name(r.firstById) ?? '',
        secondById: r.secondById,
        secondBy: name(r.secondById),
        differences:
          r.status === 'mismatch'
            ? paperDifferences(criteria, r.firstScores, r.secondScores, locale)
            : [],
        sheetId: r.sheetId,
        updatedAt: r.updatedAt,
      };
    });
  }

  /** The submitted title of each proposal (the working copy's may have moved on). */
  private async titles(proposals: Proposal[]): Promise<Map<number, string>> {
    const versions = proposals.length
      ? await this.ds.getRepository(ProposalVersion).find({
          where: proposals.map((p) => ({ proposalId: p.id, version: p.currentVersion })),
          select: { proposalId: true, title: true },
        })
      : [];
    return new Map(versions.map((v) => [v.proposalId, v.title]));
  }
}
