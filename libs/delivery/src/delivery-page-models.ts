import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import { DataSource, In } from 'typeorm';
import { User } from '@gv/accounts';
import { AppException, fenToYuan, Locale } from '@gv/core';
import { I18n } from '@gv/i18n';
import { Organisation } from '@gv/organisations';
import { StreetOffice } from '@gv/places';
import { Proposal } from '@gv/proposals';
import { page, sessionUser, parenthesised } from '@gv/web';
import { DeliveryError } from './delivery.errors';
import { projectView, trancheLabel, yuanInput } from './delivery-views';
import { DemoSitesService } from './demo-sites.service';
import { PROJECT_STATUSES } from './dto/delivery-money.dto';
import { Clawback, DeliveryProject, Tranche } from './entities/delivery.entity';
import { EVALUATION_CRITERIA, EVALUATION_PASS_LINE } from './evaluation-rubric';
import { EvaluationsService } from './evaluations.service';
import { ProjectDetailService } from './project-detail.service';
import { ProjectsService } from './projects.service';
import { TRANCHE_TEMPLATES } from './tranche-schedule';

const DONE = [
  'started',
  'issued',
  'bank',
  'uploaded',
  'checked',
  'returned',
  'evaluator',
  'requested',
  'approved',
  'paid',
  'evaluated',
  'clawback',
  'recovered',
  'returnedToBudget',
  'closed',
  'nominated',
  'demoAwarded',
  'declined',
  'budget',
];

/** The models of the delivery pages (what each template gets besides the page frame). */
@Injectable()
export class DeliveryPageModels {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly projects: ProjectsService,
    private readonly detail: ProjectDetailService,
    private readonly evaluations: EvaluationsService,
    private readonly demo: DemoSitesService,
    private readonly i18n: I18n,
  ) {}

  flash(req: Request): string | undefined {
    const done = typeof req.query['done'] === 'string' ? req.query['done'] : '';
    return DONE.includes(done) ? this.i18n.t(req.locale, `delivery.done.${done}`) : undefined;
  }

  statusOptions(l: Locale) {
    return PROJECT_STATUSES.map((s) => ({
      value: s,
      label: this.i18n.t(l, `delivery.status.${s}`),
    }));
  }

  async listRows(req: Request, items: DeliveryProject[]) {
    const l = req.locale;
    const rows = await this.detail.labels(items);
    return {
      rows: rows.map((r) => ({
        id: r.project.id,
        number: r.proposal?.number ?? '',
        title: r.proposal?.title ?? '',
        organisation: r.organisation?.name ?? '',
        community: r.community ? (l === 'en' ? r.community.nameEn : r.community.name) : '',
        awardFen: r.awardFen,
        paidFen: r.paidFen,
        status: r.project.status,
        statusText: this.i18n.t(l, `delivery.status.${r.project.status}`),
        period: `${r.project.startsOn} – ${r.project.endsOn}`,
      })),
    };
  }

  /** Awards without a project yet, for the street office to start. */
  async awaiting(l: Locale) {
    const awards = await this.projects.awaiting();
    const proposals = await this.ds.getRepository(Proposal).find({
      where: { id: In(awards.map((a) => a.proposalId).concat(-1)) },
      select: { id: true, number: true, title: true },
    });
    return awards.map((a) => ({
      id: a.id,
      amountFen: a.amountFen,
      label: (() => {
        const p = proposals.find((x) => x.id === a.proposalId);
        return p
          ? `${p.number ?? ''} ${p.title}`
          : this.i18n.t(l, 'delivery.list.awardNo', { id: a.id });
      })(),
    }));
  }

  async project(req: Request, id: number, extra: Record<string, unknown>) {
    const actor = sessionUser(req);
    const d = await this.detail.detail(actor, id);
    const userIds = [
      d.project.evaluatorUserId,
      d.agreement?.checkedById ?? null,
      ...d.tranches.flatMap((t) => [t.approvedById, t.paidById]),
      ...d.evaluations.map((e) => e.evaluatorId),
    ].filter((v): v is number => v !== null);
    const names = await this.names(userIds);
    const view = projectView(d, actor, this.i18n, req.locale, names);
    const candidates = view.can.assignEvaluator ? await this.projects.evaluatorCandidates() : [];
    return page(req, 'delivery.project.title', {
      ...view,
      evaluatorOptions: [
        { value: '', label: this.i18n.t(req.locale, 'delivery.evaluator.none') },
        ...candidates.map((u) => ({
          value: String(u.id),
          label:
            u.name + parenthesised(req.locale, this.i18n.t(req.locale, `delivery.roles.${u.role}`)),
        })),
      ],
      customRows: Array.from({ length: 5 }, (_, i) => ({ i })),
      flash: this.flash(req),
      form: {},
      errors: {},
      ...extra,
    });
  }

  /** The printable agreement (资助协议书). */
  async agreement(req: Request, id: number) {
    const l = req.locale;
    const d = await this.detail.detail(sessionUser(req), id);
    const ag = d.agreement;
    if (!ag) throw AppException.notFound();
    const org = await this.ds
      .getRepository(Organisation)
      .findOneBy({ id: d.project.organisationId });
    const office = d.community
      ? await this.ds.getRepository(StreetOffice).findOneBy({ id: d.community.streetOfficeId })
      : await this.ds.getRepository(StreetOffice).findOne({ where: {}, order: { id: 'ASC' } });
    const percents = TRANCHE_TEMPLATES[ag.template]?.map((x) => x.percent);
    return page(req, 'delivery.agreement.title', {
      d,
      org,
      partyA: office
        ? this.i18n.t(l, 'delivery.agreement.partyAName', {
            name: l === 'en' ? office.nameEn : office.name,
          })
        : '',
      communityName: d.community ? (l === 'en' ? d.community.nameEn : d.community.name) : '',
      statusText: this.i18n.t(l, `delivery.agreementStatus.${ag.status}`),
      tranches: d.tranches.map((t, i) => ({
        ...t,
        labelText: trancheLabel(this.i18n, l, t.label),
        gateText: this.i18n.t(l, `delivery.gate.${t.gate}`),
        sharePct:
          percents?.[i] ?? (ag.amountFen ? ((100 * t.amountFen) / ag.amountFen).toFixed(0) : ''),
      })),
    });
  }

  async projectOfTranche(req: Request, id: number): Promise<number> {
    const t = Number.isSafeInteger(id)
      ? await this.ds.getRepository(Tranche).findOne({ where: { id }, select: { projectId: true } })
      : null;
    if (!t) throw AppException.notFound();
    // Someone who cannot see the project gets the same 404 as for a tranche that does not exist.
    await this.projects.load(this.ds.manager, sessionUser(req), t.projectId);
    return t.projectId;
  }

  async projectOfClawback(id: number): Promise<number> {
    const c = Number.isSafeInteger(id)
      ? await this.ds
          .getRepository(Clawback)
          .findOne({ where: { id }, select: { projectId: true } })
      : null;
    if (!c) throw AppException.notFound();
    return c.projectId;
  }

  /** 403 evaluation_not_allowed unless the street office or the project's supervisor. */
  async assertEvaluator(req: Request, id: number): Promise<DeliveryProject> {
    const p = Number.isSafeInteger(id)
      ? await this.ds.getRepository(DeliveryProject).findOneBy({ id })
      : null;
    if (!p) throw AppException.notFound();
    if (!this.evaluations.mayEvaluate(sessionUser(req), p))
      throw DeliveryError.error('evaluation_not_allowed');
    return p;
  }

  async evaluation(req: Request, id: number, extra: Record<string, unknown>) {
    const l = req.locale;
    await this.assertEvaluator(req, id);
    const d = await this.detail.detail(sessionUser(req), id);
    const form = (extra['form'] ?? {}) as { kind?: string; scores?: Record<string, unknown> };
    const kind = form.kind === 'final' ? 'final' : 'midterm';
    return page(req, 'delivery.evaluation.title', {
      d,
      kind,
      kindText: this.i18n.t(l, `delivery.evaluation.kind.${kind}`),
      passLine: EVALUATION_PASS_LINE,
      criteria: EVALUATION_CRITERIA.map((c) => ({
        ...c,
        labelText: l === 'en' ? c.labelEn : c.label,
        hintText: l === 'en' ? c.hintEn : c.hint,
        value: form.scores?.[c.id] ?? '',
      })),
      outcomeOptions: ['', 'improvement', 'suspension', 'termination'].map((o) => ({
        value: o,
        label: this.i18n.t(
          l,
          o ? `delivery.evaluation.outcome.${o}` : 'delivery.evaluation.noOutcome',
        ),
      })),
      paidText: fenToYuan(d.money.paidFen),
      errors: {},
      ...extra,
      form,
    });
  }

  async demoSites(req: Request, year: number, extra: Record<string, unknown>) {
    const o = await this.demo.overview(year);
    return page(req, 'delivery.demo.title', {
      ...o,
      yearOptions: [year - 1, year, year + 1].map((y) => ({ value: y, selected: y === year })),
      capInput: yuanInput(o.capFen),
      rows: o.awards.map((a) => ({
        ...a,
        title: a.project?.proposal
          ? `${a.project.proposal.number ?? ''} ${a.project.proposal.title}`
          : '',
        statusText: this.i18n.t(req.locale, `delivery.demo.status.${a.status}`),
      })),
      flash: this.flash(req),
      errors: {},
      form: {},
      ...extra,
    });
  }

  private async names(ids: number[]): Promise<Map<number, string>> {
    const users = await this.ds.getRepository(User).find({
      where: { id: In([...new Set(ids)].concat(-1)) },
      select: { id: true, name: true },
    });
    return new Map(users.map((u) => [u.id, u.name]));
  }
}
