import { Controller, Get, Param, Render, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeEndpoint, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Locale, Role, Roles } from '@gv/core';
import { I18n } from '@gv/i18n';
import { CurrentLocale, page, parseId } from '@gv/web';
import { ReviewReportService } from './review-report.service';

/** 评审报告: one proposal's review, as a printable page to sign and as JSON. */
@ApiTags('reviews')
@ApiBearerAuth()
@Controller()
export class ReviewReportController {
  constructor(
    private readonly reports: ReviewReportService,
    private readonly i18n: I18n,
  ) {}

  @Roles(Role.StreetAdmin)
  @Get('calls/:id/reviews/proposals/:proposalId/report')
  @Render('reviews/report')
  @ApiExcludeEndpoint()
  async view(
    @Req() req: Request,
    @Param('id') id: string,
    @Param('proposalId') proposalId: string,
  ) {
    const r = await this.reports.report(parseId(id), parseId(proposalId), req.locale);
    const l = req.locale;
    return page(req, 'reviews.report.title', {
      ...r,
      methodLabel: this.i18n.t(l, `reviews.methods.${r.method}`),
      columns: r.criteria.length + 3,
      sheets: r.sheets.map((s) => ({
        ...s,
        groupLabel: s.group ? this.i18n.t(l, `panels.groups.${s.group}`) : '',
        sourceLabel: this.i18n.t(l, `reviews.report.sources.${s.source}`),
        scores: s.scores.map((x) => ({ ...x, shown: x.na ? 'N/A' : (x.points ?? '—') })),
        comments: s.scores
          .filter((x) => x.comment)
          .map((x) => ({
            label: r.criteria.find((c) => c.id === x.criterion)?.label ?? x.criterion,
            text: x.comment,
          })),
      })),
      recused: r.recused.map((x) => ({
        ...x,
        groupLabel: this.i18n.t(l, `panels.groups.${x.group}`),
      })),
    });
  }

  @Roles(Role.StreetAdmin)
  @Get('api/v1/calls/:callId/reviews/proposals/:proposalId/report')
  @ApiOperation({
    summary:
      'One proposal’s review report (评审报告): the submitted sheets with their source, the recused judges, the aggregate by the call’s method with its explanation, the consensus',
  })
  async report(
    @Param('callId') callId: string,
    @Param('proposalId') proposalId: string,
    @CurrentLocale() locale: Locale,
  ) {
    return this.reports.report(parseId(callId), parseId(proposalId), locale);
  }
}
