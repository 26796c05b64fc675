import { Body, Controller, Get, Param, Post, Query, Req, Render, Redirect } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { AppException, ensureOwned, Public, Role, Roles } from '@gv/core';
import { I18n } from '@gv/i18n';
import { CommunityOptions } from '@gv/places';
import { formLimits, page, PageOutcome, pager, redirectTo, validateForm, FormInput } from '@gv/web';
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
    private readonly communities: CommunityOptions,
  ) {}

  private async options(req: Request, forForm: boolean) {
    const l = req.locale;
    const head = forForm ? [] : [{ value: '', label: this.i18n.t(l, 'common.all') }];
    return {
      // The DTO's own limits on the text fields (maxlength and "at most N characters" beside them).
      maxLengths: forForm ? formLimits(NeedDto) : {},
      // Community staff post for their own community only: the form offers nothing else.
      communityOptions: await this.communities.options(l, {
        head: forForm ? undefined : this.i18n.t(l, 'common.all'),
        only:
          forForm && req.user?.role === Role.CommunityStaff ? (req.user.communityId ?? -1) : null,
      }),
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
  @Render('needs/board')
  async board(@Req() req: Request, @Query() q: NeedListQuery) {
    const p = await this.needs.list(q);
    const role = req.user?.role;
    return page(req, 'needs.board.title', {
      items: p.items,
      pager: pager(req, p),
      filter: { ...q, status: q.status ?? 'open' },
      canPost: !!role && STAFF.includes(role),
      ...(await this.options(req, false)),
    });
  }

  @Roles(...STAFF)
  @Get('needs/new')
  @Render('needs/form')
  async newPage(@Req() req: Request) {
    return page(req, 'needs.form.newTitle', {
      action: '/needs/new',
      form: { communityId: String(req.user?.communityId ?? ''), beneficiaryGroups: [] },
      errors: {},
      ...(await this.options(req, true)),
    });
  }

  @Roles(...STAFF)
  @Post('needs/new')
  @Redirect('', 303)
  async create(@Req() req: Request, @Body() body: FormInput) {
    const { value, errors } = await validateForm(NeedDto, body, this.i18n, req.locale);
    const form = {
      ...body,
      beneficiaryGroups: ([] as unknown[]).concat(body['beneficiaryGroups'] ?? []),
    };
    if (!value)
      throw PageOutcome.view(
        'needs/form',
        page(req, 'needs.form.newTitle', {
          action: '/needs/new',
          form,
          errors,
          ...(await this.options(req, true)),
        }),
        400,
      );
    try {
      const need = await this.needs.create(req.user, value);
      return redirectTo(`/needs/${need.id}`);
    } catch (err) {
      if (err instanceof AppException && err.status === 400 && err.details?.length) {
        const errs = Object.fromEntries(
          err.details.map((d) => [d.field, this.i18n.t(req.locale, `validation.${d.code}`)]),
        );
        throw PageOutcome.view(
          'needs/form',
          page(req, 'needs.form.newTitle', {
            action: '/needs/new',
            form,
            errors: errs,
            ...(await this.options(req, true)),
          }),
          400,
        );
      }
      throw err;
    }
  }

  @Public()
  @Get('needs/:id')
  @Render('needs/detail')
  async detail(@Req() req: Request, @Param('id') id: string) {
    const need = await this.needs.get(parseNeedId(id));
    const u = req.user;
    const canManage =
      !!u &&
      (u.role === Role.StreetAdmin ||
        (u.role === Role.CommunityStaff && u.communityId === need.communityId));
    return page(req, 'needs.detail.title', { need, canManage });
  }

  @Roles(...STAFF)
  @Get('needs/:id/edit')
  @Render('needs/form')
  async editPage(@Req() req: Request, @Param('id') id: string) {
    const need = ensureOwned(req.user, await this.needs.get(parseNeedId(id)).catch(() => null));
    const form = {
      ...need,
      communityId: String(need.communityId),
      beneficiaryCount: String(need.beneficiaryCount),
    };
    return page(req, 'needs.form.editTitle', {
      action: `/needs/${need.id}/edit`,
      form,
      errors: {},
      ...(await this.options(req, true)),
    });
  }

  @Roles(...STAFF)
  @Post('needs/:id/edit')
  @Redirect('', 303)
  async edit(@Req() req: Request, @Param('id') id: string, @Body() body: FormInput) {
    const need = ensureOwned(req.user, await this.needs.get(parseNeedId(id)).catch(() => null));
    const { value, errors } = await validateForm(NeedDto, body, this.i18n, req.locale);
    const form = {
      ...body,
      beneficiaryGroups: ([] as unknown[]).concat(body['beneficiaryGroups'] ?? []),
    };
    if (!value)
      throw PageOutcome.view(
        'needs/form',
        page(req, 'needs.form.editTitle', {
          action: `/needs/${need.id}/edit`,
          form,
          errors,
          ...(await this.options(req, true)),
        }),
        400,
      );
    await this.needs.update(req.user, need.id, value);
    return redirectTo(`/needs/${need.id}`);
  }

  @Roles(...STAFF)
  @Post('needs/:id/close')
  @Redirect('', 303)
  async close(@Req() req: Request, @Param('id') id: string) {
    await this.needs.setStatus(req.user, parseNeedId(id), 'closed');
    return redirectTo(`/needs/${parseNeedId(id)}`);
  }

  @Roles(...STAFF)
  @Post('needs/:id/reopen')
  @Redirect('', 303)
  async reopen(@Req() req: Request, @Param('id') id: string) {
    await this.needs.setStatus(req.user, parseNeedId(id), 'open');
    return redirectTo(`/needs/${parseNeedId(id)}`);
  }
}
