import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { RateLimits } from '@gv/accounts';
import { Public, Role, Roles } from '@gv/core';
import {
  OrganisationDto,
  OrganisationListQuery,
  OrganisationSignupDto,
  RejectOrganisationDto,
} from './dto/organisations.dto';
import { organisationView } from './organisation.view';
import { OrganisationsService } from './organisations.service';
import { OrganisationStatsService } from './stats/organisation-stats.service';
import { CurrentLocale, fileDownload, parseId, XLSX_TYPE } from '@gv/web';
import type { Locale } from '@gv/core';

const STAFF = [Role.StreetAdmin, Role.CommunityStaff];

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('api/v1/organisations')
export class OrganisationsApiController {
  constructor(
    private readonly orgs: OrganisationsService,
    private readonly statistics: OrganisationStatsService,
    private readonly limits: RateLimits,
  ) {}

  @Roles(...STAFF, Role.OrgMember)
  @Get()
  @ApiOperation({
    summary:
      'Organisations the caller may see (street: all; community staff: their community; members: their own), paginated',
  })
  async list(@Query() q: OrganisationListQuery, @Req() req: Request) {
    const p = await this.orgs.list(req.user, q);
    return { ...p, items: p.items.map(organisationView) };
  }

  @Public()
  @Post('signup')
  @ApiOperation({
    summary: 'An organisation signs up: a pending organisation and its first member account',
  })
  async signup(@Req() req: Request, @Body() dto: OrganisationSignupDto) {
    await this.limits.takeSignup(req.ip ?? '');
    const { organisation, user } = await this.orgs.signup(dto);
    return {
      organisation: organisationView(organisation),
      member: { id: user.id, email: user.email, name: user.name, role: user.role },
    };
  }

  @Roles(...STAFF)
  @Get('stats')
  @ApiOperation({
    summary:
      'Verified organisations by type × community, with counts and shares (社区社会组织培育基本情况统计表)',
  })
  stats(@Req() req: Request) {
    return this.statistics.table(req.locale);
  }

  @Roles(...STAFF)
  @Get('stats.xlsx')
  @ApiOperation({ summary: 'The statistics table as an Excel workbook' })
  async statsXlsx(@CurrentLocale() locale: Locale) {
    return fileDownload('organisation-stats.xlsx', XLSX_TYPE, await this.statistics.xlsx(locale));
  }

  @Roles(Role.OrgMember)
  @Get('mine')
  async mine(@Req() req: Request) {
    return organisationView(await this.orgs.mine(req.user));
  }

  @Roles(Role.StreetAdmin)
  @Post()
  @ApiOperation({
    summary:
      'The street office adds an organisation (verified); invite its members with role org_member',
  })
  async create(@Body() dto: OrganisationDto) {
    return organisationView(await this.orgs.create(dto));
  }

  @Roles(...STAFF, Role.OrgMember)
  @Get(':id')
  async one(@Param('id') id: string, @Req() req: Request) {
    return organisationView(await this.orgs.get(req.user, parseId(id)));
  }

  @Roles(Role.StreetAdmin, Role.OrgMember)
  @Put(':id')
  @ApiOperation({ summary: 'Replace the profile (street admins: any; members: their own)' })
  async update(@Param('id') id: string, @Body() dto: OrganisationDto, @Req() req: Request) {
    return organisationView(await this.orgs.update(req.user, parseId(id), dto));
  }

  @Roles(Role.StreetAdmin)
  @Post(':id/verify')
  @HttpCode(200)
  @ApiOperation({ summary: '街道审核通过 (audited)' })
  async verify(@Param('id') id: string, @Req() req: Request) {
    return organisationView(await this.orgs.verify(req.user, parseId(id)));
  }

  @Roles(Role.StreetAdmin)
  @Post(':id/reject')
  @HttpCode(200)
  @ApiOperation({ summary: '街道审核不通过, with a reason (audited)' })
  async reject(@Param('id') id: string, @Body() dto: RejectOrganisationDto, @Req() req: Request) {
    return organisationView(await this.orgs.reject(req.user, parseId(id), dto.reason));
  }
}
