import { Controller, Get, Query, Req, Render } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeEndpoint, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, MaxLength, Min } from 'class-validator';
import type { Request } from 'express';
import { AppException, PageQuery, parseShanghai, Role, Roles } from '@gv/core';
import { I18n } from '@gv/i18n';
import { page, pager } from '@gv/web';
import { auditChanges } from './audit-view';
import { ActorDirectory } from './actor-directory';
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
  constructor(
    private readonly audit: AuditService,
    private readonly i18n: I18n,
    private readonly directory: ActorDirectory,
  ) {}

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
    const locale = req.locale;
    const label = (prefix: string, code: string) =>
      this.i18n.has(locale, `${prefix}.${code}`) ? this.i18n.t(locale, `${prefix}.${code}`) : code;
    const ids = [...new Set(p.items.flatMap((r) => (r.actorId === null ? [] : [r.actorId])))];
    const actors = ids.length ? await this.directory.names(ids) : new Map<number, never>();
    const yuan = locale === 'en' ? 'yuan' : '元';
    const rows = p.items.map((r) => {
      const who = r.actorId === null ? undefined : actors.get(r.actorId);
      return {
        ...r,
        actionLabel: label('audit.actions', r.action),
        entityLabel: label('audit.entities', r.entity),
        actorName:
          who?.name ?? (r.actorId === null ? this.i18n.t(locale, 'audit.system') : r.actorLabel),
        actorEmail: who?.email ?? (r.actorLabel.includes('@') ? r.actorLabel : ''),
        changes: auditChanges(r.before, r.after, yuan),
        requestShort: r.requestId ? r.requestId.slice(0, 8) : '',
      };
    });
    const actions = (await this.audit.actions()).map((code) => ({
      code,
      label: label('audit.actions', code),
    }));
    return page(req, 'audit.title', {
      rows,
      pager: pager(req, p),
      q,
      actions: actions.sort((a, b) => a.label.localeCompare(b.label, locale)),
    });
  }
}
