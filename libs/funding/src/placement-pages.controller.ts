import { Body, Controller, Get, Param, Post, Query, Redirect, Render, Req } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { Call, CallPhase, CallsService } from '@gv/calls';
import { AppException, Locale, Role, Roles } from '@gv/core';
import { I18n } from '@gv/i18n';
import {
  FormInput,
  page,
  PageOutcome,
  pageError,
  pager,
  parseId,
  redirectTo,
  sessionUser,
  validateForm,
} from '@gv/web';
import {
  CommunityCapacityFormDto,
  MovePlacementDto,
  PlacementPageQuery,
  PlacementReasonDto,
} from './dto/placement.dto';
import { FundingAward } from './entities/funding.entity';
import { DEFAULT_CAPACITY, isReasonCode, MAX_CAPACITY } from './placement-state';
import { CommunityLoad, PlacementService, PlacementView } from './placement.service';

const STAFF = [Role.StreetAdmin, Role.CommunityStaff];
const DONE = ['placed', 'moved', 'capacity', 'withdrawn', 'accepted', 'refused'];

/**
 * 落户 pages: the street office's overview per competition (unplaced first with the two ways to
 * resolve them, the run button, every community's capacity) and each community's page (its placed
 * projects to accept or refuse with a reason, and its capacity).
 */
@ApiExcludeController()
@Controller()
export class PlacementPagesController {
  constructor(
    private readonly placement: PlacementService,
    private readonly calls: CallsService,
    private readonly i18n: I18n,
    @InjectDataSource() private readonly ds: DataSource,
  ) {}

  /** The menu's entry: the newest competition's placement. */
  @Roles(Role.StreetAdmin)
  @Get('placements/current')
  @Redirect('', 303)
  async current() {
    return redirectTo(`/calls/${await this.currentCallId()}/placements`);
  }

  @Roles(Role.StreetAdmin)
  @Get('calls/:id/placements')
  @Render('funding/placements')
  async overview(@Req() req: Request, @Param('id') id: string, @Query() q: PlacementPageQuery) {
    return this.overviewModel(req, parseId(id), q, {});
  }

  @Roles(Role.StreetAdmin)
  @Post('calls/:id/placements/run')
  @Redirect('', 303)
  async place(@Req() req: Request, @Param('id') id: string) {
    const callId = parseId(id);
    await this.adminAct(req, callId, () => this.placement.place(sessionUser(req), callId));
    return redirectTo(`/calls/${callId}/placements?done=placed`);
  }

  /** The capacities form posts `capacity-<communityId>` for every community; changed ones are saved. */
  @Roles(Role.StreetAdmin)
  @Post('calls/:id/placements/capacities')
  @Redirect('', 303)
  async capacities(@Req() req: Request, @Param('id') id: string, @Body() body: FormInput) {
    const callId = parseId(id);
    const loads = await this.placement.capacities(callId);
    const errors: Record<string, string> = {};
    const changes: Array<[number, number]> = [];
    for (const c of loads) {
      const raw = String(body[`capacity-${c.id}`] ?? '').trim();
      if (raw === '' || (raw === String(c.capacity) && !c.capacitySet)) continue;
      const n = /^\d{1,3}$/.test(raw) ? Number(raw) : NaN;
      if (!Number.isInteger(n)) errors[c.id] = this.i18n.t(req.locale, 'validation.isInt');
      else if (n > MAX_CAPACITY)
        errors[c.id] = this.i18n.t(req.locale, 'validation.max', { max: MAX_CAPACITY });
      else if (n !== c.capacity || !c.capacitySet) changes.push([c.id, n]);
    }
    if (Object.keys(errors).length)
      throw PageOutcome.view(
        'funding/placements',
        await this.overviewModel(req, callId, {}, { capacityForm: body, capacityErrors: errors }),
        400,
      );
    await this.adminAct(req, callId, async () => {
      for (const [communityId, capacity] of changes)
        await this.placement.setCapacity(sessionUser(req), callId, communityId, capacity);
    });
    return redirectTo(`/calls/${callId}/placements?done=capacity#capacities`);
  }

  @Roles(Role.StreetAdmin)
  @Post('proposals/:id/placement/move')
  @Redirect('', 303)
  async move(@Req() req: Request, @Param('id') id: string, @Body() body: FormInput) {
    const proposalId = parseId(id);
    const callId = await this.callOf(proposalId);
    const { value, errors } = await validateForm(MovePlacementDto, body, this.i18n, req.locale);
    await this.adminAct(
      req,
      callId,
      () => {
        if (!value) throw AppException.validation([{ field: 'communityId', code: 'isInt' }]);
        return this.placement.move(sessionUser(req), proposalId, value.communityId);
      },
      Object.values(errors)[0],
    );
    return redirectTo(`/calls/${callId}/placements?done=moved`);
  }

  @Roles(Role.StreetAdmin)
  @Post('proposals/:id/placement/withdraw')
  @Redirect('', 303)
  async withdraw(@Req() req: Request, @Param('id') id: string, @Body() body: FormInput) {
    const proposalId = parseId(id);
    const callId = await this.callOf(proposalId);
    const { value, errors } = await validateForm(PlacementReasonDto, body, this.i18n, req.locale);
    await this.adminAct(
      req,
      callId,
      () => {
        if (!value) throw AppException.validation([{ field: 'reason', code: 'isLength' }]);
        return this.placement.withdraw(sessionUser(req), proposalId, value.reason);
      },
      errors['reason'] &&
        `${this.i18n.t(req.locale, 'placement.resolve.reason')}${this.i18n.t(req.locale, 'common.colon')}${errors['reason']}`,
    );
    return redirectTo(`/calls/${callId}/placements?done=withdrawn`);
  }

  /** A community's page: staff see their own; the street office any (`?communityId=`). */
  @Roles(...STAFF)
  @Get('community/placements')
  @Render('funding/placement-community')
  async community(@Req() req: Request, @Query() q: PlacementPageQuery) {
    return this.communityModel(req, q, {});
  }

  @Roles(...STAFF)
  @Post('community/placements/capacity')
  @Redirect('', 303)
  async communityCapacity(@Req() req: Request, @Body() body: FormInput) {
    const user = sessionUser(req);
    const { value, errors } = await validateForm(
      CommunityCapacityFormDto,
      body,
      this.i18n,
      req.locale,
    );
    const communityId = user.role === Role.StreetAdmin ? value?.communityId : user.communityId;
    try {
      if (!value) throw AppException.validation([]);
      if (communityId == null) throw AppException.forbidden();
      await this.placement.setCapacity(user, value.callId, communityId, value.capacity);
    } catch (err) {
      const e = value ? pageError(err, this.i18n, req.locale) : { status: 400, formError: '' };
      throw PageOutcome.view(
        'funding/placement-community',
        await this.communityModel(
          req,
          { communityId: value?.communityId },
          { capacityForm: body, capacityError: errors['capacity'], formError: e.formError },
        ),
        e.status,
      );
    }
    const q = user.role === Role.StreetAdmin ? `&communityId=${communityId}` : '';
    return redirectTo(`/community/placements?done=capacity${q}`);
  }

  @Roles(Role.CommunityStaff)
  @Post('proposals/:id/placement/accept')
  @Redirect('', 303)
  async accept(@Req() req: Request, @Param('id') id: string) {
    await this.staffAct(req, () => this.placement.accept(sessionUser(req), parseId(id)));
    return redirectTo('/community/placements?done=accepted');
  }

  @Roles(Role.CommunityStaff)
  @Post('proposals/:id/placement/refuse')
  @Redirect('', 303)
  async refuse(@Req() req: Request, @Param('id') id: string, @Body() body: FormInput) {
    const proposalId = parseId(id);
    const { value, errors } = await validateForm(PlacementReasonDto, body, this.i18n, req.locale);
    await this.staffAct(
      req,
      () => {
        if (!value) throw AppException.validation([{ field: 'reason', code: 'isLength' }]);
        return this.placement.refuse(sessionUser(req), proposalId, value.reason);
      },
      value ? undefined : { proposalId, reason: body['reason'], error: errors['reason'] },
    );
    return redirectTo('/community/placements?done=refused');
  }

  // ── helpers ─────────────────────────────────────────────────────────────────────────────────

  private async adminAct(
    req: Request,
    callId: number,
    action: () => Promise<unknown>,
    formMessage?: string,
  ) {
    try {
      await action();
    } catch (err) {
      const e = pageError(err, this.i18n, req.locale);
      throw PageOutcome.view(
        'funding/placements',
        await this.overviewModel(req, callId, {}, { formError: formMessage || e.formError }),
        e.status,
      );
    }
  }

  private async staffAct(
    req: Request,
    action: () => Promise<unknown>,
    refuseForm?: { proposalId: number; reason: unknown; error?: string },
  ) {
    try {
      await action();
    } catch (err) {
      const e = pageError(err, this.i18n, req.locale);
      throw PageOutcome.view(
        'funding/placement-community',
        await this.communityModel(req, {}, { formError: e.formError, refuseForm }),
        e.status,
      );
    }
  }

  private flash(req: Request) {
    const done = typeof req.query['done'] === 'string' ? req.query['done'] : '';
    return DONE.includes(done) ? this.i18n.t(req.locale, `placement.done.${done}`) : undefined;
  }

  /** The newest competition with funded projects (else the newest one). */
  private async currentCallId(): Promise<number> {
    const [row] = await this.ds
      .getRepository(FundingAward)
      .createQueryBuilder('a')
      .innerJoin(Call, 'c', 'c.id = a.callId')
      .select('a.callId', 'callId')
      .where('a.status = :s', { s: 'awarded' })
      .orderBy('c.year', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .limit(1)
      .getRawMany<{ callId: number }>();
    return row ? Number(row.callId) : (await this.calls.newestFrom(CallPhase.Screening)).id;
  }

  /** The competition of a proposal (404 if none). */
  private async callOf(proposalId: number): Promise<number> {
    const [row] = (await this.ds.query('SELECT callId FROM proposal WHERE id = ?', [
      proposalId,
    ])) as Array<{ callId: number }>;
    if (!row) throw AppException.notFound();
    return Number(row.callId);
  }

  /** A row as the tables show it; `free`: slots left per community (the move form offers only those). */
  private row(v: PlacementView, l: Locale, free: ReadonlyMap<number, number> = new Map()) {
    const name = (c: { name: string; nameEn: string } | null) =>
      c ? (l === 'en' ? c.nameEn : c.name) : '';
    const unplaced = v.status === 'unplaced' || v.status === 'refused';
    return {
      ...v,
      communityName: name(v.community),
      unplaced,
      reasonText: isReasonCode(v.reason)
        ? this.i18n.t(l, `placement.reasons.${v.reason}`)
        : v.refusedBy.length
          ? v.reason
          : '',
      refusedNames: v.refusedBy.map(name).join('、'),
      preferenceNames: v.preferences.map((c, i) => `${i + 1}. ${name(c)}`).join(' '),
      moveOptions:
        v.status === 'accepted'
          ? []
          : v.preferences
              .filter(
                (c) =>
                  c.id !== v.community?.id &&
                  !v.refusedBy.some((r) => r.id === c.id) &&
                  (free.get(c.id) ?? 0) > 0,
              )
              .map((c) => ({ value: c.id, label: name(c) })),
    };
  }

  private loadRow(c: CommunityLoad, l: Locale) {
    return { ...c, communityName: l === 'en' ? c.nameEn : c.name };
  }

  private async overviewModel(
    req: Request,
    callId: number,
    q: PlacementPageQuery,
    extra: Record<string, unknown>,
  ) {
    const call = await this.ds.getRepository(Call).findOneBy({ id: callId });
    if (!call) throw AppException.notFound();
    const l = req.locale;
    const list = await this.placement.overview(callId, q);
    const form = (extra['capacityForm'] as FormInput | undefined) ?? {};
    const loads = await this.placement.capacities(callId);
    const free = new Map(loads.map((c) => [c.id, c.free]));
    return page(req, 'placement.title', {
      call,
      summary: await this.placement.summary(callId),
      rows: list.items.map((v) => this.row(v, l, free)),
      pager: pager(req, list),
      capacities: loads.map((c) => ({
        ...this.loadRow(c, l),
        value: form[`capacity-${c.id}`] ?? c.capacity,
        error: (extra['capacityErrors'] as Record<string, string> | undefined)?.[c.id],
      })),
      defaultCapacity: DEFAULT_CAPACITY,
      maxCapacity: MAX_CAPACITY,
      flash: this.flash(req),
      ...extra,
    });
  }

  private async communityModel(
    req: Request,
    q: PlacementPageQuery,
    extra: Record<string, unknown>,
  ) {
    const user = sessionUser(req);
    const l = req.locale;
    const admin = user.role === Role.StreetAdmin;
    const callId = await this.currentCallId();
    const call = await this.ds.getRepository(Call).findOneByOrFail({ id: callId });
    const loads = await this.placement.capacities(callId);
    const communityId = admin ? (q.communityId ?? loads[0]?.id) : user.communityId;
    const load = loads.find((c) => c.id === communityId);
    if (!load) throw admin ? AppException.notFound() : AppException.forbidden();
    const list = await this.placement.forCommunity(callId, load.id, q);
    const form = (extra['capacityForm'] as FormInput | undefined) ?? {};
    const refuseForm = extra['refuseForm'] as
      { proposalId: number; reason: unknown; error?: string } | undefined;
    return page(req, 'placement.community.title', {
      call,
      admin,
      community: this.loadRow(load, l),
      communityOptions: admin
        ? loads.map((c) => ({ value: c.id, label: this.loadRow(c, l).communityName }))
        : [],
      rows: list.items.map((v) => {
        const r = this.row(v, l);
        const mine = refuseForm?.proposalId === v.proposalId;
        return {
          ...r,
          decidable: !admin && v.status === 'placed',
          refuseReason: mine ? refuseForm?.reason : '',
          refuseError: mine ? refuseForm?.error : undefined,
        };
      }),
      pager: pager(req, list),
      capacityValue: form['capacity'] ?? load.capacity,
      defaultCapacity: DEFAULT_CAPACITY,
      maxCapacity: MAX_CAPACITY,
      flash: this.flash(req),
      ...extra,
    });
  }
}
