import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, DateTimeColumn, FenColumn, UpdatedAt } from '@gv/database';
import { FundingAward } from '@gv/funding';
import { Proposal } from '@gv/proposals';

export type ProjectStatus = 'active' | 'at_risk' | 'suspended' | 'terminated' | 'completed';

/** 项目实施: one funded project from the award to closure. */
@Entity('delivery_project')
@Index('IDX_delivery_project_award', ['awardId'], { unique: true })
@Index('IDX_delivery_project_call', ['callId', 'status'])
export class DeliveryProject {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'int' }) awardId!: number;
  @ManyToOne(() => FundingAward, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'awardId', foreignKeyConstraintName: 'FK_delivery_project_award' })
  award?: FundingAward;
  @Column({ type: 'int' }) proposalId!: number;
  @ManyToOne(() => Proposal, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'proposalId', foreignKeyConstraintName: 'FK_delivery_project_proposal' })
  proposal?: Proposal;
  @Column({ type: 'int' }) callId!: number;
  @Column({ type: 'int' }) organisationId!: number;
  /** The host community (落户社区), when placed. */
  @Column({ type: 'int', nullable: true }) communityId!: number | null;
  @Column({ type: 'varchar', length: 16, default: 'active' }) status!: ProjectStatus;
  /** Project period, Shanghai dates (YYYY-MM-DD). */
  @Column({ type: 'varchar', length: 10 }) startsOn!: string;
  @Column({ type: 'varchar', length: 10 }) endsOn!: string;
  /** 督导: the supervising social worker the street office assigned (an account), if any. */
  @Column({ type: 'int', nullable: true }) evaluatorUserId!: number | null;
  @DateTimeColumn({ nullable: true }) atRiskSince!: Date | null;
  @Column({ type: 'varchar', length: 500, default: '' }) statusReason!: string;
  @DateTimeColumn({ nullable: true }) closedAt!: Date | null;
  /** 结项: money not spent and returned (fen). */
  @FenColumn({ default: 0 }) unspentReturnedFen!: number;
  @Column({ type: 'text', nullable: true }) finalReport!: string | null;
  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;
}

export type AgreementStatus = 'draft' | 'issued' | 'signed_uploaded' | 'checked';

/** 资助协议: parties, amount, period, bank account, tranche schedule; the signed copy checked by staff. */
@Entity('grant_agreement')
@Index('IDX_grant_agreement_project', ['projectId'], { unique: true })
export class GrantAgreement {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'int' }) projectId!: number;
  @ManyToOne(() => DeliveryProject, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'projectId', foreignKeyConstraintName: 'FK_grant_agreement_project' })
  project?: DeliveryProject;
  @FenColumn() amountFen!: number;
  @Column({ type: 'varchar', length: 128, default: '' }) bankAccountName!: string;
  @Column({ type: 'varchar', length: 128, default: '' }) bankName!: string;
  @Column({ type: 'varchar', length: 64, default: '' }) bankAccountNo!: string;
  /** Template name ('50-30-20', …) or 'custom'. */
  @Column({ type: 'varchar', length: 32, default: '50-30-20' }) template!: string;
  @Column({ type: 'varchar', length: 16, default: 'draft' }) status!: AgreementStatus;
  @Column({ type: 'varchar', length: 255, nullable: true }) signedStorageKey!: string | null;
  @Column({ type: 'varchar', length: 255, nullable: true }) signedFileName!: string | null;
  @DateTimeColumn({ nullable: true }) signedUploadedAt!: Date | null;
  @Column({ type: 'int', nullable: true }) checkedById!: number | null;
  @DateTimeColumn({ nullable: true }) checkedAt!: Date | null;
  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;
}

export type TrancheGate = 'signing' | 'midterm' | 'final' | 'none';
export type TrancheStatus = 'scheduled' | 'requested' | 'approved' | 'paid' | 'cancelled';

/** 拨付批次: requested → approved → paid; the approver never records the payment. */
@Entity('tranche')
@Index('IDX_tranche_agreement_seq', ['agreementId', 'seq'], { unique: true })
export class Tranche {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'int' }) agreementId!: number;
  @ManyToOne(() => GrantAgreement, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agreementId', foreignKeyConstraintName: 'FK_tranche_agreement' })
  agreement?: GrantAgreement;
  @Column({ type: 'int' }) projectId!: number;
  @Column({ type: 'int' }) seq!: number;
  @Column({ type: 'varchar', length: 64 }) label!: string;
  @FenColumn() amountFen!: number;
  /** What must have passed before it is paid. */
  @Column({ type: 'varchar', length: 16 }) gate!: TrancheGate;
  @Column({ type: 'varchar', length: 16, default: 'scheduled' }) status!: TrancheStatus;
  @DateTimeColumn({ nullable: true }) requestedAt!: Date | null;
  @Column({ type: 'int', nullable: true }) approvedById!: number | null;
  @DateTimeColumn({ nullable: true }) approvedAt!: Date | null;
  @Column({ type: 'int', nullable: true }) paidById!: number | null;
  @DateTimeColumn({ nullable: true }) paidAt!: Date | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) bankReference!: string | null;
  @UpdatedAt() updatedAt!: Date;
}

/** 追回: money recorded against a project; returns to the call's budget only by a recorded decision. */
@Entity('clawback')
@Index('IDX_clawback_project', ['projectId'])
export class Clawback {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'int' }) projectId!: number;
  @ManyToOne(() => DeliveryProject, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'projectId', foreignKeyConstraintName: 'FK_clawback_project' })
  project?: DeliveryProject;
  @FenColumn() amountFen!: number;
  @Column({ type: 'varchar', length: 500 }) reason!: string;
  /** recorded → recovered (money back) → returned_to_budget (by decision). */
  @Column({ type: 'varchar', length: 24, default: 'recorded' }) status!: string;
  @Column({ type: 'int', nullable: true }) decidedById!: number | null;
  @DateTimeColumn({ nullable: true }) decidedAt!: Date | null;
  @CreatedAt() createdAt!: Date;
}

/** 里程碑: from the proposal, adjustable with the street office's approval. */
@Entity('delivery_milestone')
@Index('IDX_delivery_milestone_project_seq', ['projectId', 'seq'], { unique: true })
@Index('IDX_delivery_milestone_due', ['status', 'dueOn'])
export class DeliveryMilestone {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'int' }) projectId!: number;
  @ManyToOne(() => DeliveryProject, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'projectId', foreignKeyConstraintName: 'FK_delivery_milestone_project' })
  project?: DeliveryProject;
  @Column({ type: 'int' }) seq!: number;
  @Column({ type: 'varchar', length: 128 }) title!: string;
  /** Shanghai date YYYY-MM-DD. */
  @Column({ type: 'varchar', length: 10 }) dueOn!: string;
  @Column({ type: 'varchar', length: 255, default: '' }) deliverable!: string;
  @Column({ type: 'varchar', length: 255, default: '' }) evidence!: string;
  /** open → done (a report accepted for it), or cancelled. Overdue is derived from dueOn. */
  @Column({ type: 'varchar', length: 16, default: 'open' }) status!: 'open' | 'done' | 'cancelled';
  @DateTimeColumn({ nullable: true }) doneAt!: Date | null;
  @UpdatedAt() updatedAt!: Date;
}

/** A requested change of a milestone (date, deliverable): approved or rejected by the street office. */
@Entity('milestone_change')
@Index('IDX_milestone_change_milestone', ['milestoneId'])
export class MilestoneChange {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'int' }) milestoneId!: number;
  @ManyToOne(() => DeliveryMilestone, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'milestoneId', foreignKeyConstraintName: 'FK_milestone_change_milestone' })
  milestone?: DeliveryMilestone;
  @Column({ type: 'varchar', length: 10, nullable: true }) dueOn!: string | null;
  @Column({ type: 'varchar', length: 255, nullable: true }) deliverable!: string | null;
  @Column({ type: 'varchar', length: 500 }) reason!: string;
  @Column({ type: 'varchar', length: 16, default: 'pending' }) status!:
    'pending' | 'approved' | 'rejected';
  @Column({ type: 'int', nullable: true }) requestedById!: number | null;
  @Column({ type: 'int', nullable: true }) decidedById!: number | null;
  @CreatedAt() createdAt!: Date;
}

/**
 * What the tracking sweep has done for a milestone: one row per step ('reminder_7d', 'reminder_1d',
 * 'overdue', 'escalation', …), unique — the key that makes every step happen exactly once.
 */
@Entity('milestone_step')
@Index('IDX_milestone_step_key', ['milestoneId', 'step'], { unique: true })
export class MilestoneStep {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'int' }) milestoneId!: number;
  @ManyToOne(() => DeliveryMilestone, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'milestoneId', foreignKeyConstraintName: 'FK_milestone_step_milestone' })
  milestone?: DeliveryMilestone;
  @Column({ type: 'varchar', length: 24 }) step!: string;
  @CreatedAt() createdAt!: Date;
}

export type ReportStatus = 'submitted' | 'returned' | 'accepted';

/** 进展报告: numbers, narrative, spending against budget lines; accepted or returned with comments. */
@Entity('progress_report')
@Index('IDX_progress_report_project', ['projectId', 'status'])
export class ProgressReport {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'int' }) projectId!: number;
  @ManyToOne(() => DeliveryProject, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'projectId', foreignKeyConstraintName: 'FK_progress_report_project' })
  project?: DeliveryProject;
  @Column({ type: 'int', nullable: true }) milestoneId!: number | null;
  @Column({ type: 'int', default: 0 }) beneficiaries!: number;
  @Column({ type: 'int', default: 0 }) serviceHours!: number;
  @Column({ type: 'int', default: 0 }) activities!: number;
  @Column({ type: 'text' }) narrative!: string;
  /** Budget line id → fen spent. */
  @Column({ type: 'simple-json' }) spending!: Record<string, number>;
  @Column({ type: 'varchar', length: 16, default: 'submitted' }) status!: ReportStatus;
  @Column({ type: 'text', nullable: true }) comments!: string | null;
  @Column({ type: 'int', default: 1 }) version!: number;
  @Column({ type: 'int', nullable: true }) submittedById!: number | null;
  @Column({ type: 'int', nullable: true }) decidedById!: number | null;
  @DateTimeColumn({ nullable: true }) decidedAt!: Date | null;
  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;
}

/** A photo or file of a report; a photo of people is public only with the organisation's consent mark. */
@Entity('report_file')
@Index('IDX_report_file_report', ['reportId'])
export class ReportFile {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'int' }) reportId!: number;
  @ManyToOne(() => ProgressReport, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'reportId', foreignKeyConstraintName: 'FK_report_file_report' })
  report?: ProgressReport;
  @Column({ type: 'varchar', length: 255 }) fileName!: string;
  @Column({ type: 'varchar', length: 128 }) mimeType!: string;
  @Column({ type: 'int' }) sizeBytes!: number;
  @Column({ type: 'varchar', length: 255 }) storageKey!: string;
  @Column({ type: 'boolean', default: false }) showsPeople!: boolean;
  @Column({ type: 'boolean', default: false }) publicConsent!: boolean;
  @CreatedAt() createdAt!: Date;
}

export type EvaluationKind = 'midterm' | 'final';

/** 督导评估: mid-term or final, scored on a rubric (@gv/scoring); pass releases the next tranche. */
@Entity('delivery_evaluation')
@Index('IDX_delivery_evaluation_project', ['projectId', 'kind'])
export class DeliveryEvaluation {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'int' }) projectId!: number;
  @ManyToOne(() => DeliveryProject, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'projectId', foreignKeyConstraintName: 'FK_delivery_evaluation_project' })
  project?: DeliveryProject;
  @Column({ type: 'varchar', length: 16 }) kind!: EvaluationKind;
  /** criterion id → points (null = N/A). */
  @Column({ type: 'simple-json' }) scores!: Record<string, number | null>;
  /** Score on 0–100, 2 decimals. */
  @Column({ type: 'varchar', length: 16 }) score!: string;
  @Column({ type: 'varchar', length: 8 }) result!: 'pass' | 'fail';
  /** On a fail: improvement plan, suspension or termination. */
  @Column({ type: 'varchar', length: 16, nullable: true }) outcome!:
    'improvement' | 'suspension' | 'termination' | null;
  @Column({ type: 'text' }) comments!: string;
  @FenColumn({ default: 0 }) clawbackFen!: number;
  @Column({ type: 'int', nullable: true }) evaluatorId!: number | null;
  @CreatedAt() createdAt!: Date;
}

/** 示范点 budget of a year (the street office's own cap and ledger, separate from the calls'). */
@Entity('demo_site_budget')
@Index('IDX_demo_site_budget_year', ['year'], { unique: true })
export class DemoSiteBudget {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'int' }) year!: number;
  @FenColumn() capFen!: number;
  @FenColumn({ default: 0 }) committedFen!: number;
  @UpdatedAt() updatedAt!: Date;
}

/** 示范点 award after completion: nominated → awarded (5,000–10,000 yuan) or declined. */
@Entity('demo_site_award')
@Index('IDX_demo_site_award_project', ['projectId'], { unique: true })
export class DemoSiteAward {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'int' }) projectId!: number;
  @ManyToOne(() => DeliveryProject, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'projectId', foreignKeyConstraintName: 'FK_demo_site_award_project' })
  project?: DeliveryProject;
  @Column({ type: 'int' }) year!: number;
  @Column({ type: 'varchar', length: 16, default: 'nominated' }) status!:
    'nominated' | 'awarded' | 'declined';
  @FenColumn({ default: 0 }) amountFen!: number;
  @Column({ type: 'varchar', length: 500, default: '' }) reason!: string;
  @Column({ type: 'int', nullable: true }) nominatedById!: number | null;
  @Column({ type: 'int', nullable: true }) decidedById!: number | null;
  @UpdatedAt() updatedAt!: Date;
}
