import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public, Role, Roles } from '@gv/core';
import { NeedDto, NeedListQuery } from './dto/needs.dto';
import { needView, parseNeedId } from './need.view';
import { NeedsService } from './needs.service';

const STAFF = [Role.StreetAdmin, Role.CommunityStaff];

@ApiTags('needs')
@ApiBearerAuth()
@Controller('api/v1/needs')
export class NeedsApiController {
  constructor(private readonly needs: NeedsService) {}

  @Public()
  @Get()
  @ApiOperation({
    summary:
      'The public needs board (open needs unless status=closed), paginated; filter by community and beneficiary group',
  })
  async list(@Query() q: NeedListQuery) {
    const p = await this.needs.list(q);
    return { ...p, items: p.items.map(needView) };
  }

  @Public()
  @Get(':id')
  async one(@Param('id') id: string) {
    return needView(await this.needs.get(parseNeedId(id)));
  }

  @Roles(...STAFF)
  @Post()
  @ApiOperation({ summary: 'Post a need (community staff: for their own community only)' })
  async create(@Body() dto: NeedDto, @Req() req: Request) {
    return needView(await this.needs.create(req.user, dto));
  }

  @Roles(...STAFF)
  @Put(':id')
  async update(@Param('id') id: string, @Body() dto: NeedDto, @Req() req: Request) {
    return needView(await this.needs.update(req.user, parseNeedId(id), dto));
  }

  @Roles(...STAFF)
  @Post(':id/close')
  @HttpCode(200)
  async close(@Param('id') id: string, @Req() req: Request) {
    return needView(await this.needs.setStatus(req.user, parseNeedId(id), 'closed'));
  }

  @Roles(...STAFF)
  @Post(':id/reopen')
  @HttpCode(200)
  async reopen(@Param('id') id: string, @Req() req: Request) {
    return needView(await this.needs.setStatus(req.user, parseNeedId(id), 'open'));
  }
}
