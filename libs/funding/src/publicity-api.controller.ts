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
  Req,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { formatShanghaiDate, Locale, PageQuery, Public, Role, Roles } from '@gv/core';
import { CurrentLocale, parseId, sessionUser } from '@gv/web';
import {
  CalendarDateDto,
  CalendarDayDto,
  CalendarYearDto,
  CalendarYearQuery,
  FinaliseDto,
  ObjectionAnswerDto,
  ObjectionDto,
} from './dto/publicity.dto';
import { PublishedEntry, PublicityResults } from './publicity-results';
import { PublicityService } from './publicity.service';
import { chineseDaysYears, WorkCalendarService } from './work-calendar.service';

/** 公示 and 异议 (publicity, objections) and the working calendar they are counted on. */
@ApiTags('publicity')
@ApiBearerAuth()
@Controller('api/v1')
export class PublicityApiController {
  constructor(
    private readonly publicity: PublicityService,
    private readonly results: PublicityResults,
    private readonly calendar: WorkCalendarService,
  ) {}

  @Public()
  @Get('calls/:callId/results')
  @ApiOperation({
    summary:
      'Published results (公示): funded projects with score, amount and host community, the others with the reason; deadline, contact, rounds',
  })
  async publicResults(
    @Req() req: Request,
    @Param('callId') callId: string,
    @CurrentLocale() locale: Locale,
  ) {
    const r = await this.results.forCall(parseId(callId), locale, req.user);
    return {
      call: r.call,
      published: r.published,
      status: r.latest?.status ?? null,
      round: r.latest?.round ?? null,
      deadline: r.latest?.deadline ?? null,
      contact: r.latest?.contact ?? '',
      acceptingObjections: r.open,
      funded: r.funded.map(publicEntry),
      notFunded: r.notFunded.map(publicEntry),
      totalFen: r.totalFen,
      rounds: r.rounds.map((x) => ({
        round: x.round,
        status: x.status,
        publishedAt: x.publishedAt,
        deadline: x.deadline,
        workingDays: x.workingDays,
        finalisedAt: x.finalisedAt,
        finalisedBy: x.finalisedBy,
        objections: x.objections,
      })),
    };
  }

  @Public()
  @Post('calls/:callId/objections')
  @ApiOperation({
    summary:
      'File an objection (异议) during the period (409 publicity_closed after it: nothing stored); throttled per address; the email stays private',
  })
  async object(@Req() req: Request, @Param('callId') callId: string, @Body() dto: ObjectionDto) {
    const o = await this.publicity.fileObjection(
      parseId(callId),
      dto,
      req.ip ?? '',
      req.user?.userId ?? null,
    );
    return { id: o.id, status: o.status, proposalId: o.proposalId, createdAt: o.createdAt };
  }

  @Roles(Role.StreetAdmin)
  @Get('calls/:callId/publicity')
  @ApiOperation({ summary: 'The publicity rounds of a call with their objections counted' })
  async rounds(@Param('callId') callId: string) {
    const items = await this.publicity.rounds(parseId(callId));
    return { items, total: items.length };
  }

  @Roles(Role.StreetAdmin)
  @Post('calls/:callId/publicity')
  @ApiOperation({
    summary:
      'Publish the approved, placed decision for N working days (409 funding_not_approved, placement_pending, calendar_year_missing); letters are mailed',
  })
  publish(@Req() req: Request, @Param('callId') callId: string) {
    return this.publicity.publish(sessionUser(req), parseId(callId));
  }

  @Roles(Role.StreetAdmin)
  @Get('calls/:callId/objections')
  @ApiOperation({ summary: 'Objections of the call, newest first (paginated; emails masked)' })
  objections(@Param('callId') callId: string, @Query() q: PageQuery) {
    return this.publicity.objections(parseId(callId), q);
  }

  @Roles(Role.StreetAdmin)
  @Post('calls/:callId/publicity/answers')
  @ApiOperation({
    summary:
      'Answer an objection: upheld (reopens the decision for a revised version) or rejected; the reply is recorded and mailed',
  })
  async answer(
    @Req() req: Request,
    @Param('callId') callId: string,
    @Body() dto: ObjectionAnswerDto,
  ) {
    const { objection, reopened } = await this.publicity.answer(
      sessionUser(req),
      parseId(callId),
      dto,
    );
    return {
      id: objection.id,
      status: objection.status,
      reply: objection.reply,
      repliedAt: objection.repliedAt,
      reopened,
    };
  }

  @Roles(Role.StreetAdmin)
  @Post('calls/:callId/publicity/finalise')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "The street office's recorded decision makes the open round final (409 while an objection is open)",
  })
  finalise(@Req() req: Request, @Param('callId') callId: string, @Body() dto: FinaliseDto) {
    return this.publicity.finaliseByDecision(sessionUser(req), parseId(callId), dto.reason);
  }

  @Roles(Role.StreetAdmin)
  @Get('work-calendar')
  @ApiOperation({
    summary:
      'Working calendar (工作日历): the years present with their source, and the years chinese-days can seed',
  })
  async calendarYears() {
    return { items: await this.calendar.years(), seedable: chineseDaysYears() };
  }

  @Roles(Role.StreetAdmin)
  @Get('work-calendar/days')
  @ApiOperation({ summary: "A year's holidays and adjusted working days (调休)" })
  async calendarDays(@Query() q: CalendarYearQuery) {
    const year = q.year ?? Number(formatShanghaiDate(new Date()).slice(0, 4));
    const items = await this.calendar.days(year);
    return { year, items, total: items.length };
  }

  @Roles(Role.StreetAdmin)
  @Put('work-calendar/days')
  @ApiOperation({
    summary:
      'Add or change a holiday or an adjusted working day by hand (the year becomes manual); audited',
  })
  setDay(@Req() req: Request, @Body() dto: CalendarDayDto) {
    return this.calendar.setDay(sessionUser(req), { ...dto, name: dto.name ?? '' });
  }

  @Roles(Role.StreetAdmin)
  @Delete('work-calendar/days')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a listed day by hand; audited' })
  async removeDay(@Req() req: Request, @Query() q: CalendarDateDto) {
    await this.calendar.removeDay(sessionUser(req), q.date);
  }

  @Roles(Role.StreetAdmin)
  @Post('work-calendar/seed')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Seed (or re-seed) a year from the chinese-days package (409 calendar_year_missing when it has none); audited',
  })
  async seed(@Req() req: Request, @Body() dto: CalendarYearDto) {
    const days = await this.calendar.seedYear(sessionUser(req), dto.year);
    return { year: dto.year, source: 'chinese-days', days };
  }
}

/** What the API publishes of a project: no organisation ids, no contact data. */
function publicEntry(e: PublishedEntry) {
  return {
    proposalId: e.proposalId,
    number: e.number,
    title: e.title,
    organisation: e.organisation,
    track: e.track,
    score: e.score,
    amountFen: e.amountFen,
    community: e.community,
    decision: e.decision,
    reason: e.decisionText,
  };
}
