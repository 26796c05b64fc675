import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Redis } from 'ioredis';
import {
  RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import { DataSource, EntityManager, In, LessThan } from 'typeorm';
import { AccountsError, User } from '@gv/accounts';
import { AuditService } from '@gv/audit';
import { Call, CallPhase } from '@gv/calls';
import { AppConfig } from '@gv/config';
import { Actor, AppException, Locale, Page, PageQuery, pageParams, Role, toPage } from '@gv/core';
import { rowLock, transactionWithRetry } from '@gv/database';
import { NotificationEvent, notify } from '@gv/notifications';
import { Proposal } from '@gv/proposals';
import { createRedis, JobHandler, JobName } from '@gv/queue';
import { ObjectionAnswerDto, ObjectionDto } from './dto/publicity.dto';
import { FundingRun } from './entities/funding.entity';
import { FundingPlacement } from './entities/placement.entity';
import { Objection, Publicity } from './entities/publicity.entity';
import { FundingError } from './funding.errors';
import { FundingService } from './funding.service';
import { WorkCalendarService } from './work-calendar.service';

/** Placements that give a funded project its host community (accepted or still awaiting the answer). */
const HOSTED: readonly FundingPlacement['status'][] = ['placed', 'accepted'];
/** Objections one address may file per hour (the form is public). */
const OBJECTIONS_PER_ADDRESS_PER_HOUR = 20;

/** `wang@example.cn` → `w***@example.cn`: enough for staff to tell objectors apart, nothing more. */
export function maskEmail(email: string): string {
  const [user = '', domain = ''] = email.split('@');
  return `${user.slice(0, 1)}***@${domain}`;
}

export interface ObjectionView {
  id: number;
  round: number;
  proposalId: number | null;
  projectNumber: string | null;
  projectTitle: string | null;
  name: string;
  email: string;
  body: string;
  status: Objection['status'];
  reply: string | null;
  repliedAt: Date | null;
  createdAt: Date;
}

/**
 * 公示: publishes the approved, placed decision for a period of working days (the official calendar),
 * takes objections (异议) from residents and organisations, records staff's answer to each (an upheld one
 * reopens the decision: a revised ranking version is approved, placed and published as the next round),
 * and makes the results final when a period ends with no open objection, or on the street office's
 * recorded decision. Letters go to the organisations through the notification outbox.
 */
@Injectable()
export class PublicityService implements OnApplicationShutdown {
  private readonly logger = new Logger('Publicity');
  private readonly redis?: Redis;
  private readonly objectionAddress: RateLimiterAbstract;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly funding: FundingService,
    private readonly calendar: WorkCalendarService,
    config: AppConfig,
  ) {
    // As RateLimits (@gv/accounts): Redis shared by every api instance, memory when embedded.
    if (config.REDIS_URL)
      this.redis = createRedis(config.REDIS_URL, 'gv-objection-limits', { failFast: true });
    this.objectionAddress = this.redis
      ? new RateLimiterRedis({
          storeClient: this.redis,
          keyPrefix: `${config.QUEUE_PREFIX}:rl:objection-address`,
          points: OBJECTIONS_PER_ADDRESS_PER_HOUR,
          duration: 3600,
        })
      : new RateLimiterMemory({
          keyPrefix: 'objection-address',
          points: OBJECTIONS_PER_ADDRESS_PER_HOUR,
          duration: 3600,
        });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis?.quit().catch(() => undefined);
  }

  // ── reads ───────────────────────────────────────────────────────────────────────────────────

  /** The newest round of a call, or null before the first publication. */
  latest(callId: number, m: EntityManager = this.ds.manager): Promise<Publicity | null> {
    return m.findOne(Publicity, { where: { callId }, order: { round: 'DESC' } });
  }

  /** Every round of a call, newest first, with its objections counted by status. */
  async rounds(callId: number, m: EntityManager = this.ds.manager) {
    const rounds = await m.find(Publicity, { where: { callId }, order: { round: 'DESC' } });
    const objections = rounds.length
      ? await m.find(Objection, {
          where: { publicityId: In(rounds.map((r) => r.id)) },
          select: { id: true, publicityId: true, status: true },
        })
      : [];
    return rounds.map((r) => {
      const mine = objections.filter((o) => o.publicityId === r.id);
      const n = (s: Objection['status']) => mine.filter((o) => o.status === s).length;
      return {
        ...r,
        objections: {
          total: mine.length,
          open: n('open'),
          upheld: n('upheld'),
          rejected: n('rejected'),
        },
      };
    });
  }

  /** The call's objections (every round), newest first; the objector's email masked. */
  async objections(callId: number, q: PageQuery = {}): Promise<Page<ObjectionView>> {
    const { page, pageSize, skip, take } = pageParams(q, 20);
    const [rows, total] = await this.ds.getRepository(Objection).findAndCount({
      where: { callId },
      relations: { publicity: true },
      order: { id: 'DESC' },
      skip,
      take,
    });
    const ids = rows.map((o) => o.proposalId).filter((x): x is number => x !== null);
    const projects = ids.length
      ? await this.ds.getRepository(Proposal).find({
          where: { id: In(ids) },
          select: { id: true, number: true, title: true },
        })
      : [];
    const items = rows.map((o) => {
      const p = projects.find((x) => x.id === o.proposalId);
      return {
        id: o.id,
        round: o.publicity?.round ?? 0,
        proposalId: o.proposalId,
        projectNumber: p?.number ?? null,
        projectTitle: p?.title ?? null,
        name: o.name,
        email: maskEmail(o.email),
        body: o.body,
        status: o.status,
        reply: o.reply,
        repliedAt: o.repliedAt,
        createdAt: o.createdAt,
      };
    });
    return toPage(items, total, page, pageSize);
  }

  // ── publish ─────────────────────────────────────────────────────────────────────────────────

  /**
   * Publishes the approved, placed decision as round n: the objection deadline is the end of the Nth
   * working day after `now` (Shanghai, `FundingSettings.objectionWorkingDays`). 409 funding_not_approved
   * without an approved version (after a reopening: without a newly approved one), placement_pending
   * while a funded project has no host community, calendar_year_missing {year}, funding_already_published
   * while a round is open or final. Award and not-funded letters go to each proposal's organisation
   * members (deduplicated per round). Audited.
   */
  async publish(actor: Actor, callId: number, now: Date = new Date()): Promise<Publicity> {
    return transactionWithRetry(this.ds, async (m) => {
      const call = Number.isSafeInteger(callId)
        ? await m.findOne(Call, { where: { id: callId }, lock: rowLock(m) })
        : null;
      if (!call) throw AppException.notFound();
      const latest = await this.latest(call.id, m);
      if (latest && latest.status !== 'reopened')
        throw FundingError.error('funding_already_published');
      const run = await this.funding.approvedRun(call.id, m);
      if (!run || (latest && latest.runId === run.id))
        throw FundingError.error('funding_not_approved');
      const awards = await this.funding.awards(call.id, m);
      const placements = await m.findBy(FundingPlacement, { callId: call.id });
      const pending = awards.filter(
        (a) =>
          !placements.some(
            (p) =>
              p.proposalId === a.proposalId && p.communityId !== null && HOSTED.includes(p.status),
          ),
      );
      if (pending.length) throw FundingError.error('placement_pending', { n: pending.length });
      const s = await this.funding.settings(call.id, m);
      const deadline = await this.calendar.deadline(m, now, s.objectionWorkingDays);
      const round = (latest?.round ?? 0) + 1;
      await m.insert(Publicity, {
        callId: call.id,
        runId: run.id,
        round,
        publishedAt: now,
        deadline,
        workingDays: s.objectionWorkingDays,
        contact: s.objectionContact,
        status: 'open',
        finalisedAt: null,
        finalisedBy: null,
        decisionReason: '',
        publishedById: actor.userId,
      });
      const publicity = await m.findOneByOrFail(Publicity, { callId: call.id, round });
      const letters = await this.sendLetters(
        m,
        publicity,
        run,
        awards.map((a) => a.proposalId),
      );
      await this.audit.record(m, {
        action: 'publicity.published',
        entity: 'call',
        entityId: call.id,
        actorId: actor.userId,
        after: {
          publicityId: publicity.id,
          round,
          runId: run.id,
          deadline: deadline.toISOString(),
          workingDays: s.objectionWorkingDays,
          funded: awards.length,
          letters,
        },
      });
      return publicity;
    });
  }

  /** One letter per proposal of the round (funded or not) to its organisation's active members. */
  private async sendLetters(
    m: EntityManager,
    publicity: Publicity,
    run: FundingRun,
    funded: number[],
  ): Promise<number> {
    const lines = await this.funding.runLines(run.id, m);
    const ids = [...new Set([...lines.map((l) => l.proposalId), ...funded])];
    if (!ids.length) return 0;
    const proposals = await m.find(Proposal, {
      where: { id: In(ids) },
      select: { id: true, organisationId: true },
    });
    const members = await m.find(User, {
      where: {
        organisationId: In([...new Set(proposals.map((p) => p.organisationId))]),
        role: Role.OrgMember,
        active: true,
      },
    });
    let sent = 0;
    for (const p of proposals) {
      const to = members.filter((u) => u.organisationId === p.organisationId);
      if (!to.length) continue;
      const event = funded.includes(p.id)
        ? NotificationEvent.FundingAwardLetter
        : NotificationEvent.FundingNotFundedLetter;
      await notify(
        m,
        event,
        to.map((u) => ({ userId: u.id, email: u.email, locale: u.locale })),
        { proposalId: p.id, publicityId: publicity.id },
        { dedupeKey: `publicity=${publicity.id}|round=${publicity.round}|proposal=${p.id}` },
      );
      sent++;
    }
    return sent;
  }

  // ── objections ──────────────────────────────────────────────────────────────────────────────

  /**
   * Files an objection to the call's open round: 409 publicity_not_open without one (or while the
   * decision is being revised), publicity_closed after the deadline (nothing stored); throttled per
   * address. The email is kept for the reply only.
   */
  async fileObjection(
    callId: number,
    dto: ObjectionDto,
    address: string,
    userId: number | null,
    now: Date = new Date(),
  ): Promise<Objection> {
    const call = Number.isSafeInteger(callId)
      ? await this.ds.getRepository(Call).findOneBy({ id: callId })
      : null;
    if (!call || call.phase === CallPhase.Upcoming) throw AppException.notFound();
    await this.take(address);
    return transactionWithRetry(this.ds, async (m) => {
      const latest = await this.latest(call.id, m);
      const round = latest
        ? await m.findOne(Publicity, { where: { id: latest.id }, lock: rowLock(m) })
        : null;
      if (!round || round.status === 'reopened') throw FundingError.error('publicity_not_open');
      if (round.status === 'final' || now.getTime() > round.deadline.getTime())
        throw FundingError.error('publicity_closed');
      if (dto.proposalId !== undefined) {
        const lines = await this.funding.runLines(round.runId, m);
        if (!lines.some((l) => l.proposalId === dto.proposalId))
          throw AppException.validation([
            { field: 'proposalId', code: 'objection_project_unknown' },
          ]);
      }
      const { identifiers } = await m.insert(Objection, {
        publicityId: round.id,
        callId: call.id,
        proposalId: dto.proposalId ?? null,
        userId,
        name: dto.name,
        email: dto.email,
        body: dto.body,
        status: 'open',
        reply: null,
        repliedById: null,
        repliedAt: null,
      });
      const saved = await m.findOneByOrFail(Objection, { id: Number(identifiers[0]['id']) });
      await this.audit.record(m, {
        action: 'publicity.objection_filed',
        entity: 'call',
        entityId: call.id,
        actorId: userId,
        actorLabel: userId ? `user:${userId}` : 'public',
        after: { objectionId: saved.id, round: round.round, proposalId: saved.proposalId },
      });
      return saved;
    });
  }

  /**
   * Staff answer an objection: upheld (the round is reopened and FundingService.reopen lets a revised
   * version be approved) or rejected, with the reply recorded and mailed to the objector. 409
   * objection_answered when already answered. Audited.
   */
  async answer(
    actor: Actor,
    callId: number,
    dto: ObjectionAnswerDto,
    now: Date = new Date(),
  ): Promise<{ objection: Objection; reopened: boolean }> {
    const result = await transactionWithRetry(this.ds, async (m) => {
      const o = await m.findOne(Objection, {
        where: { id: dto.objectionId, callId },
        lock: rowLock(m),
      });
      if (!o) throw AppException.notFound();
      if (o.status !== 'open') throw FundingError.error('objection_answered');
      const round = await m.findOneOrFail(Publicity, {
        where: { id: o.publicityId },
        lock: rowLock(m),
      });
      if (round.status === 'final') throw FundingError.error('publicity_not_open');
      await m.update(Objection, o.id, {
        status: dto.decision,
        reply: dto.reply,
        repliedById: actor.userId,
        repliedAt: now,
      });
      const reopened = dto.decision === 'upheld' && round.status === 'open';
      if (reopened) await m.update(Publicity, round.id, { status: 'reopened' });
      const user = o.userId ? await m.findOneBy(User, { id: o.userId }) : null;
      const locale: Locale = user?.locale ?? 'zh-CN';
      await notify(
        m,
        NotificationEvent.FundingObjectionAnswered,
        [{ userId: user?.id ?? null, email: o.email, locale }],
        { objectionId: o.id },
      );
      await this.audit.record(m, {
        action: 'publicity.objection_answered',
        entity: 'call',
        entityId: callId,
        actorId: actor.userId,
        before: { objectionId: o.id, status: o.status, round: round.round },
        after: { objectionId: o.id, status: dto.decision, reply: dto.reply, reopened },
      });
      return { objection: await m.findOneByOrFail(Objection, { id: o.id }), reopened };
    });
    if (result.reopened)
      await this.funding.reopen(
        actor,
        callId,
        `objection ${result.objection.id} upheld: ${dto.reply}`.slice(0, 500),
      );
    return result;
  }

  // ── final ───────────────────────────────────────────────────────────────────────────────────

  /** The scheduled sweep: rounds whose period has ended with no open objection become final. */
  @JobHandler(JobName.FinalisePublicity)
  async finaliseSweep(): Promise<void> {
    const n = await this.finaliseDue(new Date());
    if (n) this.logger.log({ finalised: n }, 'publicity rounds finalised');
  }

  /**
   * Marks every open round whose deadline is before `now` and that has no open objection `final`
   * (`finalisedBy: 'period'`). Idempotent: each round is re-checked under its row lock.
   */
  async finaliseDue(now: Date): Promise<number> {
    const due = await this.ds.getRepository(Publicity).find({
      where: { status: 'open', deadline: LessThan(now) },
      order: { id: 'ASC' },
      take: 200,
    });
    let done = 0;
    for (const d of due)
      await transactionWithRetry(this.ds, async (m) => {
        const round = await m.findOne(Publicity, { where: { id: d.id }, lock: rowLock(m) });
        if (!round || round.status !== 'open' || round.deadline.getTime() >= now.getTime()) return;
        if (await m.existsBy(Objection, { publicityId: round.id, status: 'open' })) return;
        await m.update(Publicity, round.id, {
          status: 'final',
          finalisedAt: now,
          finalisedBy: 'period',
        });
        await this.audit.record(m, {
          action: 'publicity.finalised',
          entity: 'call',
          entityId: round.callId,
          actorId: null,
          actorLabel: 'system',
          after: { publicityId: round.id, round: round.round, by: 'period' },
        });
        done++;
      });
    return done;
  }

  /**
   * The street office's recorded decision makes the open round final (with its reason), e.g. when
   * the period is over; 409 publicity_not_open without an open round, publicity_objections_open while
   * an objection awaits its answer. Audited.
   */
  async finaliseByDecision(
    actor: Actor,
    callId: number,
    reason: string,
    now: Date = new Date(),
  ): Promise<Publicity> {
    return transactionWithRetry(this.ds, async (m) => {
      const latest = await this.latest(callId, m);
      const round = latest
        ? await m.findOne(Publicity, { where: { id: latest.id }, lock: rowLock(m) })
        : null;
      if (!round || round.status !== 'open') throw FundingError.error('publicity_not_open');
      if (await m.existsBy(Objection, { publicityId: round.id, status: 'open' }))
        throw FundingError.error('publicity_objections_open');
      await m.update(Publicity, round.id, {
        status: 'final',
        finalisedAt: now,
        finalisedBy: 'decision',
        decisionReason: reason,
      });
      await this.audit.record(m, {
        action: 'publicity.finalised',
        entity: 'call',
        entityId: callId,
        actorId: actor.userId,
        after: { publicityId: round.id, round: round.round, by: 'decision', reason },
      });
      return m.findOneByOrFail(Publicity, { id: round.id });
    });
  }

  private async take(address: string): Promise<void> {
    try {
      await this.objectionAddress.consume(address || 'unknown');
    } catch (res) {
      if (!(res instanceof RateLimiterRes)) {
        this.logger.warn({ err: (res as Error)?.message }, 'rate limit store unavailable');
        throw new AppException(503, 'service_unavailable');
      }
      throw AccountsError.error('too_many_requests', {
        retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
      });
    }
  }
}
