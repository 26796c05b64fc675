import { Body, Controller, Get, Param, Post, Redirect, Render, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull, Not } from 'typeorm';
import { Call, CallPhase } from '@gv/calls';
import { AppConfig } from '@gv/config';
import { AppException, formatShanghaiDate, Public, Role, Roles } from '@gv/core';
import { I18n } from '@gv/i18n';
import { StreetOffice } from '@gv/places';
import {
  FormInput,
  formLimits,
  page,
  pager,
  PageOutcome,
  pageError,
  parseId,
  redirectTo,
  sessionUser,
  validateForm,
} from '@gv/web';
import {
  CalendarDateDto,
  CalendarDayDto,
  CalendarYearDto,
  FinaliseDto,
  ObjectionAnswerDto,
  ObjectionDto,
} from './dto/publicity.dto';
import { FundingPlacement } from './entities/placement.entity';
import { FundingService } from './funding.service';
import { PublicityResults } from './publicity-results';
import { PublicityService } from './publicity.service';
import { Publicity } from './entities/publicity.entity';
import { chineseDaysYears, WorkCalendarService } from './work-calendar.service';

const DONE = ['published', 'answered', 'finalised', 'objection', 'daySet', 'dayRemoved', 'seeded'];
const doneOf = (req: Request) => {
  const d = req.query['done'];
  return typeof d === 'string' && DONE.includes(d) ? d : '';
};
const yearOf = (v: unknown) => (typeof v === 'string' && /^\d{4}$/.test(v) ? Number(v) : undefined);

/** 公示: the public results page and notice, the staff's publicity page, letters, the work calendar. */
@ApiExcludeController()
@Controller()
export class PublicityPagesController {
  constructor(
    private readonly publicity: PublicityService,
    private readonly results: PublicityResults,
    private readonly funding: FundingService,
    private readonly calendar: WorkCalendarService,
    private readonly i18n: I18n,
    private readonly config: AppConfig,
    @InjectDataSource() private readonly ds: DataSource,
  ) {}

  // ── public ──────────────────────────────────────────────────────────────────────────────────

  /** The menu's entry: the results of the newest published competition. */
  @Public()
  @Get('results')
  @Redirect('', 303)
  async current() {
    // The newest competition with published results, else the newest public one (its page says
    // nothing is published yet): a later competition still taking proposals does not hide them.
    const [published] = await this.ds
      .getRepository(Publicity)
      .createQueryBuilder('p')
      .innerJoinAndSelect('p.call', 'c')
      .orderBy('c.year', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .take(1)
      .getMany();
    if (published) return redirectTo(`/results/${published.callId}`);
    const [call] = await this.ds.getRepository(Call).find({
      where: { phase: Not(CallPhase.Upcoming) },
      order: { year: 'DESC', id: 'DESC' },
      take: 1,
    });
    if (!call) throw AppException.notFound();
    return redirectTo(`/results/${call.id}`);
  }

  @Public()
  @Get('results/:callId')
  @Render('funding/results')
  async resultsPage(@Req() req: Request, @Param('callId') callId: string) {
    return this.resultsModel(req, parseId(callId), {});
  }

  /**
   * The objection form on its own page: the results page then carries no per-visitor token and is
   * shared by every visitor on results day (see the page cache).
   */
  @Public()
  @Get('results/:callId/objection')
  @Render('funding/objection')
  async objectionPage(@Req() req: Request, @Param('callId') callId: string) {
    const id = parseId(callId);
    const model = await this.resultsModel(req, id, {});
    if (!model.open) throw PageOutcome.redirect(`/results/${id}#objection`);
    return {
      ...model,
      titleKey: 'publicity.objection.title',
      maxLengths: formLimits(ObjectionDto),
    };
  }

  @Public()
  @Get('results/:callId/notice')
  @Render('funding/results-notice')
  async notice(@Req() req: Request, @Param('callId') callId: string) {
    const r = await this.results.forCall(parseId(callId), req.locale, req.user);
    // One street office runs the platform: the notice is issued in its name.
    const [office] = await this.ds
      .getRepository(StreetOffice)
      .find({ order: { id: 'ASC' }, take: 1 });
    return page(req, 'publicity.notice.title', {
      ...r,
      issuer: office ? (req.locale === 'en' ? office.nameEn : office.name) : '',
      issuedOn: r.latest ? formatShanghaiDate(r.latest.publishedAt) : '',
      publicUrl: `${this.config.PUBLIC_URL.replace(/\/$/, '')}/results/${r.call.id}`,
    });
  }

  @Public()
  @Post('results/:callId/objections')
  @Redirect('', 303)
  async object(@Req() req: Request, @Param('callId') callId: string, @Body() body: FormInput) {
    const id = parseId(callId);
    const { value, errors } = await validateForm(ObjectionDto, body, this.i18n, req.locale);
    const form = { ...body, email: body['email'] };
    if (!value)
      throw PageOutcome.view(
        'funding/objection',
        {
          ...(await this.resultsModel(req, id, { errors, form })),
          titleKey: 'publicity.objection.title',
          maxLengths: formLimits(ObjectionDto),
        },
        400,
      );
    try {
      await this.publicity.fileObjection(id, value, req.ip ?? '', req.user?.userId ?? null);
    } catch (err) {
      const e = pageError(err, this.i18n, req.locale);
      throw PageOutcome.view(
        'funding/objection',
        {
          ...(await this.resultsModel(req, id, { errors: e.errors, formError: e.formError, form })),
          titleKey: 'publicity.objection.title',
          maxLengths: formLimits(ObjectionDto),
        },
        e.status,
      );
    }
    return redirectTo(`/results/${id}?done=objection#objection`);
  }

  private async resultsModel(req: Request, callId: number, extra: Record<string, unknown>) {
    const r = await this.results.forCall(callId, req.locale, req.user);
    const done = doneOf(req);
    const projects = [...r.funded, ...r.notFunded].map((e) => ({
      value: e.proposalId,
      label: `${e.number ?? ''} ${e.title}`.trim(),
    }));
    return page(req, 'publicity.results.title', {
      ...r,
      projects,
      admin: req.user?.role === Role.StreetAdmin,
      flash: done ? this.i18n.t(req.locale, `publicity.done.${done}`) : undefined,
      ...extra,
    });
  }

  // ── letters ─────────────────────────────────────────────────────────────────────────────────

  @Roles(Role.StreetAdmin, Role.OrgMember)
  @Get('awards/:proposalId/letter')
  @Render('funding/letter')
  async letter(@Req() req: Request, @Param('proposalId') proposalId: string) {
    const l = await this.results.letter(parseId(proposalId), sessionUser(req), req.locale);
    return page(
      req,
      l.entry.funded ? 'publicity.letter.awardTitle' : 'publicity.letter.notFundedTitle',
      { ...l, issuedOn: formatShanghaiDate(l.round.publishedAt) },
    );
  }

  // ── the street office ───────────────────────────────────────────────────────────────────────

  @Roles(Role.StreetAdmin)
  @Get('calls/:id/publicity')
  @Render('funding/publicity')
  async staffPage(@Req() req: Request, @Param('id') id: string) {
    return this.staffModel(req, parseId(id), {});
  }

  @Roles(Role.StreetAdmin)
  @Post('calls/:id/publicity/publish')
  @Redirect('', 303)
  async publish(@Req() req: Request, @Param('id') id: string) {
    const callId = parseId(id);
    return this.act(req, callId, 'published', {}, () =>
      this.publicity.publish(sessionUser(req), callId),
    );
  }

  @Roles(Role.StreetAdmin)
  @Post('calls/:id/publicity/answer')
  @Redirect('', 303)
  async answer(@Req() req: Request, @Param('id') id: string, @Body() body: FormInput) {
    const callId = parseId(id);
    const { value, errors } = await validateForm(ObjectionAnswerDto, body, this.i18n, req.locale);
    const state = { answerErrors: errors, answerForm: body };
    return this.act(req, callId, 'answered', state, async () => {
      if (!value) throw AppException.validation([]);
      await this.publicity.answer(sessionUser(req), callId, value);
    });
  }

  @Roles(Role.StreetAdmin)
  @Post('calls/:id/publicity/finalise')
  @Redirect('', 303)
  async finalise(@Req() req: Request, @Param('id') id: string, @Body() body: FormInput) {
    const callId = parseId(id);
    const { value, errors } = await validateForm(FinaliseDto, body, this.i18n, req.locale);
    const state = { finaliseErrors: errors, finaliseForm: body };
    return this.act(req, callId, 'finalised', state, async () => {
      if (!value) throw AppException.validation([]);
      await this.publicity.finaliseByDecision(sessionUser(req), callId, value.reason);
    });
  }

  /** Runs a staff action; its error shows on the publicity page (with the form's errors), else a flash. */
  private async act(
    req: Request,
    callId: number,
    done: string,
    state: Record<string, unknown>,
    action: () => Promise<unknown>,
  ) {
    try {
      await action();
    } catch (err) {
      const e = pageError(err, this.i18n, req.locale);
      throw PageOutcome.view(
        'funding/publicity',
        await this.staffModel(req, callId, { ...state, formError: e.formError }),
        e.status,
      );
    }
    return redirectTo(`/calls/${callId}/publicity?done=${done}`);
  }

  private async staffModel(req: Request, callId: number, extra: Record<string, unknown>) {
    const r = await this.results.forCall(callId, req.locale, req.user);
    const settings = await this.funding.settings(callId);
    const run = await this.funding.approvedRun(callId);
    const awards = await this.funding.awards(callId);
    const hosted = await this.ds.getRepository(FundingPlacement).count({
      where: {
        callId,
        proposalId: In(awards.map((a) => a.proposalId).concat(-1)),
        communityId: Not(IsNull()),
        status: In(['placed', 'accepted']),
      },
    });
    const n = Number(req.query['page']);
    const objections = await this.publicity.objections(callId, {
      page: Number.isSafeInteger(n) && n > 0 && n < 100_000 ? n : 1,
    });
    const done = doneOf(req);
    const latest = r.latest;
    return page(req, 'publicity.staff.title', {
      ...r,
      rule: settings,
      run,
      funded: awards.length,
      unplaced: awards.length - hosted,
      canPublish: !latest || latest.status === 'reopened',
      canFinalise: latest?.status === 'open',
      objections: { ...pager(req, objections), items: objections.items },
      maxLengths: formLimits(FinaliseDto),
      flash: done ? this.i18n.t(req.locale, `publicity.done.${done}`) : undefined,
      ...extra,
    });
  }

  // ── the working calendar ────────────────────────────────────────────────────────────────────

  @Roles(Role.StreetAdmin)
  @Get('admin/work-calendar')
  @Render('funding/calendar')
  async calendarPage(@Req() req: Request) {
    return this.calendarModel(req, yearOf(req.query['year']), {});
  }

  @Roles(Role.StreetAdmin)
  @Post('admin/work-calendar/days')
  @Redirect('', 303)
  async setDay(@Req() req: Request, @Body() body: FormInput) {
    const { value, errors } = await validateForm(CalendarDayDto, body, this.i18n, req.locale);
    const year = yearOf(String(body['date'] ?? '').slice(0, 4));
    return this.calendarAct(req, year, 'daySet', { dayErrors: errors, dayForm: body }, async () => {
      if (!value) throw AppException.validation([]);
      await this.calendar.setDay(sessionUser(req), { ...value, name: value.name ?? '' });
    });
  }

  @Roles(Role.StreetAdmin)
  @Post('admin/work-calendar/days/remove')
  @Redirect('', 303)
  async removeDay(@Req() req: Request, @Body() body: FormInput) {
    const { value } = await validateForm(CalendarDateDto, body, this.i18n, req.locale);
    const year = yearOf(String(body['date'] ?? '').slice(0, 4));
    return this.calendarAct(req, year, 'dayRemoved', {}, async () => {
      if (!value) throw AppException.validation([{ field: 'date', code: 'calendar_invalid' }]);
      await this.calendar.removeDay(sessionUser(req), value.date);
    });
  }

  @Roles(Role.StreetAdmin)
  @Post('admin/work-calendar/seed')
  @Redirect('', 303)
  async seed(@Req() req: Request, @Body() body: FormInput) {
    const { value, errors } = await validateForm(CalendarYearDto, body, this.i18n, req.locale);
    return this.calendarAct(req, value?.year, 'seeded', { seedErrors: errors }, async () => {
      if (!value) throw AppException.validation([]);
      await this.calendar.seedYear(sessionUser(req), value.year);
    });
  }

  private async calendarAct(
    req: Request,
    year: number | undefined,
    done: string,
    state: Record<string, unknown>,
    action: () => Promise<unknown>,
  ) {
    try {
      await action();
    } catch (err) {
      const e = pageError(err, this.i18n, req.locale);
      throw PageOutcome.view(
        'funding/calendar',
        await this.calendarModel(req, year, { ...state, formError: e.formError }),
        e.status,
      );
    }
    return redirectTo(`/admin/work-calendar?year=${year ?? ''}&done=${done}`);
  }

  private async calendarModel(req: Request, year: number | undefined, extra: object) {
    const years = await this.calendar.years();
    const shown = year ?? years[0]?.year ?? Number(formatShanghaiDate(new Date()).slice(0, 4));
    const days = await this.calendar.days(shown);
    const present = years.find((y) => y.year === shown);
    const done = doneOf(req);
    const seedable = chineseDaysYears();
    return page(req, 'publicity.calendar.title', {
      years: years.map((y) => ({ ...y, current: y.year === shown })),
      year: shown,
      present,
      holidays: days.filter((d) => d.kind === 'holiday'),
      workdays: days.filter((d) => d.kind === 'workday'),
      seedable: seedable.slice(-6).reverse(),
      seedableFrom: seedable[0],
      seedableTo: seedable[seedable.length - 1],
      maxLengths: formLimits(CalendarDayDto),
      flash: done ? this.i18n.t(req.locale, `publicity.done.${done}`) : undefined,
      ...extra,
    });
  }
}
