import { Body, Controller, Get, Param, Post, Redirect, Render, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AppConfig } from '@gv/config';
import {
  AppException,
  fenToYuan,
  formatShanghai,
  parseShanghai,
  Public,
  Role,
  Roles,
} from '@gv/core';
import { I18n } from '@gv/i18n';
import {
  FormInput,
  page,
  PageOutcome,
  pageError,
  parseId,
  redirectTo,
  sessionUser,
  validateForm,
} from '@gv/web';
import {
  VoidVoterDto,
  VoteConfirmDto,
  VoteRegisterDto,
  VoteSettingsDto,
} from './dto/resident-vote.dto';
import { voterToken } from './resident-vote-api.controller';
import { ResidentVoteService, VOTER_COOKIE } from './resident-vote.service';

const toLocal = (d: Date | null) => (d ? formatShanghai(d).replace(' ', 'T') : '');

/** 居民网上议事厅: the residents' page (register, code, ballot) and the street office's page. */
@ApiExcludeController()
@Controller()
export class ResidentVotePagesController {
  constructor(
    private readonly votes: ResidentVoteService,
    private readonly i18n: I18n,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Get('vote/:callId')
  @Render('funding/vote')
  async vote(@Req() req: Request, @Param('callId') callId: string) {
    return this.model(req, parseId(callId), {});
  }

  @Public()
  @Post('vote/:callId/register')
  @Render('funding/vote')
  async register(@Req() req: Request, @Param('callId') callId: string, @Body() body: FormInput) {
    const id = parseId(callId);
    const { value, errors } = await validateForm(VoteRegisterDto, body, this.i18n, req.locale);
    if (!value) throw PageOutcome.view('funding/vote', await this.model(req, id, { errors }), 400);
    await this.act(req, id, { email: value.email }, () =>
      this.votes.register(id, value.email, req.ip ?? '', req.locale),
    );
    return this.model(req, id, { codeSentTo: value.email });
  }

  @Public()
  @Post('vote/:callId/confirm')
  @Redirect('', 303)
  async confirm(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('callId') callId: string,
    @Body() body: FormInput,
  ) {
    const id = parseId(callId);
    const { value, errors } = await validateForm(VoteConfirmDto, body, this.i18n, req.locale);
    const email = String(body['email'] ?? '');
    if (!value)
      throw PageOutcome.view(
        'funding/vote',
        await this.model(req, id, { errors, codeSentTo: email }),
        400,
      );
    let token = '';
    await this.act(req, id, { codeSentTo: email }, async () => {
      token = await this.votes.confirm(id, value.email, value.code, req.ip ?? '');
    });
    res.cookie(VOTER_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.cookieSecure,
      path: '/',
      maxAge: 30 * 86400_000,
    });
    return redirectTo(`/vote/${id}`);
  }

  @Public()
  @Post('vote/:callId/ballot')
  @Redirect('', 303)
  async ballot(@Req() req: Request, @Param('callId') callId: string, @Body() body: FormInput) {
    const id = parseId(callId);
    const ids = ([] as unknown[])
      .concat(body['proposalIds'] ?? [])
      .map((v) => Number(v))
      .filter((v) => Number.isSafeInteger(v));
    await this.act(req, id, {}, () => this.votes.vote(id, voterToken(req), ids));
    return redirectTo(`/vote/${id}?done=saved`);
  }

  @Roles(Role.StreetAdmin)
  @Get('calls/:id/vote')
  @Render('funding/vote-admin')
  async admin(@Req() req: Request, @Param('id') id: string) {
    return this.adminModel(req, parseId(id), {});
  }

  @Roles(Role.StreetAdmin)
  @Post('calls/:id/vote/settings')
  @Redirect('', 303)
  async saveSettings(@Req() req: Request, @Param('id') id: string, @Body() body: FormInput) {
    const callId = parseId(id);
    const when = (k: string) => {
      const v = String(body[k] ?? '').trim();
      return v ? (parseShanghai(v)?.toISOString() ?? v) : null;
    };
    const input = {
      enabled: body['enabled'] ? 'true' : 'false',
      opensAt: when('opensAt'),
      closesAt: when('closesAt'),
      maxApprovals: body['maxApprovals'],
      mode: body['mode'],
      weightPct: body['weightPct'] === '' ? undefined : body['weightPct'],
    };
    const { value, errors } = await validateForm(VoteSettingsDto, input, this.i18n, req.locale);
    await this.adminAct(req, callId, { errors, form: body }, async () => {
      if (!value) throw AppException.validation([]);
      await this.votes.updateSettings(sessionUser(req), callId, value);
    });
    return redirectTo(`/calls/${callId}/vote?done=settings`);
  }

  @Roles(Role.StreetAdmin)
  @Post('calls/:id/vote/voids')
  @Redirect('', 303)
  async void(@Req() req: Request, @Param('id') id: string, @Body() body: FormInput) {
    const callId = parseId(id);
    const { value, errors } = await validateForm(VoidVoterDto, body, this.i18n, req.locale);
    await this.adminAct(req, callId, { errors }, async () => {
      if (!value) throw AppException.validation([]);
      await this.votes.voidVoter(sessionUser(req), callId, value.voterId, value.reason);
    });
    return redirectTo(`/calls/${callId}/vote?done=voided`);
  }

  /** Runs a resident's action; its error shows on the vote page. */
  private async act(
    req: Request,
    callId: number,
    state: Record<string, unknown>,
    action: () => Promise<unknown>,
  ) {
    try {
      await action();
    } catch (err) {
      const e = pageError(err, this.i18n, req.locale);
      throw PageOutcome.view(
        'funding/vote',
        await this.model(req, callId, { ...state, errors: e.errors, formError: e.formError }),
        e.status,
      );
    }
  }

  private async adminAct(
    req: Request,
    callId: number,
    state: Record<string, unknown>,
    action: () => Promise<unknown>,
  ) {
    try {
      await action();
    } catch (err) {
      const e = pageError(err, this.i18n, req.locale);
      throw PageOutcome.view(
        'funding/vote-admin',
        await this.adminModel(req, callId, {
          ...state,
          errors: { ...(state['errors'] as object), ...e.errors },
          formError: e.formError,
        }),
        e.status,
      );
    }
  }

  private rule(req: Request, st: ReturnType<ResidentVoteService['status']>) {
    const l = req.locale;
    return [
      this.i18n.t(l, 'vote.rule', { max: st.maxApprovals }),
      st.mode === 'weighted'
        ? this.i18n.t(l, 'vote.ruleWeighted', { weight: st.weightPct, panel: 100 - st.weightPct })
        : this.i18n.t(l, 'vote.ruleEqualShares'),
    ];
  }

  private async model(req: Request, callId: number, extra: Record<string, unknown>) {
    const { call, s } = await this.votes.call(callId);
    const st = this.votes.status(s);
    const voter = st.enabled ? await this.votes.voter(voterToken(req)) : null;
    const mine = voter ? await this.votes.ballot(callId, voter.id) : [];
    const projects = st.enabled ? await this.votes.projects(callId) : [];
    return page(req, 'vote.title', {
      call,
      vote: st,
      rules: this.rule(req, st),
      window: this.i18n.t(req.locale, 'vote.window', {
        opens: formatShanghai(st.opensAt),
        closes: formatShanghai(st.closesAt),
      }),
      confirmed: !!voter,
      projects: projects.map((p) => ({
        ...p,
        amount: fenToYuan(p.totalFen),
        checked: mine.includes(p.id),
      })),
      saved: req.query['done'] === 'saved',
      errors: {},
      ...extra,
    });
  }

  private async adminModel(req: Request, callId: number, extra: Record<string, unknown>) {
    const { call, s } = await this.votes.call(callId, true);
    const r = await this.votes.results(callId);
    const l = req.locale;
    const done = typeof req.query['done'] === 'string' ? req.query['done'] : '';
    return page(req, 'vote.adminTitle', {
      call,
      vote: r.status,
      rules: this.rule(req, r.status),
      form: extra['form'] ?? {
        enabled: s.voteEnabled,
        opensAt: toLocal(s.voteOpensAt),
        closesAt: toLocal(s.voteClosesAt),
        maxApprovals: s.voteMaxApprovals,
        mode: s.voteMode,
        weightPct: s.voteWeightPct,
      },
      modeOptions: ['weighted', 'equal_shares'].map((m) => ({
        value: m,
        label: this.i18n.t(l, `vote.settings.modes.${m}`),
        selected: m === ((extra['form'] as FormInput | undefined)?.['mode'] ?? s.voteMode),
      })),
      projects: r.projects.map((p) => ({ ...p, amount: fenToYuan(p.costFen) })),
      voters: r.voters.map((v) => ({
        ...v,
        statusLabel: this.i18n.t(l, `vote.status.${v.status}`),
      })),
      votersCounted: r.votersCounted,
      flash: ['settings', 'voided'].includes(done)
        ? this.i18n.t(l, `vote.done.${done}`)
        : undefined,
      errors: {},
      ...extra,
    });
  }
}
