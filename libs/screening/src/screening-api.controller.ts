import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PageQuery, Public, Role, Roles } from '@gv/core';
import { ProposalQueryService } from '@gv/proposals';
import { ScreeningExportService } from './screening-export.service';
import { ScreeningDto } from './screening.dto';
import { ScreeningService } from './screening.service';
import { CurrentLocale, CurrentUser, fileDownload, XLSX_TYPE } from '@gv/web';
import type { Locale } from '@gv/core';
import type { SessionUser } from '@gv/core';

const STAFF = [Role.StreetAdmin, Role.CommunityStaff];

@ApiTags('screening')
@ApiBearerAuth()
@Controller('api/v1')
export class ScreeningApiController {
  constructor(
    private readonly query: ProposalQueryService,
    private readonly screening: ScreeningService,
    private readonly exporter: ScreeningExportService,
  ) {}

  @Roles(...STAFF)
  @Put('proposals/:id/screening')
  @ApiOperation({
    summary: 'Record the screening decision (hidden from the organisation until published)',
  })
  async decide(
    @Param('id', ParseIntPipe) id: number,
    @Body() dto: ScreeningDto,
    @CurrentUser() user: SessionUser,
  ) {
    const s = await this.screening.decide(user, id, dto);
    return {
      proposalId: s.proposalId,
      decision: s.decision,
      reason: s.reason,
      correctionDeadline: s.correctionDeadline,
      version: s.version,
      publishedAt: s.publishedAt,
    };
  }

  @Roles(Role.StreetAdmin)
  @Post('calls/:id/screening/publish')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Publish all unpublished screening decisions of the call; notifies each organisation',
  })
  async publish(@Param('id', ParseIntPipe) id: number) {
    return this.screening.publish(id);
  }

  @Roles(Role.StreetAdmin)
  @Get('calls/:id/proposals.xlsx')
  @ApiOperation({
    summary: 'XLSX of all submitted proposals with budget lines and screening results',
  })
  async export(@Param('id', ParseIntPipe) id: number, @CurrentLocale() locale: Locale) {
    const { call, buffer } = await this.exporter.workbook(id, locale);
    return fileDownload(`proposals-${call.code}-${call.year}.xlsx`, XLSX_TYPE, buffer);
  }

  @Public()
  @Get('calls/:id/eligible-proposals')
  @ApiOperation({ summary: 'Public: eligible proposals after the screening is published' })
  async eligible(@Param('id', ParseIntPipe) id: number, @Query() q: PageQuery) {
    const page = await this.query.publicEligible(id, q);
    const names = await this.query.firstCommunities(page.items.map((p) => p.id));
    return {
      ...page,
      items: page.items.map((p) => ({
        number: p.number,
        title: p.title,
        organisationName: p.organisation?.name ?? '',
        community: names.get(p.id)?.name ?? null,
        communityEn: names.get(p.id)?.nameEn ?? null,
        requestedFen: p.totalFen,
      })),
    };
  }
}
