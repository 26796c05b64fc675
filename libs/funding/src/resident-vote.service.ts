import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Redis } from 'ioredis';
import {
  IRateLimiterOptions,
  RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import { DataSource, EntityManager, In } from 'typeorm';
import { methodOfEqualShares, MesResult } from '@gv/allocation';
import { AccountsError } from '@gv/accounts';
import { AuditService } from '@gv/audit';
import { Call, CallPhase } from '@gv/calls';
import { AppConfig } from '@gv/config';
import { Actor, AppException, Locale } from '@gv/core';
import { rowLock, transactionWithRetry } from '@gv/database';
import { NotificationContentFor, NotificationEvent, notify } from '@gv/notifications';
import { exportCallToPb } from '@gv/pabulib';
import { createRedis } from '@gv/queue';
import { Proposal, ProposalStatus } from '@gv/proposals';
import { fromInt, rational, Rational } from '@gv/rational';
import { VoteSettingsDto } from './dto/resident-vote.dto';
import { FundingSettings } from './entities/funding.entity';
import { ResidentVote, ResidentVoter } from './entities/resident-vote.entity';
import { FundingError } from './funding.errors';

/** The mailed code works this long, for this many tries. */
export const VOTE_CODE_MINUTES = 30;
export const VOTE_CODE_TRIES = 5;
/** The voter's cookie (a random token; only its sha256 is stored). */
export const VOTER_COOKIE = 'gv_voter';
/** The event of the confirmation-code mail (templates libs/funding/mail/resident.vote_code.*). */
export const VOTE_CODE_EVENT = NotificationEvent.ResidentVoteCode;

const sha256 = (v: string) => createHash('sha256').update(v).digest('hex');
const normalEmail = (e: string) => e.trim().toLowerCase();

/**
 * The approvals that count for a call: of confirmed voters only (a voided voter's approvals stay in the
 * table, audited, but no longer count), on proposals still eligible.
 */
export async function countedBallots(
  m: EntityManager,
  callId: number,
): Promise<Map<number, number[]>> {
  const rows = await m
    .getRepository(ResidentVote)
    .createQueryBuilder('v')
    .innerJoin(ResidentVoter, 'r', 'r.id = v.voterId')
    .innerJoin(Proposal, 'p', 'p.id = v.proposalId')
    .where('v.callId = :callId AND r.status = :confirmed AND p.status = :eligible', {
      callId,
      confirmed: 'confirmed',
      eligible: ProposalStatus.Eligible,
    })
    .select(['v.voterId AS voterId', 'v.proposalId AS proposalId'])
    .orderBy('v.voterId', 'ASC')
    .addOrderBy('v.proposalId', 'ASC')
    .getRawMany<{ voterId: number | string; proposalId: number | string }>();
  const ballots = new Map<number, number[]>();
  for (const r of rows) {
    const v = Number(r.voterId);
    if (!ballots.has(v)) ballots.set(v, []);
    ballots.get(v)!.push(Number(r.proposalId));
  }
  return ballots;
}

/** Approvals per proposal (counted ones only). */
export function approvalCounts(ballots: Map<number, number[]>): Map<number, number> {
  const counts = new Map<number, number>();
  for (const b of ballots.values()) for (const p of b) counts.set(p, (counts.get(p) ?? 0) + 1);
  return counts;
}

/**
 * 'weighted' mode: the vote score of a proposal is 100 × its approvals / the largest number of approvals
 * of any proposal of the call (0 when nobody approved anything); the final score is
 * (100 − w)% × the panel score + w% × the vote score, exact (rationals), w = voteWeightPct.
 */
export function weightedScore(
  panel: Rational,
  approvals: number,
  maxApprovals: number,
  weightPct: number,
): Rational {
  const vote = maxApprovals > 0 ? rational(100 * approvals, maxApprovals) : fromInt(0);
  // ((100 − w) × panel + w × vote) / 100, over a common denominator
  const num =
    BigInt(100 - weightPct) * panel.num * vote.den + BigInt(weightPct) * vote.num * panel.den;
  return rational(num, panel.den * vote.den * 100n);
}

/**
 * The equal-shares outcome (平等份额法, `mes`): the residents' counted approvals as the ballots, the
 * budget as the money, with the add1 completion (equalshares.net's default; `equalshares/add1` in the
 * pabulib export), so the .pb file recomputes to the same winners.
 */
export function equalShares(
  projects: { id: number; cost: number }[],
  ballots: number[][],
  budget: number,
): MesResult {
  const ids = new Set(projects.map((p) => p.id));
  return methodOfEqualShares(
    projects.map((p) => ({ id: String(p.id), cost: p.cost })),
    ballots.map((b) => b.filter((p) => ids.has(p)).map(String)),
    budget,
    // budgets are in fen: the stride search needs ~2·sqrt(steps) runs (see MesOptions.add1Search)
    { completion: 'add1', add1Search: 'stride' },
  );
}

export interface VoteStatus {
  enabled: boolean;
  open: boolean;
  opensAt: Date | null;
  closesAt: Date | null;
  maxApprovals: number;
  mode: 'weighted' | 'equal_shares';
  weightPct: number;
}

/**
 * 居民网上议事厅: residents register with an email confirmed by a mailed 6-digit code (30 minutes, 5
 * tries; registrations and checks throttled per address and per email), then approve up to K eligible
 * projects of the call during the voting window. One confirmed email = one voter (the email's unique
 * index); the street office sees the counts and voids suspicious voters (audited).
 */
@Injectable()
export class ResidentVoteService implements OnApplicationShutdown {
  private readonly logger = new Logger('ResidentVote');
  private readonly redis?: Redis;
  private readonly registerAddress: RateLimiterAbstract;
  private readonly registerEmail: RateLimiterAbstract;
  private readonly checkAddress: RateLimiterAbstract;
  private readonly checkEmail: RateLimiterAbstract;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    config: AppConfig,
  ) {
    // Same store as RateLimits (@gv/accounts): Redis shared by every api instance, memory when embedded.
    if (config.REDIS_URL)
      this.redis = createRedis(config.REDIS_URL, 'gv-vote-limits', { failFast: true });
    const limiter = (name: string, opts: Omit<IRateLimiterOptions, 'keyPrefix'>) =>
      this.redis
        ? new RateLimiterRedis({
            storeClient: this.redis,
            keyPrefix: `${config.QUEUE_PREFIX}:rl:${name}`,
            ...opts,
          })
        : new RateLimiterMemory({ keyPrefix: name, ...opts });
    this.registerAddress = limiter('vote-register-address', { points: 30, duration: 3600 });
    this.registerEmail = limiter('vote-register-email', { points: 5, duration: 3600 });
    this.checkAddress = limiter('vote-check-address', { points: 60, duration: 900 });
    this.checkEmail = limiter('vote-check-email', { points: 12, duration: 3600 });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis?.quit().catch(() => undefined);
  }

  private async take(limiter: RateLimiterAbstract, key: string): Promise<void> {
    try {
      await limiter.consume(key || 'unknown');
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

  // ── the call's vote ─────────────────────────────────────────────────────────────────────────────

  /** The call (published only unless `any`) and its vote settings; 404 when the vote is off for the public. */
  async call(callId: number, any = false): Promise<{ call: Call; s: FundingSettings }> {
    const call = Number.isSafeInteger(callId)
      ? await this.ds.getRepository(Call).findOneBy({ id: callId })
      : null;
    if (!call || (!any && call.phase === CallPhase.Upcoming)) throw AppException.notFound();
    const s =
      (await this.ds.getRepository(FundingSettings).findOneBy({ callId })) ??
      Object.assign(new FundingSettings(), {
        callId,
        voteEnabled: false,
        voteOpensAt: null,
        voteClosesAt: null,
        voteMaxApprovals: 3,
        voteMode: 'weighted',
        voteWeightPct: 20,
      });
    return { call, s };
  }

  status(s: FundingSettings, now = new Date()): VoteStatus {
    return {
      enabled: s.voteEnabled,
      open: isOpen(s, now),
      opensAt: s.voteOpensAt,
      closesAt: s.voteClosesAt,
      maxApprovals: s.voteMaxApprovals,
      mode: s.voteMode,
      weightPct: s.voteWeightPct,
    };
  }

  /** The projects a resident can approve: the call's eligible proposals. */
  projects(callId: number) {
    return this.ds.getRepository(Proposal).find({
      where: { callId, status: ProposalStatus.Eligible },
      select: { id: true, number: true, title: true, totalFen: true, track: true },
      order: { number: 'ASC', id: 'ASC' },
      take: 2000,
    });
  }

  /** The street office sets the vote (window, K, mode, weight); audited. */
  async updateSettings(actor: Actor, callId: number, dto: VoteSettingsDto) {
    return transactionWithRetry(this.ds, async (m) => {
      if (!(await m.existsBy(Call, { id: callId }))) throw AppException.notFound();
      const opens = dto.opensAt ? new Date(dto.opensAt) : null;
      const closes = dto.closesAt ? new Date(dto.closesAt) : null;
      if (dto.enabled && (!opens || !closes || closes.getTime() <= opens.getTime()))
        throw AppException.validation([{ field: 'closesAt', code: 'vote_window_invalid' }]);
      // settings row (created with a random seed by FundingService on first use)
      let s = await m.findOne(FundingSettings, { where: { callId }, lock: rowLock(m) });
      if (!s) {
        await m
          .createQueryBuilder()
          .insert()
          .into(FundingSettings)
          .values({ callId, rule: 'greedy', seed: randomBytes(8).toString('hex') })
          .orIgnore()
          .execute();
        s = await m.findOneOrFail(FundingSettings, { where: { callId }, lock: rowLock(m) });
      }
      const values = {
        voteEnabled: dto.enabled,
        voteOpensAt: opens,
        voteClosesAt: closes,
        voteMaxApprovals: dto.maxApprovals,
        voteMode: dto.mode,
        voteWeightPct: dto.weightPct ?? s.voteWeightPct,
      };
      const before = {
        voteEnabled: s.voteEnabled,
        voteOpensAt: s.voteOpensAt,
        voteClosesAt: s.voteClosesAt,
        voteMaxApprovals: s.voteMaxApprovals,
        voteMode: s.voteMode,
        voteWeightPct: s.voteWeightPct,
      };
      await m.update(FundingSettings, s.id, values);
      await this.audit.record(m, {
        action: 'vote.settings_changed',
        entity: 'call',
        entityId: callId,
        actorId: actor.userId,
        before,
        after: values,
      });
      return this.status(Object.assign(s, values));
    });
  }

  // ── residents ───────────────────────────────────────────────────────────────────────────────────

  /**
   * Mails a 6-digit code to the email (through the outbox) for this call's vote; a new code replaces
   * the old one and resets the tries. Throttled per address and per email (429).
   */
  async register(callId: number, rawEmail: string, ip: string, locale: Locale): Promise<void> {
    const email = normalEmail(rawEmail);
    await this.take(this.registerAddress, ip);
    await this.take(this.registerEmail, email);
    const { s } = await this.call(callId);
    if (!s.voteEnabled) throw FundingError.error('vote_closed');
    if (!isOpen(s)) throw FundingError.error('vote_closed');
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    await transactionWithRetry(this.ds, async (m) => {
      await m
        .createQueryBuilder()
        .insert()
        .into(ResidentVoter)
        .values({ email, status: 'pending', codeAttempts: 0, voidReason: '' })
        .orIgnore()
        .execute();
      const voter = await m.findOneOrFail(ResidentVoter, { where: { email }, lock: rowLock(m) });
      if (voter.status === 'void') throw FundingError.error('voter_void');
      await m.update(ResidentVoter, voter.id, {
        codeHash: sha256(`${voter.id}:${code}`),
        codeExpiresAt: new Date(Date.now() + VOTE_CODE_MINUTES * 60_000),
        codeAttempts: 0,
      });
      // The clear code travels in the outbox payload (mail only; the table keeps its hash).
      await notify(m, VOTE_CODE_EVENT, [{ email, locale }], { callId, voterId: voter.id, code });
    });
  }

  /**
   * Checks the mailed code: right → the voter is confirmed and gets a fresh session token (returned
   * once; its hash is stored); wrong → one of the 5 tries is used; the fifth wrong one locks the code.
   */
  async confirm(callId: number, rawEmail: string, code: string, ip: string): Promise<string> {
    const email = normalEmail(rawEmail);
    await this.take(this.checkAddress, ip);
    await this.take(this.checkEmail, email);
    const { s } = await this.call(callId);
    if (!s.voteEnabled) throw FundingError.error('vote_closed');
    const result = await transactionWithRetry(this.ds, async (m) => {
      const voter = await m.findOne(ResidentVoter, { where: { email }, lock: rowLock(m) });
      if (!voter || !voter.codeHash || !voter.codeExpiresAt) return 'invalid' as const;
      if (voter.status === 'void') throw FundingError.error('voter_void');
      if (voter.codeAttempts >= VOTE_CODE_TRIES) return 'locked' as const;
      if (voter.codeExpiresAt.getTime() < Date.now()) return 'expired' as const;
      const given = Buffer.from(sha256(`${voter.id}:${String(code).trim()}`));
      if (!timingSafeEqual(given, Buffer.from(voter.codeHash))) {
        const attempts = voter.codeAttempts + 1;
        await m.update(ResidentVoter, voter.id, { codeAttempts: attempts });
        return attempts >= VOTE_CODE_TRIES ? ('locked' as const) : ('wrong' as const);
      }
      const token = randomBytes(32).toString('base64url');
      await m.update(ResidentVoter, voter.id, {
        status: 'confirmed',
        confirmedAt: voter.confirmedAt ?? new Date(),
        codeHash: null,
        codeExpiresAt: null,
        codeAttempts: 0,
        tokenHash: sha256(token),
      });
      return { token };
    });
    if (typeof result === 'object') return result.token;
    if (result === 'locked') throw FundingError.error('vote_code_locked');
    throw FundingError.error('vote_code_invalid');
  }

  /** The confirmed voter of a session token, or null. */
  async voter(token: string | undefined): Promise<ResidentVoter | null> {
    if (!token || token.length > 200) return null;
    const v = await this.ds.getRepository(ResidentVoter).findOneBy({ tokenHash: sha256(token) });
    return v && v.status === 'confirmed' ? v : null;
  }

  /** The voter's current approvals in the call. */
  async ballot(callId: number, voterId: number): Promise<number[]> {
    const rows = await this.ds
      .getRepository(ResidentVote)
      .find({ where: { callId, voterId }, order: { proposalId: 'ASC' } });
    return rows.map((r) => r.proposalId);
  }

  /**
   * Replaces the voter's approvals in the call (at most K distinct eligible proposals) while the window is
   * open: outside it 409 `vote_closed`, more than K 400 `vote_too_many`.
   */
  async vote(callId: number, token: string | undefined, proposalIds: number[]): Promise<number[]> {
    const { s } = await this.call(callId);
    if (!s.voteEnabled) throw FundingError.error('vote_closed');
    const ids = [...new Set(proposalIds)].sort((a, b) => a - b);
    return transactionWithRetry(this.ds, async (m) => {
      const voter = token
        ? await m.findOne(ResidentVoter, { where: { tokenHash: sha256(token) }, lock: rowLock(m) })
        : null;
      if (!voter || voter.status !== 'confirmed') throw FundingError.error('voter_unconfirmed');
      if (!isOpen(s)) throw FundingError.error('vote_closed');
      if (ids.length > s.voteMaxApprovals)
        throw FundingError.error('vote_too_many', { max: s.voteMaxApprovals }, [
          { field: 'proposalIds', code: 'vote_too_many', params: { max: s.voteMaxApprovals } },
        ]);
      const eligible = await m.findBy(Proposal, {
        id: In(ids.concat(-1)),
        callId,
        status: ProposalStatus.Eligible,
      });
      if (eligible.length !== ids.length)
        throw AppException.validation([{ field: 'proposalIds', code: 'not_found' }]);
      await m.delete(ResidentVote, { callId, voterId: voter.id });
      if (ids.length)
        await m.insert(
          ResidentVote,
          ids.map((proposalId) => ({ callId, voterId: voter.id, proposalId })),
        );
      return ids;
    });
  }

  // ── the street office ───────────────────────────────────────────────────────────────────────────

  /** Counted approvals per eligible project, and the voters who voted in the call (voided ones too). */
  async results(callId: number) {
    const { s } = await this.call(callId, true);
    const ballots = await countedBallots(this.ds.manager, callId);
    const counts = approvalCounts(ballots);
    const projects = await this.projects(callId);
    const voterIds = (
      await this.ds
        .getRepository(ResidentVote)
        .createQueryBuilder('v')
        .select('DISTINCT v.voterId', 'voterId')
        .where('v.callId = :callId', { callId })
        .getRawMany<{ voterId: number | string }>()
    ).map((r) => Number(r.voterId));
    const voters = await this.ds.getRepository(ResidentVoter).find({
      where: { id: In(voterIds.concat(-1)) },
      order: { id: 'ASC' },
    });
    const perVoter = await this.ds
      .getRepository(ResidentVote)
      .findBy({ callId, voterId: In(voterIds.concat(-1)) });
    return {
      status: this.status(s),
      votersCounted: ballots.size,
      projects: projects.map((p) => ({
        proposalId: p.id,
        number: p.number,
        title: p.title,
        costFen: p.totalFen,
        approvals: counts.get(p.id) ?? 0,
      })),
      voters: voters.map((v) => ({
        id: v.id,
        email: maskEmail(v.email),
        status: v.status,
        confirmedAt: v.confirmedAt,
        voidReason: v.voidReason,
        approvals: perVoter.filter((x) => x.voterId === v.id).map((x) => x.proposalId),
      })),
    };
  }

  /** Voids a suspicious voter (all calls) with a reason, audited: their approvals no longer count. */
  async voidVoter(actor: Actor, callId: number, voterId: number, reason: string) {
    await transactionWithRetry(this.ds, async (m) => {
      const voter = Number.isSafeInteger(voterId)
        ? await m.findOne(ResidentVoter, { where: { id: voterId }, lock: rowLock(m) })
        : null;
      if (!voter || !(await m.existsBy(ResidentVote, { callId, voterId })))
        throw AppException.notFound();
      if (voter.status === 'void') return;
      await m.update(ResidentVoter, voter.id, {
        status: 'void',
        voidReason: reason,
        voidedById: actor.userId,
        tokenHash: null,
        codeHash: null,
      });
      await this.audit.record(m, {
        action: 'vote.voter_voided',
        entity: 'resident_voter',
        entityId: voter.id,
        actorId: actor.userId,
        before: { status: voter.status },
        after: { status: 'void', reason, callId },
      });
    });
  }

  /**
   * The call as a pabulib `.pb` file: the eligible projects with their costs (fen) and counted approvals,
   * the counted ballots (voters numbered 1…n, no emails), budget = the call's cap, rule `equalshares/add1`
   * in equal-shares mode (else `greedy`, the approvals' order), so anyone can recompute with public tools.
   */
  async exportPb(callId: number): Promise<{ filename: string; text: string }> {
    const { call, s } = await this.call(callId, true);
    const ballots = await countedBallots(this.ds.manager, callId);
    const counts = approvalCounts(ballots);
    const projects = await this.projects(callId);
    const text = exportCallToPb({
      description: `${call.title} — 居民网上议事厅`,
      country: 'China',
      unit: call.title,
      instance: String(call.year),
      budget: call.budgetCapFen,
      currency: 'CNY-fen',
      voteType: 'approval',
      rule: s.voteMode === 'equal_shares' ? 'equalshares/add1' : 'greedy',
      extraMeta: [
        ['max_length', String(s.voteMaxApprovals)],
        ['vote_mode', s.voteMode],
        ...(s.voteMode === 'weighted'
          ? [['vote_weight_pct', String(s.voteWeightPct)] as [string, string]]
          : []),
        ...(s.voteOpensAt ? [['date_begin', s.voteOpensAt.toISOString()] as [string, string]] : []),
        ...(s.voteClosesAt ? [['date_end', s.voteClosesAt.toISOString()] as [string, string]] : []),
      ],
      projects: projects.map((p) => ({
        id: String(p.id),
        cost: p.totalFen,
        name: `${p.number ?? ''} ${p.title}`.trim(),
        category: p.track,
        votes: counts.get(p.id) ?? 0,
      })),
      ballots: [...ballots.values()].map((b, i) => ({
        voterId: String(i + 1),
        vote: b.map(String),
      })),
    });
    return { filename: `call-${call.id}-vote.pb`, text };
  }

  /** Template data of the code mail: the code and the call's title. */
  @NotificationContentFor(VOTE_CODE_EVENT)
  async mailData(input: { ids: Record<string, number | string>; manager: EntityManager }) {
    const call = await input.manager.findOneBy(Call, { id: Number(input.ids['callId']) });
    return {
      code: String(input.ids['code'] ?? ''),
      minutes: VOTE_CODE_MINUTES,
      callTitle: call?.title ?? '',
      link: `/vote/${Number(input.ids['callId'])}`,
    };
  }
}

function isOpen(s: FundingSettings, now = new Date()): boolean {
  return (
    s.voteEnabled &&
    !!s.voteOpensAt &&
    !!s.voteClosesAt &&
    s.voteOpensAt.getTime() <= now.getTime() &&
    now.getTime() < s.voteClosesAt.getTime()
  );
}

function maskEmail(email: string): string {
  const [user, domain] = email.split('@');
  return `${user.slice(0, 2)}***@${domain ?? ''}`;
}
