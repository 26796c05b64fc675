import { Body, Controller, Get, Param, Post, Query, Req, Render, Redirect } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { DataSource } from 'typeorm';
import { AppException, fenToYuan, formatShanghai, Public, Role, Roles, yuanToFen } from '@gv/core';
import { I18n } from '@gv/i18n';
import { Need } from '@gv/needs';
import {
  page,
  PageOutcome,
  pager,
  parseId,
  redirectTo,
  sessionUser,
  translateFieldErrors,
  validateForm,
  FormInput,
  formLimits,
  parenthesised,
} from '@gv/web';
import { CallsService, isAllowedManualSwitch } from './calls.service';
import { CallDto, CallListQuery, PhaseChangeDto } from './dto/calls.dto';
import { Call, CALL_DATE_FIELDS, CALL_PHASES, TRACKS } from './entities/call.entity';

export class CallsPageQuery extends CallListQuery {
  @IsOptional() @IsString() @MaxLength(8) lang?: string;
  @IsOptional() @IsString() @MaxLength(16) done?: string;
}

const DATES = CALL_DATE_FIELDS;
const MONEY = {
  budgetCap: 'budgetCapFen',
  minGrant: 'minGrantFen',
  maxGrant: 'maxGrantFen',
} as const;
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const strings = (v: unknown) =>
  typeof v === 'string'
    ? [v]
    : Array.isArray(v)
      ? v.filter((x): x is string => typeof x === 'string')
      : [];
/** CallDto paths → form field names (money in yuan, checklist as one textarea). */
const formField = (f: string) =>
  Object.entries(MONEY).find(([, dto]) => dto === f)?.[0] ??
  f.replace(/^(checklist|needIds|tracks)\..*$/, '$1');
const localInput = (d: Date) => formatShanghai(d).replace(' ', 'T');

/** 公益创投大赛 pages: the public list and detail, the street admin's form and the manual phase switch. */
@ApiExcludeController()
@Controller()
export class CallsPagesController {
  constructor(
    private readonly calls: CallsService,
    private readonly i18n: I18n,
    @InjectDataSource() private readonly ds: DataSource,
  ) {}

  @Public()
  @Get('calls')
  @Render('calls/list')
  async list(@Req() req: Request, @Query() q: CallsPageQuery) {
    const isAdmin = req.user?.role === Role.StreetAdmin;
    const list = await this.calls.list(q, !isAdmin);
    return page(req, 'calls.title', { items: list.items, pager: pager(req, list), isAdmin });
  }

  @Roles(Role.StreetAdmin)
  @Get('calls/new')
  @Render('calls/form')
  async newPage(@Req() req: Request) {
    const form = {
      code: 'DG',
      year: String(new Date().getFullYear()),
      tracks: [...TRACKS],
      maxProposalsPerOrg: '2',
      needIds: [] as string[],
    };
    return await this.formModel(req, '/calls/new', 'calls.new', form, {});
  }

  @Roles(Role.StreetAdmin)
  @Post('calls/new')
  @Redirect('', 303)
  async create(@Req() req: Request, @Body() body: FormInput) {
    return this.save(req, body, undefined);
  }

  @Public()
  @Get('calls/:id')
  @Render('calls/detail')
  async detail(@Req() req: Request, @Param('id') id: string, @Query('done') done?: string) {
    const { call } = await this.calls.get(parseId(id), req.user?.role !== Role.StreetAdmin);
    const flash =
      done === 'saved'
        ? this.i18n.t(req.locale, 'calls.saved')
        : done === 'phase'
          ? this.i18n.t(req.locale, 'calls.phaseChanged', {
              phase: this.i18n.t(req.locale, `calls.phase.${call.phase}`),
            })
          : undefined;
    return await this.detailModel(req, call.id, { flash });
  }

  @Roles(Role.StreetAdmin)
  @Get('calls/:id/edit')
  @Render('calls/form')
  async editPage(@Req() req: Request, @Param('id') id: string) {
    const { call, checklist, needs } = await this.calls.get(parseId(id));
    const form: Record<string, unknown> = {
      code: call.code,
      title: call.title,
      year: String(call.year),
      tracks: call.tracks,
      description: call.description,
      rubric: call.rubric,
      maxProposalsPerOrg: String(call.maxProposalsPerOrg),
      checklist: checklist.map((c) => c.label).join('\n'),
      needIds: needs.map((n) => String(n.id)),
      ...Object.fromEntries(
        Object.entries(MONEY).map(([f, dto]) => [f, fenToYuan(call[dto]).replace(/,/g, '')]),
      ),
      ...Object.fromEntries(DATES.map((d) => [d, localInput(call[d])])),
    };
    return await this.formModel(req, `/calls/${call.id}/edit`, 'calls.edit', form, {});
  }

  @Roles(Role.StreetAdmin)
  @Post('calls/:id/edit')
  @Redirect('', 303)
  async update(@Req() req: Request, @Param('id') id: string, @Body() body: FormInput) {
    const { call } = await this.calls.get(parseId(id));
    return this.save(req, body, call);
  }

  @Roles(Role.StreetAdmin)
  @Post('calls/:id/phase')
  @Redirect('', 303)
  async phase(@Req() req: Request, @Param('id') id: string, @Body() body: FormInput) {
    const callId = parseId(id);
    const { confirm, ...fields } = body;
    const { value, errors } = await validateForm(PhaseChangeDto, fields, this.i18n, req.locale);
    const phaseForm = { phase: str(body['phase']), reason: str(body['reason']) };
    // Switching announces the phase to every applying organisation: the page asks for a tick first.
    if (value && confirm !== 'yes')
      errors['confirm'] = this.i18n.t(req.locale, 'errors.phase_switch_unconfirmed');
    if (!value || errors['confirm'])
      throw PageOutcome.view(
        'calls/detail',
        await this.detailModel(req, callId, { phaseForm, phaseErrors: errors }),
        400,
      );
    try {
      const call = await this.calls.changePhase(callId, value.phase, value.reason);
      return redirectTo(`/calls/${call.id}?done=phase`);
    } catch (err) {
      if (!(err instanceof AppException) || err.status !== 409) throw err;
      throw PageOutcome.view(
        'calls/detail',
        await this.detailModel(req, callId, {
          phaseForm,
          phaseErrors: { phase: this.i18n.t(req.locale, `errors.${err.code}`) },
        }),
        409,
      );
    }
  }

  /** Creates or updates the call and redirects to it; the form again with the errors otherwise. */
  private async save(req: Request, body: Record<string, unknown>, call: Call | undefined) {
    const action = call ? `/calls/${call.id}/edit` : '/calls/new';
    const titleKey = call ? 'calls.edit' : 'calls.new';
    const form: Record<string, unknown> = {
      ...body,
      tracks: strings(body['tracks']),
      needIds: strings(body['needIds']),
    };
    const moneyErrors: Record<string, string> = {};
    const dto: Record<string, unknown> = {
      code: str(body['code']),
      title: str(body['title']),
      description: str(body['description']),
      rubric: str(body['rubric']),
      year: /^\d{4}$/.test(str(body['year'])) ? Number(body['year']) : str(body['year']),
      maxProposalsPerOrg: /^\d{1,3}$/.test(str(body['maxProposalsPerOrg']))
        ? Number(body['maxProposalsPerOrg'])
        : str(body['maxProposalsPerOrg']),
      tracks: form['tracks'],
      needIds: (form['needIds'] as string[]).map((n) => (/^\d{1,9}$/.test(n) ? Number(n) : n)),
      checklist: str(body['checklist'])
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean),
      ...Object.fromEntries(DATES.map((d) => [d, str(body[d])])),
    };
    for (const [f, dtoField] of Object.entries(MONEY)) {
      // Left empty it is "required"; otherwise it must be yuan with at most two decimals.
      const fen = yuanToFen(str(body[f]));
      if (!str(body[f]).trim()) moneyErrors[f] = this.i18n.t(req.locale, 'validation.required');
      else if (fen === undefined) moneyErrors[f] = this.i18n.t(req.locale, 'validation.yuan');
      dto[dtoField] = fen ?? 0;
    }
    const { value, errors } = await validateForm(CallDto, dto, this.i18n, req.locale);
    const all: Record<string, string> = {};
    for (const [k, v] of Object.entries(errors)) all[formField(k)] ??= v;
    Object.assign(all, moneyErrors);
    if (!value || Object.keys(all).length)
      throw PageOutcome.view(
        'calls/form',
        await this.formModel(req, action, titleKey, form, all),
        400,
      );
    try {
      const saved = call
        ? await this.calls.update(call.id, value)
        : await this.calls.create(sessionUser(req).userId, value);
      return redirectTo(`/calls/${saved.id}?done=saved`);
    } catch (err) {
      if (!(err instanceof AppException) || (err.status !== 400 && err.status !== 409)) throw err;
      // Field errors beside their fields (every proposal a new limit would strand is listed); a
      // conflict's own message above the form.
      const errs: Record<string, string> = {};
      for (const e of translateFieldErrors(this.i18n, req.locale, err.details ?? [])) {
        const f = formField(e.field);
        errs[f] = errs[f] ? `${errs[f]}；${e.message as string}` : (e.message as string);
      }
      const model = await this.formModel(req, action, titleKey, form, errs);
      if (err.status === 409)
        Object.assign(model, {
          formError: this.i18n.t(req.locale, `errors.${err.code}`, err.params),
        });
      throw PageOutcome.view('calls/form', model, err.status);
    }
  }

  private async formModel(
    req: Request,
    action: string,
    titleKey: string,
    form: Record<string, unknown>,
    errors: Record<string, string>,
  ) {
    const l = req.locale;
    const needs = await this.ds.getRepository(Need).find({
      where: { status: 'open' },
      relations: { community: true },
      order: { id: 'ASC' },
      take: 200,
    });
    return page(req, titleKey, {
      action,
      form,
      errors,
      maxLengths: formLimits(CallDto),
      dates: DATES.map((d) => ({
        name: d,
        label: `calls.dates.${d}`,
        value: form[d] ?? '',
        error: errors[d],
      })),
      trackOptions: TRACKS.map((v) => ({ value: v, label: this.i18n.t(l, `calls.tracks.${v}`) })),
      needOptions: needs.map((n) => ({
        value: String(n.id),
        label:
          n.title + parenthesised(l, (l === 'en' ? n.community?.nameEn : n.community?.name) ?? ''),
      })),
    });
  }

  private async detailModel(req: Request, id: number, extra: Record<string, unknown>) {
    const { call, checklist, needs } = await this.calls.get(id);
    const isAdmin = req.user?.role === Role.StreetAdmin;
    const now = Date.now();
    return page(req, 'calls.detail', {
      call,
      checklist,
      needs,
      isAdmin,
      timeline: DATES.map((d) => ({
        label: `calls.dates.${d}`,
        at: call[d],
        past: call[d].getTime() <= now,
      })),
      canApply:
        req.user?.role === Role.OrgMember &&
        call.opensAt.getTime() <= now &&
        now < call.submissionDeadline.getTime(),
      // By hand: the next phase, or back to an earlier one.
      phaseOptions: CALL_PHASES.filter((p) => isAllowedManualSwitch(call.phase, p)).map((p) => ({
        value: p,
        label: this.i18n.t(
          req.locale,
          CALL_PHASES.indexOf(p) > CALL_PHASES.indexOf(call.phase)
            ? 'calls.phaseForward'
            : 'calls.phaseBack',
          { phase: this.i18n.t(req.locale, `calls.phase.${p}`) },
        ),
      })),
      phaseForm: {
        phase: CALL_PHASES[CALL_PHASES.indexOf(call.phase) + 1] ?? '',
        reason: '',
      },
      phaseErrors: {},
      ...extra,
    });
  }
}
