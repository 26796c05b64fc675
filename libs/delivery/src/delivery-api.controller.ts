import {
  Body,
  Controller,
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
import { Role, Roles } from '@gv/core';
import type { SessionUser } from '@gv/core';
import type { UploadedFileData } from '@gv/proposals';
import { CurrentUser, fileDownload, parseId } from '@gv/web';
import { AgreementsService } from './agreements.service';
import { ClosureService } from './closure.service';
import {
  AgreementDto,
  BankAccountDto,
  ClosureDto,
  EvaluationDto,
  EvaluatorDto,
  ProjectListQuery,
  ReasonDto,
  StartProjectDto,
} from './dto/delivery-money.dto';
import { EvaluationsService } from './evaluations.service';
import { ProjectDetailService } from './project-detail.service';
import { ProjectsService } from './projects.service';

/** Who may open a project: the street office, its organisation, its supervisor (others: 404). */
const READERS = [Role.StreetAdmin, Role.OrgMember, Role.Judge, Role.CommunityStaff];
/** Who may be a project's supervisor (督导) besides the street office. */
const EVALUATORS = [Role.StreetAdmin, Role.Judge, Role.CommunityStaff];

/** 项目实施 API: projects, grant agreements, supervision evaluations, closure. */
@ApiTags('delivery')
@ApiBearerAuth()
@Controller('api/v1/delivery')
export class DeliveryApiController {
  constructor(
    private readonly projects: ProjectsService,
    private readonly detail: ProjectDetailService,
    private readonly agreements: AgreementsService,
    private readonly evaluations: EvaluationsService,
    private readonly closure: ClosureService,
  ) {}

  @Roles(...READERS)
  @Get('projects')
  @ApiOperation({
    summary:
      'Projects in delivery: all for the street office, its own for an organisation, the assigned ones for a supervisor',
  })
  list(@CurrentUser() user: SessionUser, @Query() q: ProjectListQuery) {
    return this.projects.list(user, q);
  }

  @Roles(Role.StreetAdmin)
  @Post('projects')
  @ApiOperation({
    summary:
      'Start delivery for an award made outside a ranking version (approved versions start theirs); idempotent',
  })
  start(@CurrentUser() user: SessionUser, @Body() dto: StartProjectDto) {
    return this.projects.start(user, dto.awardId);
  }

  @Roles(...READERS)
  @Get('projects/:id')
  @ApiOperation({
    summary:
      'A project: agreement, tranches, evaluations, clawbacks, milestones, final accounts, demonstration site, money',
  })
  get(@CurrentUser() user: SessionUser, @Param('id') id: string) {
    return this.detail.detail(user, parseId(id));
  }

  @Roles(Role.StreetAdmin)
  @Put('projects/:id/evaluator')
  @ApiOperation({ summary: 'Assign the supervising social worker (督导) who may evaluate it' })
  evaluator(@CurrentUser() user: SessionUser, @Param('id') id: string, @Body() dto: EvaluatorDto) {
    return this.projects.assignEvaluator(user, parseId(id), dto.userId ?? null);
  }

  @Roles(Role.StreetAdmin)
  @Put('projects/:id/agreement')
  @ApiOperation({
    summary:
      'Issue the grant agreement (amount = the award) with a tranche schedule: template 50-30-20 / 60-40 or custom percentages summing to 100; changeable until signed',
  })
  agreement(@CurrentUser() user: SessionUser, @Param('id') id: string, @Body() dto: AgreementDto) {
    return this.agreements.issue(user, parseId(id), dto);
  }

  @Roles(Role.OrgMember)
  @Put('projects/:id/agreement/bank-account')
  @ApiOperation({ summary: "The organisation's bank account for the payments (until checked)" })
  bank(@CurrentUser() user: SessionUser, @Param('id') id: string, @Body() dto: BankAccountDto) {
    return this.agreements.setBankAccount(user, parseId(id), dto);
  }

  @Roles(Role.OrgMember)
  @Post('projects/:id/agreement/signed-copy')
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiOperation({
    summary:
      'Upload the signed and stamped agreement: PDF, PNG or JPEG (UPLOAD_MAX_BYTES → 413; other types → 415)',
  })
  upload(
    @CurrentUser() user: SessionUser,
    @Param('id') id: string,
    @UploadedFile() file: UploadedFileData | undefined,
  ) {
    return this.agreements.uploadSigned(user, parseId(id), file);
  }

  @Roles(Role.StreetAdmin, Role.OrgMember)
  @Get('projects/:id/agreement/signed-copy')
  @ApiOperation({ summary: 'Download the signed copy' })
  async download(@CurrentUser() user: SessionUser, @Param('id') id: string) {
    const f = await this.agreements.downloadSigned(user, parseId(id));
    return fileDownload(f.name, f.mime, f.data);
  }

  @Roles(Role.StreetAdmin)
  @Post('projects/:id/agreement/check')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Check the signed copy (needs the bank account); the first tranche can then be paid',
  })
  check(@CurrentUser() user: SessionUser, @Param('id') id: string) {
    return this.agreements.check(user, parseId(id));
  }

  @Roles(Role.StreetAdmin)
  @Post('projects/:id/agreement/return')
  @HttpCode(204)
  @ApiOperation({ summary: 'Return the signed copy to the organisation with a reason' })
  async returnSigned(
    @CurrentUser() user: SessionUser,
    @Param('id') id: string,
    @Body() dto: ReasonDto,
  ) {
    await this.agreements.returnSigned(user, parseId(id), dto.reason);
  }

  @Roles(...EVALUATORS)
  @Get('evaluation-rubric')
  @ApiOperation({ summary: 'The 100-point supervision rubric (criteria, points, pass line)' })
  rubric() {
    return this.evaluations.rubric();
  }

  @Roles(...EVALUATORS)
  @Post('projects/:id/evaluations')
  @ApiOperation({
    summary:
      'Mid-term or final evaluation (督导评估) by the street office or the assigned supervisor (else 403 evaluation_not_allowed): pass ≥ 60 opens the gated tranche; a fail needs a reason and an outcome (improvement, suspension, termination) and may record a clawback',
  })
  evaluate(@CurrentUser() user: SessionUser, @Param('id') id: string, @Body() dto: EvaluationDto) {
    return this.evaluations.evaluate(user, parseId(id), dto);
  }

  @Roles(Role.StreetAdmin)
  @Post('projects/:id/closure')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Close the project (结项): final accounts per budget line, unspent money returned, the final report; needs a passed final evaluation',
  })
  close(@CurrentUser() user: SessionUser, @Param('id') id: string, @Body() dto: ClosureDto) {
    return this.closure.close(user, parseId(id), dto);
  }
}
