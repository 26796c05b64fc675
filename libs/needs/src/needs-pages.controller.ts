import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { AppException, ensureOwned, Public, Role, Roles } from '@gv/core';
import { I18n } from '@gv/i18n';
import { Community } from '@gv/places';
import { page, pager, validateForm } from '@gv/web';
import { BENEFICIARY_GROUPS, NeedDto, NeedListQuery } from './dto/needs.dto';
import { parseNeedId } from './need.view';
import { NeedsService } from './needs.service';

const STAFF = [Role.StreetAdmin, Role.CommunityStaff];

@ApiExcludeController()
@Controller()
export class NeedsPagesController {
  constructor(
    private readonly needs: NeedsService,
    private readonly i18n: I18n,
    @InjectDataSource() private readonly ds: DataSource,
  ) {}

  private async options(req: Request, forForm: boolean) {
    const l = req.locale;
    let communities = await this.ds.getRepository(Community).find({ order: { sortOrder: 'ASC' } });
    // Community staff post for their own community only: the form offers nothing else.
    if (forForm && req.user?.role === Role.CommunityStaff)
      communities = communities.filter((c) => c.id === req.user?.communityId);
    const head = forForm ? [] : [{ value: '', label: this.i18n.t(l, 'common.all') }];
    return {
      communityOptions: [
        ...head,
        ...communities.map((c) => ({ value: String(c.id), label: l === 'en' ? c.nameEn : c.name })),
      ],
      groupOptions: [
        ...head,
        ...BENEFICIARY_GROUPS.map((g) => ({
          value: g,
          label: this.i18n.t(l, `needs.groups.${g}`),
        })),
      ],
      statusOptions: [
        { value: 'open', label: this.i18n.t(l, 'needs.statuses.open') },
        { value: 'closed', label: this.i18n.t(l, 'needs.statuses.closed') },
      ],
    };
  }

  @Public()
  @Get('needs')
  async board(@Req() req: Request, @Res() res: Response, @Query() q: NeedListQuery) {
    const p = await this.needs.list(q);
    const role = req.user?.role;
    res.render(
      'needs/board',
      page(req, 'needs.board.title', {
        items: p.items,
        pager: pager(req, p),
        filter: { ...q, status: q.status ?? 'open' },
        canPost: !!role && STAFF.includes(role),
        ...(await this.options(req, false)),
      }),
    );
  }

  @Roles(...STAFF)
  @Get('needs/new')
  async newPage(@Req() req: Request, @Res() res: Response) {
    res.render(
      'needs/form',
      page(req, 'needs.form.newTitle', {
        action: '/needs/new',
        form: { communityId: String(req.user?.communityId ?? ''), beneficiaryGroups: [] },
        errors: {},
        ...(await this.options(req, true)),
      }),
    );
  }

  @Roles(...STAFF)
  @Post('needs/new')
  async create(@Req() req: Request, @Res() res: Response, @Body() body: Record<string, unknown>) {
    const { value, errors } = await validateForm(NeedDto, body, this.i18n, req.locale);
    const form = {
      ...body,
      beneficiaryGroups: ([] as unknown[]).concat(body['beneficiaryGroups'] ?? []),
    };
    if (!value)
      return res.status(400).render(
        'needs/form',
        page(req, 'needs.form.newTitle', {
          action: '/needs/new',
          form,
          errors,
          ...(await this.options(req, true)),
        }),
      );
    try {
      const need = await this.needs.create(req.user, value);
      res.redirect(303, `/needs/${need.id}`);
    } catch (err) {
      if (err instanceof AppException && err.status === 400 && err.details?.length) {
        const errs = Object.fromEntries(
          err.details.map((d) => [d.field, this.i18n.t(req.locale, `validation.${d.code}`)]),
        );
        return res.status(400).render(
          'needs/form',
          page(req, 'needs.form.newTitle', {
            action: '/needs/new',
            form,
            errors: errs,
            ...(await this.options(req, true)),
          }),
        );
      }
      throw err;
    }
  }

  @Public()
  @Get('needs/:id')
  async detail(@Req() req: Request, @Res() res: Response, @Param('id') id: string) {
    const need = await this.needs.get(parseNeedId(id));
    const u = req.user;
    const canManage =
      !!u &&
      (u.role === Role.StreetAdmin ||
        (u.role === Role.CommunityStaff && u.communityId === need.communityId));
    res.render('needs/detail', page(req, 'needs.detail.title', { need, canManage }));
  }

  @Roles(...STAFF)
  @Get('needs/:id/edit')
  async editPage(@Req() req: Request, @Res() res: Response, @Param('id') id: string) {
    const need = ensureOwned(req.user, await this.needs.get(parseNeedId(id)).catch(() => null));
    const form = {
      ...need,
      communityId: String(need.communityId),
      beneficiaryCount: String(need.beneficiaryCount),
    };
    res.render(
      'needs/form',
      page(req, 'needs.form.editTitle', {
        action: `/needs/${need.id}/edit`,
        form,
        errors: {},
        ...(await this.options(req, true)),
      }),
    );
  }

  @Roles(...STAFF)
  @Post('needs/:id/edit')
  async edit(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
  ) {
    const need = ensureOwned(req.user, await this.needs.get(parseNeedId(id)).catch(() => null));
    const { value, errors } = await validateForm(NeedDto, body, this.i18n, req.locale);
    const form = {
      ...body,
      beneficiaryGroups: ([] as unknown[]).concat(body['beneficiaryGroups'] ?? []),
    };
    if (!value)
      return res.status(400).render(
        'needs/form',
        page(req, 'needs.form.editTitle', {
          action: `/needs/${need.id}/edit`,
          form,
          errors,
          ...(await this.options(req, true)),
        }),
      );
    await this.needs.update(req.user, need.id, value);
    res.redirect(303, `/needs/${need.id}`);
  }

  @Roles(...STAFF)
  @Post('needs/:id/close')
  async close(@Req() req: Request, @Res() res: Response, @Param('id') id: string) {
    await this.needs.setStatus(req.user, parseNeedId(id), 'closed');
    res.redirect(303, `/needs/${parseNeedId(id)}`);
  }

  @Roles(...STAFF)
  @Post('needs/:id/reopen')
  async reopen(@Req() req: Request, @Res() res: Response, @Param('id') id: string) {
    await this.needs.setStatus(req.user, parseNeedId(id), 'open');
    res.redirect(303, `/needs/${parseNeedId(id)}`);
  }
}
