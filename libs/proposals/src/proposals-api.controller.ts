import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  Post,
  Put,
  Query,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role, Roles } from '@gv/core';
import { AttachmentsService, UploadedFileData } from './attachments.service';
import { CreateProposalDto, ProposalContentDto, ProposalListQuery } from './dto/proposals.dto';
import { ProposalQueryService } from './proposal-query.service';
import { proposalDetailView, proposalSummary } from './proposal.view';
import { ProposalsService } from './proposals.service';
import { CurrentUser, fileDownload } from '@gv/web';
import type { SessionUser } from '@gv/core';

const STAFF = [Role.StreetAdmin, Role.CommunityStaff];

@ApiTags('proposals')
@ApiBearerAuth()
@Controller('api/v1')
export class ProposalsApiController {
  constructor(
    private readonly proposals: ProposalsService,
    private readonly query: ProposalQueryService,
    private readonly attachments: AttachmentsService,
  ) {}

  @Roles(...STAFF, Role.OrgMember)
  @Get('proposals')
  @ApiOperation({
    summary: 'Proposals the caller may see; filter by call, community, status, title',
  })
  async list(@Query() q: ProposalListQuery, @CurrentUser() user: SessionUser) {
    const page = await this.query.list(user, q);
    return { ...page, items: page.items.map(proposalSummary) };
  }

  @Roles(Role.OrgMember)
  @Post('proposals')
  @ApiOperation({
    summary: 'Start a draft (money in integer fen; totals are computed on the server)',
  })
  async create(@Body() dto: CreateProposalDto, @CurrentUser() user: SessionUser) {
    const p = await this.proposals.create(user, dto);
    return proposalDetailView(await this.query.detail(user, p.id));
  }

  @Roles(...STAFF, Role.OrgMember)
  @Get('proposals/:id')
  async one(@Param('id', ParseIntPipe) id: number, @CurrentUser() user: SessionUser) {
    return proposalDetailView(await this.query.detail(user, id));
  }

  @Roles(Role.OrgMember)
  @Put('proposals/:id')
  @ApiOperation({ summary: 'Save the working copy (autosave)' })
  async save(
    @Param('id', ParseIntPipe) id: number,
    @Body() dto: ProposalContentDto,
    @CurrentUser() user: SessionUser,
  ) {
    await this.proposals.saveDraft(user, id, dto);
    return proposalDetailView(await this.query.detail(user, id));
  }

  @Roles(Role.OrgMember)
  @Post('proposals/:id/submit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Submit (first time: gets a number; later: a new version)' })
  async submit(@Param('id', ParseIntPipe) id: number, @CurrentUser() user: SessionUser) {
    await this.proposals.submit(user, id);
    return proposalDetailView(await this.query.detail(user, id));
  }

  @Roles(Role.OrgMember)
  @Post('proposals/:id/withdraw')
  @HttpCode(200)
  async withdraw(@Param('id', ParseIntPipe) id: number, @CurrentUser() user: SessionUser) {
    return proposalSummary(await this.proposals.withdraw(user, id));
  }

  @Roles(...STAFF, Role.OrgMember)
  @Get('proposals/:id/versions/:version')
  async version(
    @Param('id', ParseIntPipe) id: number,
    @Param('version', ParseIntPipe) version: number,
    @CurrentUser() user: SessionUser,
  ) {
    return proposalDetailView(await this.query.detail(user, id, version));
  }

  @Roles(...STAFF, Role.OrgMember)
  @Get('proposals/:id/budget-diff')
  @ApiOperation({ summary: 'Budget differences between two versions (0 = working copy)' })
  async diff(
    @Param('id', ParseIntPipe) id: number,
    @Query('from', ParseIntPipe) from: number,
    @Query('to', ParseIntPipe) to: number,
    @CurrentUser() user: SessionUser,
  ) {
    return this.query.budgetDiff(user, id, from, to);
  }

  @Roles(Role.OrgMember)
  @Post('proposals/:id/attachments')
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiOperation({
    summary:
      'Attach a PDF, image, Word or Excel file (size limit UPLOAD_MAX_BYTES → 413; other types → 415)',
  })
  async upload(
    @Param('id', ParseIntPipe) id: number,
    @UploadedFile() file: UploadedFileData | undefined,
    @CurrentUser() user: SessionUser,
  ) {
    const a = await this.attachments.add(user, id, file);
    return { id: a.id, fileName: a.fileName, mimeType: a.mimeType, sizeBytes: a.sizeBytes };
  }

  @Roles(...STAFF, Role.OrgMember)
  @Get('proposals/:id/attachments/:aid')
  async download(
    @Param('id', ParseIntPipe) id: number,
    @Param('aid', ParseIntPipe) aid: number,
    @CurrentUser() user: SessionUser,
  ) {
    const { row, data } = await this.attachments.download(user, id, aid);
    return fileDownload(row.fileName, row.mimeType, data);
  }

  @Roles(Role.OrgMember)
  @Delete('proposals/:id/attachments/:aid')
  @HttpCode(204)
  async removeAttachment(
    @Param('id', ParseIntPipe) id: number,
    @Param('aid', ParseIntPipe) aid: number,
    @CurrentUser() user: SessionUser,
  ) {
    await this.attachments.remove(user, id, aid);
  }
}
