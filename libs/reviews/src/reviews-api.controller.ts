import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Locale, Role, Roles } from '@gv/core';
import { CurrentLocale, fileDownload, parseId, sessionUser, XLSX_TYPE } from '@gv/web';
import {
  AssignmentDto,
  ConsensusDto,
  ReasonDto,
  RubricDto,
  SheetDto,
  SubmitSheetDto,
} from './dto/reviews.dto';
import { ReviewSheet } from './entities/review.entity';
import { ReviewsService } from './reviews.service';
import { ReviewAssignments } from './review-assignments.service';
import { ReviewLive } from './review-live.service';

const sheetView = (s: ReviewSheet | null) =>
  s && {
    id: s.id,
    proposalId: s.proposalId,
    memberId: s.memberId,
    scores: s.scores,
    comments: s.comments,
    overall: s.overall,
    status: s.status,
    version: s.version,
    submittedAt: s.submittedAt,
  };

@ApiTags('reviews')
@ApiBearerAuth()
@Controller('api/v1')
export class ReviewsApiController {
  constructor(
    private readonly reviews: ReviewsService,
    private readonly assignments: ReviewAssignments,
    private readonly liveDay: ReviewLive,
  ) {}

  @Roles(Role.StreetAdmin)
  @Get('calls/:callId/rubric')
  @ApiOperation({ summary: "The competition's rubric (评分细则) and aggregation method" })
  async rubric(@Param('callId') callId: string) {
    return this.reviews.rubric(parseId(callId));
  }

  @Roles(Role.StreetAdmin)
  @Put('calls/:callId/rubric')
  @ApiOperation({ summary: 'Change the rubric (refused once the first sheet is saved)' })
  async updateRubric(@Param('callId') callId: string, @Body() dto: RubricDto) {
    return this.reviews.updateRubric(parseId(callId), dto);
  }

  @Roles(Role.StreetAdmin)
  @Get('calls/:callId/reviews/assignment')
  @ApiOperation({
    summary:
      'Who scores what: the mode, the recorded seed, each judge’s load, proposals short of judges',
  })
  async assignment(@Param('callId') callId: string) {
    return this.assignments.overview(parseId(callId));
  }

  @Roles(Role.StreetAdmin)
  @Put('calls/:callId/reviews/assignment')
  @ApiOperation({
    summary:
      'Every judge × every proposal (judgesPerProposal null), or N judges per proposal balanced by load with a recorded seed; recused judges are replaced',
  })
  async assign(@Req() req: Request, @Param('callId') callId: string, @Body() dto: AssignmentDto) {
    return this.assignments.configure(sessionUser(req), parseId(callId), dto);
  }

  @Get('calls/:callId/reviews/live')
  @ApiOperation({
    summary:
      'Roadshow day (chair or street admin): the day’s pitches in agenda order, the one on stage, and each judge’s sheet state',
  })
  async live(@Req() req: Request, @Param('callId') callId: string, @Query('date') date?: string) {
    const id = parseId(callId);
    await this.reviews.chairOrAdmin(sessionUser(req), id);
    const day = await this.liveDay.day(id, typeof date === 'string' ? date : undefined);
    const board = await this.liveDay.board(
      id,
      day.pitches.map((p) => p.proposalId),
    );
    return {
      date: day.date,
      currentPitchId: day.current?.pitchId ?? null,
      pitches: day.pitches.map((p) => ({ ...p, ...board.get(p.proposalId) })),
    };
  }

  @Get('reviews/queue')
  @ApiOperation({ summary: "The signed-in judge's proposals to score, per panel seat" })
  async queue(@Req() req: Request) {
    const seats = await this.reviews.queue(sessionUser(req));
    return {
      items: seats.map((s) => ({
        memberId: s.seat.id,
        callId: s.seat.callId,
        call: s.callTitle,
        proposals: s.items,
      })),
    };
  }

  @Get('reviews/proposals/:proposalId/sheet')
  @ApiOperation({
    summary: 'My sheet for a proposal with the rubric (404 when not assigned, 403 when recused)',
  })
  async sheet(@Req() req: Request, @Param('proposalId') proposalId: string) {
    const o = await this.reviews.open(sessionUser(req), parseId(proposalId));
    return { rubric: o.rubric, sheet: sheetView(o.sheet) };
  }

  @Put('reviews/proposals/:proposalId/sheet')
  @ApiOperation({
    summary: 'Save a draft; `version` must be the one read (409 with the newer values otherwise)',
  })
  async save(@Req() req: Request, @Param('proposalId') proposalId: string, @Body() dto: SheetDto) {
    return sheetView(await this.reviews.save(sessionUser(req), parseId(proposalId), dto));
  }

  @Post('reviews/proposals/:proposalId/submit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Submit: the sheet is locked (only the chair reopens it)' })
  async submit(
    @Req() req: Request,
    @Param('proposalId') proposalId: string,
    @Body() dto: SubmitSheetDto,
  ) {
    return sheetView(await this.reviews.submit(sessionUser(req), parseId(proposalId), dto.version));
  }

  @Get('reviews/proposals/:proposalId/peers')
  @ApiOperation({
    summary: "Peers' submitted sheets, once mine is submitted and the chair released them",
  })
  async peers(@Req() req: Request, @Param('proposalId') proposalId: string) {
    const items = (await this.reviews.peers(sessionUser(req), parseId(proposalId))).map((s) => ({
      ...sheetView(s),
      judge: s.member?.user?.name,
    }));
    return { items, total: items.length };
  }

  @Post('review-sheets/:id/unlock')
  @HttpCode(200)
  @ApiOperation({ summary: 'The chair reopens a submitted sheet, with a reason (audited)' })
  async unlock(@Req() req: Request, @Param('id') id: string, @Body() dto: ReasonDto) {
    return sheetView(await this.reviews.unlock(sessionUser(req), parseId(id), dto.reason));
  }

  @Post('calls/:callId/reviews/release')
  @HttpCode(200)
  @ApiOperation({ summary: "The chair releases peers' scores to judges who have submitted" })
  async release(@Req() req: Request, @Param('callId') callId: string) {
    return this.reviews.release(sessionUser(req), parseId(callId));
  }

  @Put('reviews/proposals/:proposalId/consensus')
  @ApiOperation({
    summary: "The chair's discussion notes and consensus adjustment (with a reason), audited",
  })
  async consensus(
    @Req() req: Request,
    @Param('proposalId') proposalId: string,
    @Body() dto: ConsensusDto,
  ) {
    return this.reviews.consensus(sessionUser(req), parseId(proposalId), dto);
  }

  @Roles(Role.StreetAdmin)
  @Get('calls/:callId/reviews/progress')
  async progress(@Param('callId') callId: string) {
    return this.reviews.progress(parseId(callId));
  }

  @Roles(Role.StreetAdmin)
  @Get('calls/:callId/reviews/export.xlsx')
  @ApiOperation({
    summary: 'The score matrix (judge × proposal × criterion) and the results (XLSX)',
  })
  async export(@Param('callId') callId: string, @CurrentLocale() locale: Locale) {
    const id = parseId(callId);
    return fileDownload(`reviews-${id}.xlsx`, XLSX_TYPE, await this.reviews.export(id, locale));
  }

  @Roles(Role.StreetAdmin)
  @Get('calls/:callId/reviews/results')
  @ApiOperation({
    summary: 'Each proposal’s aggregate by the call’s method, explained, with the consensus record',
  })
  async results(@Param('callId') callId: string, @CurrentLocale() locale: Locale) {
    return this.reviews.results(parseId(callId), locale);
  }
}
