import {
  Body,
  Controller,
  Get,
  Param,
  Post,
  Query,
  Redirect,
  Render,
  Req,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { AppException, Role, Roles, yuanToFen } from '@gv/core';
import { I18n } from '@gv/i18n';
import type { UploadedFileData } from '@gv/proposals';
import {
  fileDownload,
  FormInput,
  page,
  pager,
  PageOutcome,
  pageError,
  parseId,
  redirectTo,
  sessionUser,
  validateForm,
} from '@gv/web';
import { AgreementsService } from './agreements.service';
import { ClosureService } from './closure.service';
import { DeliveryPageModels } from './delivery-page-models';
import { DemoSitesService, shanghaiYear } from './demo-sites.service';
import { DisbursementsService } from './disbursements.service';
import {
  AgreementDto,
  BankAccountDto,
  ClawbackDto,
  ClosureDto,
  DemoAwardDto,
  DemoBudgetDto,
  DemoSitesPageQuery,
  EvaluationDto,
  EvaluatorDto,
  PayDto,
  ProjectPageQuery,
  ReasonDto,
  StartProjectDto,
} from './dto/delivery-money.dto';
import { EvaluationsService } from './evaluations.service';
import { EVALUATION_CRITERIA } from './evaluation-rubric';
import { ProjectsService } from './projects.service';

const READERS = [Role.StreetAdmin, Role.OrgMember, Role.Judge, Role.CommunityStaff];
const EVALUATORS = [Role.StreetAdmin, Role.Judge, Role.CommunityStaff];

/** A yuan field of a form as fen for the DTO ('' → absent; malformed → a value the DTO refuses). */
const fen = (v: unknown): number | string | undefined => {
  const s = String(v ?? '').trim();
  return s === '' ? undefined : (yuanToFen(s) ?? 'x');
};

/**
 * 项目实施 pages (no JavaScript needed): the street office's list, a project's page with every action
 * of its agreement, tranches, evaluations, clawbacks, closure and demonstration site, the printable
 * agreement, the evaluation form, an organisation's (or supervisor's) projects, demonstration sites.
 */
@ApiExcludeController()
@Controller()
export class DeliveryPagesController {
  constructor(
    private readonly projects: ProjectsService,
    private readonly agreements: AgreementsService,
    private readonly disbursements: DisbursementsService,
    private readonly evaluations: EvaluationsService,
    private readonly closure: ClosureService,
    private readonly demoSites: DemoSitesService,
    private readonly models: DeliveryPageModels,
    private readonly i18n: I18n,
  ) {}

  // ── lists ───────────────────────────────────────────────────────────────────────────────────

  @Roles(Role.StreetAdmin)
  @Get('delivery')
  @Render('delivery/projects')
  async list(@Req() req: Request, @Query() q: ProjectPageQuery) {
    const p = await this.projects.list(sessionUser(req), q);
    return page(req, 'delivery.list.title', {
      ...(await this.models.listRows(req, p.items)),
      pager: pager(req, p),
      filter: q,
      statusOptions: this.models.statusOptions(req.locale),
      awaiting: await this.models.awaiting(req.locale),
      flash: this.models.flash(req),
    });
  }

  @Roles(Role.StreetAdmin)
  @Post('delivery/projects')
  @Redirect('', 303)
  async start(@Req() req: Request, @Body() body: FormInput) {
    const { value } = await validateForm(StartProjectDto, body, this.i18n, req.locale);
    if (!value) throw AppException.validation([{ field: 'awardId', code: 'not_found' }]);
    const p = await this.projects.start(sessionUser(req), value.awardId);
    return redirectTo(`/delivery/projects/${p.id}?done=started`);
  }

  @Roles(Role.OrgMember, Role.Judge, Role.CommunityStaff)
  @Get('my/projects')
  @Render('delivery/projects-mine')
  async mine(@Req() req: Request, @Query() q: ProjectPageQuery) {
    const p = await this.projects.list(sessionUser(req), q);
    return page(req, 'delivery.mine.title', {
      ...(await this.models.listRows(req, p.items)),
      pager: pager(req, p),
    });
  }

  // ── the project page ────────────────────────────────────────────────────────────────────────

  @Roles(...READERS)
  @Get('delivery/projects/:id')
  @Render('delivery/project')
  async project(@Req() req: Request, @Param('id') id: string) {
    return this.models.project(req, parseId(id), {});
  }

  @Roles(...READERS)
  @Get('delivery/projects/:id/agreement')
  @Render('delivery/agreement')
  async agreementPage(@Req() req: Request, @Param('id') id: string) {
    return this.models.agreement(req, parseId(id));
  }

  @Roles(Role.StreetAdmin)
  @Post('delivery/projects/:id/agreement')
  @Redirect('', 303)
  async issue(@Req() req: Request, @Param('id') id: string, @Body() body: FormInput) {
    const rows = Array.isArray(body['tranches']) ? body['tranches'] : [];
    const input = {
      template: body['template'],
      ...(body['template'] === 'custom'
        ? {
            tranches: (rows as Record<string, string>[])
              .filter((r) => r && String(r['percent'] ?? '').trim() !== '')
              .map((r) => ({ label: r['label'] ?? '', percent: r['percent'], gate: r['gate'] })),
          }
        : {}),
    };
    return this.form(req, id, AgreementDto, input, 'issued', (v) =>
      this.agreements.issue(sessionUser(req), parseId(id), v),
    );
  }

  @Roles(Role.OrgMember)
  @Post('delivery/projects/:id/agreement/bank-account')
  @Redirect('', 303)
  async bank(@Req() req: Request, @Param('id') id: string, @Body() body: FormInput) {
    return this.form(req, id, BankAccountDto, body, 'bank', (v) =>
      this.agreements.setBankAccount(sessionUser(req), parseId(id), v),
    );
  }

  @Roles(Role.OrgMember)
  @Post('delivery/projects/:id/agreement/signed-copy')
  @UseInterceptors(FileInterceptor('file'))
  @Redirect('', 303)
  async upload(
    @Req() req: Request,
    @Param('id') id: string,
    @UploadedFile() file: UploadedFileData | undefined,
  ) {
    return this.act(req, id, 'uploaded', () =>
      this.agreements.uploadSigned(sessionUser(req), parseId(id), file),
    );
  }

  @Roles(Role.StreetAdmin, Role.OrgMember)
  @Get('delivery/projects/:id/agreement/signed-copy')
  async download(@Req() req: Request, @Param('id') id: string) {
    const f = await this.agreements.downloadSigned(sessionUser(req), parseId(id));
    return fileDownload(f.name, f.mime, f.data, { inline: true });
  }

  @Roles(Role.StreetAdmin)
  @Post('delivery/projects/:id/agreement/check')
  @Redirect('', 303)
  async check(@Req() req: Request, @Param('id') id: string) {
    return this.act(req, id, 'checked', () => this.agreements.check(sessionUser(req), parseId(id)));
  }

  @Roles(Role.StreetAdmin)
  @Post('delivery/projects/:id/agreement/return')
  @Redirect('', 303)
  async returnSigned(@Req() req: Request, @Param('id') id: string, @Body() body: FormInput) {
    return this.form(req, id, ReasonDto, body, 'returned', (v) =>
      this.agreements.returnSigned(sessionUser(req), parseId(id), v.reason),
    );
  }

  @Roles(Role.StreetAdmin)
  @Post('delivery/projects/:id/evaluator')
  @Redirect('', 303)
  async evaluator(@Req() req: Request, @Param('id') id: string, @Body() body: FormInput) {
    return this.form(req, id, EvaluatorDto, body, 'evaluator', (v) =>
      this.projects.assignEvaluator(sessionUser(req), parseId(id), v.userId ?? null),
    );
  }

  // ── tranches and clawbacks ──────────────────────────────────────────────────────────────────

  @Roles(Role.StreetAdmin, Role.OrgMember)
  @Post('delivery/tranches/:id/request')
  @Redirect('', 303)
  async request(@Req() req: Request, @Param('id') id: string) {
    const projectId = await this.models.projectOfTranche(req, parseId(id));
    return this.act(req, projectId, 'requested', () =>
      this.disbursements.request(sessionUser(req), parseId(id)),
    );
  }

  @Roles(Role.StreetAdmin)
  @Post('delivery/tranches/:id/approve')
  @Redirect('', 303)
  async approve(@Req() req: Request, @Param('id') id: string) {
    const projectId = await this.models.projectOfTranche(req, parseId(id));
    return this.act(req, projectId, 'approved', () =>
      this.disbursements.approve(sessionUser(req), parseId(id)),
    );
  }

  @Roles(Role.StreetAdmin)
  @Post('delivery/tranches/:id/pay')
  @Redirect('', 303)
  async pay(@Req() req: Request, @Param('id') id: string, @Body() body: FormInput) {
    const projectId = await this.models.projectOfTranche(req, parseId(id));
    const input = {
      bankReference: body['bankReference'],
      ...(String(body['paidAt'] ?? '').trim() ? { paidAt: String(body['paidAt']).trim() } : {}),
    };
    return this.form(req, projectId, PayDto, input, 'paid', (v) =>
      this.disbursements.pay(sessionUser(req), parseId(id), v),
    );
  }

  @Roles(Role.StreetAdmin)
  @Post('delivery/projects/:id/clawbacks')
  @Redirect('', 303)
  async clawback(@Req() req: Request, @Param('id') id: string, @Body() body: FormInput) {
    const input = { amountFen: fen(body['amount']), reason: body['reason'] };
    return this.form(req, id, ClawbackDto, input, 'clawback', (v) =>
      this.disbursements.clawback(sessionUser(req), parseId(id), v.amountFen, v.reason),
    );
  }

  @Roles(Role.StreetAdmin)
  @Post('delivery/clawbacks/:id/recovered')
  @Redirect('', 303)
  async recovered(@Req() req: Request, @Param('id') id: string) {
    const projectId = await this.models.projectOfClawback(parseId(id));
    return this.act(req, projectId, 'recovered', () =>
      this.disbursements.markRecovered(sessionUser(req), parseId(id)),
    );
  }

  @Roles(Role.StreetAdmin)
  @Post('delivery/clawbacks/:id/return-to-budget')
  @Redirect('', 303)
  async returnToBudget(@Req() req: Request, @Param('id') id: string, @Body() body: FormInput) {
    const projectId = await this.models.projectOfClawback(parseId(id));
    return this.form(req, projectId, ReasonDto, body, 'returnedToBudget', (v) =>
      this.disbursements.returnToBudget(sessionUser(req), parseId(id), v.reason),
    );
  }

  // ── evaluations, closure ────────────────────────────────────────────────────────────────────

  @Roles(...EVALUATORS)
  @Get('delivery/projects/:id/evaluation')
  @Render('delivery/evaluation')
  async evaluationPage(@Req() req: Request, @Param('id') id: string) {
    const kind = req.query['kind'] === 'final' ? 'final' : 'midterm';
    return this.models.evaluation(req, parseId(id), { form: { kind } });
  }

  /** The form posts `score.<criterion>`, `comments`, `outcome`, `clawback` (yuan) and `kind`. */
  @Roles(...EVALUATORS)
  @Post('delivery/projects/:id/evaluations')
  @Redirect('', 303)
  async evaluate(@Req() req: Request, @Param('id') id: string, @Body() body: FormInput) {
    const projectId = parseId(id);
    // The supervisor's right first: nobody else learns anything from the form's errors.
    await this.models.assertEvaluator(req, projectId);
    const scores: Record<string, unknown> = {};
    for (const c of EVALUATION_CRITERIA) {
      const raw = String(body[`score.${c.id}`] ?? '').trim();
      scores[c.id] = /^\d{1,3}$/.test(raw) ? Number(raw) : raw === '' ? undefined : raw;
    }
    const form = { ...body, scores };
    const input = {
      kind: body['kind'],
      scores,
      comments: String(body['comments'] ?? ''),
      ...(String(body['outcome'] ?? '') ? { outcome: body['outcome'] } : {}),
      ...(fen(body['clawback']) !== undefined ? { clawbackFen: fen(body['clawback']) } : {}),
    };
    const { value, errors } = await validateForm(EvaluationDto, input, this.i18n, req.locale);
    try {
      if (!value) throw AppException.validation([]);
      await this.evaluations.evaluate(sessionUser(req), projectId, value);
    } catch (err) {
      const e = pageError(err, this.i18n, req.locale);
      throw PageOutcome.view(
        'delivery/evaluation',
        await this.models.evaluation(req, projectId, {
          form,
          errors: { ...errors, ...e.errors },
          formError: e.formError,
        }),
        e.status,
      );
    }
    return redirectTo(`/delivery/projects/${projectId}?done=evaluated#evaluations`);
  }

  /** The closure form posts `spent[l<budget line id>]` (yuan), `unspent` (yuan) and `finalReport`. */
  @Roles(Role.StreetAdmin)
  @Post('delivery/projects/:id/closure')
  @Redirect('', 303)
  async close(@Req() req: Request, @Param('id') id: string, @Body() body: FormInput) {
    const spent = (body['spent'] ?? {}) as Record<string, string>;
    const input = {
      lines: Object.entries(typeof spent === 'object' ? spent : {})
        .filter(([, v]) => String(v ?? '').trim() !== '')
        // Keys are `l<budget line id>`: qs would turn bare numeric keys into a (compacted) array.
        .map(([k, v]) => ({ budgetLineId: k.replace(/^l/, ''), spentFen: fen(v) })),
      unspentReturnedFen: fen(body['unspent']) ?? 0,
      finalReport: body['finalReport'],
    };
    return this.form(req, id, ClosureDto, input, 'closed', (v) =>
      this.closure.close(sessionUser(req), parseId(id), v),
    );
  }

  // ── demonstration sites ─────────────────────────────────────────────────────────────────────

  @Roles(Role.StreetAdmin)
  @Get('delivery/demo-sites')
  @Render('delivery/demo-sites')
  async demo(@Req() req: Request, @Query() q: DemoSitesPageQuery) {
    return this.models.demoSites(req, q.year ?? shanghaiYear(), {});
  }

  @Roles(Role.StreetAdmin)
  @Post('delivery/demo-sites/budget')
  @Redirect('', 303)
  async budget(@Req() req: Request, @Body() body: FormInput) {
    const input = { year: body['year'], capFen: fen(body['cap']) };
    const { value, errors } = await validateForm(DemoBudgetDto, input, this.i18n, req.locale);
    const year = Number(body['year']) || shanghaiYear();
    try {
      if (!value) throw AppException.validation([]);
      await this.demoSites.setBudget(sessionUser(req), value.year, value.capFen);
    } catch (err) {
      const e = pageError(err, this.i18n, req.locale);
      throw PageOutcome.view(
        'delivery/demo-sites',
        await this.models.demoSites(req, year, {
          errors: { ...errors, ...e.errors },
          formError: e.formError,
          form: body,
        }),
        e.status,
      );
    }
    return redirectTo(`/delivery/demo-sites?year=${value.year}&done=budget`);
  }

  @Roles(Role.StreetAdmin)
  @Post('delivery/projects/:id/demo-site')
  @Redirect('', 303)
  async nominate(@Req() req: Request, @Param('id') id: string, @Body() body: FormInput) {
    return this.form(req, id, ReasonDto, body, 'nominated', (v) =>
      this.demoSites.nominate(sessionUser(req), parseId(id), v.reason),
    );
  }

  @Roles(Role.StreetAdmin)
  @Post('delivery/projects/:id/demo-site/award')
  @Redirect('', 303)
  async demoAward(@Req() req: Request, @Param('id') id: string, @Body() body: FormInput) {
    const input = { amountFen: fen(body['amount']) };
    return this.form(req, id, DemoAwardDto, input, 'demoAwarded', (v) =>
      this.demoSites.award(sessionUser(req), parseId(id), v.amountFen),
    );
  }

  @Roles(Role.StreetAdmin)
  @Post('delivery/projects/:id/demo-site/decline')
  @Redirect('', 303)
  async decline(@Req() req: Request, @Param('id') id: string, @Body() body: FormInput) {
    return this.form(req, id, ReasonDto, body, 'declined', (v) =>
      this.demoSites.decline(sessionUser(req), parseId(id), v.reason),
    );
  }

  // ── helpers ─────────────────────────────────────────────────────────────────────────────────

  /** A validated form action on the project page (see `act`). */
  private async form<T extends object>(
    req: Request,
    id: string | number,
    cls: new () => T,
    input: unknown,
    done: string,
    run: (value: T) => Promise<unknown>,
  ) {
    const { value, errors } = await validateForm(cls, input, this.i18n, req.locale);
    return this.act(
      req,
      id,
      done,
      async () => {
        if (!value) throw AppException.validation([]);
        await run(value);
      },
      { errors, form: { [done]: input } },
    );
  }

  /**
   * Runs an action of the project page: done → back to the page with a flash; refused (4xx) → the
   * page again with the translated error and what was typed (nothing changed).
   */
  private async act(
    req: Request,
    id: string | number,
    done: string,
    action: () => Promise<unknown>,
    state: { errors?: Record<string, string>; form?: Record<string, unknown> } = {},
  ) {
    const projectId = typeof id === 'number' ? id : parseId(id);
    try {
      await action();
    } catch (err) {
      const e = pageError(err, this.i18n, req.locale);
      throw PageOutcome.view(
        'delivery/project',
        await this.models.project(req, projectId, {
          formError: e.formError,
          errors: { ...state.errors, ...e.errors },
          form: state.form ?? {},
          failed: done,
        }),
        e.status,
      );
    }
    return redirectTo(`/delivery/projects/${projectId}?done=${done}`);
  }
}
