import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import { DataSource, In } from 'typeorm';
import { User } from '@gv/accounts';
import { Actor, Role } from '@gv/core';
import { I18n } from '@gv/i18n';
import { Proposal, ProposalBudgetLine } from '@gv/proposals';
import { page, sessionUser, parenthesised } from '@gv/web';
import { DeliveryMilestone, DeliveryProject, ProgressReport } from './entities/delivery.entity';
import { parseStep } from './milestone-tracking';
import { MilestonesService } from './milestones.service';
import { IMAGE_TYPES } from './report-files';
import { ReportsService } from './reports.service';
import { yuanInput } from './delivery-views';

/** Flash messages after a redirect (`?done=…`): delivery.tracking.done.<key>. */
const DONE = ['submitted', 'resubmitted', 'fileAdded', 'fileRemoved', 'returned', 'accepted'];
const DONE_MS = ['changeRequested', 'changeApproved', 'changeRejected'];

export type PageState = {
  errors?: Record<string, string>;
  formError?: string;
  form?: Record<string, unknown>;
  /** The form that was refused (its error shows beside it). */
  failed?: string;
};

const isMember = (a: Actor, p: DeliveryProject) =>
  a.roles.includes(Role.OrgMember) && a.organisationId === p.organisationId;
const isAdmin = (a: Actor) => a.roles.includes(Role.StreetAdmin);
/** A report can still be written for a project that is not terminated or completed. */
const reportable = (p: DeliveryProject) => !['terminated', 'completed'].includes(p.status);

/** The models of the report and milestone pages (what each template gets besides the frame). */
@Injectable()
export class TrackingPageModels {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly reports: ReportsService,
    private readonly milestones: MilestonesService,
    private readonly i18n: I18n,
  ) {}

  private flash(req: Request, keys: string[]): string | undefined {
    const done = typeof req.query['done'] === 'string' ? req.query['done'] : '';
    return keys.includes(done)
      ? this.i18n.t(req.locale, `delivery.tracking.done.${done}`)
      : undefined;
  }

  private async heading(p: DeliveryProject) {
    const proposal = await this.ds.getRepository(Proposal).findOneOrFail({
      where: { id: p.proposalId },
      select: { id: true, number: true, title: true, currentVersion: true },
    });
    return { proposal, title: `${proposal.number ?? ''} ${proposal.title}`.trim() };
  }

  /** The budget lines of the submitted version, with this report's spending (yuan) in the inputs. */
  private async budget(req: Request, proposal: Proposal, spending: Record<string, unknown> = {}) {
    const lines = await this.ds.getRepository(ProposalBudgetLine).find({
      where: { proposalId: proposal.id, version: proposal.currentVersion },
      order: { position: 'ASC' },
    });
    return lines.map((l) => {
      const v = spending[`l${l.id}`] ?? spending[String(l.id)];
      return {
        id: l.id,
        label: `${this.i18n.t(req.locale, `proposals.category.${l.category}`)} · ${l.item}`,
        budgetFen: l.subtotalFen,
        value: typeof v === 'number' ? yuanInput(v) : (v ?? ''),
      };
    });
  }

  private async milestoneOptions(req: Request, projectId: number, selected?: unknown) {
    const list = await this.ds.getRepository(DeliveryMilestone).find({
      where: { projectId },
      order: { seq: 'ASC' },
    });
    return [
      {
        value: '',
        label: this.i18n.t(req.locale, 'delivery.report.noMilestone'),
        selected: !selected,
      },
      ...list
        .filter((x) => x.status !== 'cancelled')
        .map((x) => ({
          value: String(x.id),
          label: `${x.seq}. ${x.title}` + parenthesised(req.locale, x.dueOn),
          selected: String(selected ?? '') === String(x.id),
        })),
    ];
  }

  private statusText(req: Request, r: Pick<ProgressReport, 'status'>) {
    return this.i18n.t(req.locale, `delivery.report.status.${r.status}`);
  }

  async reportList(req: Request, projectId: number, state: PageState = {}) {
    const actor = sessionUser(req);
    const { project, reports } = await this.reports.list(actor, projectId);
    const { proposal, title } = await this.heading(project);
    const form = state.form ?? {};
    const canCreate = isMember(actor, project) && reportable(project);
    return page(req, 'delivery.report.listTitle', {
      project,
      title,
      statusText: this.i18n.t(req.locale, `delivery.status.${project.status}`),
      rows: reports.map((r) => ({ ...r, statusText: this.statusText(req, r) })),
      canCreate,
      terminated: project.status === 'terminated',
      milestoneOptions: canCreate
        ? await this.milestoneOptions(req, project.id, form['milestoneId'])
        : [],
      lines: canCreate
        ? await this.budget(req, proposal, (form['spending'] ?? {}) as Record<string, unknown>)
        : [],
      flash: this.flash(req, DONE),
      errors: {},
      form,
      ...state,
    });
  }

  async report(req: Request, reportId: number, state: PageState = {}) {
    const actor = sessionUser(req);
    const d = await this.reports.get(actor, reportId);
    const { report: r, project } = d;
    const { proposal, title } = await this.heading(project);
    const form = state.form ?? {};
    const canEdit = isMember(actor, project) && r.status !== 'accepted' && reportable(project);
    const users = await this.ds.getRepository(User).find({
      where: { id: In([r.submittedById, r.decidedById].filter((x) => x !== null).concat(-1)) },
      select: { id: true, name: true },
    });
    const name = (id: number | null) => users.find((u) => u.id === id)?.name ?? '';
    const spent = await this.budget(req, proposal, r.spending);
    return page(req, 'delivery.report.title', {
      project,
      title,
      report: r,
      statusText: this.statusText(req, r),
      submittedBy: name(r.submittedById),
      decidedBy: name(r.decidedById),
      milestone: d.milestone,
      spending: spent
        .filter((l) => (r.spending[String(l.id)] ?? 0) > 0)
        .map((l) => ({ ...l, spentFen: r.spending[String(l.id)] })),
      spentFen: Object.values(r.spending).reduce((s, v) => s + v, 0),
      files: d.files.map((f) => ({
        ...f,
        url: `/delivery/reports/${r.id}/files/${f.id}`,
        isImage: IMAGE_TYPES.includes(f.mimeType),
      })),
      can: {
        edit: canEdit,
        decide: isAdmin(actor) && r.status === 'submitted',
      },
      milestoneOptions: canEdit
        ? await this.milestoneOptions(req, project.id, form['milestoneId'] ?? r.milestoneId)
        : [],
      lines: canEdit
        ? await this.budget(
            req,
            proposal,
            (form['spending'] as Record<string, unknown> | undefined) ?? r.spending,
          )
        : [],
      flash: this.flash(req, DONE),
      errors: {},
      ...state,
      form: {
        beneficiaries: r.beneficiaries,
        serviceHours: r.serviceHours,
        activities: r.activities,
        narrative: r.narrative,
        ...form,
      },
    });
  }

  async milestonesPage(req: Request, projectId: number, state: PageState = {}) {
    const actor = sessionUser(req);
    const l = req.locale;
    const v = await this.milestones.list(actor, projectId);
    const { title } = await this.heading(v.project);
    const member = isMember(actor, v.project) && reportable(v.project);
    const stepText = (step: string) => {
      const s = parseStep(step);
      return s ? this.i18n.t(l, `delivery.tracking.step.${s.kind}`, { date: s.dueOn }) : step;
    };
    return page(req, 'delivery.milestone.title', {
      project: v.project,
      title,
      statusText: this.i18n.t(l, `delivery.status.${v.project.status}`),
      milestones: v.milestones.map((m) => ({
        ...m,
        statusText: this.i18n.t(l, `delivery.milestone.status.${m.status}`),
        overdue: m.status === 'open' && m.dueOn < v.today,
        steps: v.steps
          .filter((s) => s.milestoneId === m.id)
          .map((s) => ({ text: stepText(s.step), at: s.createdAt })),
        canRequest:
          member &&
          m.status === 'open' &&
          !v.changes.some((c) => c.milestoneId === m.id && c.status === 'pending'),
      })),
      changes: v.changes.map((c) => ({
        ...c,
        milestone: v.milestones.find((m) => m.id === c.milestoneId),
        statusText: this.i18n.t(l, `delivery.milestone.changeStatus.${c.status}`),
        canDecide: isAdmin(actor) && c.status === 'pending',
      })),
      flash: this.flash(req, DONE_MS),
      errors: {},
      form: {},
      ...state,
    });
  }
}
