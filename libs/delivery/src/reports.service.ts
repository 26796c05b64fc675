import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '@gv/audit';
import { AppConfig } from '@gv/config';
import { Actor, AppException, Role } from '@gv/core';
import { rowLock, transactionWithRetry } from '@gv/database';
import {
  NotificationContentFor,
  NotificationContentInput,
  NotificationEvent,
  notify,
} from '@gv/notifications';
import { FileStorage, Proposal, ProposalBudgetLine, UploadedFileData } from '@gv/proposals';
import { DeliveryError } from './delivery.errors';
import { ReportDecisionDto, ReportDto, ReportFileMarksDto } from './dto/reports.dto';
import {
  DeliveryMilestone,
  DeliveryProject,
  ProgressReport,
  ReportFile,
} from './entities/delivery.entity';
import { ProjectsService } from './projects.service';
import { checkReportFile, storeReportFile } from './report-files';
import { idOf, memberRecipients, staffRecipients } from './tracking-support';

export interface ReportDetail {
  report: ProgressReport;
  project: DeliveryProject;
  files: ReportFile[];
  milestone: DeliveryMilestone | null;
}

/** What the audit log keeps of a report's values (the narrative and spending stay on the row). */
const audited = (v: {
  milestoneId: number | null;
  beneficiaries: number;
  serviceHours: number;
  activities: number;
}) => ({
  milestoneId: v.milestoneId,
  beneficiaries: v.beneficiaries,
  serviceHours: v.serviceHours,
  activities: v.activities,
});

/** 终止: no report any more; 结项: the final report was the last. */
function assertReportable(p: DeliveryProject): void {
  if (p.status === 'terminated') throw DeliveryError.error('project_terminated');
  if (p.status === 'completed') throw DeliveryError.error('project_state', { status: p.status });
}

/**
 * 进展报告: the organisation reports beneficiaries served, service hours, activities, a narrative,
 * photos and files (each marked "shows people" / "consent to publish") and spending against the
 * proposal's budget lines; the street office accepts it or returns it with comments; a returned report
 * is fixed and submitted again (its version goes up). Accepting a report tied to a milestone marks the
 * milestone done. Every change is audited and notifies the other side through the outbox.
 */
@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly projects: ProjectsService,
    private readonly storage: FileStorage,
    private readonly config: AppConfig,
  ) {}

  /** What storing a file needs (see report-files.ts). */
  private get files() {
    return { storage: this.storage, audit: this.audit };
  }

  // ── reads ───────────────────────────────────────────────────────────────────────────────────

  async list(actor: Actor, projectId: number) {
    const project = await this.projects.load(this.ds.manager, actor, projectId);
    const reports = await this.ds.getRepository(ProgressReport).find({
      where: { projectId: project.id },
      order: { id: 'DESC' },
    });
    const files = reports.length
      ? await this.ds.getRepository(ReportFile).find({
          where: { reportId: In(reports.map((r) => r.id)) },
          select: { id: true, reportId: true },
        })
      : [];
    return {
      project,
      reports: reports.map((r) => ({
        ...r,
        files: files.filter((f) => f.reportId === r.id).length,
      })),
    };
  }

  async get(actor: Actor, reportId: number): Promise<ReportDetail> {
    const m = this.ds.manager;
    const report = Number.isSafeInteger(reportId)
      ? await m.findOneBy(ProgressReport, { id: reportId })
      : null;
    if (!report) throw AppException.notFound();
    const project = await this.projects.load(m, actor, report.projectId);
    return {
      report,
      project,
      files: await m.find(ReportFile, { where: { reportId: report.id }, order: { id: 'ASC' } }),
      milestone: report.milestoneId
        ? await m.findOneBy(DeliveryMilestone, { id: report.milestoneId })
        : null,
    };
  }

  /**
   * 404 unless the actor is a member of the organisation of the project (or of the report's project):
   * pages check it before reading a form, so nobody else learns anything from its errors.
   */
  async assertMember(actor: Actor, projectId?: number, reportId?: number): Promise<void> {
    const m = this.ds.manager;
    let id = projectId ?? -1;
    if (reportId !== undefined) {
      const r = Number.isSafeInteger(reportId)
        ? await m.findOne(ProgressReport, {
            where: { id: reportId },
            select: { id: true, projectId: true },
          })
        : null;
      if (!r) throw AppException.notFound();
      id = r.projectId;
    }
    const p = await this.projects.load(m, actor, id);
    if (!actor.roles.includes(Role.OrgMember) || p.organisationId !== actor.organisationId)
      throw AppException.notFound();
  }

  /** Whether the actor may see the report (404 otherwise): pages check it before reading a form. */
  async assertVisible(actor: Actor, reportId: number): Promise<void> {
    await this.get(actor, reportId);
  }

  async download(actor: Actor, reportId: number, fileId: number) {
    const { files } = await this.get(actor, reportId);
    const f = files.find((x) => x.id === fileId);
    if (!f) throw AppException.notFound();
    return { file: f, data: await this.storage.get(f.storageKey) };
  }

  // ── the organisation ────────────────────────────────────────────────────────────────────────

  /** Submits a new report (with its first photo or file, if given). */
  async create(
    actor: Actor,
    projectId: number,
    dto: ReportDto,
    file?: UploadedFileData,
    marks: ReportFileMarksDto = {},
  ): Promise<ReportDetail> {
    const upload = file ? checkReportFile(file, this.config.UPLOAD_MAX_BYTES) : undefined;
    const id = await transactionWithRetry(this.ds, async (m) => {
      const p = await this.ownProject(m, actor, projectId);
      assertReportable(p);
      const values = await this.values(m, p, dto);
      const { identifiers } = await m.insert(ProgressReport, {
        ...values,
        projectId: p.id,
        status: 'submitted',
        comments: null,
        version: 1,
        submittedById: actor.userId,
        decidedById: null,
        decidedAt: null,
      });
      const reportId = identifiers[0]['id'] as number;
      await this.audit.record(m, {
        action: 'delivery.report_submitted',
        entity: 'progress_report',
        entityId: reportId,
        actorId: actor.userId,
        after: { projectId: p.id, ...audited(values), version: 1 },
      });
      await this.tellStaff(m, p, reportId, 1);
      // Written inside the transaction: a failed write rolls the rows back.
      if (upload) await storeReportFile(m, this.files, p.id, reportId, upload, marks);
      return reportId;
    });
    return this.get(actor, id);
  }

  /** Fixes a report not yet accepted and submits it again (returned → submitted, version + 1). */
  async update(actor: Actor, reportId: number, dto: ReportDto): Promise<ReportDetail> {
    await transactionWithRetry(this.ds, async (m) => {
      const { p, r } = await this.lockReport(m, actor, reportId, true);
      if (r.status === 'accepted') throw DeliveryError.error('report_state');
      if (dto.version !== undefined && dto.version !== r.version)
        throw DeliveryError.error('report_version', { version: r.version });
      assertReportable(p);
      const values = await this.values(m, p, dto);
      const version = r.version + 1;
      await m.update(ProgressReport, r.id, { ...values, status: 'submitted', version });
      await this.audit.record(m, {
        action: 'delivery.report_resubmitted',
        entity: 'progress_report',
        entityId: r.id,
        actorId: actor.userId,
        before: { status: r.status, version: r.version },
        after: { ...audited(values), version },
      });
      await this.tellStaff(m, p, r.id, version);
    });
    return this.get(actor, reportId);
  }

  async addFile(
    actor: Actor,
    reportId: number,
    file: UploadedFileData | undefined,
    marks: ReportFileMarksDto,
  ): Promise<ReportFile> {
    return transactionWithRetry(this.ds, async (m) => {
      const { p, r } = await this.lockReport(m, actor, reportId, true);
      if (!file) throw AppException.validation([{ field: 'file', code: 'file_required' }]);
      const upload = checkReportFile(file, this.config.UPLOAD_MAX_BYTES);
      if (r.status === 'accepted') throw DeliveryError.error('report_state');
      assertReportable(p);
      if ((await m.countBy(ReportFile, { reportId: r.id })) >= this.config.UPLOAD_MAX_FILES)
        throw DeliveryError.error('report_files_limit', { max: this.config.UPLOAD_MAX_FILES });
      const id = await storeReportFile(m, this.files, p.id, r.id, upload, marks);
      return m.findOneByOrFail(ReportFile, { id });
    });
  }

  async removeFile(actor: Actor, reportId: number, fileId: number): Promise<void> {
    const key = await transactionWithRetry(this.ds, async (m) => {
      const { r } = await this.lockReport(m, actor, reportId, true);
      const f = await m.findOneBy(ReportFile, { id: fileId, reportId: r.id });
      if (!f) throw AppException.notFound();
      if (r.status === 'accepted') throw DeliveryError.error('report_state');
      await m.delete(ReportFile, f.id);
      await this.audit.record(m, {
        action: 'delivery.report_file_removed',
        entity: 'progress_report',
        entityId: r.id,
        actorId: actor.userId,
        before: { fileId: f.id, fileName: f.fileName },
      });
      return f.storageKey;
    });
    await this.storage.delete(key);
  }

  // ── the street office ───────────────────────────────────────────────────────────────────────

  /** 退回 / 通过: only a submitted report; accepting one tied to a milestone marks the milestone done. */
  async decide(
    actor: Actor,
    reportId: number,
    decision: 'return' | 'accept',
    dto: ReportDecisionDto,
  ): Promise<ReportDetail> {
    await transactionWithRetry(this.ds, async (m) => {
      const { p, r } = await this.lockReport(m, actor, reportId, false);
      if (r.status !== 'submitted') throw DeliveryError.error('report_state');
      if (dto.version !== undefined && dto.version !== r.version)
        throw DeliveryError.error('report_version', { version: r.version });
      if (p.status === 'terminated') throw DeliveryError.error('project_terminated');
      const now = new Date();
      const status = decision === 'accept' ? 'accepted' : 'returned';
      await m.update(ProgressReport, r.id, {
        status,
        comments: dto.comments?.trim() || null,
        decidedById: actor.userId,
        decidedAt: now,
      });
      let milestoneDone: number | undefined;
      if (decision === 'accept' && r.milestoneId) {
        const ms = await m.findOne(DeliveryMilestone, {
          where: { id: r.milestoneId },
          lock: rowLock(m),
        });
        if (ms?.status === 'open') {
          await m.update(DeliveryMilestone, ms.id, { status: 'done', doneAt: now });
          milestoneDone = ms.id;
        }
      }
      await this.audit.record(m, {
        action: decision === 'accept' ? 'delivery.report_accepted' : 'delivery.report_returned',
        entity: 'progress_report',
        entityId: r.id,
        actorId: actor.userId,
        before: { status: r.status, version: r.version },
        after: { status, comments: dto.comments ?? null, milestoneDone },
      });
      await notify(
        m,
        decision === 'accept'
          ? NotificationEvent.DeliveryReportAccepted
          : NotificationEvent.DeliveryReportReturned,
        await memberRecipients(m, p.organisationId),
        { projectId: p.id, reportId: r.id, version: r.version },
      );
    });
    return this.get(actor, reportId);
  }

  // ── helpers ─────────────────────────────────────────────────────────────────────────────────

  /**
   * The report and its project under the project's row lock (404 unless visible; `orgOnly`: 404 unless
   * the actor is a member of the project's organisation).
   */
  private async lockReport(m: EntityManager, actor: Actor, reportId: number, orgOnly: boolean) {
    const plain = Number.isSafeInteger(reportId)
      ? await m.findOne(ProgressReport, {
          where: { id: reportId },
          select: { id: true, projectId: true },
        })
      : null;
    if (!plain) throw AppException.notFound();
    const p = orgOnly
      ? await this.ownProject(m, actor, plain.projectId)
      : await this.projects.load(m, actor, plain.projectId, true);
    const r = await m.findOneOrFail(ProgressReport, { where: { id: reportId }, lock: rowLock(m) });
    return { p, r };
  }

  /** The project of the actor's own organisation, locked (404 for anyone else). */
  private async ownProject(m: EntityManager, actor: Actor, projectId: number) {
    const p = await this.projects.load(m, actor, projectId, true);
    if (!actor.roles.includes(Role.OrgMember) || p.organisationId !== actor.organisationId)
      throw AppException.notFound();
    return p;
  }

  /** The report's fields, its milestone and spending checked against the project (400 with fields). */
  private async values(m: EntityManager, p: DeliveryProject, dto: ReportDto) {
    const milestoneId = dto.milestoneId ?? null;
    if (milestoneId !== null) {
      const ms = await m.findOneBy(DeliveryMilestone, { id: milestoneId, projectId: p.id });
      if (!ms || ms.status === 'cancelled')
        throw AppException.validation([{ field: 'milestoneId', code: 'report_milestone_unknown' }]);
    }
    const proposal = await m.findOneByOrFail(Proposal, { id: p.proposalId });
    const lines = await m.find(ProposalBudgetLine, {
      where: { proposalId: p.proposalId, version: proposal.currentVersion },
      select: { id: true },
    });
    const known = new Set(lines.map((l) => l.id));
    const spending: Record<string, number> = {};
    for (const s of dto.spending ?? []) {
      if (!known.has(s.budgetLineId) || String(s.budgetLineId) in spending)
        throw AppException.validation([{ field: 'spending', code: 'report_line_unknown' }]);
      if (s.spentFen > 0) spending[String(s.budgetLineId)] = s.spentFen;
    }
    return {
      milestoneId,
      beneficiaries: dto.beneficiaries,
      serviceHours: dto.serviceHours,
      activities: dto.activities,
      narrative: dto.narrative,
      spending,
    };
  }

  private async tellStaff(m: EntityManager, p: DeliveryProject, reportId: number, version: number) {
    await notify(m, NotificationEvent.DeliveryReportSubmitted, await staffRecipients(m), {
      projectId: p.id,
      reportId,
      version,
    });
  }

  /** Template data of the report mails. */
  @NotificationContentFor(
    [
      NotificationEvent.DeliveryReportSubmitted,
      NotificationEvent.DeliveryReportReturned,
      NotificationEvent.DeliveryReportAccepted,
    ],
    { sameForAllRecipients: true },
  )
  async content(input: NotificationContentInput) {
    const m = input.manager;
    const reportId = idOf(input.ids, 'reportId');
    const report = reportId ? await m.findOneBy(ProgressReport, { id: reportId }) : null;
    const project = report ? await m.findOneBy(DeliveryProject, { id: report.projectId }) : null;
    const proposal = project
      ? await m.findOne(Proposal, { where: { id: project.proposalId }, select: { title: true } })
      : null;
    return {
      projectTitle: proposal?.title ?? '',
      version: Number(input.ids['version'] ?? report?.version ?? 1),
      comments: report?.comments ?? '',
      beneficiaries: report?.beneficiaries ?? 0,
      link: report ? `/delivery/reports/${report.id}` : '/inbox',
    };
  }
}
