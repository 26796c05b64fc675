import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '@gv/audit';
import ExcelJS from 'exceljs';
import { Actor, AppException, Locale, neutraliseFormula, Role } from '@gv/core';
import { isUniqueViolation, retryOnDeadlock, rowLock, transactionWithRetry } from '@gv/database';
import {
  allPanelMembers,
  PANEL_GROUPS,
  PanelMember,
  panelRecusals,
  panelRecusedFrom,
  recusalSql,
  recusedBy,
} from '@gv/panels';
import { Proposal, ProposalStatus, ProposalVersion } from '@gv/proposals';
import { add, fromInt, rational, toNumber } from '@gv/rational';
import { aggregateScores, formatMessage, JudgeSheet, SCORING_MESSAGES } from '@gv/scoring';
import { ConsensusDto, RubricDto, SheetDto } from './dto/reviews.dto';
import { ReviewConsensus, ReviewRubric, ReviewSheet } from './entities/review.entity';
import { ReviewsError } from './reviews.errors';
import { checkSheetScores } from './sheet-rules';
import { ReviewAssignments } from './review-assignments.service';
import { ensureRubric } from './rubric';

export interface QueueItem {
  proposalId: number;
  number: string;
  title: string;
  status: 'todo' | 'draft' | 'submitted';
}

/**
 * 评审: the rubric, who scores what (every panel member × every eligible proposal, minus recusals),
 * sheets saved with a version check and locked on submit, the chair's unlock and release of peers'
 * scores, and the aggregate through @gv/scoring with its explanation and the chair's consensus record.
 */
@Injectable()
export class ReviewsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly assignments: ReviewAssignments,
  ) {}

  /** Whether the member scores the proposal (assigned and not recused). */
  async isAssigned(
    m: EntityManager,
    callId: number,
    memberId: number,
    proposalId: number,
  ): Promise<boolean> {
    return this.assignments.isAssigned(m, callId, memberId, proposalId);
  }

  rubric(callId: number, m: EntityManager = this.ds.manager): Promise<ReviewRubric> {
    return ensureRubric(m, callId);
  }

  async updateRubric(callId: number, dto: RubricDto): Promise<ReviewRubric> {
    const ids = dto.criteria.map((c) => c.id);
    if (new Set(ids).size !== ids.length || (dto.tieBreak && !ids.includes(dto.tieBreak)))
      throw ReviewsError.error('unknown_criterion', {}, [
        { field: 'criteria', code: 'unknown_criterion' },
      ]);
    const weights = dto.groupWeights ?? null;
    if (
      weights &&
      (Object.entries(weights).some(
        ([g, w]) =>
          !(PANEL_GROUPS as readonly string[]).includes(g) ||
          !Number.isInteger(w) ||
          w < 0 ||
          w > 100,
      ) ||
        !Object.values(weights).some((w) => w > 0))
    )
      throw ReviewsError.error('weights_invalid', {}, [
        { field: 'groupWeights', code: 'weights_invalid' },
      ]);
    return transactionWithRetry(this.ds, async (m) => {
      // Locked: a judge's first save freezes the rubric in the same moment; this either sees it frozen
      // or lands before it (the save then checks against the new criteria).
      const r = await this.rubric(callId, m).then(
        async (found) =>
          (await m.findOne(ReviewRubric, { where: { id: found.id }, lock: rowLock(m) })) ?? found,
      );
      if (r.frozenAt) throw ReviewsError.error('rubric_frozen');
      Object.assign(r, {
        criteria: dto.criteria.map((c) => ({ ...c, levels: c.levels ?? [] })),
        method: dto.method,
        divergenceThreshold: dto.divergenceThreshold,
        tieBreak: dto.tieBreak ?? null,
        groupWeights: weights,
      });
      await m.save(r);
      await this.audit.record(m, {
        action: 'review.rubric_changed',
        entity: 'call',
        entityId: callId,
        after: { criteria: ids, method: dto.method },
      });
      return r;
    });
  }

  /** The actor's seat on the call's panel, or 404. */
  async seat(
    actor: Actor,
    callId: number,
    m: EntityManager = this.ds.manager,
  ): Promise<PanelMember> {
    const seat = await m.findOneBy(PanelMember, { callId, userId: actor.userId });
    if (!seat) throw ReviewsError.error('not_assigned');
    return seat;
  }

  /** The proposals a judge scores in a call: every eligible one, without those they are recused from. */
  async queue(
    actor: Actor,
  ): Promise<{ seat: PanelMember; callTitle: string; items: QueueItem[] }[]> {
    const seats = await this.ds
      .getRepository(PanelMember)
      .find({ where: { userId: actor.userId }, relations: { call: true }, take: 50 });
    const out = [];
    for (const seat of seats) {
      const assigned = await this.assignments.assigned(this.ds.manager, seat.callId);
      const proposals = await this.eligible(this.ds.manager, seat.callId);
      const sheets = await this.ds.getRepository(ReviewSheet).findBy({ memberId: seat.id });
      out.push({
        seat,
        callTitle: seat.call?.title ?? '',
        items: proposals
          .filter((p) => assigned(seat.id, p.id))
          .map((p) => ({
            proposalId: p.id,
            number: p.number,
            title: p.title,
            status: sheets.find((s) => s.proposalId === p.id)?.status ?? ('todo' as const),
          })),
      });
    }
    return out;
  }

  /** A judge opens a proposal's sheet: 404 when not theirs to score, 403 when recused. */
  async open(
    actor: Actor,
    proposalId: number,
    m: EntityManager = this.ds.manager,
    withSubmitted = true,
  ) {
    const p = Number.isSafeInteger(proposalId)
      ? await m.findOneBy(Proposal, { id: proposalId })
      : null;
    if (!p || p.status !== ProposalStatus.Eligible) throw ReviewsError.error('not_assigned');
    const seat = await this.seat(actor, p.callId, m);
    if (await panelRecusedFrom(m, p.callId, seat.id, p.id))
      throw ReviewsError.error('judge_recused');
    if (!(await this.assignments.isAssigned(m, p.callId, seat.id, p.id, false)))
      throw ReviewsError.error('not_assigned');
    const rubric = await this.rubric(p.callId, m);
    const sheet = await m.findOneBy(ReviewSheet, { memberId: seat.id, proposalId: p.id });
    // The submitted version (its texts) only for the page, not for a save or a submit.
    const version = withSubmitted
      ? await m.findOneBy(ProposalVersion, { proposalId: p.id, version: p.currentVersion })
      : null;
    return { proposal: p, submitted: version, seat, rubric, sheet };
  }

  /**
   * Frozen rubrics by id and freezing moment. A frozen rubric's criteria never change (`updateRubric`
   * refuses), so a judge's save checks against this copy instead of reading it again; what may still
   * change (N judges per proposal) comes from the gate's query, never from here.
   */
  private readonly frozenRubrics = new Map<string, ReviewRubric>();

  /**
   * What a save or a submit needs, in one query (a judge saves every few seconds): the proposal's call
   * and status, the actor's seat, the id of their sheet, the recusal rule's columns (@gv/panels), the
   * rubric's id, freezing moment and mode, and whether the pair is stored (N per proposal). The rubric
   * itself is read only until it is frozen. The same answers as `open`, in its order: 404 when
   * not theirs to score, 403 when recused.
   */
  private async gate(actor: Actor, proposalId: number, m: EntityManager = this.ds.manager) {
    const recusal = recusalSql('pm.id', 'p');
    const rows: {
      callId: number | string;
      status: string;
      memberId: number | string | null;
      sheetId: number | string | null;
      rubricId: number | string | null;
      frozenAt: Date | string | null;
      perProposal: number | string | null;
      paired: number | string;
      decided: string | null;
      tied: number | string;
    }[] = Number.isSafeInteger(proposalId)
      ? await m.query(
          `SELECT p.callId AS callId, p.status AS status, pm.id AS memberId, s.id AS sheetId,
             ${recusal.decided} AS decided, ${recusal.tied} AS tied,
             r.id AS rubricId, r.frozenAt AS frozenAt, r.judgesPerProposal AS perProposal,
             CASE WHEN EXISTS (
               SELECT 1 FROM review_assignment ra
               WHERE ra.callId = p.callId AND ra.memberId = pm.id AND ra.proposalId = p.id
             ) THEN 1 ELSE 0 END AS paired
           FROM proposal p
           LEFT JOIN panel_member pm ON pm.callId = p.callId AND pm.userId = ?
           LEFT JOIN review_sheet s ON s.memberId = pm.id AND s.proposalId = p.id
           LEFT JOIN review_rubric r ON r.callId = p.callId
           WHERE p.id = ?`,
          [actor.userId, proposalId],
        )
      : [];
    const row = rows[0];
    if (!row || row.status !== ProposalStatus.Eligible || row.memberId === null)
      throw ReviewsError.error('not_assigned');
    const callId = Number(row.callId);
    const memberId = Number(row.memberId);
    if (recusedBy(row.decided, row.tied)) throw ReviewsError.error('judge_recused');
    if (row.perProposal !== null && Number(row.perProposal) > 0 && Number(row.paired) !== 1)
      throw ReviewsError.error('not_assigned');
    // The freezing moment to the millisecond (MariaDB hands a Date, SQLite a string): a rubric recreated
    // under the same id (a database reset) is never taken for the one kept.
    const frozen = row.frozenAt instanceof Date ? row.frozenAt.toISOString() : String(row.frozenAt);
    const key = `${String(row.rubricId)}@${frozen}`;
    let rubric = row.frozenAt !== null ? this.frozenRubrics.get(key) : undefined;
    if (!rubric) {
      rubric = await this.rubric(callId, m);
      if (rubric.frozenAt && row.frozenAt !== null) this.frozenRubrics.set(key, rubric);
    }
    return { callId, memberId, rubric, sheetId: row.sheetId === null ? null : Number(row.sheetId) };
  }

  /**
   * A draft save: the checks, then one statement, without a transaction (a judge saves every few
   * seconds, 200 judges at once). The write itself carries the version and draft checks, so it is
   * atomic on its own; the checks before it are reads that no transaction would lock either. The
   * first save of a call freezes the rubric first, then checks the sheet against the frozen criteria.
   */
  async save(actor: Actor, proposalId: number, dto: SheetDto): Promise<ReviewSheet> {
    let gate = await this.gate(actor, proposalId);
    checkSheetScores(gate.rubric, dto.scores, false);
    if (!gate.rubric.frozenAt) {
      await retryOnDeadlock(() =>
        this.ds
          .createQueryBuilder()
          .update(ReviewRubric)
          .set({ frozenAt: new Date() })
          .where('id = :id AND frozenAt IS NULL', { id: gate.rubric.id })
          .execute(),
      );
      gate = await this.gate(actor, proposalId);
      checkSheetScores(gate.rubric, dto.scores, false);
    }
    const { callId, memberId, sheetId } = gate;
    const values = {
      scores: dto.scores,
      comments: dto.comments ?? {},
      overall: dto.overall ?? null,
    };
    if (sheetId === null) {
      // A first save takes no lock on the (missing) row — a gap lock there deadlocks judges saving
      // side by side — and a concurrent first save of the same sheet loses on the unique index.
      if (dto.version !== 0) throw ReviewsError.error('sheet_version_conflict', { version: 0 });
      return retryOnDeadlock(() =>
        this.insertFirst(this.ds.manager, {
          callId,
          proposalId,
          memberId,
          ...values,
          status: 'draft',
          version: 1,
          submittedAt: null,
        }),
      );
    }
    // The version and draft checks inside the write: InnoDB evaluates them on the latest committed
    // row (a concurrent save of the same sheet waits for this one, then finds the version moved on),
    // so two saves from one version cannot both win.
    const res = await retryOnDeadlock(() =>
      this.ds
        .createQueryBuilder()
        .update(ReviewSheet)
        .set({ ...values, version: dto.version + 1 })
        .where('id = :id AND version = :v AND status = :draft', {
          id: sheetId,
          v: dto.version,
          draft: 'draft',
        })
        .execute(),
    );
    if (!res.affected) throw await this.whyNotSaved(this.ds.manager, sheetId);
    return this.ds.manager.create(ReviewSheet, {
      id: sheetId,
      callId,
      proposalId,
      memberId,
      ...values,
      status: 'draft',
      version: dto.version + 1,
      submittedAt: null,
    });
  }

  /** A save refused by its write: the sheet is submitted, or a newer version holds these values. */
  private async whyNotSaved(m: EntityManager, sheetId: number): Promise<AppException> {
    // Outside a transaction a plain read sees the latest committed row, the one that refused the write.
    const sheet = await m.findOneBy(ReviewSheet, { id: sheetId });
    if (sheet?.status === 'submitted') return ReviewsError.error('sheet_submitted');
    return ReviewsError.error(
      'sheet_version_conflict',
      { version: sheet?.version ?? 0 },
      Object.entries(sheet?.scores ?? {}).map(([field, value]) => ({
        field,
        code: 'newer_value',
        params: { value: value ?? 'N/A' },
      })),
    );
  }

  /** The first save of a sheet; the same sheet created meanwhile by another save → 409 (reload). */
  private async insertFirst(m: EntityManager, values: Partial<ReviewSheet>): Promise<ReviewSheet> {
    try {
      return await m.save(m.create(ReviewSheet, values));
    } catch (err) {
      if (isUniqueViolation(err))
        throw ReviewsError.error('sheet_version_conflict', { version: 1 });
      throw err;
    }
  }

  async submit(actor: Actor, proposalId: number, version: number): Promise<ReviewSheet> {
    return transactionWithRetry(this.ds, async (m) => {
      const { rubric, sheetId } = await this.gate(actor, proposalId, m);
      // Locked: a save of the same sheet in the same moment either lands before (and this sees its
      // version) or waits for this submit (and then finds the sheet submitted).
      const sheet =
        sheetId !== null
          ? await m.findOne(ReviewSheet, { where: { id: sheetId }, lock: rowLock(m) })
          : null;
      if (!sheet)
        throw ReviewsError.error('sheet_incomplete', {}, [
          { field: 'scores', code: 'sheet_incomplete' },
        ]);
      if (sheet.status === 'submitted') throw ReviewsError.error('sheet_submitted');
      if (sheet.version !== version)
        throw ReviewsError.error('sheet_version_conflict', { version: sheet.version });
      checkSheetScores(rubric, sheet.scores, true);
      const at = new Date();
      const res = await m
        .createQueryBuilder()
        .update(ReviewSheet)
        .set({ status: 'submitted', submittedAt: at, version: sheet.version + 1 })
        .where('id = :id AND version = :v', { id: sheet.id, v: sheet.version })
        .execute();
      if (!res.affected)
        throw ReviewsError.error('sheet_version_conflict', { version: sheet.version + 1 });
      await this.audit.record(m, {
        action: 'review.sheet_submitted',
        entity: 'review_sheet',
        entityId: sheet.id,
        after: { proposalId, scores: sheet.scores },
      });
      return Object.assign(sheet, {
        status: 'submitted' as const,
        submittedAt: at,
        version: sheet.version + 1,
      });
    });
  }

  /** Only the chair reopens a submitted sheet, with a reason (audited). */
  async unlock(actor: Actor, sheetId: number, reason: string): Promise<ReviewSheet> {
    return transactionWithRetry(this.ds, async (m) => {
      const sheet = Number.isSafeInteger(sheetId)
        ? await m.findOneBy(ReviewSheet, { id: sheetId })
        : null;
      if (!sheet) throw AppException.notFound();
      await this.chair(actor, sheet.callId, m);
      if (sheet.status !== 'submitted') throw ReviewsError.error('sheet_submitted');
      await m.update(ReviewSheet, sheet.id, {
        status: 'draft',
        submittedAt: null,
        version: sheet.version + 1,
      });
      await this.audit.record(m, {
        action: 'review.sheet_unlocked',
        entity: 'review_sheet',
        entityId: sheet.id,
        after: { reason },
      });
      return Object.assign(sheet, { status: 'draft' as const, version: sheet.version + 1 });
    });
  }

  async release(actor: Actor, callId: number): Promise<ReviewRubric> {
    return this.ds.transaction(async (m) => {
      await this.chair(actor, callId, m);
      const r = await this.rubric(callId, m);
      r.peersReleasedAt = new Date();
      await m.update(ReviewRubric, r.id, { peersReleasedAt: r.peersReleasedAt });
      await this.audit.record(m, {
        action: 'review.peers_released',
        entity: 'call',
        entityId: callId,
      });
      return r;
    });
  }

  /** Peers' submitted sheets: only to a judge who has submitted, after the chair's release. */
  async peers(actor: Actor, proposalId: number) {
    const { rubric, sheet } = await this.open(actor, proposalId);
    if (!rubric.peersReleasedAt || sheet?.status !== 'submitted') return [];
    return this.ds
      .getRepository(ReviewSheet)
      .find({ where: { proposalId, status: 'submitted' }, relations: { member: { user: true } } });
  }

  async consensus(actor: Actor, proposalId: number, dto: ConsensusDto): Promise<ReviewConsensus> {
    const p = Number.isSafeInteger(proposalId)
      ? await this.ds.getRepository(Proposal).findOneBy({ id: proposalId })
      : null;
    if (!p) throw AppException.notFound();
    if (dto.adjustmentCentiPoints && !dto.reason)
      throw ReviewsError.error('adjustment_needs_reason', {}, [
        { field: 'reason', code: 'adjustment_needs_reason' },
      ]);
    return this.ds.transaction(async (m) => {
      await this.chair(actor, p.callId, m);
      const values = {
        notes: dto.notes,
        adjustmentCentiPoints: dto.adjustmentCentiPoints ?? 0,
        reason: dto.reason ?? '',
        decidedById: actor.userId,
      };
      await m.getRepository(ReviewConsensus).upsert({ proposalId, ...values }, ['proposalId']);
      await this.audit.record(m, {
        action: 'review.consensus_recorded',
        entity: 'proposal',
        entityId: proposalId,
        after: values,
      });
      return m.findOneByOrFail(ReviewConsensus, { proposalId });
    });
  }

  /** Per judge (done of assigned) and per proposal (sheets in of expected). */
  async progress(callId: number) {
    const members = await allPanelMembers(this.ds.manager, callId);
    const isAssigned = await this.assignments.assigned(this.ds.manager, callId);
    const proposals = await this.eligible(this.ds.manager, callId);
    const sheets = await this.ds.getRepository(ReviewSheet).findBy({ callId });
    const assigned = (memberId: number) => proposals.filter((p) => isAssigned(memberId, p.id));
    return {
      judges: members.map((x) => {
        const mine = assigned(x.id);
        const done = sheets.filter(
          (s) =>
            s.memberId === x.id &&
            s.status === 'submitted' &&
            mine.some((p) => p.id === s.proposalId),
        ).length;
        return {
          memberId: x.id,
          name: x.user?.name ?? '',
          isChair: x.isChair,
          assigned: mine.length,
          submitted: done,
          pct: mine.length ? Math.round((done / mine.length) * 100) : 100,
        };
      }),
      proposals: proposals.map((p) => ({
        proposalId: p.id,
        number: p.number,
        expected: members.filter((x) => isAssigned(x.id, p.id)).length,
        submitted: sheets.filter((s) => s.proposalId === p.id && s.status === 'submitted').length,
      })),
    };
  }

  /** The aggregate by the call's method over the counted sheets, and the chair's consensus records. */
  private async aggregate(callId: number) {
    const rubric = await this.rubric(callId);
    const proposals = await this.eligible(this.ds.manager, callId);
    const sheets = await this.ds.getRepository(ReviewSheet).find({
      where: {
        callId,
        status: 'submitted',
        proposalId: In(proposals.length ? proposals.map((p) => p.id) : [-1]),
      },
      relations: { member: true },
    });
    const recused = await panelRecusals(this.ds.manager, callId);
    const assigned = await this.assignments.assigned(this.ds.manager, callId);
    // A sheet of a judge no longer assigned (and not recused) does not count; a recused one is explained.
    const counted = sheets.filter(
      (s) => recused.get(s.proposalId)?.has(s.memberId) || assigned(s.memberId, s.proposalId),
    );
    const judgeSheets: JudgeSheet[] = counted.map((s) => ({
      judgeId: String(s.memberId),
      proposalId: String(s.proposalId),
      scores: s.scores,
      group: s.member?.group,
      recused: recused.get(s.proposalId)?.has(s.memberId) ?? false,
    }));
    const result = aggregateScores(
      {
        criteria: rubric.criteria.map((c) => ({
          id: c.id,
          maxPoints: c.maxPoints,
          weight: c.weight,
        })),
      },
      judgeSheets,
      {
        method: rubric.method,
        ...(rubric.groupWeights
          ? {
              groups: Object.entries(rubric.groupWeights).map(([id, weight]) => ({ id, weight })),
            }
          : {}),
        divergenceThreshold: fromInt(rubric.divergenceThreshold),
        proposalIds: proposals.map((p) => String(p.id)),
      },
    );
    const consensus = await this.ds
      .getRepository(ReviewConsensus)
      .findBy({ proposalId: In(proposals.length ? proposals.map((p) => p.id) : [-1]) });
    return { rubric, proposals, result, consensus };
  }

  /**
   * Each eligible proposal's final score, exact: the aggregate plus the chair's consensus adjustment
   * (null without a valid sheet). The funding decision ranks on these.
   */
  async finalScores(callId: number) {
    const { proposals, result, consensus } = await this.aggregate(callId);
    return result.proposals.map((r) => {
      const p = proposals.find((x) => String(x.id) === r.proposalId)!;
      const c = consensus.find((x) => x.proposalId === p.id);
      const score =
        r.score === null ? null : add(r.score, rational(c?.adjustmentCentiPoints ?? 0, 100));
      return { proposalId: p.id, number: p.number, title: p.title, score };
    });
  }

  /** The aggregate of the submitted sheets by the call's method, explained, with the chair's consensus. */
  async results(callId: number, locale: Locale) {
    const { rubric, proposals, result, consensus } = await this.aggregate(callId);
    const texts = SCORING_MESSAGES[locale] ?? SCORING_MESSAGES['zh-CN'];
    const say = (e: { code: string; params?: Readonly<Record<string, string | number>> }) =>
      formatMessage(texts[e.code] ?? e.code, e.params ?? {});
    return {
      method: rubric.method,
      proposals: result.proposals.map((r) => {
        const p = proposals.find((x) => String(x.id) === r.proposalId)!;
        const c = consensus.find((x) => x.proposalId === p.id);
        const base = r.score === null ? null : toNumber(r.score);
        const final =
          base === null
            ? null
            : Math.round((base + (c?.adjustmentCentiPoints ?? 0) / 100) * 100) / 100;
        return {
          proposalId: p.id,
          number: p.number,
          title: p.title,
          score: r.display,
          final: final === null ? '—' : final.toFixed(2),
          sheets: r.used.length,
          dropped: r.dropped.map((d) => ({ judgeId: d.judgeId, reason: d.reason })),
          divergent: r.flags.some((f) => f.code.includes('diverg')),
          explanation: [...r.steps, ...r.flags].map(say),
          consensus: c
            ? {
                notes: c.notes,
                adjustment: (c.adjustmentCentiPoints / 100).toFixed(2),
                reason: c.reason,
              }
            : null,
        };
      }),
    };
  }

  /** The score matrix (judge × proposal × criterion) and the results, as an XLSX workbook. */
  async export(callId: number, locale: Locale): Promise<Buffer> {
    const rubric = await this.rubric(callId);
    const sheets = await this.ds.getRepository(ReviewSheet).find({
      where: { callId },
      relations: { member: { user: true }, proposal: true },
      order: { proposalId: 'ASC', memberId: 'ASC' },
    });
    const en = locale === 'en';
    const wb = new ExcelJS.Workbook();
    wb.creator = 'gongyi-venture';
    const ws = wb.addWorksheet(en ? 'Sheets' : '评分表');
    ws.columns = [
      { header: en ? 'Number' : '项目编号', key: 'number', width: 16 },
      { header: en ? 'Judge' : '评委', key: 'judge', width: 20 },
      { header: en ? 'Group' : '类别', key: 'group', width: 12 },
      { header: en ? 'Status' : '状态', key: 'status', width: 10 },
      ...rubric.criteria.map((c) => ({
        header: `${en ? c.labelEn : c.label} (${c.maxPoints})`,
        key: `c_${c.id}`,
        width: 14,
      })),
      { header: en ? 'Comments' : '评语', key: 'comments', width: 40 },
    ];
    ws.getRow(1).font = { bold: true };
    for (const s of sheets)
      ws.addRow({
        number: s.proposal?.number ?? '',
        judge: neutraliseFormula(s.member?.user?.name),
        group: s.member?.group ?? '',
        status: s.status,
        ...Object.fromEntries(
          rubric.criteria.map((c) => [
            `c_${c.id}`,
            s.scores[c.id] === null ? 'N/A' : (s.scores[c.id] ?? ''),
          ]),
        ),
        comments: neutraliseFormula(
          [...Object.values(s.comments ?? {}), s.overall ?? ''].filter(Boolean).join(' / '),
        ),
      });
    const rs = wb.addWorksheet(en ? 'Results' : '汇总');
    rs.columns = [
      { header: en ? 'Number' : '项目编号', key: 'number', width: 16 },
      { header: en ? 'Project' : '项目名称', key: 'title', width: 36 },
      { header: en ? 'Aggregate' : '汇总分', key: 'score', width: 10 },
      { header: en ? 'Final' : '最终得分', key: 'final', width: 10 },
      { header: en ? 'How it was computed' : '计算说明', key: 'why', width: 60 },
    ];
    rs.getRow(1).font = { bold: true };
    for (const r of (await this.results(callId, locale)).proposals)
      rs.addRow({
        number: r.number,
        title: neutraliseFormula(r.title),
        score: r.score,
        final: r.final,
        why: neutraliseFormula(r.explanation.join('；')),
      });
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  /** The call's chair, or a street admin: 403 otherwise (the live board, the progress). */
  async chairOrAdmin(actor: Actor, callId: number): Promise<void> {
    if (actor.roles.includes(Role.StreetAdmin)) return;
    await this.chair(actor, callId, this.ds.manager);
  }

  private async chair(actor: Actor, callId: number, m: EntityManager): Promise<PanelMember> {
    const seat = await m.findOneBy(PanelMember, { callId, userId: actor.userId });
    if (!seat?.isChair) throw ReviewsError.error('chair_only');
    return seat;
  }

  private async eligible(m: EntityManager, callId: number) {
    const rows = await m
      .getRepository(Proposal)
      .createQueryBuilder('p')
      .innerJoin(ProposalVersion, 'v', 'v.proposalId = p.id AND v.version = p.currentVersion')
      .select(['p.id AS id', 'p.number AS number', 'v.title AS title'])
      .where('p.callId = :callId AND p.status = :eligible', {
        callId,
        eligible: ProposalStatus.Eligible,
      })
      .orderBy('p.number', 'ASC')
      .getRawMany<{ id: number; number: string; title: string }>();
    return rows.map((r) => ({ ...r, id: Number(r.id) }));
  }
}
