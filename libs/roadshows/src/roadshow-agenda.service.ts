import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import ExcelJS from 'exceljs';
import { DataSource, In } from 'typeorm';
import { formatShanghai, Locale, neutraliseFormula } from '@gv/core';
import { I18n } from '@gv/i18n';
import { PanelMember } from '@gv/panels';
import { ProposalVersion } from '@gv/proposals';
import { Roadshow } from './entities/roadshow.entity';
import { RoadshowPitch } from './entities/roadshow-pitch.entity';
import { RoadshowPledge } from './entities/roadshow-record.entity';
import { RoadshowsService, SessionWithJudges } from './roadshows.service';

const MINUTE = 60_000;

export interface AgendaSlot {
  index: number;
  start: string;
  end: string;
  pitch?: {
    id: number;
    proposalId: number;
    number: string;
    title: string;
    organisation: string;
    checkInCode: string;
    checkedIn: boolean;
    noShow: boolean;
  };
}

export interface AgendaSession extends SessionWithJudges {
  slots: AgendaSlot[];
  judges: { id: number; name: string; chair: boolean }[];
  used: number;
}

/**
 * The agenda as a grid (sessions × slots): the working copy for the clerk, or what was published for
 * everyone else; the printable and public pages and the XLSX export read it.
 */
@Injectable()
export class RoadshowAgendaService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly roadshows: RoadshowsService,
    private readonly i18n: I18n,
  ) {}

  async agenda(r: Roadshow, published: boolean) {
    const sessions = await this.roadshows.sessions(r.id);
    const pitches = await this.ds.getRepository(RoadshowPitch).find({
      where: { roadshowId: r.id },
      relations: { proposal: { organisation: true } },
    });
    const titles = new Map(
      (pitches.length
        ? await this.ds
            .getRepository(ProposalVersion)
            .createQueryBuilder('v')
            .innerJoin('v.proposal', 'p', 'p.currentVersion = v.version')
            .where('v.proposalId IN (:...ids)', { ids: pitches.map((p) => p.proposalId) })
            .getMany()
        : []
      ).map((v) => [v.proposalId, v.title]),
    );
    const memberIds = [...new Set(sessions.flatMap((s) => s.judgeIds))];
    const members = memberIds.length
      ? await this.ds.getRepository(PanelMember).find({
          where: { id: In(memberIds) },
          relations: { user: true },
        })
      : [];
    const step = (r.pitchMinutes + r.qaMinutes + r.changeoverMinutes) * MINUTE;
    const len = (r.pitchMinutes + r.qaMinutes) * MINUTE;
    const where = (p: RoadshowPitch) =>
      published
        ? { sessionId: p.publishedSessionId, startsAt: p.publishedStartsAt }
        : { sessionId: p.sessionId, startsAt: p.startsAt };
    const grid: AgendaSession[] = sessions.map((s) => {
      const span = s.endsAt.getTime() - s.startsAt.getTime();
      const count = span < len ? 0 : Math.floor((span - len) / step) + 1;
      const slots: AgendaSlot[] = [];
      for (let k = 0; k < count; k++) {
        const start = new Date(s.startsAt.getTime() + k * step);
        const p = pitches.find((x) => {
          const w = where(x);
          return w.sessionId === s.id && w.startsAt?.getTime() === start.getTime();
        });
        slots.push({
          index: k,
          start: formatShanghai(start).slice(11),
          end: formatShanghai(new Date(start.getTime() + len)).slice(11),
          pitch: p && {
            id: p.id,
            proposalId: p.proposalId,
            number: p.proposal?.number ?? '',
            title: titles.get(p.proposalId) ?? p.proposal?.title ?? '',
            organisation: p.proposal?.organisation?.name ?? '',
            checkInCode: p.checkInCode,
            checkedIn: !!p.checkedInAt,
            noShow: p.noShow,
          },
        });
      }
      return Object.assign(s, {
        slots,
        used: slots.filter((x) => x.pitch).length,
        judges: s.judgeIds.map((id) => ({
          id,
          name: members.find((x) => x.id === id)?.user?.name ?? String(id),
          chair: s.chairMemberId === id,
        })),
      });
    });
    const unplaced = published
      ? []
      : pitches
          .filter((p) => !p.sessionId)
          .map((p) => ({
            id: p.id,
            number: p.proposal?.number ?? '',
            title: titles.get(p.proposalId) ?? '',
            organisation: p.proposal?.organisation?.name ?? '',
            reason: p.unplacedReason ?? '',
          }));
    return {
      sessions: published ? grid.filter((s) => s.used) : grid,
      unplaced,
      sessionsUsed: grid.filter((s) => s.used).length,
      placed: grid.reduce((n, s) => n + s.used, 0),
    };
  }

  /** The published agenda, the pledges and check-in as an XLSX workbook (two sheets). */
  async export(r: Roadshow, locale: Locale): Promise<Buffer> {
    const t = (k: string) => this.i18n.t(locale, k);
    const { sessions } = await this.agenda(r, true);
    const wb = new ExcelJS.Workbook();
    wb.creator = 'gongyi-venture';
    const ws = wb.addWorksheet(t('roadshows.export.agenda'));
    ws.columns = [
      { header: t('roadshows.fields.date'), key: 'date', width: 12 },
      { header: t('roadshows.fields.time'), key: 'time', width: 14 },
      { header: t('roadshows.fields.room'), key: 'room', width: 20 },
      { header: t('roadshows.fields.number'), key: 'number', width: 16 },
      { header: t('roadshows.fields.title'), key: 'title', width: 36 },
      { header: t('roadshows.fields.organisation'), key: 'org', width: 28 },
      { header: t('roadshows.fields.judges'), key: 'judges', width: 36 },
      { header: t('roadshows.fields.checkIn'), key: 'checkIn', width: 12 },
    ];
    ws.getRow(1).font = { bold: true };
    for (const s of sessions)
      for (const slot of s.slots)
        if (slot.pitch)
          ws.addRow({
            date: formatShanghai(s.startsAt).slice(0, 10),
            time: `${slot.start}–${slot.end}`,
            room: neutraliseFormula(s.room),
            number: slot.pitch.number,
            title: neutraliseFormula(slot.pitch.title),
            org: neutraliseFormula(slot.pitch.organisation),
            judges: neutraliseFormula(s.judges.map((j) => j.name).join('、')),
            checkIn: slot.pitch.noShow
              ? t('roadshows.day.noShow')
              : slot.pitch.checkedIn
                ? t('roadshows.day.checkedIn')
                : '',
          });
    const pledges = await this.ds
      .getRepository(RoadshowPledge)
      .find({ where: { roadshowId: r.id }, relations: { proposal: true }, order: { id: 'ASC' } });
    const ps = wb.addWorksheet(t('roadshows.export.pledges'));
    ps.columns = [
      { header: t('roadshows.fields.number'), key: 'number', width: 16 },
      { header: t('roadshows.pledge.sponsor'), key: 'sponsor', width: 28 },
      { header: t('roadshows.pledge.kind'), key: 'kind', width: 12 },
      {
        header: t('roadshows.pledge.amountYuan'),
        key: 'amount',
        width: 14,
        style: { numFmt: '#,##0.00' },
      },
      { header: t('roadshows.pledge.description'), key: 'description', width: 36 },
      { header: t('roadshows.pledge.contact'), key: 'contact', width: 20 },
    ];
    ps.getRow(1).font = { bold: true };
    for (const p of pledges)
      ps.addRow({
        number: p.proposal?.number ?? '',
        sponsor: neutraliseFormula(p.sponsor),
        kind: t(`roadshows.pledgeKinds.${p.kind}`),
        amount: p.amountFen === null ? null : p.amountFen / 100,
        description: neutraliseFormula(p.description),
        contact: neutraliseFormula(p.contact),
      });
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
}
