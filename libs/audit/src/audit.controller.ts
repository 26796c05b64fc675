import { Controller, Get, Query, Req, Render } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeEndpoint, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, MaxLength, Min } from 'class-validator';
import type { Request } from 'express';
import { AppException, PageQuery, parseShanghai, Role, Roles } from '@gv/core';
import { page, pager } from '@gv/web';
import { AuditService } from './audit.service';

export class AuditQuery extends PageQuery {
  @IsOptional() @IsString() @MaxLength(64) action?: string;
  @IsOptional() @IsString() @MaxLength(64) entity?: string;
  @IsOptional() @IsString() @MaxLength(64) entityId?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) actorId?: number;
  /** YYYY-MM-DD, Shanghai days. */
  @IsOptional() @Matches(/^(\d{4}-\d{2}-\d{2})?$/) from?: string;
  @IsOptional() @Matches(/^(\d{4}-\d{2}-\d{2})?$/) to?: string;
}

@ApiTags('audit')
@ApiBearerAuth()
@Roles(Role.StreetAdmin)
@Controller()
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  private filter(q: AuditQuery) {
    const from = q.from ? parseShanghai(q.from) : undefined;
    const toDay = q.to ? parseShanghai(q.to) : undefined;
    if ((q.from && !from) || (q.to && !toDay))
      throw AppException.validation([
        { field: q.from && !from ? 'from' : 'to', code: 'isDateString' },
      ]);
    return { ...q, from, to: toDay ? new Date(toDay.getTime() + 86400_000) : undefined };
  }

  @Get('api/v1/audit')
  list(@Query() q: AuditQuery) {
    return this.audit.list(this.filter(q));
  }

  @ApiExcludeEndpoint()
  @Get('admin/audit')
  @Render('audit/list')
  async pageView(@Req() req: Request, @Query() q: AuditQuery) {
    const p = await this.audit.list(this.filter(q));
    return page(req, 'audit.title', {
      rows: p.items,
      pager: pager(req, p),
      q,
      actions: await this.audit.actions(),
    });
  }
}
