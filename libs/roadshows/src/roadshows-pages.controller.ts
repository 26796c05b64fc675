import { Body, Controller, Get, Param, Post, Redirect, Render, Req } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import QRCode from 'qrcode';
import { DataSource } from 'typeorm';
import { CallPhase, CallsService, TRACKS } from '@gv/calls';
import { AppException, Public, Role, Roles } from '@gv/core';
import { I18n } from '@gv/i18n';
import { PanelsService } from '@gv/panels';
import {
  FormInput,
  formLimits,
  page,
  PageOutcome,
  pageError,
  parseId,
  redirectTo,
  sessionUser,
  validateForm,
  parenthesised,
} from '@gv/web';
import {
  CheckInDto,
  MinutesDto,
  MovePitchDto,
  PledgeDto,
  RoadshowSessionDto,
  RoadshowSettingsDto,
  SwapPitchesDto,
  UnavailabilityDto,
} from './dto/roadshows.dto';
import { PLEDGE_KINDS } from './entities/roadshow-record.entity';
import { RoadshowPitch } from './entities/roadshow-pitch.entity';
import { Roadshow } from './entities/roadshow.entity';
import { RoadshowAgendaService } from './roadshow-agenda.service';
import { RoadshowDayService } from './roadshow-day.service';
import { RoadshowScheduleService } from './roadshow-schedule.service';
import { RoadshowsService, wallClock } from './roadshows.service';

const CLERKS = [Role.StreetAdmin, Role.CommunityStaff];
const DONE = [
  'settings',
  'session',
  'removed',
  'scheduled',
  'moved',
  'swapped',
  'locked',
  'unlocked',
  'published',
  'checkedIn',
  'noShow',
  'minutes',
  'pledge',
  'unavailable',
];

/** The clerk's agenda page, the day's desk, the public agenda and an organisation's own roadshow page. */
@ApiExcludeController()
@Controller()
export class RoadshowsPagesController {
  constructor(
    private readonly roadshows: RoadshowsService,
    private readonly schedule: RoadshowScheduleService,
    private readonly agendas: RoadshowAgendaService,
    private readonly day: RoadshowDayService,
    private readonly panels: PanelsService,
    private readonly i18n: I18n,
    private readonly calls: CallsService,
    @InjectDataSource() private readonly ds: DataSource,
  ) {}

  /** The menu's entry: the roadshow of the newest competition. */
  @Roles(Role.StreetAdmin)
  @Get('roadshows/current')
  @Redirect('', 303)
  async current() {
    const call = await this.calls.newestFrom(CallPhase.Screening);
    return redirectTo(`/roadshows/${(await this.roadshows.forCall(call.id)).id}`);
  }

  /** The organisation's menu entry: its roadshow page for the newest competition. */
  @Roles(Role.OrgMember)
  @Get('roadshows/current/mine')
  @Redirect('', 303)
  async currentMine() {
    const call = await this.calls.newestFrom(CallPhase.Screening);
    // A GET never creates the roadshow: an organisation sees one once the street office made it.
    const roadshow = await this.ds.getRepository(Roadshow).findOneBy({ callId: call.id });
    if (!roadshow) throw AppException.notFound();
    return redirectTo(`/roadshows/${roadshow.id}/mine`);
  }

  @Roles(Role.StreetAdmin)
  @Get('calls/:id/roadshow')
  @Redirect('', 303)
  async forCall(@Param('id') id: string) {
    return redirectTo(`/roadshows/${(await this.roadshows.forCall(parseId(id))).id}`);
  }

  @Roles(Role.StreetAdmin)
  @Get('roadshows/:id')
  @Render('roadshows/clerk')
  async clerk(@Req() req: Request, @Param('id') id: string) {
    return this.clerkModel(req, parseId(id), {});
  }

  /**
   * One handler for the clerk's and the day's forms: run the action and go back to the page with its
   * flash, or show the page again with the error (and the fields' messages).
   */
  private async act(
    req: Request,
    roadshowId: number,
    done: string,
    action: () => Promise<unknown>,
    on: 'clerk' | 'day' = 'clerk',
  ) {
    try {
      await action();
    } catch (err) {
      const e = pageError(err, this.i18n, req.locale);
      const detail = Object.values(e.errors).join('；');
      const formError = detail ? `${e.formError} ${detail}` : e.formError;
      throw PageOutcome.view(
        `roadshows/${on}`,
        on === 'day'
          ? await this.dayModel(req, roadshowId, { formError })
          : await this.clerkModel(req, roadshowId, { formError }),
        e.status,
      );
    }
    return redirectTo(
      on === 'day'
        ? `/roadshows/${roadshowId}/day?done=${done}`
        : `/roadshows/${roadshowId}?done=${done}#agenda`,
    );
  }

  private async form<T extends object>(
    req: Request,
    roadshowId: number,
    cls: new () => T,
    body: FormInput,
  ) {
    const { value, errors } = await validateForm(cls, body, this.i18n, req.locale);
    if (!value)
      throw PageOutcome.view(
        'roadshows/clerk',
        await this.clerkModel(req, roadshowId, { formError: this.describe(req, errors) }),
        400,
      );
    return value;
  }

  /** Field errors as one line, each with its field's label. */
  private describe(req: Request, errors: Record<string, string>): string {
    return Object.entries(errors)
      .map(([field, message]) => {
        const key = `roadshows.fields.${field.replace(/Ids?$/, (m) => (m === 'Ids' ? 's' : ''))}`;
        const label = this.i18n.has(req.locale, key) ? this.i18n.t(req.locale, key) : field;
        return `${label}${this.i18n.t(req.locale, 'common.colon')}${message}`;
      })
      .join(req.locale === 'en' ? '; ' : '；');
  }

  @Roles(Role.StreetAdmin)
  @Post('roadshows/:id/settings')
  @Redirect('', 303)
  async settings(@Req() req: Request, @Param('id') id: string, @Body() body: FormInput) {
    const rid = parseId(id);
    const dto = await this.form(req, rid, RoadshowSettingsDto, body);
    return this.act(req, rid, 'settings', () => this.roadshows.updateSettings(rid, dto));
  }

  @Roles(Role.StreetAdmin)
  @Post('roadshows/:id/sessions')
  @Redirect('', 303)
  async addSession(@Req() req: Request, @Param('id') id: string, @Body() body: FormInput) {
    const rid = parseId(id);
    const dto = await this.form(req, rid, RoadshowSessionDto, body);
    return this.act(req, rid, 'session', () => this.roadshows.addSession(rid, dto));
  }

  @Roles(Role.StreetAdmin)
  @Post('roadshow-sessions/:id/remove')
  @Redirect('', 303)
  async removeSession(@Req() req: Request, @Param('id') id: string) {
    const s = await this.roadshows.session(parseId(id));
    return this.act(req, s.roadshowId, 'removed', () => this.roadshows.removeSession(s.id));
  }

  @Roles(Role.StreetAdmin)
  @Post('roadshows/:id/schedule')
  @Redirect('', 303)
  async run(@Req() req: Request, @Param('id') id: string) {
    const rid = parseId(id);
    return this.act(req, rid, 'scheduled', () => this.schedule.run(rid));
  }

  @Roles(Role.StreetAdmin)
  @Post('roadshow-pitches/:id/move')
  @Redirect('', 303)
  async move(@Req() req: Request, @Param('id') id: string, @Body() body: FormInput) {
    const pitch = await this.pitch(parseId(id));
    // The grid's select sends "<sessionId>:<slot>".
    const [sessionId, slot] = String(body['target'] ?? '').split(':');
    const dto = await this.form(req, pitch.roadshowId, MovePitchDto, { sessionId, slot });
    return this.act(req, pitch.roadshowId, 'moved', () =>
      this.schedule.move(pitch.id, dto.sessionId, dto.slot),
    );
  }

  @Roles(Role.StreetAdmin)
  @Post('roadshows/:id/swap')
  @Redirect('', 303)
  async swap(@Req() req: Request, @Param('id') id: string, @Body() body: FormInput) {
    const rid = parseId(id);
    const dto = await this.form(req, rid, SwapPitchesDto, body);
    return this.act(req, rid, 'swapped', () => this.schedule.swap(dto.a, dto.b));
  }

  @Roles(Role.StreetAdmin)
  @Post('roadshows/:id/lock')
  @Redirect('', 303)
  async lock(@Req() req: Request, @Param('id') id: string) {
    const rid = parseId(id);
    return this.act(req, rid, 'locked', () => this.schedule.lock(rid, true));
  }

  @Roles(Role.StreetAdmin)
  @Post('roadshows/:id/unlock')
  @Redirect('', 303)
  async unlock(@Req() req: Request, @Param('id') id: string) {
    const rid = parseId(id);
    return this.act(req, rid, 'unlocked', () => this.schedule.lock(rid, false));
  }

  @Roles(Role.StreetAdmin)
  @Post('roadshows/:id/publish')
  @Redirect('', 303)
  async publish(@Req() req: Request, @Param('id') id: string) {
    const rid = parseId(id);
    return this.act(req, rid, 'published', () => this.schedule.publish(rid));
  }

  /** 路演议程: public once published; printable. */
  @Public()
  @Get('roadshows/:id/agenda')
  @Render('roadshows/agenda')
  async agenda(@Req() req: Request, @Param('id') id: string) {
    const r = await this.roadshows.get(parseId(id));
    if (!r.version) throw AppException.notFound();
    return page(req, 'roadshows.agenda.title', {
      roadshow: r,
      ...(await this.agendas.agenda(r, true)),
    });
  }

  @Roles(...CLERKS)
  @Get('roadshows/:id/day')
  @Render('roadshows/day')
  async dayPage(@Req() req: Request, @Param('id') id: string) {
    return this.dayModel(req, parseId(id), {});
  }

  @Roles(...CLERKS)
  @Post('roadshows/:id/check-in')
  @Redirect('', 303)
  async checkIn(@Req() req: Request, @Param('id') id: string, @Body() body: FormInput) {
    const rid = parseId(id);
    const { value } = await validateForm(CheckInDto, body, this.i18n, req.locale);
    return this.act(
      req,
      rid,
      'checkedIn',
      () => this.day.checkIn(rid, value ?? { code: '' }),
      'day',
    );
  }

  @Roles(...CLERKS)
  @Post('roadshow-pitches/:id/no-show')
  @Redirect('', 303)
  async noShow(@Req() req: Request, @Param('id') id: string, @Body() body: FormInput) {
    const pitch = await this.pitch(parseId(id));
    return this.act(
      req,
      pitch.roadshowId,
      'noShow',
      () => this.day.setNoShow(pitch.id, body['noShow'] !== 'false'),
      'day',
    );
  }

  @Roles(...CLERKS)
  @Post('roadshow-sessions/:id/minutes')
  @Redirect('', 303)
  async minutes(@Req() req: Request, @Param('id') id: string, @Body() body: FormInput) {
    const s = await this.roadshows.session(parseId(id));
    const { value, errors } = await validateForm(MinutesDto, body, this.i18n, req.locale);
    if (!value)
      throw PageOutcome.view(
        'roadshows/day',
        await this.dayModel(req, s.roadshowId, { formError: Object.values(errors).join('；') }),
        400,
      );
    return this.act(
      req,
      s.roadshowId,
      'minutes',
      () => this.day.saveMinutes(sessionUser(req), s.id, value),
      'day',
    );
  }

  @Roles(...CLERKS)
  @Post('roadshows/:id/pledges')
  @Redirect('', 303)
  async pledge(@Req() req: Request, @Param('id') id: string, @Body() body: FormInput) {
    const rid = parseId(id);
    const amount = String(body['amountYuan'] ?? '').trim();
    const { amountYuan: _ignored, ...rest } = body;
    const input = {
      ...rest,
      ...(/^\d+(\.\d{1,2})?$/.test(amount)
        ? { amountFen: String(Math.round(Number(amount) * 100)) }
        : {}),
    };
    const { value, errors } = await validateForm(PledgeDto, input, this.i18n, req.locale);
    if (!value)
      throw PageOutcome.view(
        'roadshows/day',
        await this.dayModel(req, rid, { formError: Object.values(errors).join('；') }),
        400,
      );
    return this.act(
      req,
      rid,
      'pledge',
      () => this.day.addPledge(sessionUser(req), rid, value),
      'day',
    );
  }

  /** An organisation's roadshow: its pitches with the check-in code (and QR), its unavailable times. */
  @Roles(Role.OrgMember)
  @Get('roadshows/:id/mine')
  @Render('roadshows/mine')
  async mine(@Req() req: Request, @Param('id') id: string) {
    return this.mineModel(req, parseId(id), {});
  }

  @Roles(Role.OrgMember)
  @Post('roadshows/:id/mine/unavailable')
  @Redirect('', 303)
  async unavailable(@Req() req: Request, @Param('id') id: string, @Body() body: FormInput) {
    const rid = parseId(id);
    const user = sessionUser(req);
    const { value, errors } = await validateForm(
      UnavailabilityDto,
      { ...body, organisationId: String(user.organisationId ?? '') },
      this.i18n,
      req.locale,
    );
    try {
      if (!value) throw AppException.validation([{ field: 'start', code: 'required' }]);
      await this.roadshows.addUnavailability(user, rid, value);
    } catch (err) {
      const e = pageError(err, this.i18n, req.locale);
      throw PageOutcome.view(
        'roadshows/mine',
        await this.mineModel(req, rid, { formError: Object.values(errors)[0] ?? e.formError }),
        e.status,
      );
    }
    return redirectTo(`/roadshows/${rid}/mine?done=unavailable`);
  }

  private flash(req: Request) {
    const done = typeof req.query['done'] === 'string' ? req.query['done'] : '';
    return DONE.includes(done) ? this.i18n.t(req.locale, `roadshows.done.${done}`) : undefined;
  }

  private async clerkModel(req: Request, roadshowId: number, extra: Record<string, unknown>) {
    const r = await this.roadshows.get(roadshowId);
    const agenda = await this.agendas.agenda(r, false);
    const members = await this.panels.allMembers(this.ds.manager, r.callId);
    const l = req.locale;
    const targets = agenda.sessions.flatMap((s) =>
      s.slots
        .filter((x) => !x.pitch)
        .map((x) => ({
          value: `${s.id}:${x.index}`,
          label: `${wallClock(s.startsAt).slice(5, 10)} ${s.room} ${x.start}`,
        })),
    );
    const placedOptions = agenda.sessions.flatMap((s) =>
      s.slots
        .filter((x) => x.pitch)
        .map((x) => ({ value: String(x.pitch!.id), label: `${x.pitch!.number} ${x.start}` })),
    );
    return page(req, 'roadshows.clerk.title', {
      roadshow: r,
      ...agenda,
      editable: r.status !== 'locked',
      canRun: r.status === 'draft' && r.version === 0,
      targets,
      placedOptions,
      judgeOptions: members.map((x) => ({
        value: String(x.id),
        label:
          `${x.user?.name ?? x.id}` + parenthesised(l, this.i18n.t(l, `panels.groups.${x.group}`)),
      })),
      trackOptions: [
        { value: '', label: this.i18n.t(l, 'roadshows.allTracks') },
        ...TRACKS.map((t) => ({ value: t, label: this.i18n.t(l, `calls.tracks.${t}`) })),
      ],
      // The session and settings forms' text fields (no name in common).
      maxLengths: { ...formLimits(RoadshowSessionDto), ...formLimits(RoadshowSettingsDto) },
      flash: this.flash(req),
      ...extra,
    });
  }

  private async dayModel(req: Request, roadshowId: number, extra: Record<string, unknown>) {
    const r = await this.roadshows.get(roadshowId);
    const agenda = await this.agendas.agenda(r, true);
    const minutes = new Map(
      await Promise.all(
        agenda.sessions.map(async (s) => [s.id, await this.day.minutes(s.id)] as const),
      ),
    );
    return page(req, 'roadshows.day.title', {
      roadshow: r,
      sessions: agenda.sessions.map((s) => ({
        ...s,
        minutes: minutes.get(s.id),
        present: (minutes.get(s.id)?.presentMemberIds ?? []).map(Number),
      })),
      pledges: await this.day.pledges(r.id),
      proposalOptions: agenda.sessions.flatMap((s) =>
        s.slots
          .filter((x) => x.pitch)
          .map((x) => ({
            value: String(x.pitch!.proposalId),
            label: `${x.pitch!.number} ${x.pitch!.title}`,
          })),
      ),
      kindOptions: PLEDGE_KINDS.map((k) => ({
        value: k,
        label: this.i18n.t(req.locale, `roadshows.pledgeKinds.${k}`),
      })),
      // The check-in and pledge forms' text fields (no name in common).
      maxLengths: { ...formLimits(CheckInDto), ...formLimits(PledgeDto) },
      flash: this.flash(req),
      ...extra,
    });
  }

  private async mineModel(req: Request, roadshowId: number, extra: Record<string, unknown>) {
    const user = sessionUser(req);
    const r = await this.roadshows.get(roadshowId);
    const pitches = (await this.roadshows.pitchesOf(r.id)).filter(
      (p) => p.proposal?.organisationId === user.organisationId,
    );
    const rows = await Promise.all(
      pitches.map(async (p) => ({
        number: p.proposal?.number,
        title: p.proposal?.title,
        start: p.publishedStartsAt ? wallClock(p.publishedStartsAt).replace('T', ' ') : '',
        code: p.publishedSessionId ? p.checkInCode : '',
        qr: p.publishedSessionId
          ? await QRCode.toString(p.checkInCode, { type: 'svg', margin: 1, width: 120 })
          : '',
      })),
    );
    const unavailable = await this.roadshows.unavailability(r.id, user.organisationId ?? -1);
    return page(req, 'roadshows.mine.title', {
      roadshow: r,
      pitches: rows,
      unavailable: unavailable.map((u) => ({
        start: wallClock(u.startsAt).replace('T', ' '),
        end: wallClock(u.endsAt).replace('T', ' '),
        note: u.note,
      })),
      maxLengths: formLimits(UnavailabilityDto),
      flash: this.flash(req),
      ...extra,
    });
  }

  private async pitch(id: number): Promise<RoadshowPitch> {
    const p = Number.isSafeInteger(id)
      ? await this.ds.getRepository(RoadshowPitch).findOneBy({ id })
      : null;
    if (!p) throw AppException.notFound();
    return p;
  }
}
