import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, MoreThanOrEqual, Not } from 'typeorm';
import { Call, CALL_DATE_FIELDS, CallDateField, CallPhase } from '@gv/calls';
import { FundingAward, FundingLedger, Publicity } from '@gv/funding';
import { Need } from '@gv/needs';
import { Roadshow, RoadshowSession } from '@gv/roadshows';

const DAY = 86_400_000;
/** Calls shown on the front page, open ones first. */
const MAX_CALLS = 3;
const MAX_NEEDS = 5;
const MAX_RESULTS = 3;

export interface HomeTimelineStep {
  field: CallDateField;
  at: Date;
  state: 'done' | 'now' | 'next';
}

export interface HomeCall {
  call: Call;
  accepting: boolean;
  /** Whole days left to submit (rounded up), when accepting. */
  daysLeft: number | null;
  timeline: HomeTimelineStep[];
  /** Only once the results are published (公示): an approved run is not public before. */
  committedFen: number | null;
  awarded: number | null;
  committedPercent: number | null;
}

export interface HomeResult {
  publicity: Publicity;
  callTitle: string;
  open: boolean;
}

export interface HomeRoadshow {
  session: RoadshowSession;
  roadshowId: number;
  callTitle: string;
}

export interface HomeView {
  calls: HomeCall[];
  openNeeds: { total: number; latest: Need[] };
  results: HomeResult[];
  nextRoadshow: HomeRoadshow | null;
}

/**
 * The front page's figures: the competitions under way with their timelines, what is committed of the
 * cap once published, the open needs, the published results and the next roadshow session. Reads only
 * what every visitor may see (published agendas, published results).
 */
@Injectable()
export class HomeService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async view(now: Date = new Date()): Promise<HomeView> {
    const [calls, openNeeds, results, nextRoadshow] = await Promise.all([
      this.calls(now),
      this.openNeeds(),
      this.results(now),
      this.nextRoadshow(now),
    ]);
    return { calls, openNeeds, results, nextRoadshow };
  }

  private async calls(now: Date): Promise<HomeCall[]> {
    const rows = await this.ds.getRepository(Call).find({
      where: { phase: Not(CallPhase.Closed) },
      order: { opensAt: 'DESC' },
      take: 20,
    });
    const t = now.getTime();
    const accepting = (c: Call) => c.opensAt.getTime() <= t && t < c.submissionDeadline.getTime();
    const chosen = [...rows]
      .sort((a, b) => Number(accepting(b)) - Number(accepting(a)))
      .slice(0, MAX_CALLS);
    if (!chosen.length) return [];
    const ids = chosen.map((c) => c.id);
    const [published, ledgers, awards] = await Promise.all([
      this.ds
        .getRepository(Publicity)
        .find({ where: { callId: In(ids) }, select: { id: true, callId: true } }),
      this.ds.getRepository(FundingLedger).find({ where: { callId: In(ids), track: '*' } }),
      this.ds
        .getRepository(FundingAward)
        .createQueryBuilder('a')
        .select('a.callId', 'callId')
        .addSelect('COUNT(*)', 'n')
        .where({ callId: In(ids), status: 'awarded' })
        .groupBy('a.callId')
        .getRawMany<{ callId: number; n: string | number }>(),
    ]);
    const isPublished = new Set(published.map((p) => p.callId));
    return chosen.map((call) => {
      const open = accepting(call);
      const shown = isPublished.has(call.id);
      const committed = shown
        ? (ledgers.find((l) => l.callId === call.id)?.committedFen ?? 0)
        : null;
      return {
        call,
        accepting: open,
        daysLeft: open ? Math.ceil((call.submissionDeadline.getTime() - t) / DAY) : null,
        timeline: timeline(call, t),
        committedFen: committed,
        awarded: shown ? Number(awards.find((a) => Number(a.callId) === call.id)?.n ?? 0) : null,
        committedPercent:
          committed === null || !call.budgetCapFen
            ? null
            : Math.min(100, Math.round((committed / call.budgetCapFen) * 1000) / 10),
      };
    });
  }

  private async openNeeds(): Promise<HomeView['openNeeds']> {
    const [latest, total] = await this.ds.getRepository(Need).findAndCount({
      where: { status: 'open' },
      relations: { community: true },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: MAX_NEEDS,
    });
    return { total, latest };
  }

  private async results(now: Date): Promise<HomeResult[]> {
    const rows = await this.ds.getRepository(Publicity).find({
      relations: { call: true },
      order: { publishedAt: 'DESC', id: 'DESC' },
      take: 20,
    });
    // One entry per call: its latest round.
    const seen = new Set<number>();
    const out: HomeResult[] = [];
    for (const p of rows) {
      if (seen.has(p.callId) || out.length >= MAX_RESULTS) continue;
      seen.add(p.callId);
      out.push({
        publicity: p,
        callTitle: p.call?.title ?? '',
        open: p.status === 'open' && p.deadline.getTime() > now.getTime(),
      });
    }
    return out;
  }

  private async nextRoadshow(now: Date): Promise<HomeRoadshow | null> {
    const session = await this.ds
      .getRepository(RoadshowSession)
      .createQueryBuilder('s')
      .innerJoinAndSelect('s.roadshow', 'r')
      .innerJoinAndSelect('r.call', 'c')
      .where('r.status = :status', { status: 'published' })
      .andWhere({ endsAt: MoreThanOrEqual(now) })
      .orderBy('s.startsAt', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .getOne();
    if (!session?.roadshow) return null;
    const roadshow: Roadshow = session.roadshow;
    return { session, roadshowId: roadshow.id, callTitle: roadshow.call?.title ?? '' };
  }
}

/** The call's dates in order, each done, the current one, or still ahead. */
export function timeline(call: Call, t: number): HomeTimelineStep[] {
  const steps = CALL_DATE_FIELDS.map((field) => ({ field, at: call[field] }));
  // The step under way: the last one whose date has come (before the first: none).
  let current = -1;
  steps.forEach((s, i) => {
    if (s.at.getTime() <= t) current = i;
  });
  return steps.map((s, i) => ({
    ...s,
    state: i < current ? 'done' : i === current ? 'now' : 'next',
  }));
}
