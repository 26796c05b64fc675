import { EntityManager, In } from 'typeorm';
import { Call } from '@gv/calls';
import { formatShanghaiDate, parseShanghai } from '@gv/core';
import { PanelGroup, PanelMember, panelRecusals } from '@gv/panels';
import { Proposal, ProposalStatus, ProposalVersion } from '@gv/proposals';
import { scheduleRoadshow } from '@gv/roadshow';
import { Roadshow } from './entities/roadshow.entity';
import { RoadshowPitch } from './entities/roadshow-pitch.entity';
import { RoadshowSession, RoadshowSessionJudge } from './entities/roadshow-session.entity';
import { newCheckInCode, wallClock } from './roadshows.service';

/**
 * The first competition's published roadshow: two sessions on its roadshow day (morning and afternoon,
 * the whole panel but one community representative each), scheduled by the engine and published.
 * No mail goes out for demo data.
 */
export async function seedRoadshows(m: EntityManager, now: Date): Promise<void> {
  const call = await m.findOneBy(Call, { code: 'DG', year: 2026 });
  if (!call) return;
  const members = await m.find(PanelMember, { where: { callId: call.id }, order: { id: 'ASC' } });
  if (members.length < 3) return;
  const roadshow = await m.save(
    m.create(Roadshow, {
      callId: call.id,
      seed: 'dg-2026',
      status: 'published',
      version: 1,
      publishedAt: now,
      scheduledAt: now,
    }),
  );
  const day = formatShanghaiDate(call.roadshowAt);
  const community = members.filter((x) => x.group === PanelGroup.Community);
  const plan = [
    {
      start: `${day}T09:00`,
      end: `${day}T11:55`,
      room: '东关街道办事处一楼会议室',
      skip: community[0]?.id,
    },
    {
      start: `${day}T14:00`,
      end: `${day}T16:55`,
      room: '东关街道办事处三楼多功能厅',
      skip: community[1]?.id,
    },
  ];
  const sessions: { s: RoadshowSession; judges: number[] }[] = [];
  for (const p of plan) {
    const judges = members.filter((x) => x.id !== p.skip).map((x) => x.id);
    const s = await m.save(
      m.create(RoadshowSession, {
        roadshowId: roadshow.id,
        startsAt: parseShanghai(p.start)!,
        endsAt: parseShanghai(p.end)!,
        room: p.room,
        address: '山东省潍坊市奎文区东关街道',
        capacity: 60,
        track: null,
        chairMemberId: members.find((x) => x.isChair)?.id ?? null,
      }),
    );
    await m.insert(
      RoadshowSessionJudge,
      judges.map((memberId) => ({ sessionId: s.id, memberId })),
    );
    sessions.push({ s, judges });
  }
  const eligible = await m.find(Proposal, {
    where: { callId: call.id, status: ProposalStatus.Eligible },
    order: { number: 'ASC' },
  });
  const versions = eligible.length
    ? await m.find(ProposalVersion, { where: { proposalId: In(eligible.map((p) => p.id)) } })
    : [];
  const recused = await panelRecusals(m, call.id);
  const out = scheduleRoadshow({
    slot: {
      pitchMinutes: roadshow.pitchMinutes,
      qaMinutes: roadshow.qaMinutes,
      changeoverMinutes: roadshow.changeoverMinutes,
    },
    quorum: roadshow.quorum,
    seed: roadshow.seed,
    sessions: sessions.map(({ s, judges }) => ({
      id: String(s.id),
      room: s.room,
      start: wallClock(s.startsAt),
      end: wallClock(s.endsAt),
      track: null,
      judges: judges.map(String),
    })),
    proposals: eligible.map((p) => ({
      id: String(p.id),
      organisation: String(p.organisationId),
      track:
        versions.find((v) => v.proposalId === p.id && v.version === p.currentVersion)?.track ??
        p.track,
      unavailable: [],
      conflicts: [...(recused.get(p.id) ?? [])].map(String),
    })),
  });
  const codes = new Set<string>();
  for (const a of out.assignments) {
    let code = newCheckInCode();
    while (codes.has(code)) code = newCheckInCode();
    codes.add(code);
    const startsAt = parseShanghai(a.start)!;
    await m.insert(RoadshowPitch, {
      roadshowId: roadshow.id,
      proposalId: Number(a.proposal),
      sessionId: Number(a.session),
      startsAt,
      endsAt: parseShanghai(a.end)!,
      unplacedReason: null,
      checkInCode: code,
      publishedSessionId: Number(a.session),
      publishedStartsAt: startsAt,
    });
  }
}
