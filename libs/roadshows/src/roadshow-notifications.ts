import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull, Not } from 'typeorm';
import { orgMembers } from '@gv/accounts';
import { AppConfig } from '@gv/config';
import { formatShanghai, Locale } from '@gv/core';
import {
  DueReminder,
  dueOffset,
  HOUR_MS,
  NotificationContentFor,
  NotificationEvent,
  NotificationRecipient,
  offsetLabel,
  ReminderProvider,
  ReminderSource,
} from '@gv/notifications';
import { PanelMember } from '@gv/panels';
import { Proposal, ProposalVersion } from '@gv/proposals';
import { Roadshow } from './entities/roadshow.entity';
import { RoadshowPitch } from './entities/roadshow-pitch.entity';
import { RoadshowSession, RoadshowSessionJudge } from './entities/roadshow-session.entity';
import { CalendarEventInput, roadshowCalendar } from './roadshow-calendar';
import { wallClock } from './roadshows.service';

const REMINDER_OFFSETS = [-24 * HOUR_MS];

const place = (s: RoadshowSession) => [s.room, s.address].filter(Boolean).join('，');

/**
 * The invitation mails: an organisation's pitch, or a judge's sessions, with an iCalendar attachment
 * (UID per pitch / session, SEQUENCE = the version published), a cancellation with METHOD:CANCEL.
 */
@Injectable()
export class RoadshowNotificationContent {
  constructor(private readonly config: AppConfig) {}

  private url(path: string) {
    return `${this.config.PUBLIC_URL.replace(/\/$/, '')}${path}`;
  }

  private organizer() {
    const from = /<([^>]+)>/.exec(this.config.MAIL_FROM)?.[1] ?? this.config.MAIL_FROM;
    return { name: '东关街道公益创投', email: from };
  }

  @NotificationContentFor([
    NotificationEvent.RoadshowInvitation,
    NotificationEvent.RoadshowReminder,
  ])
  async invitation(input: {
    ids: Record<string, number | string>;
    locale: Locale;
    manager: EntityManager;
    recipientUserId: number | null;
  }) {
    const { ids, manager: m } = input;
    if (ids['pitchId'])
      return this.pitchMail(m, Number(ids['pitchId']), Number(ids['version']), 'REQUEST');
    return this.judgeMail(
      m,
      Number(ids['memberId']),
      Number(ids['roadshowId']),
      Number(ids['version']),
    );
  }

  @NotificationContentFor(NotificationEvent.RoadshowCancelled)
  async cancelled(input: { ids: Record<string, number | string>; manager: EntityManager }) {
    const { ids, manager: m } = input;
    return this.pitchMail(m, Number(ids['pitchId']), Number(ids['version']), 'CANCEL', {
      start: String(ids['start']),
      sessionId: Number(ids['sessionId']),
    });
  }

  private async pitchMail(
    m: EntityManager,
    pitchId: number,
    version: number,
    method: 'REQUEST' | 'CANCEL',
    was?: { start: string; sessionId: number },
  ) {
    const pitch = await m.findOneOrFail(RoadshowPitch, {
      where: { id: pitchId },
      relations: { proposal: { organisation: true } },
    });
    const roadshow = await m.findOneOrFail(Roadshow, {
      where: { id: pitch.roadshowId },
      relations: { call: true },
    });
    const sessionId = was?.sessionId ?? pitch.publishedSessionId ?? pitch.sessionId;
    const session = sessionId ? await m.findOneBy(RoadshowSession, { id: sessionId }) : null;
    const title = await this.submittedTitle(m, pitch.proposal!);
    const start = was?.start ?? (pitch.publishedStartsAt ? wallClock(pitch.publishedStartsAt) : '');
    const minutes = roadshow.pitchMinutes + roadshow.qaMinutes;
    const end = start
      ? wallClock(new Date(new Date(`${start}:00+08:00`).getTime() + minutes * 60_000))
      : '';
    const link = `/roadshows/${roadshow.id}/agenda`;
    const event: CalendarEventInput = {
      uid: `roadshow-pitch-${pitch.id}@gongyi-venture`,
      sequence: version,
      start,
      end,
      summary: `项目路演：${pitch.proposal!.number ?? ''} ${title}`,
      location: session ? place(session) : '',
      description: `${roadshow.call?.title ?? ''}\n陈述 ${roadshow.pitchMinutes} 分钟 + 答辩 ${roadshow.qaMinutes} 分钟\n签到码 / Check-in code: ${pitch.checkInCode}`,
      url: this.url(link),
    };
    const members = await orgMembers(m, [pitch.proposal!.organisationId]);
    return {
      callTitle: roadshow.call?.title ?? '',
      number: pitch.proposal!.number ?? '',
      proposalTitle: title,
      organisationName: pitch.proposal!.organisation?.name ?? '',
      start: start.replace('T', ' '),
      end: end.slice(11),
      room: session ? place(session) : '',
      checkInCode: pitch.checkInCode,
      pitchMinutes: roadshow.pitchMinutes,
      qaMinutes: roadshow.qaMinutes,
      version,
      updated: version > 1,
      cancelled: method === 'CANCEL',
      link,
      calendar: start
        ? roadshowCalendar(
            method,
            this.organizer(),
            { name: members[0]?.email ?? '', email: members[0]?.email ?? '' },
            [event],
          )
        : undefined,
    };
  }

  private async judgeMail(m: EntityManager, memberId: number, roadshowId: number, version: number) {
    const member = await m.findOneOrFail(PanelMember, {
      where: { id: memberId },
      relations: { user: true },
    });
    const roadshow = await m.findOneOrFail(Roadshow, {
      where: { id: roadshowId },
      relations: { call: true },
    });
    const seats = await m.findBy(RoadshowSessionJudge, { memberId });
    const sessions = seats.length
      ? await m.find(RoadshowSession, {
          where: { id: In(seats.map((s) => s.sessionId)), roadshowId },
          order: { startsAt: 'ASC' },
        })
      : [];
    const pitches = sessions.length
      ? await m.find(RoadshowPitch, {
          where: {
            publishedSessionId: In(sessions.map((s) => s.id)),
            publishedStartsAt: Not(IsNull()),
          },
          relations: { proposal: true },
          order: { publishedStartsAt: 'ASC' },
        })
      : [];
    const link = `/roadshows/${roadshow.id}/agenda`;
    const rows = sessions.map((s) => ({
      start: formatShanghai(s.startsAt),
      end: formatShanghai(s.endsAt).slice(11),
      room: place(s),
      chair: s.chairMemberId === memberId,
      pitches: pitches
        .filter((p) => p.publishedSessionId === s.id)
        .map((p) => ({
          time: formatShanghai(p.publishedStartsAt).slice(11),
          number: p.proposal?.number ?? '',
        })),
    }));
    const events: CalendarEventInput[] = sessions.map((s) => ({
      uid: `roadshow-session-${s.id}-judge-${memberId}@gongyi-venture`,
      sequence: version,
      start: wallClock(s.startsAt),
      end: wallClock(s.endsAt),
      summary: `项目路演评审：${roadshow.call?.title ?? ''}`,
      location: place(s),
      description: rows
        .find((r) => r.start === formatShanghai(s.startsAt))!
        .pitches.map((p) => `${p.time} ${p.number}`)
        .join('\n'),
      url: this.url(link),
    }));
    return {
      callTitle: roadshow.call?.title ?? '',
      judgeName: member.user?.name ?? '',
      sessions: rows,
      version,
      updated: version > 1,
      cancelled: false,
      link,
      calendar: events.length
        ? roadshowCalendar(
            'REQUEST',
            this.organizer(),
            { name: member.user?.name ?? '', email: member.user?.email ?? '' },
            events,
          )
        : undefined,
    };
  }

  private async submittedTitle(m: EntityManager, p: Proposal): Promise<string> {
    const v = await m.findOneBy(ProposalVersion, { proposalId: p.id, version: p.currentVersion });
    return v?.title ?? p.title;
  }
}

/** The day before: each organisation with a published pitch, and each judge of a published session. */
@Injectable()
@ReminderSource()
export class RoadshowReminders implements ReminderProvider {
  readonly name = 'roadshows.day_before';

  async findDue(m: EntityManager, now: Date): Promise<DueReminder[]> {
    const horizon = new Date(now.getTime() + 24 * HOUR_MS + 60_000);
    const published = await m.find(Roadshow, { where: { version: Not(0) } });
    const due: DueReminder[] = [];
    for (const r of published) {
      const pitches = await m
        .getRepository(RoadshowPitch)
        .createQueryBuilder('p')
        .innerJoinAndSelect('p.proposal', 'proposal')
        .where(
          'p.roadshowId = :rid AND p.publishedStartsAt > :now AND p.publishedStartsAt <= :horizon',
          {
            rid: r.id,
            now,
            horizon,
          },
        )
        .getMany();
      for (const p of pitches) {
        const offset = dueOffset(p.publishedStartsAt!, REMINDER_OFFSETS, now);
        if (offset === undefined) continue;
        due.push({
          key: `roadshow.reminder|pitch=${p.id}|at=${p.publishedStartsAt!.getTime()}|${offsetLabel(offset)}`,
          event: NotificationEvent.RoadshowReminder,
          recipients: await orgMembers(m, [p.proposal!.organisationId]),
          ids: { pitchId: p.id, version: r.version },
        });
      }
      const sessions = await m
        .getRepository(RoadshowSession)
        .createQueryBuilder('s')
        .where('s.roadshowId = :rid AND s.startsAt > :now AND s.startsAt <= :horizon', {
          rid: r.id,
          now,
          horizon,
        })
        .getMany();
      for (const s of sessions) {
        const offset = dueOffset(s.startsAt, REMINDER_OFFSETS, now);
        if (offset === undefined) continue;
        const judges = await m.find(RoadshowSessionJudge, {
          where: { sessionId: s.id },
          relations: { member: { user: true } },
        });
        for (const j of judges) {
          const u = j.member?.user;
          if (!u?.active) continue;
          const recipient: NotificationRecipient = {
            userId: u.id,
            email: u.email,
            locale: u.locale,
          };
          due.push({
            key: `roadshow.reminder|session=${s.id}|judge=${j.memberId}|at=${s.startsAt.getTime()}|${offsetLabel(offset)}`,
            event: NotificationEvent.RoadshowReminder,
            recipients: [recipient],
            ids: { memberId: j.memberId, roadshowId: r.id, version: r.version },
          });
        }
      }
    }
    return due;
  }
}
