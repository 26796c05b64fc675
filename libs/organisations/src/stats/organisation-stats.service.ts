import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { Locale } from '@gv/core';
import { I18n } from '@gv/i18n';
import { Community } from '@gv/places';
import { Organisation, OrganisationType } from '../entities/organisation.entity';
import { buildStatsTable, StatsTable } from './organisation-stats.util';
import { statsChartSvg } from './stats-chart.util';

/** The report's order: the named types first, convenience services (the largest) leading. */
export const STATS_TYPES: OrganisationType[] = [
  OrganisationType.Convenience,
  OrganisationType.ResidentServices,
  OrganisationType.Charity,
  OrganisationType.CultureSport,
  OrganisationType.MutualAid,
  OrganisationType.Other,
];

/** 社区社会组织培育基本情况统计表: verified organisations (those the street counts as cultivated). */
@Injectable()
export class OrganisationStatsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly i18n: I18n,
  ) {}

  async table(locale: Locale): Promise<StatsTable> {
    const rows = await this.ds
      .getRepository(Organisation)
      .createQueryBuilder('o')
      .select('o.communityId', 'communityId')
      .addSelect('o.type', 'type')
      .addSelect('COUNT(*)', 'count')
      .where('o.status = :status', { status: 'verified' })
      .groupBy('o.communityId')
      .addGroupBy('o.type')
      .getRawMany<{ communityId: number; type: string; count: string | number }>();
    const communities = await this.ds
      .getRepository(Community)
      .find({ order: { sortOrder: 'ASC', id: 'ASC' } });
    return buildStatsTable(
      rows.map((r) => ({
        communityId: Number(r.communityId),
        type: r.type,
        count: Number(r.count),
      })),
      communities.map((c) => ({ id: c.id, name: locale === 'en' ? c.nameEn : c.name })),
      STATS_TYPES,
    );
  }

  typeLabel(locale: Locale) {
    return (type: string) => this.i18n.t(locale, `organisations.types.${type}`);
  }

  chart(table: StatsTable, locale: Locale): string {
    return statsChartSvg(
      table,
      this.typeLabel(locale),
      this.i18n.t(locale, 'organisations.stats.chartTitle'),
    );
  }

  /** The same table as an .xlsx workbook: counts per type and community, totals and shares. */
  async xlsx(locale: Locale): Promise<Buffer> {
    const t = await this.table(locale);
    const label = this.typeLabel(locale);
    const wb = new ExcelJS.Workbook();
    wb.creator = this.i18n.t(locale, 'app.name');
    const ws = wb.addWorksheet(this.i18n.t(locale, 'organisations.stats.sheet'));
    ws.addRow([this.i18n.t(locale, 'organisations.stats.title')]).font = { bold: true, size: 14 };
    const header = ws.addRow([
      this.i18n.t(locale, 'organisations.fields.community'),
      ...t.types.map(label),
      this.i18n.t(locale, 'organisations.stats.total'),
      this.i18n.t(locale, 'organisations.stats.share'),
    ]);
    header.font = { bold: true };
    for (const r of t.rows)
      ws.addRow([r.name, ...r.cells.map((c) => c.count), r.total, Number(r.share) / 100]);
    const totals = ws.addRow([
      this.i18n.t(locale, 'organisations.stats.total'),
      ...t.typeTotals.map((x) => x.count),
      t.total,
      t.total ? 1 : 0,
    ]);
    totals.font = { bold: true };
    ws.addRow([
      this.i18n.t(locale, 'organisations.stats.share'),
      ...t.typeTotals.map((x) => Number(x.share) / 100),
      t.total ? 1 : 0,
    ]);
    const shareCol = t.types.length + 3;
    ws.getColumn(shareCol).numFmt = '0.0%';
    ws.getRow(ws.rowCount).numFmt = '0.0%';
    ws.getColumn(1).width = 16;
    for (let i = 2; i <= shareCol; i++) ws.getColumn(i).width = 12;
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
}
