import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { formatShanghai, formatShanghaiDate, parseShanghai } from '@gv/core';
import { allPanelMembers, panelRecusals } from '@gv/panels';
import { ProposalVersion, Proposal } from '@gv/proposals';
import { Roadshow, RoadshowPitch, RoadshowSession } from '@gv/roadshows';
import { ReviewSheet } from './entities/review.entity';
import { ReviewAssignments } from './review-assignments.service';

export interface LivePitch {
  pitchId: number;
  proposalId: number;
  number: string;
  title: string;
  room: string;
  startsAt: Date;
  endsAt: Date;
  time: string;
  checkedIn: boolean;
  noShow: boolean;
  /** now: on stage; past; next. */
  when: 'past' | 'now' | 'next';
}

export interface JudgeOnPitch {
  memberId: number;
  name: string;
  isChair: boolean;
  status: 'todo' | 'draft' | 'submitted' | 'recused';
}

/**
 * 路演日评审: the day's pitches of a competition in agenda order (the published agenda once it is
 * published), which one is on stage now, and for the chair who has submitted for it.
 */
@Injectable()
export class ReviewLive {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly assignments: ReviewAssignments,
  ) {}

  /** The day's pitches (a "YYYY-MM-DD" date, default today in Shanghai) and the one on stage. */
  async day(callId: number, date: string | undefined, now = new Date()) {
    const day = date && parseShanghai(date) ? date : formatShanghaiDate(now);
    const roadshow = await this.ds.getRepository(Roadshow).findOneBy({ callId });
    if (!roadshow) return { date: day, pitches: [] as LivePitch[], current: undefined };
    const published = roadshow.status === 'published';
    const rows = await this.ds.getRepository(RoadshowPitch).findBy({ roadshowId: roadshow.id });
    const slot = (roadshow.pitchMinutes + roadshow.qaMinutes) * 60_000;
    const placed = rows
      .map((p) => ({
        p,
        start: published ? (p.publishedStartsAt ?? p.startsAt) : p.startsAt,
        session: published ? (p.publishedSessionId ?? p.sessionId) : p.sessionId,
      }))
      .filter((x) => x.start && formatShanghaiDate(x.start) === day)
      .sort((a, b) => a.start!.getTime() - b.start!.getTime());
    const sessions = await this.ds.getRepository(RoadshowSession).findBy({
      id: In(placed.map((x) => x.session ?? -1).concat(-1)),
    });
    const proposals = await this.ds.getRepository(Proposal).findBy({
      id: In(placed.map((x) => x.p.proposalId).concat(-1)),
    });
    const versions = await this.ds.getRepository(ProposalVersion).find({
      where: proposals.map((p) => ({ proposalId: p.id, version: p.currentVersion })),
      select: { proposalId: true, title: true },
    });
    const t = now.getTime();
    const pitches: LivePitch[] = placed.map((x) => {
      const startsAt = x.start!;
      const endsAt = new Date(startsAt.getTime() + slot);
      return {
        pitchId: x.p.id,
        proposalId: x.p.proposalId,
        number: proposals.find((p) => p.id === x.p.proposalId)?.number ?? '',
        title: versions.find((v) => v.proposalId === x.p.proposalId)?.title ?? '',
        room: sessions.find((s) => s.id === x.session)?.room ?? '',
        startsAt,
        endsAt,
        time: `${formatShanghai(startsAt).slice(11)}–${formatShanghai(endsAt).slice(11)}`,
        checkedIn: !!x.p.checkedInAt,
        noShow: x.p.noShow,
        when: endsAt.getTime() <= t ? 'past' : startsAt.getTime() <= t ? 'now' : 'next',
      };
    });
    // On stage: the pitch whose slot holds now; between slots, the next one; after the last, the last.
    const current =
      pitches.find((p) => p.when === 'now') ??
      pitches.find((p) => p.when === 'next') ??
      pitches[pitches.length - 1];
    return { date: day, pitches, current };
  }

  /** For the chair's screen: each judge's sheet state on a proposal, and counts per pitch. */
  async board(callId: number, proposalIds: number[]) {
    const members = await allPanelMembers(this.ds.manager, callId);
    const recused = await panelRecusals(this.ds.manager, callId);
    const assigned = await this.assignments.assigned(this.ds.manager, callId);
    const sheets = await this.ds.getRepository(ReviewSheet).findBy({
      callId,
      proposalId: In(proposalIds.concat(-1)),
    });
    const judges = (proposalId: number): JudgeOnPitch[] =>
      members
        .filter((x) => recused.get(proposalId)?.has(x.id) || assigned(x.id, proposalId))
        .map((x) => ({
          memberId: x.id,
          name: x.user?.name ?? '',
          isChair: x.isChair,
          status: recused.get(proposalId)?.has(x.id)
            ? 'recused'
            : (sheets.find((s) => s.memberId === x.id && s.proposalId === proposalId)?.status ??
              'todo'),
        }));
    return new Map(
      proposalIds.map((id) => {
        const list = judges(id);
        const expected = list.filter((j) => j.status !== 'recused').length;
        const submitted = list.filter((j) => j.status === 'submitted').length;
        return [id, { judges: list, expected, submitted }];
      }),
    );
  }
}
