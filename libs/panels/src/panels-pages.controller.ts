import { Body, Controller, Get, Param, Post, Query, Redirect, Render, Req } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { DataSource, In } from 'typeorm';
import { Call } from '@gv/calls';
import { AppException, PageQuery, Role, Roles } from '@gv/core';
import { I18n } from '@gv/i18n';
import { Organisation } from '@gv/organisations';
import { CommunityOptions } from '@gv/places';
import { Proposal, ProposalVersion } from '@gv/proposals';
import {
  FormInput,
  formLimits,
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
  ConflictDecisionDto,
  ConflictDeclarationDto,
  ExpertDrawDto,
  PanelMemberDto,
} from './dto/panels.dto';
import { PANEL_GROUPS } from './entities/panel-member.entity';
import { ConflictView, PANEL_PROPOSAL_STATUSES, PanelsService } from './panels.service';

/** The street office's panel page per competition, and each member's own page (/my/panel). */
@ApiExcludeController()
@Controller()
export class PanelsPagesController {
  constructor(
    private readonly panels: PanelsService,
    private readonly i18n: I18n,
    private readonly communities: CommunityOptions,
    @InjectDataSource() private readonly ds: DataSource,
  ) {}

  @Roles(Role.StreetAdmin)
  @Get('calls/:id/panel')
  @Render('panels/panel')
  async panel(@Req() req: Request, @Param('id') id: string, @Query() q: PageQuery) {
    return this.panelModel(req, parseId(id), q, {});
  }

  @Roles(Role.StreetAdmin)
  @Post('calls/:id/panel')
  @Redirect('', 303)
  async add(@Req() req: Request, @Param('id') id: string, @Body() body: FormInput) {
    const callId = parseId(id);
    const { value, errors } = await validateForm(PanelMemberDto, body, this.i18n, req.locale);
    if (!value)
      throw PageOutcome.view(
        'panels/panel',
        await this.panelModel(req, callId, {}, { form: body, errors }),
        400,
      );
    try {
      await this.panels.add(callId, value);
    } catch (err) {
      const e = pageError(err, this.i18n, req.locale);
      throw PageOutcome.view(
        'panels/panel',
        await this.panelModel(
          req,
          callId,
          {},
          { form: body, errors: e.errors, formError: e.formError },
        ),
        e.status,
      );
    }
    return redirectTo(`/calls/${callId}/panel?done=added`);
  }

  /** 专家随机抽取: the form posts `count` and an optional `seed`. */
  @Roles(Role.StreetAdmin)
  @Post('calls/:id/panel/draws')
  @Redirect('', 303)
  async draw(@Req() req: Request, @Param('id') id: string, @Body() body: FormInput) {
    const callId = parseId(id);
    const { value, errors } = await validateForm(ExpertDrawDto, body, this.i18n, req.locale);
    try {
      if (!value) throw PageOutcome.view('panels/panel', {}, 400);
      await this.panels.drawExperts(sessionUser(req), callId, value);
    } catch (err) {
      const e =
        err instanceof PageOutcome
          ? { errors, formError: undefined, status: 400 }
          : pageError(err, this.i18n, req.locale);
      throw PageOutcome.view(
        'panels/panel',
        await this.panelModel(
          req,
          callId,
          {},
          { draw: body, drawErrors: e.errors, formError: e.formError },
        ),
        e.status,
      );
    }
    return redirectTo(`/calls/${callId}/panel?done=drawn#draws`);
  }

  @Roles(Role.StreetAdmin)
  @Post('panel-members/:id/remove')
  @Redirect('', 303)
  async remove(@Req() req: Request, @Param('id') id: string) {
    const member = await this.panels.member(parseId(id));
    try {
      await this.panels.remove(member.id);
    } catch (err) {
      const e = pageError(err, this.i18n, req.locale);
      throw PageOutcome.view(
        'panels/panel',
        await this.panelModel(req, member.callId, {}, { formError: e.formError }),
        e.status,
      );
    }
    return redirectTo(`/calls/${member.callId}/panel?done=removed`);
  }

  @Roles(Role.StreetAdmin)
  @Post('panel-members/:id/conflicts/:proposalId')
  @Redirect('', 303)
  async decide(
    @Req() req: Request,
    @Param('id') id: string,
    @Param('proposalId') proposalId: string,
    @Body() body: FormInput,
  ) {
    const member = await this.panels.member(parseId(id));
    const { value, errors } = await validateForm(ConflictDecisionDto, body, this.i18n, req.locale);
    try {
      if (!value) throw AppException.validation([{ field: 'reason', code: 'required' }]);
      await this.panels.decide(sessionUser(req), member.id, parseId(proposalId), value);
    } catch (err) {
      const e = pageError(err, this.i18n, req.locale);
      throw PageOutcome.view(
        'panels/panel',
        await this.panelModel(
          req,
          member.callId,
          {},
          {
            formError: Object.values(errors)[0] ?? e.formError,
          },
        ),
        e.status,
      );
    }
    return redirectTo(`/calls/${member.callId}/panel?done=decided#conflicts`);
  }

  @Get('my/panel')
  @Render('panels/mine')
  async mine(@Req() req: Request) {
    return this.mineModel(req, {});
  }

  @Post('my/panel/:memberId/declare')
  @Redirect('', 303)
  async declare(@Req() req: Request, @Param('memberId') memberId: string, @Body() body: FormInput) {
    const { value, errors } = await validateForm(
      ConflictDeclarationDto,
      body,
      this.i18n,
      req.locale,
    );
    try {
      if (!value) throw AppException.validation([{ field: 'reason', code: 'required' }]);
      await this.panels.declare(sessionUser(req), parseId(memberId), value);
    } catch (err) {
      const e = pageError(err, this.i18n, req.locale);
      throw PageOutcome.view(
        'panels/mine',
        await this.mineModel(req, { formError: Object.values(errors)[0] ?? e.formError }),
        e.status,
      );
    }
    return redirectTo('/my/panel?done=declared');
  }

  private async panelModel(
    req: Request,
    callId: number,
    q: PageQuery,
    extra: Record<string, unknown>,
  ) {
    const call = await this.ds.getRepository(Call).findOneBy({ id: callId });
    if (!call) throw AppException.notFound();
    const members = await this.panels.members(callId, q);
    const conflicts = await this.panels.conflicts(this.ds.manager, callId);
    const labels = await this.proposalLabels(conflicts.map((c) => c.proposalId));
    const names = new Map(
      (await this.panels.allMembers(this.ds.manager, callId)).map((x) => [
        x.id,
        x.user?.name ?? '',
      ]),
    );
    const memberOf = new Map(
      (await this.panels.allMembers(this.ds.manager, callId)).map((x) => [x.userId, x.id]),
    );
    const l = req.locale;
    const done = typeof req.query['done'] === 'string' ? req.query['done'] : '';
    return page(req, 'panels.title', {
      call,
      members: members.items,
      pager: pager(req, members),
      conflicts: this.conflictRows(conflicts, labels, names),
      groupOptions: PANEL_GROUPS.map((g) => ({
        value: g,
        label: this.i18n.t(l, `panels.groups.${g}`),
      })),
      communityOptions: await this.communities.options(l, {}),
      organisationOptions: (
        await this.ds.getRepository(Organisation).find({
          select: { id: true, name: true },
          order: { name: 'ASC' },
          take: 1000,
        })
      ).map((o) => ({ value: String(o.id), label: o.name })),
      draws: (await this.panels.draws(callId)).map((d) => ({
        ...d,
        pool: d.poolUserIds.length,
        drawn: d.drawnUserIds.map((u) => names.get(memberOf.get(u) ?? -1) ?? String(u)).join('、'),
      })),
      draw: { count: '1' },
      drawErrors: {},
      // The member and draw forms' text fields (no name in common).
      maxLengths: { ...formLimits(PanelMemberDto), ...formLimits(ExpertDrawDto) },
      flash: ['added', 'removed', 'decided', 'drawn'].includes(done)
        ? this.i18n.t(l, `panels.done.${done}`)
        : undefined,
      form: {},
      errors: {},
      ...extra,
    });
  }

  private async mineModel(req: Request, extra: Record<string, unknown>) {
    const user = sessionUser(req);
    const seats = await this.panels.seatsOf(user.userId);
    const rows = [];
    for (const s of seats) {
      const conflicts = await this.panels.conflicts(this.ds.manager, s.callId, s.id);
      const proposals = await this.ds.getRepository(Proposal).find({
        where: { callId: s.callId, status: In(PANEL_PROPOSAL_STATUSES) },
        select: { id: true },
        order: { number: 'ASC' },
        take: 500,
      });
      const labels = await this.proposalLabels(proposals.map((p) => p.id));
      rows.push({
        seat: s,
        conflicts: this.conflictRows(conflicts, labels, new Map([[s.id, user.name]])),
        proposalOptions: proposals.map((p) => ({
          value: String(p.id),
          label: `${labels.get(p.id)?.number ?? ''} ${labels.get(p.id)?.title ?? ''}`,
        })),
      });
    }
    const done = req.query['done'] === 'declared';
    return page(req, 'panels.mine.title', {
      seats: rows,
      maxLengths: formLimits(ConflictDeclarationDto),
      flash: done ? this.i18n.t(req.locale, 'panels.done.declared') : undefined,
      ...extra,
    });
  }

  private conflictRows(
    conflicts: ConflictView[],
    labels: Map<number, { number: string; title: string }>,
    names: Map<number, string>,
  ) {
    return conflicts.map((c) => ({
      ...c,
      member: names.get(c.memberId) ?? '',
      number: labels.get(c.proposalId)?.number ?? '',
      title: labels.get(c.proposalId)?.title ?? '',
    }));
  }

  /** Number and submitted title of each proposal. */
  private async proposalLabels(ids: number[]) {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Map<number, { number: string; title: string }>();
    const rows = await this.ds
      .getRepository(Proposal)
      .createQueryBuilder('p')
      .innerJoin(ProposalVersion, 'v', 'v.proposalId = p.id AND v.version = p.currentVersion')
      .select(['p.id AS id', 'p.number AS number', 'v.title AS title'])
      .where('p.id IN (:...ids)', { ids: unique })
      .getRawMany<{ id: number; number: string; title: string }>();
    return new Map(rows.map((r) => [Number(r.id), { number: r.number, title: r.title }]));
  }
}
