import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Req,
  Redirect,
  Render,
} from '@nestjs/common';
import { RateLimits } from '@gv/accounts';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { AppException, Public, Role, Roles } from '@gv/core';
import { I18n } from '@gv/i18n';
import { CommunityOptions } from '@gv/places';
import {
  CurrentLocale,
  fileDownload,
  page,
  PageOutcome,
  pager,
  parseId,
  ParseIdPipe,
  redirectTo,
  validateForm,
  formLimits,
  XLSX_TYPE,
  FormInput,
} from '@gv/web';
import {
  ORGANISATION_STATUSES,
  ORGANISATION_TYPES,
  OrganisationDto,
  OrganisationListQuery,
  OrganisationSignupDto,
  REGISTRATION_LEVELS,
  RejectOrganisationDto,
} from './dto/organisations.dto';
import { Organisation } from './entities/organisation.entity';
import { OrganisationsService } from './organisations.service';
import { OrganisationStatsService } from './stats/organisation-stats.service';
import type { Locale } from '@gv/core';

const STAFF = [Role.StreetAdmin, Role.CommunityStaff];

/** Pages: list, detail, edit, sign-up, statistics; the member's own organisation at /my/organisation. */
@ApiExcludeController()
@Controller()
export class OrganisationsPagesController {
  constructor(
    private readonly orgs: OrganisationsService,
    private readonly stats: OrganisationStatsService,
    private readonly i18n: I18n,
    private readonly communities: CommunityOptions,
    private readonly limits: RateLimits,
  ) {}

  private async options(req: Request, withAll = false) {
    const l = req.locale;
    const all = withAll ? [{ value: '', label: this.i18n.t(l, 'common.all') }] : [];
    return {
      // The DTO's own limits on the text fields (maxlength and "at most N characters" beside them).
      maxLengths: formLimits(OrganisationSignupDto),
      communityOptions: await this.communities.options(l, {
        head: withAll ? this.i18n.t(l, 'common.all') : '—',
      }),
      typeOptions: [
        ...all,
        ...ORGANISATION_TYPES.map((t) => ({
          value: t,
          label: this.i18n.t(l, `organisations.types.${t}`),
        })),
      ],
      levelOptions: [
        ...all,
        ...REGISTRATION_LEVELS.map((t) => ({
          value: t,
          label: this.i18n.t(l, `organisations.levels.${t}`),
        })),
      ],
      statusOptions: [
        ...all,
        ...ORGANISATION_STATUSES.map((t) => ({
          value: t,
          label: this.i18n.t(l, `organisations.statuses.${t}`),
        })),
      ],
    };
  }

  /** Service errors with field details (unknown community, credit code taken, email taken) shown beside the field. */
  private fieldErrors(req: Request, err: unknown): Record<string, string> | undefined {
    if (
      !(err instanceof AppException) ||
      !err.details?.length ||
      (err.status !== 400 && err.status !== 409)
    )
      return undefined;
    return Object.fromEntries(
      err.details.map((d) => [d.field, this.i18n.t(req.locale, `validation.${d.code}`)]),
    );
  }

  @Roles(...STAFF)
  @Get('organisations')
  @Render('organisations/list')
  async list(@Req() req: Request, @Query() q: OrganisationListQuery) {
    const p = await this.orgs.list(req.user, q);
    return page(req, 'organisations.list.title', {
      items: p.items,
      pager: pager(req, p),
      filter: q,
      ...(await this.options(req, true)),
      canCreate: req.user?.role === Role.StreetAdmin,
    });
  }

  @Public()
  @Get('organisations/signup')
  @Render('organisations/signup')
  async signupPage(@Req() req: Request) {
    return page(req, 'organisations.signup.title', {
      form: { registrationLevel: 'community' },
      errors: {},
      ...(await this.options(req)),
    });
  }

  @Public()
  @Post('organisations/signup')
  @HttpCode(200)
  @Render('organisations/signed-up')
  async signup(@Req() req: Request, @Body() body: FormInput) {
    await this.limits.takeSignup(req.ip ?? '');
    const { value, errors } = await validateForm(
      OrganisationSignupDto,
      body,
      this.i18n,
      req.locale,
    );
    const form = { ...body, password: '' };
    const render = async (status: number, errs: Record<string, string>) =>
      PageOutcome.view(
        'organisations/signup',
        page(req, 'organisations.signup.title', {
          form,
          errors: errs,
          ...(await this.options(req)),
        }),
        status,
      );
    if (!value) throw await render(400, errors);
    try {
      await this.orgs.signup(value);
    } catch (err) {
      const errs = this.fieldErrors(req, err);
      if (errs) throw await render((err as AppException).status, errs);
      throw err;
    }
    return page(req, 'organisations.signup.title', { name: value.name, email: value.memberEmail });
  }

  @Roles(...STAFF)
  @Get('organisations/stats')
  @Render('organisations/stats')
  async statsPage(@Req() req: Request) {
    const table = await this.stats.table(req.locale);
    return page(req, 'organisations.stats.title', {
      table,
      chart: this.stats.chart(table, req.locale),
    });
  }

  @Roles(...STAFF)
  @Get('organisations/stats.xlsx')
  async statsXlsx(@CurrentLocale() locale: Locale) {
    return fileDownload('organisation-stats.xlsx', XLSX_TYPE, await this.stats.xlsx(locale));
  }

  @Roles(Role.StreetAdmin)
  @Get('organisations/new')
  @Render('organisations/form')
  async newPage(@Req() req: Request) {
    return page(req, 'organisations.form.newTitle', {
      action: '/organisations/new',
      form: { registrationLevel: 'district' },
      errors: {},
      ...(await this.options(req)),
    });
  }

  @Roles(Role.StreetAdmin)
  @Post('organisations/new')
  @Redirect('', 303)
  async create(@Req() req: Request, @Body() body: FormInput) {
    const { value, errors } = await validateForm(OrganisationDto, body, this.i18n, req.locale);
    const render = async (status: number, errs: Record<string, string>) =>
      PageOutcome.view(
        'organisations/form',
        page(req, 'organisations.form.newTitle', {
          action: '/organisations/new',
          form: body,
          errors: errs,
          ...(await this.options(req)),
        }),
        status,
      );
    if (!value) throw await render(400, errors);
    let o: Organisation;
    try {
      o = await this.orgs.create(value);
    } catch (err) {
      const errs = this.fieldErrors(req, err);
      if (errs) throw await render((err as AppException).status, errs);
      throw err;
    }
    return redirectTo(`/organisations/${o.id}`);
  }

  @Roles(Role.OrgMember)
  @Get('my/organisation')
  @Render('organisations/detail')
  async mine(@Req() req: Request) {
    return this.detailModel(req, await this.orgs.mine(req.user));
  }

  @Roles(...STAFF, Role.OrgMember)
  @Get('organisations/:id')
  @Render('organisations/detail')
  async detail(@Req() req: Request, @Param('id', ParseIdPipe) id: number) {
    return this.detailModel(req, await this.orgs.get(req.user, id));
  }

  private detailModel(req: Request, o: Organisation, extra: Record<string, unknown> = {}) {
    const isAdmin = req.user?.role === Role.StreetAdmin;
    return page(req, 'organisations.detail.title', {
      org: o,
      canEdit: this.orgs.canEdit(req.user, o),
      canVerify: isAdmin && o.status !== 'verified',
      canReject: isAdmin && o.status === 'pending',
      maxLengths: formLimits(RejectOrganisationDto),
      errors: {},
      ...extra,
    });
  }

  @Roles(Role.StreetAdmin, Role.OrgMember)
  @Get('organisations/:id/edit')
  @Render('organisations/form')
  async editPage(@Req() req: Request, @Param('id') id: string) {
    const o = await this.orgs.get(req.user, parseId(id));
    if (!this.orgs.canEdit(req.user, o)) throw AppException.forbidden();
    const form = { ...o, communityId: String(o.communityId), membersCount: String(o.membersCount) };
    return page(req, 'organisations.form.editTitle', {
      action: `/organisations/${o.id}/edit`,
      org: o,
      reverifyNotice: o.status === 'verified' && req.user?.role !== Role.StreetAdmin,
      form,
      errors: {},
      ...(await this.options(req)),
    });
  }

  @Roles(Role.StreetAdmin, Role.OrgMember)
  @Post('organisations/:id/edit')
  @Redirect('', 303)
  async edit(@Req() req: Request, @Param('id') id: string, @Body() body: FormInput) {
    const o = await this.orgs.get(req.user, parseId(id));
    if (!this.orgs.canEdit(req.user, o)) throw AppException.forbidden();
    const { value, errors } = await validateForm(OrganisationDto, body, this.i18n, req.locale);
    const render = async (status: number, errs: Record<string, string>) =>
      PageOutcome.view(
        'organisations/form',
        page(req, 'organisations.form.editTitle', {
          action: `/organisations/${o.id}/edit`,
          org: o,
          form: body,
          errors: errs,
          ...(await this.options(req)),
        }),
        status,
      );
    if (!value) throw await render(400, errors);
    try {
      await this.orgs.update(req.user, o.id, value);
    } catch (err) {
      const errs = this.fieldErrors(req, err);
      if (errs) throw await render((err as AppException).status, errs);
      throw err;
    }
    return redirectTo(
      req.user?.role === Role.OrgMember ? '/my/organisation' : `/organisations/${o.id}`,
    );
  }

  @Roles(Role.StreetAdmin)
  @Post('organisations/:id/verify')
  @HttpCode(200)
  @Render('organisations/detail')
  async verify(@Req() req: Request, @Param('id') id: string) {
    const o = await this.orgs.verify(req.user, parseId(id));
    return this.detailModel(req, o, {
      flash: this.i18n.t(req.locale, 'organisations.detail.verified'),
    });
  }

  @Roles(Role.StreetAdmin)
  @Post('organisations/:id/reject')
  @HttpCode(200)
  @Render('organisations/detail')
  async reject(@Req() req: Request, @Param('id') id: string, @Body() body: FormInput) {
    const { value, errors } = await validateForm(
      RejectOrganisationDto,
      body,
      this.i18n,
      req.locale,
    );
    if (!value) {
      const o = await this.orgs.get(req.user, parseId(id));
      throw PageOutcome.view('organisations/detail', this.detailModel(req, o, { errors }), 400);
    }
    const o = await this.orgs.reject(req.user, parseId(id), value.reason);
    return this.detailModel(req, o, {
      flash: this.i18n.t(req.locale, 'organisations.detail.rejected'),
    });
  }
}
