import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public, Role, Roles } from '@gv/core';
import type { SessionUser } from '@gv/core';
import type { UploadedFileData } from '@gv/proposals';
import { CurrentLocale, CurrentUser, fileDownload, parseId, XLSX_TYPE } from '@gv/web';
import type { Locale } from '@gv/core';
import { DashboardService } from './dashboard.service';
import {
  DashboardQuery,
  MilestoneChangeDto,
  MilestoneDecisionDto,
  ReportDecisionDto,
  ReportDto,
  ReportFileMarksDto,
  ReturnReportDto,
} from './dto/reports.dto';
import { MilestonesService } from './milestones.service';
import { PublicDeliveryService } from './public-delivery.service';
import { ReportsService } from './reports.service';

/** Who may open a project's reports and milestones: the street office, its organisation, its supervisor. */
const READERS = [Role.StreetAdmin, Role.OrgMember, Role.Judge, Role.CommunityStaff];

/** 进展报告、里程碑、看板 API: progress reports, milestone changes, the dashboard, public delivery pages. */
@ApiTags('delivery')
@ApiBearerAuth()
@Controller('api/v1/delivery')
export class DeliveryReportsApiController {
  constructor(
    private readonly reports: ReportsService,
    private readonly milestones: MilestonesService,
    private readonly dashboard: DashboardService,
    private readonly publicPages: PublicDeliveryService,
  ) {}

  // ── progress reports ────────────────────────────────────────────────────────────────────────

  @Roles(...READERS)
  @Get('projects/:id/reports')
  @ApiOperation({ summary: "A project's progress reports, newest first (with their file counts)" })
  async list(@CurrentUser() user: SessionUser, @Param('id') id: string) {
    return (await this.reports.list(user, parseId(id))).reports;
  }

  @Roles(Role.OrgMember)
  @Post('projects/:id/reports')
  @ApiOperation({
    summary:
      'Submit a progress report: beneficiaries, service hours, activities, narrative, spending per budget line (409 project_terminated)',
  })
  create(@CurrentUser() user: SessionUser, @Param('id') id: string, @Body() dto: ReportDto) {
    return this.reports.create(user, parseId(id), dto);
  }

  @Roles(...READERS)
  @Get('reports/:id')
  @ApiOperation({ summary: 'A report with its photos and files' })
  get(@CurrentUser() user: SessionUser, @Param('id') id: string) {
    return this.reports.get(user, parseId(id));
  }

  @Roles(Role.OrgMember)
  @Put('reports/:id')
  @ApiOperation({
    summary:
      'Fix a report not yet accepted and submit it again (version + 1; `version` read → 409 if stale)',
  })
  update(@CurrentUser() user: SessionUser, @Param('id') id: string, @Body() dto: ReportDto) {
    return this.reports.update(user, parseId(id), dto);
  }

  @Roles(Role.OrgMember)
  @Post('reports/:id/files')
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiOperation({
    summary:
      'Add a photo or file (`file`, with `showsPeople` and `publicConsent`): images, PDF, Word, Excel; public only with publicConsent',
  })
  addFile(
    @CurrentUser() user: SessionUser,
    @Param('id') id: string,
    @UploadedFile() file: UploadedFileData | undefined,
    @Body() marks: ReportFileMarksDto,
  ) {
    return this.reports.addFile(user, parseId(id), file, marks);
  }

  @Roles(Role.OrgMember)
  @Delete('reports/:id/files/:fileId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a photo or file of a report not yet accepted' })
  async removeFile(
    @CurrentUser() user: SessionUser,
    @Param('id') id: string,
    @Param('fileId') fileId: string,
  ) {
    await this.reports.removeFile(user, parseId(id), parseId(fileId));
  }

  @Roles(...READERS)
  @Get('reports/:id/files/:fileId')
  @ApiOperation({ summary: 'Download a photo or file of a report' })
  async download(
    @CurrentUser() user: SessionUser,
    @Param('id') id: string,
    @Param('fileId') fileId: string,
  ) {
    const { file, data } = await this.reports.download(user, parseId(id), parseId(fileId));
    return fileDownload(file.fileName, file.mimeType, data);
  }

  @Roles(Role.StreetAdmin)
  @Post('reports/:id/return')
  @HttpCode(200)
  @ApiOperation({ summary: 'Return a submitted report with comments (what to fix)' })
  returnReport(
    @CurrentUser() user: SessionUser,
    @Param('id') id: string,
    @Body() dto: ReturnReportDto,
  ) {
    return this.reports.decide(user, parseId(id), 'return', dto);
  }

  @Roles(Role.StreetAdmin)
  @Post('reports/:id/accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept a submitted report; its milestone (if any) is done' })
  accept(
    @CurrentUser() user: SessionUser,
    @Param('id') id: string,
    @Body() dto: ReportDecisionDto,
  ) {
    return this.reports.decide(user, parseId(id), 'accept', dto);
  }

  // ── milestones ──────────────────────────────────────────────────────────────────────────────

  @Roles(...READERS)
  @Get('projects/:id/milestones')
  @ApiOperation({
    summary: "A project's milestones with their change requests and the tracking steps taken",
  })
  async milestoneList(@CurrentUser() user: SessionUser, @Param('id') id: string) {
    const { today, milestones, changes, steps } = await this.milestones.list(user, parseId(id));
    return { today, milestones, changes, steps };
  }

  @Roles(Role.OrgMember)
  @Post('milestones/:id/changes')
  @ApiOperation({
    summary:
      'Ask to move a milestone (within the project period: else 400 milestone_outside_period) or change its deliverable',
  })
  requestChange(
    @CurrentUser() user: SessionUser,
    @Param('id') id: string,
    @Body() dto: MilestoneChangeDto,
  ) {
    return this.milestones.requestChange(user, parseId(id), dto);
  }

  @Roles(Role.StreetAdmin)
  @Post('milestone-changes/:id/approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve a change request: the milestone changes (audited)' })
  approve(
    @CurrentUser() user: SessionUser,
    @Param('id') id: string,
    @Body() dto: MilestoneDecisionDto,
  ) {
    return this.milestones.decide(user, parseId(id), true, dto.note);
  }

  @Roles(Role.StreetAdmin)
  @Post('milestone-changes/:id/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject a change request (audited)' })
  reject(
    @CurrentUser() user: SessionUser,
    @Param('id') id: string,
    @Body() dto: MilestoneDecisionDto,
  ) {
    return this.milestones.decide(user, parseId(id), false, dto.note);
  }

  // ── dashboard, public page ──────────────────────────────────────────────────────────────────

  @Roles(Role.StreetAdmin)
  @Get('dashboard')
  @ApiOperation({
    summary:
      'Delivery status per project and community (on track / overdue / at risk / completed), budget use, beneficiaries',
  })
  board(@Query() q: DashboardQuery) {
    return this.dashboard.dashboard(q);
  }

  @Roles(Role.StreetAdmin)
  @Get('dashboard.xlsx')
  @ApiOperation({ summary: 'The dashboard as an XLSX workbook (projects, communities)' })
  async xlsx(@Query() q: DashboardQuery, @CurrentLocale() locale: Locale) {
    return fileDownload(
      'delivery-dashboard.xlsx',
      XLSX_TYPE,
      await this.dashboard.workbook(q, locale),
    );
  }

  @Public()
  @Get('public/projects/:id')
  @ApiOperation({
    summary:
      'The public delivery record of a project: what was funded, what was done (accepted reports, consented photos), what it cost',
  })
  publicProject(@Param('id') id: string) {
    return this.publicPages.project(parseId(id));
  }
}
