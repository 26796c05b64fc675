import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { AppException, Locale, Public, Role, Roles } from '@gv/core';
import { CurrentLocale, fileDownload, parseId, sessionUser, XLSX_TYPE } from '@gv/web';
import {
  CheckInDto,
  MinutesDto,
  MovePitchDto,
  PledgeDto,
  RoadshowSessionDto,
  RoadshowSettingsDto,
  SwapPitchesDto,
  UnavailabilityDto,
} from './dto/roadshows.dto';
import { RoadshowAgendaService } from './roadshow-agenda.service';
import { RoadshowDayService } from './roadshow-day.service';
import { RoadshowScheduleService } from './roadshow-schedule.service';
import { RoadshowsService, wallClock } from './roadshows.service';
import { Roadshow } from './entities/roadshow.entity';

const CLERKS = [Role.StreetAdmin, Role.CommunityStaff];

const roadshowView = (r: Roadshow) => ({
  id: r.id,
  callId: r.callId,
  pitchMinutes: r.pitchMinutes,
  qaMinutes: r.qaMinutes,
  changeoverMinutes: r.changeoverMinutes,
  quorum: r.quorum,
  seed: r.seed,
  status: r.status,
  version: r.version,
  scheduledAt: r.scheduledAt,
  publishedAt: r.publishedAt,
  sessionsLowerBound: r.sessionsLowerBound,
});

@ApiTags('roadshows')
@ApiBearerAuth()
@Controller('api/v1')
export class RoadshowsApiController {
  constructor(
    private readonly roadshows: RoadshowsService,
    private readonly schedule: RoadshowScheduleService,
    private readonly agendas: RoadshowAgendaService,
    private readonly day: RoadshowDayService,
  ) {}

  @Roles(Role.StreetAdmin)
  @Get('calls/:callId/roadshow')
  @ApiOperation({
    summary: "The competition's roadshow (created with the 8 + 7 + 5 template on first use)",
  })
  async forCall(@Param('callId') callId: string) {
    return roadshowView(await this.roadshows.forCall(parseId(callId)));
  }

  @Roles(Role.StreetAdmin)
  @Put('roadshows/:id/settings')
  @ApiOperation({
    summary: 'Slot template, quorum and draw seed (a new slot length clears placements)',
  })
  async settings(@Param('id') id: string, @Body() dto: RoadshowSettingsDto) {
    return roadshowView(await this.roadshows.updateSettings(parseId(id), dto));
  }

  @Roles(Role.StreetAdmin)
  @Get('roadshows/:id/sessions')
  async sessions(@Param('id') id: string) {
    const r = await this.roadshows.get(parseId(id));
    const items = (await this.roadshows.sessions(r.id)).map((s) => ({
      id: s.id,
      start: wallClock(s.startsAt),
      end: wallClock(s.endsAt),
      room: s.room,
      address: s.address,
      capacity: s.capacity,
      track: s.track,
      judgeIds: s.judgeIds,
      chairMemberId: s.chairMemberId,
    }));
    return { items, total: items.length };
  }

  @Roles(Role.StreetAdmin)
  @Post('roadshows/:id/sessions')
  @ApiOperation({
    summary:
      'Add a session; a room or judge double-booked, or a slot longer than the session, is refused',
  })
  async addSession(@Param('id') id: string, @Body() dto: RoadshowSessionDto) {
    const s = await this.roadshows.addSession(parseId(id), dto);
    return {
      id: s.id,
      start: wallClock(s.startsAt),
      end: wallClock(s.endsAt),
      room: s.room,
      judgeIds: s.judgeIds,
    };
  }

  @Roles(Role.StreetAdmin)
  @Put('roadshow-sessions/:id')
  async updateSession(@Param('id') id: string, @Body() dto: RoadshowSessionDto) {
    const s = await this.roadshows.updateSession(parseId(id), dto);
    return {
      id: s.id,
      start: wallClock(s.startsAt),
      end: wallClock(s.endsAt),
      room: s.room,
      judgeIds: s.judgeIds,
    };
  }

  @Roles(Role.StreetAdmin)
  @Delete('roadshow-sessions/:id')
  @HttpCode(204)
  async removeSession(@Param('id') id: string) {
    await this.roadshows.removeSession(parseId(id));
  }

  @Roles(Role.StreetAdmin, Role.OrgMember)
  @Get('roadshows/:id/unavailability')
  @ApiOperation({ summary: "Organisations' unavailable times (an organisation sees its own)" })
  async unavailability(@Req() req: Request, @Param('id') id: string) {
    const user = sessionUser(req);
    const r = await this.roadshows.get(parseId(id));
    const rows = await this.roadshows.unavailability(
      r.id,
      user.role === Role.OrgMember ? (user.organisationId ?? -1) : undefined,
    );
    const items = rows.map((u) => ({
      id: u.id,
      organisationId: u.organisationId,
      start: wallClock(u.startsAt),
      end: wallClock(u.endsAt),
      note: u.note,
    }));
    return { items, total: items.length };
  }

  @Roles(Role.StreetAdmin, Role.OrgMember)
  @Post('roadshows/:id/unavailability')
  @ApiOperation({ summary: 'Declare a time an organisation cannot come (for all its proposals)' })
  async addUnavailability(
    @Req() req: Request,
    @Param('id') id: string,
    @Body() dto: UnavailabilityDto,
  ) {
    const u = await this.roadshows.addUnavailability(sessionUser(req), parseId(id), dto);
    return {
      id: u.id,
      organisationId: u.organisationId,
      start: wallClock(u.startsAt),
      end: wallClock(u.endsAt),
    };
  }

  @Roles(Role.StreetAdmin, Role.OrgMember)
  @Delete('roadshow-unavailability/:id')
  @HttpCode(204)
  async removeUnavailability(@Req() req: Request, @Param('id') id: string) {
    await this.roadshows.removeUnavailability(sessionUser(req), parseId(id));
  }

  @Roles(Role.StreetAdmin)
  @Post('roadshows/:id/schedule')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Run the scheduler over every eligible proposal (hard rules always hold; most placed, fewest sessions, no holes; seeded draw)',
  })
  async run(@Param('id') id: string) {
    return this.schedule.run(parseId(id));
  }

  @Roles(Role.StreetAdmin)
  @Get('roadshows/:id/agenda')
  @ApiOperation({
    summary: 'The working agenda as a grid (sessions × slots) with what could not be placed',
  })
  async agenda(@Param('id') id: string) {
    const r = await this.roadshows.get(parseId(id));
    return { roadshow: roadshowView(r), ...(await this.agendas.agenda(r, false)) };
  }

  @Public()
  @Get('roadshows/:id/published-agenda')
  @ApiOperation({ summary: 'The published agenda (public)' })
  async published(@Param('id') id: string) {
    const r = await this.roadshows.get(parseId(id));
    if (!r.version) throw AppException.notFound();
    const a = await this.agendas.agenda(r, true);
    return {
      seed: r.seed,
      version: r.version,
      sessions: a.sessions.map((s) => ({
        start: wallClock(s.startsAt),
        end: wallClock(s.endsAt),
        room: s.room,
        address: s.address,
        judges: s.judges.map((j) => j.name),
        pitches: s.slots
          .filter((x) => x.pitch)
          .map((x) => ({
            start: x.start,
            end: x.end,
            number: x.pitch!.number,
            title: x.pitch!.title,
          })),
      })),
    };
  }

  @Roles(Role.StreetAdmin)
  @Post('roadshow-pitches/:id/move')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Move a pitch to a slot; a clash (room, judge, organisation, track, quorum, unavailable) is a 409',
  })
  async move(@Param('id') id: string, @Body() dto: MovePitchDto) {
    const p = await this.schedule.move(parseId(id), dto.sessionId, dto.slot);
    return { id: p.id, sessionId: p.sessionId, start: p.startsAt && wallClock(p.startsAt) };
  }

  @Roles(Role.StreetAdmin)
  @Post('roadshows/:id/swap')
  @HttpCode(204)
  async swap(@Param('id') id: string, @Body() dto: SwapPitchesDto) {
    await this.roadshows.get(parseId(id));
    await this.schedule.swap(dto.a, dto.b);
  }

  @Roles(Role.StreetAdmin)
  @Post('roadshow-pitches/:id/unplace')
  @HttpCode(204)
  async unplace(@Param('id') id: string) {
    await this.schedule.unplace(parseId(id));
  }

  @Roles(Role.StreetAdmin)
  @Post('roadshows/:id/lock')
  @HttpCode(200)
  async lock(@Param('id') id: string) {
    return roadshowView(await this.schedule.lock(parseId(id), true));
  }

  @Roles(Role.StreetAdmin)
  @Post('roadshows/:id/unlock')
  @HttpCode(200)
  async unlock(@Param('id') id: string) {
    return roadshowView(await this.schedule.lock(parseId(id), false));
  }

  @Roles(Role.StreetAdmin)
  @Post('roadshows/:id/publish')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Publish the locked agenda: invitations with iCalendar (updates, cancellations)',
  })
  async publish(@Param('id') id: string) {
    return roadshowView(await this.schedule.publish(parseId(id)));
  }

  @Roles(...CLERKS)
  @Post('roadshows/:id/check-in')
  @HttpCode(200)
  @ApiOperation({ summary: 'Check an organisation in by its code' })
  async checkIn(@Param('id') id: string, @Body() dto: CheckInDto) {
    const p = await this.day.checkIn(parseId(id), dto);
    return {
      pitchId: p.id,
      number: p.proposal?.number,
      organisation: p.proposal?.organisation?.name,
      checkedInAt: p.checkedInAt,
    };
  }

  @Roles(...CLERKS)
  @Post('roadshow-pitches/:id/no-show')
  @HttpCode(200)
  async noShow(@Param('id') id: string, @Body() body: { noShow?: unknown }) {
    const p = await this.day.setNoShow(parseId(id), body?.noShow !== false);
    return { pitchId: p.id, noShow: p.noShow };
  }

  @Roles(...CLERKS)
  @Put('roadshow-sessions/:id/minutes')
  async minutes(@Req() req: Request, @Param('id') id: string, @Body() dto: MinutesDto) {
    return this.day.saveMinutes(sessionUser(req), parseId(id), dto);
  }

  @Roles(...CLERKS)
  @Get('roadshows/:id/pledges')
  async pledges(@Param('id') id: string) {
    const r = await this.roadshows.get(parseId(id));
    const items = (await this.day.pledges(r.id)).map((p) => ({
      id: p.id,
      proposalId: p.proposalId,
      number: p.proposal?.number,
      sponsor: p.sponsor,
      kind: p.kind,
      amountFen: p.amountFen,
      description: p.description,
      contact: p.contact,
    }));
    return { items, total: items.length };
  }

  @Roles(...CLERKS)
  @Post('roadshows/:id/pledges')
  @ApiOperation({
    summary: 'Record a resource pledged to a project (sponsor, money in fen or in kind, contact)',
  })
  async pledge(@Req() req: Request, @Param('id') id: string, @Body() dto: PledgeDto) {
    const r = await this.roadshows.get(parseId(id));
    const p = await this.day.addPledge(sessionUser(req), r.id, dto);
    return {
      id: p.id,
      proposalId: p.proposalId,
      sponsor: p.sponsor,
      kind: p.kind,
      amountFen: p.amountFen,
    };
  }

  @Roles(Role.StreetAdmin)
  @Get('roadshows/:id/export.xlsx')
  @ApiOperation({ summary: 'The published agenda with check-in and the pledges (XLSX)' })
  async export(@Param('id') id: string, @CurrentLocale() locale: Locale) {
    const r = await this.roadshows.get(parseId(id));
    return fileDownload(
      `roadshow-${r.call?.code ?? r.id}-${r.call?.year ?? ''}.xlsx`,
      XLSX_TYPE,
      await this.agendas.export(r, locale),
    );
  }
}
