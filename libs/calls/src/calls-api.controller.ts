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
  Req,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public, Role, Roles } from '@gv/core';
import { CallsService } from './calls.service';
import { CallDto, CallListQuery, PhaseChangeDto } from './dto/calls.dto';
import { CallChecklistItem } from './entities/call-checklist-item.entity';
import { Call } from './entities/call.entity';
import type { SessionUser } from '@gv/core';
import { CurrentUser } from '@gv/web';

export const callView = (c: Call) => ({
  id: c.id,
  code: c.code,
  title: c.title,
  year: c.year,
  tracks: c.tracks,
  description: c.description,
  phase: c.phase,
  budgetCapFen: c.budgetCapFen,
  minGrantFen: c.minGrantFen,
  maxGrantFen: c.maxGrantFen,
  maxProposalsPerOrg: c.maxProposalsPerOrg,
  rubric: c.rubric,
  opensAt: c.opensAt,
  submissionDeadline: c.submissionDeadline,
  screeningAt: c.screeningAt,
  roadshowAt: c.roadshowAt,
  scoringAt: c.scoringAt,
  publicityAt: c.publicityAt,
  implementationAt: c.implementationAt,
  closesAt: c.closesAt,
  screeningPublishedAt: c.screeningPublishedAt,
});

@ApiTags('calls')
@ApiBearerAuth()
@Controller('api/v1/calls')
export class CallsApiController {
  constructor(private readonly calls: CallsService) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Calls (公益创投大赛); the public sees those past the upcoming phase' })
  async list(@Query() q: CallListQuery, @Req() req: Request) {
    const page = await this.calls.list(q, req.user?.role !== Role.StreetAdmin);
    return { ...page, items: page.items.map(callView) };
  }

  @Public()
  @Get(':id')
  async one(@Param('id', ParseIntPipe) id: number, @Req() req: Request) {
    const { call, checklist, needs } = await this.calls.get(
      id,
      req.user?.role !== Role.StreetAdmin,
    );
    return {
      ...callView(call),
      checklist: checklist.map((i: CallChecklistItem) => ({
        id: i.id,
        position: i.position,
        label: i.label,
      })),
      needs: needs.map((n) => ({ id: n.id, title: n.title, communityId: n.communityId })),
    };
  }

  @Roles(Role.StreetAdmin)
  @Post()
  @ApiOperation({ summary: 'Create a call (money in integer fen)' })
  async create(@Body() dto: CallDto, @CurrentUser() user: SessionUser) {
    return callView(await this.calls.create(user.userId, dto));
  }

  @Roles(Role.StreetAdmin)
  @Put(':id')
  async update(@Param('id', ParseIntPipe) id: number, @Body() dto: CallDto) {
    return callView(await this.calls.update(id, dto));
  }

  @Roles(Role.StreetAdmin)
  @Post(':id/phase')
  @HttpCode(200)
  @ApiOperation({ summary: 'Switch the phase by hand, with a reason (audited, announced)' })
  async phase(@Param('id', ParseIntPipe) id: number, @Body() dto: PhaseChangeDto) {
    return callView(await this.calls.changePhase(id, dto.phase, dto.reason));
  }
}
