import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { Clock, Locale, neutraliseFormula as cell } from '@gv/core';
import { I18n } from '@gv/i18n';
import { DeliveryMilestone, DeliveryProject, ProgressReport } from './entities/delivery.entity';
import { ProjectDetailService } from './project-detail.service';
import { shanghaiToday } from './tracking-support';

/** How a project is doing, for the dashboard (终止 projects are "stopped"). */
export const TRACKING_STATUSES = [
  'on_track',
  'overdue',
  'at_risk',
  'completed',
  'stopped',
] as const;
export type TrackingStatus = (typeof TRACKING_STATUSES)[number];

export interface DashboardRow {
  projectId: number;
  number: string;
  title: string;
  organisation: string;
  communityId: number | null;
  community: string;
  communityEn: string;
  projectStatus: DeliveryProject['status'];
  tracking: TrackingStatus;
  awardFen: number;
  paidFen: number;
  milestones: number;
  milestonesDone: number;
  milestonesOverdue: number;
  beneficiaries: number;
  serviceHours: number;
  activities: number;
  reportsAccepted: number;
  reportsWaiting: number;
}

export interface DashboardGroup {
  communityId: number | null;
  community: string;
  communityEn: string;
  projects: number;
  byStatus: Record<TrackingStatus, number>;
  awardFen: number;
  paidFen: number;
  beneficiaries: number;
}

export interface Dashboard {
  today: string;
  rows: DashboardRow[];
  communities: DashboardGroup[];
  totals: Omit<DashboardGroup, 'communityId' | 'community' | 'communityEn'> & {
    serviceHours: number;
    activities: number;
  };
}

const emptyStatus = (): Record<TrackingStatus, number> =>
  Object.fromEntries(TRACKING_STATUSES.map((s) => [s, 0])) as Record<TrackingStatus, number>;

/** At risk (flagged, or suspended) before overdue (an open milestone past its date) before on track. */
export function trackingStatus(status: DeliveryProject['status'], overdue: number): TrackingStatus {
  if (status === 'completed') return 'completed';
  if (status === 'terminated') return 'stopped';
  if (status === 'at_risk' || status === 'suspended') return 'at_risk';
  return overdue > 0 ? 'overdue' : 'on_track';
}

/**
 * 项目督导看板: every project's delivery status (on track / overdue / at risk / completed), budget use
 * (awarded, paid from the paid tranches), beneficiaries reached (accepted reports), per project and per
 * host community, with totals; the same figures as an XLSX workbook.
 */
@Injectable()
export class DashboardService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly detail: ProjectDetailService,
    private readonly clock: Clock,
    private readonly i18n: I18n,
  ) {}

  async dashboard(q: { callId?: number } = {}): Promise<Dashboard> {
    const today = shanghaiToday(this.clock.now());
    const projects = await this.ds.getRepository(DeliveryProject).find({
      where: q.callId ? { callId: q.callId } : {},
      order: { id: 'ASC' },
    });
    const labels = await this.detail.labels(projects);
    const milestones = new Map<number, { total: number; done: number; overdue: number }>(
      (
        await this.ds
          .getRepository(DeliveryMilestone)
          .createQueryBuilder('m')
          .select('m.projectId', 'projectId')
          .addSelect('COUNT(*)', 'total')
          .addSelect("SUM(CASE WHEN m.status = 'done' THEN 1 ELSE 0 END)", 'done')
          .addSelect(
            "SUM(CASE WHEN m.status = 'open' AND m.dueOn < :today THEN 1 ELSE 0 END)",
            'overdue',
          )
          .where("m.status <> 'cancelled'")
          .setParameter('today', today)
          .groupBy('m.projectId')
          .getRawMany<Record<string, string | number>>()
      ).map((r) => [
        Number(r['projectId']),
        { total: Number(r['total']), done: Number(r['done']), overdue: Number(r['overdue']) },
      ]),
    );
    const reports = new Map<number, Record<string, number>>(
      (
        await this.ds
          .getRepository(ProgressReport)
          .createQueryBuilder('r')
          .select('r.projectId', 'projectId')
          .addSelect(
            "SUM(CASE WHEN r.status = 'accepted' THEN r.beneficiaries ELSE 0 END)",
            'beneficiaries',
          )
          .addSelect(
            "SUM(CASE WHEN r.status = 'accepted' THEN r.serviceHours ELSE 0 END)",
            'serviceHours',
          )
          .addSelect(
            "SUM(CASE WHEN r.status = 'accepted' THEN r.activities ELSE 0 END)",
            'activities',
          )
          .addSelect("SUM(CASE WHEN r.status = 'accepted' THEN 1 ELSE 0 END)", 'accepted')
          .addSelect("SUM(CASE WHEN r.status = 'submitted' THEN 1 ELSE 0 END)", 'waiting')
          .groupBy('r.projectId')
          .getRawMany<Record<string, string | number>>()
      ).map((r) => [
        Number(r['projectId']),
        Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number(v ?? 0)])),
      ]),
    );
    const rows: DashboardRow[] = labels.map((l) => {
      const p = l.project;
      const ms = milestones.get(p.id) ?? { total: 0, done: 0, overdue: 0 };
      const rp = reports.get(p.id) ?? {};
      return {
        projectId: p.id,
        number: l.proposal?.number ?? '',
        title: l.proposal?.title ?? '',
        organisation: l.organisation?.name ?? '',
        communityId: p.communityId,
        community: l.community?.name ?? '',
        communityEn: l.community?.nameEn ?? '',
        projectStatus: p.status,
        tracking: trackingStatus(p.status, ms.overdue),
        awardFen: l.awardFen,
        paidFen: l.paidFen,
        milestones: ms.total,
        milestonesDone: ms.done,
        milestonesOverdue: ms.overdue,
        beneficiaries: rp['beneficiaries'] ?? 0,
        serviceHours: rp['serviceHours'] ?? 0,
        activities: rp['activities'] ?? 0,
        reportsAccepted: rp['accepted'] ?? 0,
        reportsWaiting: rp['waiting'] ?? 0,
      };
    });
    const groups = new Map<number | null, DashboardGroup>();
    const totals = {
      projects: 0,
      byStatus: emptyStatus(),
      awardFen: 0,
      paidFen: 0,
      beneficiaries: 0,
      serviceHours: 0,
      activities: 0,
    };
    for (const r of rows) {
      let g = groups.get(r.communityId);
      if (!g) {
        g = {
          communityId: r.communityId,
          community: r.community,
          communityEn: r.communityEn,
          projects: 0,
          byStatus: emptyStatus(),
          awardFen: 0,
          paidFen: 0,
          beneficiaries: 0,
        };
        groups.set(r.communityId, g);
      }
      for (const t of [g, totals]) {
        t.projects++;
        t.byStatus[r.tracking]++;
        t.awardFen += r.awardFen;
        t.paidFen += r.paidFen;
        t.beneficiaries += r.beneficiaries;
      }
      totals.serviceHours += r.serviceHours;
      totals.activities += r.activities;
    }
    const communities = [...groups.values()].sort((a, b) =>
      a.community.localeCompare(b.community, 'zh-CN'),
    );
    return { today, rows, communities, totals };
  }

  /** The dashboard as a workbook: one sheet of projects, one of communities (yuan, formulas neutralised). */
  async workbook(q: { callId?: number }, locale: Locale): Promise<Buffer> {
    const d = await this.dashboard(q);
    const t = (k: string) => this.i18n.t(locale, `delivery.dashboard.${k}`);
    const status = (s: TrackingStatus) => t(`status.${s}`);
    const yuan = (fen: number) => fen / 100; // exact for display: fen are integers below 2^53
    const money = { numFmt: '#,##0.00' };
    const wb = new ExcelJS.Workbook();
    wb.creator = 'gongyi-venture';
    const ws = wb.addWorksheet(t('sheetProjects'));
    ws.columns = [
      { header: t('project'), key: 'title', width: 36 },
      { header: t('number'), key: 'number', width: 16 },
      { header: t('organisation'), key: 'organisation', width: 28 },
      { header: t('community'), key: 'community', width: 16 },
      { header: t('statusLabel'), key: 'status', width: 12 },
      { header: t('award'), key: 'award', width: 14, style: money },
      { header: t('paid'), key: 'paid', width: 14, style: money },
      { header: t('milestones'), key: 'milestones', width: 10 },
      { header: t('milestonesDone'), key: 'done', width: 10 },
      { header: t('milestonesOverdue'), key: 'overdue', width: 10 },
      { header: t('beneficiaries'), key: 'beneficiaries', width: 12 },
      { header: t('serviceHours'), key: 'hours', width: 12 },
      { header: t('activities'), key: 'activities', width: 10 },
    ];
    for (const r of d.rows)
      ws.addRow({
        title: cell(r.title),
        number: cell(r.number),
        organisation: cell(r.organisation),
        community: cell(locale === 'en' ? r.communityEn : r.community),
        status: status(r.tracking),
        award: yuan(r.awardFen),
        paid: yuan(r.paidFen),
        milestones: r.milestones,
        done: r.milestonesDone,
        overdue: r.milestonesOverdue,
        beneficiaries: r.beneficiaries,
        hours: r.serviceHours,
        activities: r.activities,
      });
    ws.getRow(1).font = { bold: true };
    const wc = wb.addWorksheet(t('sheetCommunities'));
    wc.columns = [
      { header: t('community'), key: 'community', width: 18 },
      { header: t('projects'), key: 'projects', width: 10 },
      ...TRACKING_STATUSES.map((s) => ({ header: status(s), key: s, width: 10 })),
      { header: t('award'), key: 'award', width: 14, style: money },
      { header: t('paid'), key: 'paid', width: 14, style: money },
      { header: t('beneficiaries'), key: 'beneficiaries', width: 12 },
    ];
    for (const g of [
      ...d.communities,
      { ...d.totals, community: t('total'), communityEn: t('total') },
    ])
      wc.addRow({
        community: cell((locale === 'en' ? g.communityEn : g.community) || t('unplaced')),
        projects: g.projects,
        ...g.byStatus,
        award: yuan(g.awardFen),
        paid: yuan(g.paidFen),
        beneficiaries: g.beneficiaries,
      });
    wc.getRow(1).font = { bold: true };
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
}
