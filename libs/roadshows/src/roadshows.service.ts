import { randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Not } from 'typeorm';
import { AuditService } from '@gv/audit';
import { Call } from '@gv/calls';
import { Actor, AppException, formatShanghai, parseShanghai, Role } from '@gv/core';
import { OnDomainEvent, rowLock, transactionWithRetry } from '@gv/database';
import { Organisation } from '@gv/organisations';
import { PanelEvents, PanelMember, PanelMemberRemovingEvent } from '@gv/panels';
import { RoadshowSessionDto, RoadshowSettingsDto, UnavailabilityDto } from './dto/roadshows.dto';
import { Roadshow } from './entities/roadshow.entity';
import { RoadshowPitch, RoadshowUnavailability } from './entities/roadshow-pitch.entity';
import { RoadshowSession, RoadshowSessionJudge } from './entities/roadshow-session.entity';
import { RoadshowsError } from './roadshows.errors';

const MINUTE = 60_000;
/** Check-in codes: no 0/O, 1/I/L, so they survive being read aloud and typed. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export function newCheckInCode(): string {
  let s = '';
  for (let i = 0; i < 6; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return s;
}

/** "2026-05-11T09:00" (Asia/Shanghai) of an instant. */
export function wallClock(d: Date): string {
  return formatShanghai(d).replace(' ', 'T');
}

export interface SessionWithJudges extends RoadshowSession {
  judgeIds: number[];
}

/**
 * 项目路演 set-up: the slot template, sessions (room, time, track, judges, chair) with their hard rules
 * checked at once, and organisations' unavailable times. Scheduling, publishing and the day itself are
 * in RoadshowScheduleService and RoadshowDayService.
 */
@Injectable()
export class RoadshowsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** The competition's roadshow, created with the common 8 + 7 + 5 template on first use. */
  async forCall(callId: number, m: EntityManager = this.ds.manager): Promise<Roadshow> {
    const call = Number.isSafeInteger(callId) ? await m.findOneBy(Call, { id: callId }) : null;
    if (!call) throw AppException.notFound();
    const found = await m.findOneBy(Roadshow, { callId });
    if (found) return found;
    await m
      .createQueryBuilder()
      .insert()
      .into(Roadshow)
      .values({ callId, seed: `${call.code.toLowerCase()}-${call.year}` })
      .orIgnore()
      .execute();
    return m.findOneByOrFail(Roadshow, { callId });
  }

  async get(id: number): Promise<Roadshow> {
    const r = Number.isSafeInteger(id)
      ? await this.ds.getRepository(Roadshow).findOne({ where: { id }, relations: { call: true } })
      : null;
    if (!r) throw AppException.notFound();
    return r;
  }

  async sessions(
    roadshowId: number,
    m: EntityManager = this.ds.manager,
  ): Promise<SessionWithJudges[]> {
    const sessions = await m.find(RoadshowSession, {
      where: { roadshowId },
      order: { startsAt: 'ASC', room: 'ASC', id: 'ASC' },
    });
    const judges = sessions.length
      ? await m.find(RoadshowSessionJudge, { where: { sessionId: In(sessions.map((s) => s.id)) } })
      : [];
    return sessions.map((s) =>
      Object.assign(s, {
        judgeIds: judges
          .filter((j) => j.sessionId === s.id)
          .map((j) => j.memberId)
          .sort((a, b) => a - b),
      }),
    );
  }

  async updateSettings(id: number, dto: RoadshowSettingsDto): Promise<Roadshow> {
    return transactionWithRetry(this.ds, async (m) => {
      const r = await this.lockedDraft(m, id);
      const before = { ...r };
      Object.assign(r, dto);
      await m.save(r);
      // Another slot length moves every slot: placements made with the old template are void.
      if (
        before.pitchMinutes !== r.pitchMinutes ||
        before.qaMinutes !== r.qaMinutes ||
        before.changeoverMinutes !== r.changeoverMinutes
      )
        await this.clearPlacements(m, r.id);
      await this.audit.record(m, {
        action: 'roadshow.settings_changed',
        entity: 'roadshow',
        entityId: r.id,
        before: {
          pitch: before.pitchMinutes,
          qa: before.qaMinutes,
          changeover: before.changeoverMinutes,
          quorum: before.quorum,
          seed: before.seed,
        },
        after: { ...dto },
      });
      return r;
    });
  }

  async addSession(roadshowId: number, dto: RoadshowSessionDto): Promise<SessionWithJudges> {
    const id = await transactionWithRetry(this.ds, async (m) => {
      const r = await this.lockedDraft(m, roadshowId);
      const values = await this.checkSession(m, r, dto);
      const s = await m.save(m.create(RoadshowSession, { roadshowId: r.id, ...values }));
      await m.insert(
        RoadshowSessionJudge,
        dto.judgeIds.map((memberId) => ({ sessionId: s.id, memberId })),
      );
      await this.audit.record(m, {
        action: 'roadshow.session_added',
        entity: 'roadshow',
        entityId: r.id,
        after: {
          sessionId: s.id,
          start: dto.start,
          end: dto.end,
          room: dto.room,
          judges: dto.judgeIds,
        },
      });
      return s.id;
    });
    return (await this.sessions(roadshowId)).find((s) => s.id === id)!;
  }

  async updateSession(sessionId: number, dto: RoadshowSessionDto): Promise<SessionWithJudges> {
    const current = await this.session(sessionId);
    await transactionWithRetry(this.ds, async (m) => {
      const r = await this.lockedDraft(m, current.roadshowId);
      const values = await this.checkSession(m, r, dto, sessionId);
      await m.update(RoadshowSession, sessionId, values);
      await m.delete(RoadshowSessionJudge, { sessionId });
      await m.insert(
        RoadshowSessionJudge,
        dto.judgeIds.map((memberId) => ({ sessionId, memberId })),
      );
      // Pitches that no longer fit (time moved, track changed) go back to the unplaced list.
      const slot = (r.pitchMinutes + r.qaMinutes) * MINUTE;
      for (const p of await m.findBy(RoadshowPitch, { sessionId })) {
        const start = p.startsAt!.getTime();
        const offset = start - values.startsAt.getTime();
        const step = (r.pitchMinutes + r.qaMinutes + r.changeoverMinutes) * MINUTE;
        if (offset < 0 || offset % step !== 0 || start + slot > values.endsAt.getTime())
          await m.update(RoadshowPitch, p.id, {
            sessionId: null,
            startsAt: null,
            endsAt: null,
            unplacedReason: 'no_free_slot',
          });
      }
      await this.audit.record(m, {
        action: 'roadshow.session_changed',
        entity: 'roadshow',
        entityId: r.id,
        after: { sessionId, start: dto.start, end: dto.end, room: dto.room, judges: dto.judgeIds },
      });
    });
    return (await this.sessions(current.roadshowId)).find((s) => s.id === sessionId)!;
  }

  async removeSession(sessionId: number): Promise<void> {
    const current = await this.session(sessionId);
    await transactionWithRetry(this.ds, async (m) => {
      const r = await this.lockedDraft(m, current.roadshowId);
      const placed = await m.find(RoadshowPitch, {
        where: { sessionId },
        relations: { proposal: true },
      });
      if (placed.length)
        throw RoadshowsError.error('session_in_use', {
          numbers: placed.map((p) => p.proposal?.number ?? p.proposalId).join(', '),
        });
      await m.delete(RoadshowSession, sessionId);
      await this.audit.record(m, {
        action: 'roadshow.session_removed',
        entity: 'roadshow',
        entityId: r.id,
        before: { sessionId, room: current.room, start: wallClock(current.startsAt) },
      });
    });
  }

  async session(sessionId: number): Promise<RoadshowSession> {
    const s = Number.isSafeInteger(sessionId)
      ? await this.ds.getRepository(RoadshowSession).findOneBy({ id: sessionId })
      : null;
    if (!s) throw AppException.notFound();
    return s;
  }

  async unavailability(roadshowId: number, organisationId?: number) {
    return this.ds.getRepository(RoadshowUnavailability).find({
      where: { roadshowId, ...(organisationId ? { organisationId } : {}) },
      relations: { organisation: true },
      order: { startsAt: 'ASC', id: 'ASC' },
      take: 1000,
    });
  }

  /** An organisation (for itself) or the street office declares a time the organisation cannot come. */
  async addUnavailability(actor: Actor, roadshowId: number, dto: UnavailabilityDto) {
    const admin = actor.roles.includes(Role.StreetAdmin);
    if (!admin && actor.organisationId !== dto.organisationId) throw AppException.forbidden();
    const startsAt = parseShanghai(dto.start);
    const endsAt = parseShanghai(dto.end);
    if (!startsAt || !endsAt || endsAt <= startsAt)
      throw RoadshowsError.error('unavailable_end_before_start', {}, [
        { field: 'end', code: 'unavailable_end_before_start' },
      ]);
    return this.ds.transaction(async (m) => {
      const r = await this.get(roadshowId);
      // The street office names any organisation: one that does not exist is a field error, not a 500.
      if (!(await m.existsBy(Organisation, { id: dto.organisationId })))
        throw AppException.validation([{ field: 'organisationId', code: 'unknown_organisation' }]);
      const row = await m.save(
        m.create(RoadshowUnavailability, {
          roadshowId: r.id,
          organisationId: dto.organisationId,
          startsAt,
          endsAt,
          note: dto.note ?? '',
        }),
      );
      await this.audit.record(m, {
        action: 'roadshow.unavailability_added',
        entity: 'roadshow',
        entityId: r.id,
        after: { organisationId: dto.organisationId, start: dto.start, end: dto.end },
      });
      return row;
    });
  }

  async removeUnavailability(actor: Actor, id: number): Promise<void> {
    const row = Number.isSafeInteger(id)
      ? await this.ds.getRepository(RoadshowUnavailability).findOneBy({ id })
      : null;
    const admin = actor.roles.includes(Role.StreetAdmin);
    if (!row || (!admin && actor.organisationId !== row.organisationId))
      throw AppException.notFound();
    await this.ds.getRepository(RoadshowUnavailability).delete(id);
  }

  /** A judge sitting in a session may not leave the panel until the session is changed. */
  @OnDomainEvent(PanelEvents.MemberRemoving)
  async onMemberRemoving(e: PanelMemberRemovingEvent, m: EntityManager): Promise<void> {
    const sitting = await m.countBy(RoadshowSessionJudge, { memberId: e.memberId });
    const chairing = await m.countBy(RoadshowSession, { chairMemberId: e.memberId });
    if (sitting || chairing) throw RoadshowsError.error('session_in_use', { numbers: '' });
  }

  /** The roadshow, locked for this transaction; refused (409) while locked for publishing. */
  async lockedDraft(m: EntityManager, id: number): Promise<Roadshow> {
    const r = Number.isSafeInteger(id)
      ? await m.getRepository(Roadshow).findOne({ where: { id }, lock: rowLock(m) })
      : null;
    if (!r) throw AppException.notFound();
    if (r.status === 'locked') throw RoadshowsError.error('roadshow_locked');
    return r;
  }

  async clearPlacements(m: EntityManager, roadshowId: number): Promise<void> {
    await m.update(
      RoadshowPitch,
      { roadshowId },
      { sessionId: null, startsAt: null, endsAt: null, unplacedReason: null },
    );
  }

  /**
   * A session's hard rules: ends after it starts, holds at least one slot, its room free, each judge
   * free (no other session at the same time) and on the competition's panel, the chair among the judges.
   */
  private async checkSession(
    m: EntityManager,
    r: Roadshow,
    dto: RoadshowSessionDto,
    selfId?: number,
  ) {
    const startsAt = parseShanghai(dto.start);
    const endsAt = parseShanghai(dto.end);
    if (!startsAt || !endsAt || endsAt <= startsAt)
      throw RoadshowsError.error('session_end_before_start', {}, [
        { field: 'end', code: 'session_end_before_start' },
      ]);
    const slot = r.pitchMinutes + r.qaMinutes;
    if (startsAt.getTime() + slot * MINUTE > endsAt.getTime())
      throw RoadshowsError.error('slot_longer_than_session', { minutes: slot }, [
        { field: 'end', code: 'slot_longer_than_session', params: { minutes: slot } },
      ]);
    const members = await m.find(PanelMember, {
      where: { callId: r.callId, id: In(dto.judgeIds) },
      relations: { user: true },
    });
    if (members.length !== dto.judgeIds.length)
      throw RoadshowsError.error('unknown_judge', {}, [
        { field: 'judgeIds', code: 'unknown_judge' },
      ]);
    if (dto.chairMemberId && !dto.judgeIds.includes(dto.chairMemberId))
      throw RoadshowsError.error('chair_not_judging', {}, [
        { field: 'chairMemberId', code: 'chair_not_judging' },
      ]);
    const overlapping = await m
      .getRepository(RoadshowSession)
      .createQueryBuilder('s')
      .where('s.roadshowId = :rid AND s.startsAt < :end AND s.endsAt > :start', {
        rid: r.id,
        start: startsAt,
        end: endsAt,
      })
      .andWhere(selfId ? 's.id != :selfId' : '1=1', { selfId })
      .getMany();
    const room = dto.room.trim().toLowerCase();
    const sameRoom = overlapping.find((s) => s.room.trim().toLowerCase() === room);
    if (sameRoom)
      throw RoadshowsError.error(
        'room_double_booked',
        { room: dto.room, start: wallClock(sameRoom.startsAt), end: wallClock(sameRoom.endsAt) },
        [{ field: 'room', code: 'room_double_booked' }],
      );
    if (overlapping.length) {
      const busy = await m.find(RoadshowSessionJudge, {
        where: { sessionId: In(overlapping.map((s) => s.id)), memberId: In(dto.judgeIds) },
      });
      if (busy.length) {
        const who = members.find((x) => x.id === busy[0].memberId);
        const other = overlapping.find((s) => s.id === busy[0].sessionId)!;
        throw RoadshowsError.error(
          'judge_double_booked',
          {
            judge: who?.user?.name ?? busy[0].memberId,
            room: other.room,
            start: wallClock(other.startsAt),
          },
          [{ field: 'judgeIds', code: 'judge_double_booked' }],
        );
      }
    }
    return {
      startsAt,
      endsAt,
      room: dto.room,
      address: dto.address ?? '',
      capacity: dto.capacity ?? 0,
      track: dto.track ?? null,
      chairMemberId: dto.chairMemberId ?? null,
    };
  }

  /** Sessions of other roadshows are not this one's concern; proposals of the call that can pitch. */
  async pitchesOf(roadshowId: number, m: EntityManager = this.ds.manager) {
    return m.find(RoadshowPitch, {
      where: { roadshowId },
      relations: { proposal: { organisation: true } },
      order: { startsAt: 'ASC', id: 'ASC' },
    });
  }

  /** Ids of pitches still in a session other than `sessionId` (helper for moves). */
  async othersInSession(m: EntityManager, sessionId: number, except: number) {
    return m.findBy(RoadshowPitch, { sessionId, id: Not(except) });
  }
}
