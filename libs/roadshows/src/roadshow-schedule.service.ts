import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { orgMembers } from '@gv/accounts';
import { AuditService } from '@gv/audit';
import { AppException, parseShanghai } from '@gv/core';
import { rowLock, transactionWithRetry } from '@gv/database';
import { notify, NotificationEvent, NotificationRecipient } from '@gv/notifications';
import { PanelMember, PanelsService } from '@gv/panels';
import { Proposal, ProposalStatus, ProposalVersion } from '@gv/proposals';
import {
  checkPlacement,
  RoadshowAssignment,
  RoadshowInput,
  RoadshowInputError,
  scheduleRoadshow,
} from '@gv/roadshow';
import { Roadshow } from './entities/roadshow.entity';
import { RoadshowPitch, RoadshowUnavailability } from './entities/roadshow-pitch.entity';
import {
  newCheckInCode,
  RoadshowsService,
  SessionWithJudges,
  wallClock,
} from './roadshows.service';
import { RoadshowsError } from './roadshows.errors';

const MINUTE = 60_000;

/**
 * The agenda: the scheduler's run (a pure engine, @gv/roadshow), moves and swaps by hand checked against
 * the same hard rules, lock, and publish with calendar invitations (updates and cancellations included).
 */
@Injectable()
export class RoadshowScheduleService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly roadshows: RoadshowsService,
    private readonly panels: PanelsService,
    private readonly audit: AuditService,
  ) {}

  /** What the engine sees: sessions with their judges, eligible proposals with unavailable times and recusals. */
  async engineInput(m: EntityManager, r: Roadshow): Promise<RoadshowInput> {
    const sessions = await this.roadshows.sessions(r.id, m);
    const proposals = await m
      .getRepository(Proposal)
      .createQueryBuilder('p')
      .innerJoin(ProposalVersion, 'v', 'v.proposalId = p.id AND v.version = p.currentVersion')
      .select(['p.id AS id', 'p.organisationId AS organisationId', 'v.track AS track'])
      .where('p.callId = :callId AND p.status = :eligible', {
        callId: r.callId,
        eligible: ProposalStatus.Eligible,
      })
      .orderBy('p.number', 'ASC')
      .getRawMany<{ id: number; organisationId: number; track: string }>();
    const unavailable = await m.findBy(RoadshowUnavailability, { roadshowId: r.id });
    const recused = await this.panels.recusals(m, r.callId);
    return {
      slot: {
        pitchMinutes: r.pitchMinutes,
        qaMinutes: r.qaMinutes,
        changeoverMinutes: r.changeoverMinutes,
      },
      quorum: r.quorum,
      seed: r.seed,
      sessions: sessions.map((s) => ({
        id: String(s.id),
        room: s.room,
        start: wallClock(s.startsAt),
        end: wallClock(s.endsAt),
        track: s.track,
        judges: s.judgeIds.map(String),
      })),
      proposals: proposals.map((p) => ({
        id: String(p.id),
        organisation: String(p.organisationId),
        track: p.track,
        unavailable: unavailable
          .filter((u) => u.organisationId === Number(p.organisationId))
          .map((u) => ({ start: wallClock(u.startsAt), end: wallClock(u.endsAt) })),
        conflicts: [...(recused.get(Number(p.id)) ?? [])]
          .filter((memberId) => sessions.some((s) => s.judgeIds.includes(memberId)))
          .map(String),
      })),
    };
  }

  /** Runs the scheduler over every eligible proposal (draft agendas that were never published only). */
  async run(roadshowId: number) {
    return transactionWithRetry(this.ds, async (m) => {
      const r = await this.roadshows.lockedDraft(m, roadshowId);
      if (r.version > 0) throw RoadshowsError.error('roadshow_already_published');
      const input = await this.engineInput(m, r);
      let out;
      try {
        out = scheduleRoadshow(input);
      } catch (err) {
        if (err instanceof RoadshowInputError)
          throw RoadshowsError.error('roadshow_input_invalid', {
            problems: err.problems.join('; '),
          });
        throw err;
      }
      const existing = new Map(
        (await m.findBy(RoadshowPitch, { roadshowId: r.id })).map((p) => [p.proposalId, p]),
      );
      const seen = new Set<number>();
      const save = async (proposalId: number, values: Partial<RoadshowPitch>) => {
        seen.add(proposalId);
        const row = existing.get(proposalId);
        if (row) await m.update(RoadshowPitch, row.id, values);
        else
          await m.insert(RoadshowPitch, {
            roadshowId: r.id,
            proposalId,
            checkInCode: await this.freshCode(m, r.id),
            ...values,
          });
      };
      for (const a of out.assignments)
        await save(Number(a.proposal), {
          sessionId: Number(a.session),
          startsAt: parseShanghai(a.start)!,
          endsAt: parseShanghai(a.end)!,
          unplacedReason: null,
        });
      for (const u of out.unplaced)
        await save(Number(u.proposal), {
          sessionId: null,
          startsAt: null,
          endsAt: null,
          unplacedReason: u.reason,
        });
      // Proposals no longer eligible (withdrawn after screening) leave the agenda.
      const gone = [...existing.values()].filter((p) => !seen.has(p.proposalId)).map((p) => p.id);
      if (gone.length) await m.delete(RoadshowPitch, { id: In(gone) });
      await m.update(Roadshow, r.id, {
        scheduledAt: new Date(),
        sessionsLowerBound: out.bounds?.exact === false ? out.bounds.sessionsLowerBound : null,
      });
      await this.audit.record(m, {
        action: 'roadshow.scheduled',
        entity: 'roadshow',
        entityId: r.id,
        after: {
          seed: r.seed,
          placed: out.assignments.length,
          unplaced: out.unplaced.length,
          sessionsUsed: out.sessionsUsed,
        },
      });
      return out;
    });
  }

  /** Moves a pitch to a slot of a session, if every hard rule still holds (409 with the clashes otherwise). */
  async move(pitchId: number, sessionId: number, slot: number): Promise<RoadshowPitch> {
    return transactionWithRetry(this.ds, async (m) => {
      const pitch = await this.pitch(m, pitchId);
      const r = await this.roadshows.lockedDraft(m, pitch.roadshowId);
      const sessions = await this.roadshows.sessions(r.id, m);
      const session = sessions.find((s) => s.id === sessionId);
      if (!session)
        throw RoadshowsError.error('slot_out_of_session', {}, [
          { field: 'sessionId', code: 'slot_out_of_session' },
        ]);
      const { start, end } = this.slotOf(r, session, slot);
      const all = await m.findBy(RoadshowPitch, { roadshowId: r.id });
      const taken = all.find(
        (p) =>
          p.id !== pitch.id &&
          p.sessionId === sessionId &&
          p.startsAt?.getTime() === start.getTime(),
      );
      if (taken)
        throw RoadshowsError.error('placement_clash', { clashes: 'slot_taken' }, [
          { field: 'slot', code: 'slot_taken' },
        ]);
      Object.assign(pitch, { sessionId, startsAt: start, endsAt: end, unplacedReason: null });
      await this.ensureValid(
        m,
        r,
        all.map((p) => (p.id === pitch.id ? pitch : p)),
        [pitch.proposalId],
      );
      await m.update(RoadshowPitch, pitch.id, {
        sessionId,
        startsAt: start,
        endsAt: end,
        unplacedReason: null,
      });
      await this.edited(m, r, 'roadshow.pitch_moved', { pitchId, sessionId, slot });
      return pitch;
    });
  }

  /** Exchanges the slots of two pitches, if every hard rule still holds. */
  async swap(a: number, b: number): Promise<void> {
    await transactionWithRetry(this.ds, async (m) => {
      const pa = await this.pitch(m, a);
      const pb = await this.pitch(m, b);
      if (pa.roadshowId !== pb.roadshowId) throw AppException.notFound();
      const r = await this.roadshows.lockedDraft(m, pa.roadshowId);
      const slotA = { sessionId: pa.sessionId, startsAt: pa.startsAt, endsAt: pa.endsAt };
      const slotB = { sessionId: pb.sessionId, startsAt: pb.startsAt, endsAt: pb.endsAt };
      Object.assign(pa, slotB, { unplacedReason: slotB.sessionId ? null : 'no_free_slot' });
      Object.assign(pb, slotA, { unplacedReason: slotA.sessionId ? null : 'no_free_slot' });
      const all = (await m.findBy(RoadshowPitch, { roadshowId: r.id })).map((p) =>
        p.id === pa.id ? pa : p.id === pb.id ? pb : p,
      );
      await this.ensureValid(m, r, all, [pa.proposalId, pb.proposalId]);
      for (const p of [pa, pb])
        await m.update(RoadshowPitch, p.id, {
          sessionId: p.sessionId,
          startsAt: p.startsAt,
          endsAt: p.endsAt,
          unplacedReason: p.unplacedReason,
        });
      await this.edited(m, r, 'roadshow.pitches_swapped', { a, b });
    });
  }

  /** Takes a pitch off the agenda (e.g. to make room by hand); it is listed as not placed. */
  async unplace(pitchId: number): Promise<void> {
    await transactionWithRetry(this.ds, async (m) => {
      const pitch = await this.pitch(m, pitchId);
      const r = await this.roadshows.lockedDraft(m, pitch.roadshowId);
      await m.update(RoadshowPitch, pitch.id, {
        sessionId: null,
        startsAt: null,
        endsAt: null,
        unplacedReason: 'removed_by_hand',
      });
      await this.edited(m, r, 'roadshow.pitch_removed', { pitchId });
    });
  }

  async lock(roadshowId: number, locked: boolean): Promise<Roadshow> {
    return transactionWithRetry(this.ds, async (m) => {
      const r = await m.findOne(Roadshow, { where: { id: roadshowId }, lock: rowLock(m) });
      if (!r) throw AppException.notFound();
      if (locked) {
        if (r.status === 'locked') throw RoadshowsError.error('roadshow_locked');
        const placed = await m.countBy(RoadshowPitch, {
          roadshowId,
          sessionId: In(await this.sessionIds(m, r.id)),
        });
        if (!placed) throw RoadshowsError.error('pitch_not_placed');
        // The agenda must hold as it is before anyone is invited.
        await this.ensureValid(m, r, await m.findBy(RoadshowPitch, { roadshowId }), undefined);
      } else if (r.status !== 'locked') throw RoadshowsError.error('roadshow_not_locked');
      r.status = locked ? 'locked' : r.version > 0 ? 'published' : 'draft';
      await m.update(Roadshow, r.id, { status: r.status });
      await this.audit.record(m, {
        action: locked ? 'roadshow.locked' : 'roadshow.unlocked',
        entity: 'roadshow',
        entityId: r.id,
      });
      return r;
    });
  }

  /**
   * Publishes the locked agenda: the version goes up; each organisation whose pitch is new or moved gets an
   * invitation (same UID, higher SEQUENCE), each whose pitch left the agenda a cancellation; each judge whose
   * sessions changed gets their sessions. Every notification's key includes the version.
   */
  async publish(roadshowId: number): Promise<Roadshow> {
    return transactionWithRetry(this.ds, async (m) => {
      const r = await m.findOne(Roadshow, { where: { id: roadshowId }, lock: rowLock(m) });
      if (!r) throw AppException.notFound();
      if (r.status !== 'locked') throw RoadshowsError.error('roadshow_not_locked');
      const version = r.version + 1;
      const pitches = await m.find(RoadshowPitch, {
        where: { roadshowId },
        relations: { proposal: true },
      });
      const changedSessions = new Set<number>();
      let invited = 0;
      let cancelled = 0;
      for (const p of pitches) {
        const moved =
          p.sessionId !== p.publishedSessionId ||
          (p.startsAt?.getTime() ?? null) !== (p.publishedStartsAt?.getTime() ?? null);
        if (!moved) continue;
        if (p.sessionId) changedSessions.add(p.sessionId);
        if (p.publishedSessionId) changedSessions.add(p.publishedSessionId);
        const recipients = await orgMembers(m, [p.proposal!.organisationId]);
        const key = { dedupeKey: `pitch=${p.id}&v=${version}` };
        if (p.sessionId) {
          await notify(
            m,
            NotificationEvent.RoadshowInvitation,
            recipients,
            { pitchId: p.id, version },
            key,
          );
          invited++;
        } else if (p.publishedSessionId) {
          await notify(
            m,
            NotificationEvent.RoadshowCancelled,
            recipients,
            {
              pitchId: p.id,
              version,
              start: wallClock(p.publishedStartsAt!),
              sessionId: p.publishedSessionId,
            },
            key,
          );
          cancelled++;
        }
        await m.update(RoadshowPitch, p.id, {
          publishedSessionId: p.sessionId,
          publishedStartsAt: p.startsAt,
        });
      }
      // Judges: every judge of a changed session (all sessions on the first publish).
      const sessions = await this.roadshows.sessions(r.id, m);
      const judgeIds = new Set<number>();
      for (const s of sessions)
        if (version === 1 || changedSessions.has(s.id)) s.judgeIds.forEach((j) => judgeIds.add(j));
      const judges = judgeIds.size
        ? await m.find(PanelMember, { where: { id: In([...judgeIds]) }, relations: { user: true } })
        : [];
      for (const j of judges) {
        if (!j.user?.active) continue;
        await notify(
          m,
          NotificationEvent.RoadshowInvitation,
          [
            {
              userId: j.userId,
              email: j.user.email,
              locale: j.user.locale,
            } as NotificationRecipient,
          ],
          { memberId: j.id, roadshowId: r.id, version },
          { dedupeKey: `judge=${j.id}&roadshow=${r.id}&v=${version}` },
        );
      }
      await m.update(Roadshow, r.id, { status: 'published', version, publishedAt: new Date() });
      await this.audit.record(m, {
        action: 'roadshow.published',
        entity: 'roadshow',
        entityId: r.id,
        after: { version, invited, cancelled, judges: judges.length },
      });
      return Object.assign(r, { status: 'published' as const, version });
    });
  }

  /** The slot's start and end: start + k × (pitch + Q&A + changeover), lasting pitch + Q&A. */
  slotOf(r: Roadshow, session: { startsAt: Date; endsAt: Date }, slot: number) {
    const step = (r.pitchMinutes + r.qaMinutes + r.changeoverMinutes) * MINUTE;
    const start = new Date(session.startsAt.getTime() + slot * step);
    const end = new Date(start.getTime() + (r.pitchMinutes + r.qaMinutes) * MINUTE);
    if (!Number.isSafeInteger(slot) || slot < 0 || end.getTime() > session.endsAt.getTime())
      throw RoadshowsError.error('slot_out_of_session', {}, [
        { field: 'slot', code: 'slot_out_of_session' },
      ]);
    return { start, end };
  }

  /** Slot count of a session. */
  slotCount(r: Roadshow, session: SessionWithJudges): number {
    const step = (r.pitchMinutes + r.qaMinutes + r.changeoverMinutes) * MINUTE;
    const len = (r.pitchMinutes + r.qaMinutes) * MINUTE;
    const span = session.endsAt.getTime() - session.startsAt.getTime();
    return span < len ? 0 : Math.floor((span - len) / step) + 1;
  }

  /** Hard rules over the agenda as it would be; 409 placement_clash naming what breaks (only for `about`). */
  private async ensureValid(
    m: EntityManager,
    r: Roadshow,
    pitches: RoadshowPitch[],
    about: number[] | undefined,
  ) {
    const input = await this.engineInput(m, r);
    const assignments: RoadshowAssignment[] = pitches
      .filter((p) => p.sessionId && p.startsAt)
      .map((p) => ({
        proposal: String(p.proposalId),
        session: String(p.sessionId),
        start: wallClock(p.startsAt!),
        end: wallClock(p.endsAt!),
      }));
    const problems = checkPlacement(input, assignments).filter(
      (v) => !about || about.map(String).includes(v.proposal),
    );
    if (problems.length)
      throw RoadshowsError.error(
        'placement_clash',
        { clashes: [...new Set(problems.map((v) => v.rule))].join(', ') },
        problems.map((v) => ({
          field: 'slot',
          code: `clash_${v.rule}`,
          params: { proposal: v.proposal },
        })),
      );
  }

  private async edited(
    m: EntityManager,
    r: Roadshow,
    action: string,
    after: Record<string, unknown>,
  ) {
    // An edit after publishing makes the agenda a draft again until the next publish sends the updates.
    if (r.status === 'published') await m.update(Roadshow, r.id, { status: 'draft' });
    await this.audit.record(m, { action, entity: 'roadshow', entityId: r.id, after });
  }

  private async pitch(m: EntityManager, id: number): Promise<RoadshowPitch> {
    const p = Number.isSafeInteger(id) ? await m.findOneBy(RoadshowPitch, { id }) : null;
    if (!p) throw AppException.notFound();
    return p;
  }

  private async sessionIds(m: EntityManager, roadshowId: number): Promise<number[]> {
    const rows = await this.roadshows.sessions(roadshowId, m);
    return rows.length ? rows.map((s) => s.id) : [-1];
  }

  private async freshCode(m: EntityManager, roadshowId: number): Promise<string> {
    for (;;) {
      const code = newCheckInCode();
      if (!(await m.existsBy(RoadshowPitch, { roadshowId, checkInCode: code }))) return code;
    }
  }
}
