import { extname } from 'node:path';
import { Controller, Get, Param, Query, Render, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { fenToYuan, Public, Role, Roles } from '@gv/core';
import { I18n } from '@gv/i18n';
import { fileDownload, page, parseId, XLSX_TYPE } from '@gv/web';
import { barChart } from './dashboard-chart';
import { DashboardService, TRACKING_STATUSES } from './dashboard.service';
import { DashboardPageQuery } from './dto/reports.dto';
import { PublicDeliveryService } from './public-delivery.service';

/**
 * 项目督导看板 (street office) with its charts (inline SVG) and XLSX export, and the public delivery
 * page of a project (no sign-in): what was funded, what was done, what it cost.
 */
@ApiExcludeController()
@Controller()
export class DeliveryDashboardController {
  constructor(
    private readonly dashboard: DashboardService,
    private readonly publicPages: PublicDeliveryService,
    private readonly i18n: I18n,
  ) {}

  @Roles(Role.StreetAdmin)
  @Get('delivery/dashboard')
  @Render('delivery/dashboard')
  async board(@Req() req: Request, @Query() q: DashboardPageQuery) {
    const l = req.locale;
    const t = (k: string) => this.i18n.t(l, `delivery.dashboard.${k}`);
    const d = await this.dashboard.dashboard({ callId: q.callId });
    const name = (g: { community: string; communityEn: string }) =>
      (l === 'en' ? g.communityEn : g.community) || t('unplaced');
    const statusChart = barChart(
      TRACKING_STATUSES.map((s) => ({
        label: t(`status.${s}`),
        values: [{ value: d.totals.byStatus[s], text: String(d.totals.byStatus[s]), series: s }],
      })),
      { barWidth: 40, gap: 30, maxLabel: 10 },
    );
    const budgetChart = barChart(
      d.communities.map((g) => ({
        label: name(g),
        values: [
          {
            value: g.awardFen,
            text: fenToYuan(Math.round(g.awardFen / 100) * 100).replace(/\.00$/, ''),
            series: 'award',
          },
          {
            value: g.paidFen,
            text: fenToYuan(Math.round(g.paidFen / 100) * 100).replace(/\.00$/, ''),
            series: 'paid',
          },
        ],
      })),
      { barWidth: 34, gap: 28 },
    );
    return page(req, 'delivery.dashboard.title', {
      d,
      statusChart,
      budgetChart,
      statuses: TRACKING_STATUSES.map((s) => ({
        key: s,
        label: t(`status.${s}`),
        n: d.totals.byStatus[s],
      })),
      rows: d.rows.map((r) => ({
        ...r,
        communityName: name(r),
        trackingText: t(`status.${r.tracking}`),
      })),
      communities: d.communities.map((g) => ({
        ...g,
        name: name(g),
        cells: TRACKING_STATUSES.map((s) => g.byStatus[s]),
      })),
      totalCells: TRACKING_STATUSES.map((s) => d.totals.byStatus[s]),
      exportUrl: `/delivery/dashboard.xlsx${q.callId ? `?callId=${q.callId}` : ''}`,
    });
  }

  @Roles(Role.StreetAdmin)
  @Get('delivery/dashboard.xlsx')
  async xlsx(@Req() req: Request, @Query() q: DashboardPageQuery) {
    const buffer = await this.dashboard.workbook({ callId: q.callId }, req.locale);
    return fileDownload('delivery-dashboard.xlsx', XLSX_TYPE, buffer);
  }

  @Public()
  @Get('projects/:id')
  @Render('delivery/public-project')
  async publicProject(@Req() req: Request, @Param('id') id: string) {
    const l = req.locale;
    const p = await this.publicPages.project(parseId(id));
    return page(req, 'delivery.public.title', {
      p,
      communityName: p.community ? (l === 'en' ? p.community.nameEn : p.community.name) : '',
      statusText: this.i18n.t(l, `delivery.status.${p.status}`),
      cost: p.cost.map((c) => ({
        ...c,
        categoryText: this.i18n.t(l, `proposals.category.${c.category}`),
      })),
      budgetFen: p.cost.reduce((s, c) => s + c.budgetFen, 0),
      spentFen: p.cost.reduce((s, c) => s + c.spentFen, 0),
    });
  }

  @Public()
  @Get('projects/:id/photos/:fileId')
  async photo(@Param('id') id: string, @Param('fileId') fileId: string) {
    const { file, data } = await this.publicPages.photo(parseId(id), parseId(fileId));
    return fileDownload(
      `photo-${file.id}${extname(file.fileName).toLowerCase()}`,
      file.mimeType,
      data,
      {
        inline: true,
      },
    );
  }
}
