import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Call, CallPhase } from '@gv/calls';
import { Actor, AppException, fenToYuan, formatShanghai, Locale, Role } from '@gv/core';
import { ReadCache } from '@gv/database';
import { I18n } from '@gv/i18n';
import {
  NotificationContentFor,
  NotificationContentInput,
  NotificationEvent,
} from '@gv/notifications';
import { Organisation } from '@gv/organisations';
import { Community, StreetOffice } from '@gv/places';
import { Proposal } from '@gv/proposals';
import { FundingAward } from './entities/funding.entity';
import { FundingPlacement } from './entities/placement.entity';
import { Objection, Publicity } from './entities/publicity.entity';
import { FundingError } from './funding.errors';
import { FundingService } from './funding.service';
import { describeLine } from './funding.view';
import { PublicityService } from './publicity.service';

/**
 * One project as published: what the public may see (organisation name, project, score, amount, host
 * community, the decision in words). Never contact data of organisations, nor judges.
 */
export interface PublishedEntry {
  proposalId: number;
  number: string | null;
  title: string;
  organisation: string;
  organisationId: number;
  track: string;
  rank: number | null;
  score: string;
  requestedFen: number;
  amountFen: number;
  funded: boolean;
  decision: string;
  decisionText: string;
  community: string | null;
}

/** The published results of a call (public page, notice, letters and their mails read from here). */
@Injectable()
export class PublicityResults {
  /** What a call's results page shows, per call, language and admin view (see ReadCache). */
  private readonly published = new ReadCache<
    Awaited<ReturnType<PublicityResults['readPublished']>>
  >(200);

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly funding: FundingService,
    private readonly publicity: PublicityService,
    private readonly i18n: I18n,
  ) {}

  /**
   * The results page's model: the rounds, and the newest round's results unless it was reopened (then
   * a revised decision is being prepared and nothing unpublished is shown). An upcoming call is 404
   * except to the street office.
   */
  async forCall(callId: number, locale: Locale, viewer?: Actor, now: Date = new Date()) {
    const admin = !!viewer?.roles.includes(Role.StreetAdmin);
    // Results day: everyone opens the same results; read once per change (not the clock-dependent part).
    const d = await this.published.get(JSON.stringify([callId, locale, admin]), () =>
      this.readPublished(callId, locale, admin),
    );
    const latest = d.latest;
    const open = latest?.status === 'open' && now.getTime() <= latest.deadline.getTime();
    return {
      ...d,
      open,
      closedAwaitingFinal: latest?.status === 'open' && !open,
      funded: [...d.funded],
      notFunded: [...d.notFunded],
    };
  }

  private async readPublished(callId: number, locale: Locale, admin: boolean) {
    const call = Number.isSafeInteger(callId)
      ? await this.ds.getRepository(Call).findOneBy({ id: callId })
      : null;
    if (!call || (call.phase === CallPhase.Upcoming && !admin)) throw AppException.notFound();
    const rounds = await this.publicity.rounds(call.id);
    const latest = rounds[0] ?? null;
    const shown = latest && latest.status !== 'reopened' ? latest : null;
    const entries = shown ? await this.entries(this.ds.manager, shown, locale) : [];
    const funded = entries.filter((e) => e.funded);
    return {
      call: { id: call.id, title: call.title, code: call.code, year: call.year },
      latest,
      rounds,
      published: !!shown,
      reopened: latest?.status === 'reopened',
      final: latest?.status === 'final',
      funded,
      notFunded: entries.filter((e) => !e.funded),
      totalFen: funded.reduce((s, e) => s + e.amountFen, 0),
    };
  }

  /**
   * The projects of a round: the funded ones (the call's active awards, with their host community)
   * first, in rank order, then the others with the reason from the round's ranking version.
   */
  async entries(m: EntityManager, round: Publicity, locale: Locale): Promise<PublishedEntry[]> {
    const lines = await this.funding.runLines(round.runId, m);
    const awards = await m.find(FundingAward, {
      where: { callId: round.callId, status: 'awarded' },
    });
    const ids = [
      ...new Set([...lines.map((l) => l.proposalId), ...awards.map((a) => a.proposalId)]),
    ];
    if (!ids.length) return [];
    const proposals = await m.find(Proposal, {
      where: { id: In(ids) },
      select: { id: true, number: true, title: true, organisationId: true, track: true },
    });
    const orgs = await m.find(Organisation, {
      where: { id: In([...new Set(proposals.map((p) => p.organisationId))]) },
      select: { id: true, name: true },
    });
    const placements = await m.findBy(FundingPlacement, { callId: round.callId });
    const communityIds = placements.map((p) => p.communityId).filter((x): x is number => !!x);
    const communities = communityIds.length
      ? await m.findBy(Community, { id: In([...new Set(communityIds)]) })
      : [];
    const out: PublishedEntry[] = [];
    for (const p of proposals) {
      const line = lines.find((l) => l.proposalId === p.id);
      const award = awards.find((a) => a.proposalId === p.id);
      const place = placements.find((x) => x.proposalId === p.id);
      const c = communities.find((x) => x.id === place?.communityId);
      // A version funded it but the award was withdrawn since (e.g. no community could host it).
      const decision = award
        ? (line?.decision ?? 'funded')
        : line?.amountFen
          ? 'withdrawn'
          : (line?.decision ?? '');
      out.push({
        proposalId: p.id,
        number: p.number,
        title: p.title,
        organisation: orgs.find((o) => o.id === p.organisationId)?.name ?? '',
        organisationId: p.organisationId,
        track: p.track,
        rank: line?.rank ?? null,
        score: line?.score ?? '—',
        requestedFen: line?.requestedFen ?? award?.requestedFen ?? 0,
        amountFen: award?.amountFen ?? 0,
        funded: !!award,
        decision,
        decisionText:
          decision === 'withdrawn'
            ? this.i18n.t(locale, 'publicity.withdrawn')
            : describeLine({ decision, notes: [] }, locale).decisionText,
        community: award && c ? (locale === 'en' ? c.nameEn : c.name) : null,
      });
    }
    const rank = (e: PublishedEntry) => e.rank ?? Number.MAX_SAFE_INTEGER;
    return out.sort((a, b) => Number(b.funded) - Number(a.funded) || rank(a) - rank(b));
  }

  /**
   * A proposal's letter (立项通知书 or 未立项通知书) of the newest published round: the street office,
   * or a member of the proposal's organisation (others: 404). 409 publicity_not_open before a
   * publication, or while a reopened decision is being revised.
   */
  async letter(proposalId: number, viewer: Actor, locale: Locale) {
    const proposal = Number.isSafeInteger(proposalId)
      ? await this.ds.getRepository(Proposal).findOneBy({ id: proposalId })
      : null;
    const mine =
      viewer.roles.includes(Role.StreetAdmin) ||
      (viewer.roles.includes(Role.OrgMember) && viewer.organisationId === proposal?.organisationId);
    if (!proposal || !mine || !proposal.currentVersion) throw AppException.notFound();
    const round = await this.publicity.latest(proposal.callId);
    if (!round || round.status === 'reopened') throw FundingError.error('publicity_not_open');
    const entry = (await this.entries(this.ds.manager, round, locale)).find(
      (e) => e.proposalId === proposal.id,
    );
    if (!entry) throw AppException.notFound();
    const call = await this.ds.getRepository(Call).findOneByOrFail({ id: proposal.callId });
    return {
      call: { id: call.id, title: call.title, year: call.year },
      round,
      entry,
      issuer: await this.issuer(proposal.organisationId, locale),
    };
  }

  /** The street office the organisation belongs to (the letter's issuer). */
  private async issuer(organisationId: number, locale: Locale): Promise<string> {
    const org = await this.ds.getRepository(Organisation).findOneBy({ id: organisationId });
    const c = org
      ? await this.ds.getRepository(Community).findOneBy({ id: org.communityId })
      : null;
    const office = c
      ? await this.ds.getRepository(StreetOffice).findOneBy({ id: c.streetOfficeId })
      : null;
    return office ? (locale === 'en' ? office.nameEn : office.name) : '';
  }

  // ── mail ────────────────────────────────────────────────────────────────────────────────────

  /** The award / not-funded letter by mail: the project as published in that round. */
  @NotificationContentFor(
    [NotificationEvent.FundingAwardLetter, NotificationEvent.FundingNotFundedLetter],
    { sameForAllRecipients: true },
  )
  async letterContent(input: NotificationContentInput) {
    const m = input.manager;
    const proposalId = Number(input.ids['proposalId']);
    const round = await m.findOneBy(Publicity, { id: Number(input.ids['publicityId']) || -1 });
    const call = round ? await m.findOneBy(Call, { id: round.callId }) : null;
    const entry = round
      ? (await this.entries(m, round, input.locale)).find((e) => e.proposalId === proposalId)
      : undefined;
    return {
      callTitle: call?.title ?? '',
      number: entry?.number ?? '',
      projectTitle: entry?.title ?? '',
      organisation: entry?.organisation ?? '',
      amount: entry ? fenToYuan(entry.amountFen) : '',
      community: entry?.community ?? '',
      score: entry?.score ?? '',
      reason: entry?.decisionText ?? '',
      round: round?.round ?? 1,
      deadline: round ? formatShanghai(round.deadline) : '',
      contact: round?.contact ?? '',
      link: `/awards/${proposalId}/letter`,
    };
  }

  /** The reply to an objection, to the objector. */
  @NotificationContentFor(NotificationEvent.FundingObjectionAnswered, {
    sameForAllRecipients: true,
  })
  async answerContent(input: NotificationContentInput) {
    const m = input.manager;
    const o = await m.findOneBy(Objection, { id: Number(input.ids['objectionId']) || -1 });
    const call = o ? await m.findOneBy(Call, { id: o.callId }) : null;
    return {
      callTitle: call?.title ?? '',
      name: o?.name ?? '',
      upheld: o?.status === 'upheld',
      reply: o?.reply ?? '',
      filedAt: o ? formatShanghai(o.createdAt) : '',
      link: `/results/${o?.callId ?? ''}`,
    };
  }
}
