import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { AppException, Role, Roles } from '@gv/core';
import { parseId, sessionUser } from '@gv/web';
import {
  CapacityDto,
  MovePlacementDto,
  PlacementListQuery,
  PlacementReasonDto,
} from './dto/placement.dto';
import { PlacementService } from './placement.service';

const STAFF = [Role.StreetAdmin, Role.CommunityStaff];

/** 落户 over the API: the same actions as the pages, under /api/v1. */
@ApiTags('placement')
@ApiBearerAuth()
@Controller('api/v1')
export class PlacementApiController {
  constructor(private readonly placement: PlacementService) {}

  @Roles(...STAFF)
  @Get('calls/:callId/placements')
  @ApiOperation({
    summary:
      'Funded projects and their host communities (unplaced first); community staff get their community’s only',
  })
  async list(@Req() req: Request, @Param('callId') callId: string, @Query() q: PlacementListQuery) {
    const user = sessionUser(req);
    const id = parseId(callId);
    if (user.role === Role.StreetAdmin)
      return q.communityId
        ? this.placement.forCommunity(id, q.communityId, q)
        : { ...(await this.placement.overview(id, q)), summary: await this.placement.summary(id) };
    if (user.communityId == null) throw AppException.forbidden();
    return this.placement.forCommunity(id, user.communityId, q);
  }

  @Roles(...STAFF)
  @Get('calls/:callId/capacities')
  @ApiOperation({
    summary:
      'Each community’s capacity for the call (default 2 when unset) and the slots taken; staff see their own',
  })
  async capacities(@Req() req: Request, @Param('callId') callId: string) {
    const user = sessionUser(req);
    const all = await this.placement.capacities(parseId(callId));
    const items =
      user.role === Role.StreetAdmin ? all : all.filter((c) => c.id === user.communityId);
    return { items, total: items.length };
  }

  @Roles(...STAFF)
  @Put('calls/:callId/capacities')
  @ApiOperation({
    summary:
      'Set a community’s capacity (0–50): community staff for their own community, the street office for any',
  })
  async setCapacity(
    @Req() req: Request,
    @Param('callId') callId: string,
    @Body() dto: CapacityDto,
  ) {
    const user = sessionUser(req);
    const communityId = dto.communityId ?? user.communityId;
    if (communityId == null)
      throw AppException.validation([{ field: 'communityId', code: 'isDefined' }]);
    return this.placement.setCapacity(user, parseId(callId), communityId, dto.capacity);
  }

  @Roles(Role.StreetAdmin)
  @Post('calls/:callId/placements/run')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Place the funded projects without a host (exact engine); placed and accepted ones keep their community. Idempotent',
  })
  async place(@Req() req: Request, @Param('callId') callId: string) {
    return this.placement.place(sessionUser(req), parseId(callId));
  }

  @Roles(Role.StreetAdmin)
  @Put('proposals/:id/placement')
  @ApiOperation({
    summary:
      'Move a project by hand to one of its preferred communities with a free slot (400 placement_not_preferred otherwise)',
  })
  async move(@Req() req: Request, @Param('id') id: string, @Body() dto: MovePlacementDto) {
    return this.placement.move(sessionUser(req), parseId(id), dto.communityId);
  }

  @Roles(Role.CommunityStaff)
  @Post('proposals/:id/placement/accept')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'The host community’s staff accept the project (403 placement_not_yours, 409 placement_decided)',
  })
  async accept(@Req() req: Request, @Param('id') id: string) {
    return this.placement.accept(sessionUser(req), parseId(id));
  }

  @Roles(Role.CommunityStaff)
  @Post('proposals/:id/placement/refuse')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'The host community’s staff refuse with a reason; only this project is placed again (or listed as unplaced)',
  })
  async refuse(@Req() req: Request, @Param('id') id: string, @Body() dto: PlacementReasonDto) {
    return this.placement.refuse(sessionUser(req), parseId(id), dto.reason);
  }

  @Roles(Role.StreetAdmin)
  @Post('proposals/:id/placement/withdraw-award')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Resolve an unplaceable project: withdraw its award with a reason (the money returns to the budget ledger)',
  })
  async withdraw(@Req() req: Request, @Param('id') id: string, @Body() dto: PlacementReasonDto) {
    await this.placement.withdraw(sessionUser(req), parseId(id), dto.reason);
    return { proposalId: parseId(id), withdrawn: true };
  }
}
