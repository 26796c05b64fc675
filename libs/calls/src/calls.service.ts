import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainEvents, ReadCache, rowLock, transactionWithRetry } from '@gv/database';
import { DataSource, EntityManager, In } from 'typeorm';
import { AppException, Clock, Page, pageParams, toInstant, toPage } from '@gv/core';
import { AuditService } from '@gv/audit';
import { Need } from '@gv/needs';
import { notify, NotificationEvent } from '@gv/notifications';
import { JobHandler, JobName } from '@gv/queue';
import { orgMembers, streetStaff } from '@gv/accounts';
import { CallDto, CallListQuery } from './dto/calls.dto';
import { CallChecklistItem } from './entities/call-checklist-item.entity';
import { CallNeed } from './entities/call-need.entity';
import {
  Call,
  CALL_DATE_FIELDS,
  CALL_PHASES,
  CallPhase,
  phaseStarts,
} from './entities/call.entity';
import { CallsError } from './calls.errors';
import { CallEvents, CallLimitsChangingEvent } from './call-events';

const DATE_FIELDS = CALL_DATE_FIELDS;

/** The phase a call's timeline gives at `now`. */
export function phaseAt(call: Call, now: Date): CallPhase {
  let phase = CallPhase.Upcoming;
  for (const [p, start] of phaseStarts(call)) if (start.getTime() <= now.getTime()) phase = p;
  return phase;
}

/**
 * Where the scheduled sweep takes a call at `now`: forward to the latest phase whose start date has
 * passed, several phases at once after downtime, but only for start dates after the last switch by
 * hand (those before it were the street office's to decide). Never backwards.
 */
export function sweepTarget(call: Call, now: Date): CallPhase {
  const after = call.phaseSetByHandAt?.getTime() ?? -Infinity;
  let target = call.phase;
  for (const [p, start] of phaseStarts(call)) {
    const t = start.getTime();
    if (t <= now.getTime() && t > after && CALL_PHASES.indexOf(p) > CALL_PHASES.indexOf(target))
      target = p;
  }
  return target;
}

/** By hand: the next phase, or back to an earlier one; never a jump forward over a phase. */
export function isAllowedManualSwitch(from: CallPhase, to: CallPhase): boolean {
  const a = CALL_PHASES.indexOf(from);
  const b = CALL_PHASES.indexOf(to);
  return b === a + 1 || b < a;
}

export interface CallDetail {
  call: Call;
  checklist: CallChecklistItem[];
  needs: Need[];
}

@Injectable()
export class CallsService {
  /** Call list pages with their totals, per filter and page (see ReadCache). */
  private readonly lists = new ReadCache<[Call[], number]>(100);

  private readonly logger = new Logger('Calls');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly events: DomainEvents,
  ) {}

  async create(actorId: number, dto: CallDto): Promise<Call> {
    const fields = this.validate(dto);
    return this.ds.transaction(async (m) => {
      await this.ensureCodeFree(m, fields.code, fields.year);
      const call = m.create(Call, {
        ...fields,
        phase: CallPhase.Upcoming,
        lastNumber: 0,
        screeningPublishedAt: null,
        createdById: actorId,
      });
      call.phase = phaseAt(call, this.clock.now());
      await m.save(call);
      await this.replaceChildren(m, call.id, dto);
      await this.audit.record(m, {
        action: 'call.created',
        entity: 'call',
        entityId: call.id,
        after: { title: call.title, budgetCapFen: call.budgetCapFen, phase: call.phase },
      });
      return call;
    });
  }

  async update(id: number, dto: CallDto): Promise<Call> {
    const fields = this.validate(dto);
    return transactionWithRetry(this.ds, async (m) => {
      const call = await m.getRepository(Call).findOne({ where: { id }, lock: rowLock(this.ds) });
      if (!call) throw AppException.notFound();
      await this.ensureCodeFree(m, fields.code, fields.year, id);
      const before = {
        title: call.title,
        budgetCapFen: call.budgetCapFen,
        minGrantFen: call.minGrantFen,
        maxGrantFen: call.maxGrantFen,
        submissionDeadline: call.submissionDeadline,
      };
      if (
        call.budgetCapFen !== fields.budgetCapFen ||
        call.minGrantFen !== fields.minGrantFen ||
        call.maxGrantFen !== fields.maxGrantFen
      )
        // Contexts above (proposals, later funding) refuse limits that what they hold would break.
        await this.events.publish<CallLimitsChangingEvent>(m, {
          type: CallEvents.LimitsChanging,
          callId: call.id,
          budgetCapFen: fields.budgetCapFen,
          minGrantFen: fields.minGrantFen,
          maxGrantFen: fields.maxGrantFen,
        });
      Object.assign(call, fields);
      await m.save(call);
      await this.replaceChildren(m, call.id, dto);
      await this.audit.record(m, {
        action: 'call.updated',
        entity: 'call',
        entityId: call.id,
        before,
        after: {
          title: call.title,
          budgetCapFen: call.budgetCapFen,
          minGrantFen: call.minGrantFen,
          maxGrantFen: call.maxGrantFen,
          submissionDeadline: call.submissionDeadline,
        },
      });
      return call;
    });
  }

  /** Proposal numbers are <code>-<year>-<n>: one call per code and year (the unique index catches a race: 409). */
  private async ensureCodeFree(m: EntityManager, code: string, year: number, except?: number) {
    const other = await m.getRepository(Call).findOneBy({ code, year });
    if (other && other.id !== except) throw CallsError.error('call_code_taken', { code, year });
  }

  /** Screening of the call was published (its public list of eligible proposals opens); in the caller's transaction. */
  async markScreeningPublished(m: EntityManager, callId: number, at: Date): Promise<void> {
    await m.update(Call, callId, { screeningPublishedAt: at });
  }

  /** A call with its checklist and needs; `publicOnly`: an upcoming call is not there yet (404), as in the list. */
  async get(id: number, publicOnly = false): Promise<CallDetail> {
    const call = Number.isSafeInteger(id)
      ? await this.ds.getRepository(Call).findOneBy({ id })
      : null;
    if (!call || (publicOnly && call.phase === CallPhase.Upcoming)) throw AppException.notFound();
    const checklist = await this.ds
      .getRepository(CallChecklistItem)
      .find({ where: { callId: id }, order: { position: 'ASC' } });
    const links = await this.ds.getRepository(CallNeed).find({ where: { callId: id } });
    const needs = links.length
      ? await this.ds.getRepository(Need).find({
          where: { id: In(links.map((l) => l.needId)) },
          relations: { community: true },
          order: { id: 'ASC' },
        })
      : [];
    return { call, checklist, needs };
  }

  /** The newest competition (by year, then creation): the menus' "current" entries; 404 when none. */
  async newest(): Promise<Call> {
    const [call] = await this.ds
      .getRepository(Call)
      .find({ order: { year: 'DESC', id: 'DESC' }, take: 1 });
    if (!call) throw AppException.notFound();
    return call;
  }

  /**
   * The newest competition that has reached `phase` (by year, then creation), else the newest: the
   * "current" entry of a stage's menu (roadshows, reviews, funding) skips a later competition still
   * taking submissions.
   */
  async newestFrom(phase: CallPhase): Promise<Call> {
    const reached = CALL_PHASES.slice(CALL_PHASES.indexOf(phase));
    const [call] = await this.ds.getRepository(Call).find({
      where: { phase: In(reached) },
      order: { year: 'DESC', id: 'DESC' },
      take: 1,
    });
    return call ?? this.newest();
  }

  async list(q: CallListQuery, publicOnly = false): Promise<Page<Call>> {
    const { page, pageSize, skip, take } = pageParams(q);
    // Every staff filter lists the calls: read once per change; callers get copies.
    const key = JSON.stringify([q.phase ?? null, publicOnly, skip, take]);
    const [items, total] = await this.lists.get(key, () => {
      const qb = this.ds.getRepository(Call).createQueryBuilder('c');
      if (q.phase) qb.andWhere('c.phase = :phase', { phase: q.phase });
      if (publicOnly) qb.andWhere('c.phase != :upcoming', { upcoming: CallPhase.Upcoming });
      return qb
        .orderBy('c.year', 'DESC')
        .addOrderBy('c.id', 'DESC')
        .skip(skip)
        .take(take)
        .getManyAndCount();
    });
    return toPage(
      items.map((c) => Object.assign(new Call(), c)),
      total,
      page,
      pageSize,
    );
  }

  /**
   * Switches a call's phase by hand, with a reason: to the next phase, or back to an earlier one;
   * skipping phases is refused (409). Audited and announced.
   */
  async changePhase(id: number, phase: CallPhase, reason: string): Promise<Call> {
    return transactionWithRetry(this.ds, async (m) => {
      const call = await m.getRepository(Call).findOne({ where: { id }, lock: rowLock(this.ds) });
      if (!call) throw AppException.notFound();
      if (call.phase === phase) throw CallsError.error('call_phase_unchanged');
      if (!isAllowedManualSwitch(call.phase, phase))
        throw CallsError.error('call_phase_skip', { from: call.phase, to: phase });
      call.phaseSetByHandAt = this.clock.now();
      await m.update(Call, call.id, { phaseSetByHandAt: call.phaseSetByHandAt });
      await this.applyPhase(m, call, phase, reason, 'manual');
      return call;
    });
  }

  /** The scheduled sweep: moves each call forward to the phase its dates give (see sweepTarget). Idempotent. */
  @JobHandler(JobName.SweepCallPhases)
  async sweepPhases(): Promise<number> {
    const now = this.clock.now();
    let changed = 0;
    const calls = await this.ds.getRepository(Call).find({
      where: { phase: In(CALL_PHASES.filter((p) => p !== CallPhase.Closed)) },
      order: { id: 'ASC' },
      take: 500,
    });
    for (const c of calls) {
      if (sweepTarget(c, now) === c.phase) continue;
      await this.ds.transaction(async (m) => {
        const call = await m
          .getRepository(Call)
          .findOne({ where: { id: c.id }, lock: rowLock(this.ds) });
        // Re-check under the lock: another sweep or a manual switch may have moved it already.
        const target = call && sweepTarget(call, now);
        if (!call || !target || target === call.phase) return;
        await this.applyPhase(m, call, target, null, 'schedule');
        changed++;
      });
    }
    if (changed) this.logger.log({ changed }, 'call phases advanced');
    return changed;
  }

  private async applyPhase(
    m: EntityManager,
    call: Call,
    phase: CallPhase,
    reason: string | null,
    by: 'manual' | 'schedule',
  ): Promise<void> {
    const from = call.phase;
    call.phase = phase;
    await m.update(Call, call.id, { phase });
    await this.audit.record(m, {
      action: 'call.phase_changed',
      entity: 'call',
      entityId: call.id,
      before: { phase: from },
      after: { phase, reason, by },
      ...(by === 'schedule' ? { actorId: null, actorLabel: 'system' } : {}),
    });
    const orgRows = await m
      .createQueryBuilder()
      .select('DISTINCT p.organisationId', 'organisationId')
      .from('proposal', 'p')
      .where('p.callId = :id', { id: call.id })
      .getRawMany<{ organisationId: number }>();
    const recipients = [
      ...(await streetStaff(m)),
      ...(await orgMembers(
        m,
        orgRows.map((r) => Number(r.organisationId)),
      )),
    ];
    await notify(
      m,
      NotificationEvent.CallPhaseChanged,
      recipients,
      { callId: call.id },
      { dedupeKey: `callId=${call.id}&from=${from}&to=${phase}&at=${Date.now()}` },
    );
  }

  private validate(dto: CallDto) {
    const dates = Object.fromEntries(
      DATE_FIELDS.map((f) => [f, toInstant(dto[f]) as Date]),
    ) as Record<(typeof DATE_FIELDS)[number], Date>;
    const errors = [];
    for (let i = 1; i < DATE_FIELDS.length; i++) {
      if (dates[DATE_FIELDS[i]].getTime() < dates[DATE_FIELDS[i - 1]].getTime())
        errors.push({ field: DATE_FIELDS[i], code: 'timeline_order' });
    }
    if (dto.minGrantFen > dto.maxGrantFen)
      errors.push({ field: 'minGrantFen', code: 'min_above_max' });
    if (dto.maxGrantFen > dto.budgetCapFen)
      errors.push({ field: 'maxGrantFen', code: 'max_above_cap' });
    if (errors.length) throw AppException.validation(errors);
    return {
      code: dto.code.toUpperCase(),
      title: dto.title,
      year: dto.year,
      tracks: [...new Set(dto.tracks)],
      description: dto.description ?? '',
      budgetCapFen: dto.budgetCapFen,
      minGrantFen: dto.minGrantFen,
      maxGrantFen: dto.maxGrantFen,
      maxProposalsPerOrg: dto.maxProposalsPerOrg,
      rubric: dto.rubric ?? '',
      ...dates,
    };
  }

  private async replaceChildren(m: EntityManager, callId: number, dto: CallDto): Promise<void> {
    // Checklist items are kept by position so screening results stay attached when labels are edited.
    const existing = await m
      .getRepository(CallChecklistItem)
      .find({ where: { callId }, order: { position: 'ASC' } });
    for (const [i, label] of dto.checklist.entries()) {
      if (existing[i]) await m.update(CallChecklistItem, existing[i].id, { label });
      else await m.insert(CallChecklistItem, { callId, position: i + 1, label });
    }
    if (existing.length > dto.checklist.length)
      await m.delete(CallChecklistItem, {
        id: In(existing.slice(dto.checklist.length).map((e) => e.id)),
      });
    await m.delete(CallNeed, { callId });
    const needIds = [...new Set(dto.needIds ?? [])];
    if (needIds.length) {
      const found = await m.getRepository(Need).countBy({ id: In(needIds) });
      if (found !== needIds.length)
        throw AppException.validation([{ field: 'needIds', code: 'unknown_need' }]);
      await m.insert(
        CallNeed,
        needIds.map((needId) => ({ callId, needId })),
      );
    }
  }
}
