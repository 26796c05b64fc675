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
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { PageQuery, Role, Roles } from '@gv/core';
import { parseId, sessionUser } from '@gv/web';
import {
  ConflictDecisionDto,
  ConflictDeclarationDto,
  ExpertDrawDto,
  PanelMemberDto,
} from './dto/panels.dto';
import { panelMemberView } from './panel.view';
import { PanelsService } from './panels.service';

@ApiTags('panels')
@ApiBearerAuth()
@Controller('api/v1')
export class PanelsApiController {
  constructor(
    private readonly panels: PanelsService,
    @InjectDataSource() private readonly ds: DataSource,
  ) {}

  @Roles(Role.StreetAdmin)
  @Get('calls/:callId/panel')
  @ApiOperation({ summary: "The competition's review group (评审组), chair first, paginated" })
  async list(@Param('callId') callId: string, @Query() q: PageQuery) {
    const p = await this.panels.members(parseId(callId), q);
    return { ...p, items: p.items.map(panelMemberView) };
  }

  @Roles(Role.StreetAdmin)
  @Post('calls/:callId/panel')
  @ApiOperation({ summary: 'Seat an account on the review group, with its group and ties' })
  async add(@Param('callId') callId: string, @Body() dto: PanelMemberDto) {
    return panelMemberView(await this.panels.add(parseId(callId), dto));
  }

  @Roles(Role.StreetAdmin)
  @Get('panel-members/:id')
  async one(@Param('id') id: string) {
    return panelMemberView(await this.panels.member(parseId(id)));
  }

  @Roles(Role.StreetAdmin)
  @Put('panel-members/:id')
  async update(@Param('id') id: string, @Body() dto: PanelMemberDto) {
    return panelMemberView(await this.panels.update(parseId(id), dto));
  }

  @Roles(Role.StreetAdmin)
  @Delete('panel-members/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a member (refused while they sit in a roadshow session)' })
  async remove(@Param('id') id: string) {
    await this.panels.remove(parseId(id));
  }

  @Roles(Role.StreetAdmin)
  @Get('calls/:callId/panel/conflicts')
  @ApiOperation({
    summary:
      'Conflicts of interest with their evidence (same organisation, same community, declared) and status',
  })
  async conflicts(@Param('callId') callId: string) {
    const items = await this.panels.conflicts(this.ds.manager, parseId(callId));
    return { items, total: items.length };
  }

  @Roles(Role.StreetAdmin)
  @Put('panel-members/:id/conflicts/:proposalId')
  @ApiOperation({
    summary: 'Confirm or dismiss a conflict, with a reason; a pinned one cannot be dismissed',
  })
  async decide(
    @Req() req: Request,
    @Param('id') id: string,
    @Param('proposalId') proposalId: string,
    @Body() dto: ConflictDecisionDto,
  ) {
    return this.panels.decide(sessionUser(req), parseId(id), parseId(proposalId), dto);
  }

  @Post('panel-members/:id/conflicts')
  @ApiOperation({
    summary: 'Declare a conflict of interest (the member for themself, or the street office)',
  })
  async declare(@Req() req: Request, @Param('id') id: string, @Body() dto: ConflictDeclarationDto) {
    return this.panels.declare(sessionUser(req), parseId(id), dto);
  }

  @Get('panel/seats')
  @ApiOperation({ summary: 'The panels the signed-in account sits on, with its conflicts' })
  async seats(@Req() req: Request) {
    const user = sessionUser(req);
    const seats = await this.panels.seatsOf(user.userId);
    return {
      items: await Promise.all(
        seats.map(async (s) => ({
          memberId: s.id,
          callId: s.callId,
          call: s.call?.title,
          group: s.group,
          isChair: s.isChair,
          conflicts: await this.panels.conflicts(this.ds.manager, s.callId, s.id),
        })),
      ),
    };
  }

  @Roles(Role.StreetAdmin)
  @Post('calls/:callId/panel/draws')
  @ApiOperation({
    summary:
      'Draw experts at random from the pool (active judge accounts not on the panel) with a recorded seed',
  })
  async draw(@Req() req: Request, @Param('callId') callId: string, @Body() dto: ExpertDrawDto) {
    return this.panels.drawExperts(sessionUser(req), parseId(callId), dto);
  }

  @Roles(Role.StreetAdmin)
  @Get('calls/:callId/panel/draws')
  @ApiOperation({ summary: 'The recorded expert draws (seed, pool, result), newest first' })
  async draws(@Param('callId') callId: string) {
    const items = await this.panels.draws(parseId(callId));
    return { items, total: items.length };
  }
}
