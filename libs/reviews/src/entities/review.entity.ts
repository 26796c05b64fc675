import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Call } from '@gv/calls';
import { CreatedAt, DateTimeColumn, UpdatedAt } from '@gv/database';
import { PanelMember } from '@gv/panels';
import { Proposal } from '@gv/proposals';

export interface RubricCriterion {
  id: string;
  label: string;
  labelEn: string;
  maxPoints: number;
  weight: number;
  allowNa: boolean;
  /** Level descriptors shown to the judge, lowest first. */
  levels: string[];
}

export type ReviewMethod = 'mean' | 'trimmed_mean' | 'median' | 'zscore';
export const REVIEW_METHODS: readonly ReviewMethod[] = ['mean', 'trimmed_mean', 'median', 'zscore'];

/** 评分细则 of a competition: criteria, the aggregation method; frozen when the first sheet is saved. */
@Entity('review_rubric')
@Index('IDX_review_rubric_call', ['callId'], { unique: true })
export class ReviewRubric {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'int' }) callId!: number;
  @ManyToOne(() => Call, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'callId', foreignKeyConstraintName: 'FK_review_rubric_call' })
  call?: Call;
  @Column({ type: 'simple-json' }) criteria!: RubricCriterion[];
  @Column({ type: 'varchar', length: 16, default: 'trimmed_mean' }) method!: ReviewMethod;
  /** Flag a proposal when its sheets differ by more than this many points (of 100). */
  @Column({ type: 'int', default: 20 }) divergenceThreshold!: number;
  /** Criterion that breaks ties, if any. */
  @Column({ type: 'varchar', length: 32, nullable: true }) tieBreak!: string | null;
  @DateTimeColumn({ nullable: true }) frozenAt!: Date | null;
  /** The chair released peers' scores to judges who have submitted (no anchoring before). */
  @DateTimeColumn({ nullable: true }) peersReleasedAt!: Date | null;
  @UpdatedAt() updatedAt!: Date;
}

/** 评分表: one judge's sheet for one proposal; `version` guards against a lost write. */
@Entity('review_sheet')
@Index('IDX_review_sheet_member_proposal', ['memberId', 'proposalId'], { unique: true })
@Index('IDX_review_sheet_proposal', ['proposalId', 'status'])
export class ReviewSheet {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'int' }) callId!: number;
  @Column({ type: 'int' }) proposalId!: number;
  @ManyToOne(() => Proposal, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'proposalId', foreignKeyConstraintName: 'FK_review_sheet_proposal' })
  proposal?: Proposal;
  @Column({ type: 'int' }) memberId!: number;
  @ManyToOne(() => PanelMember, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'memberId', foreignKeyConstraintName: 'FK_review_sheet_member' })
  member?: PanelMember;
  /** criterion id → points, or null for N/A. */
  @Column({ type: 'simple-json' }) scores!: Record<string, number | null>;
  @Column({ type: 'simple-json' }) comments!: Record<string, string>;
  @Column({ type: 'text', nullable: true }) overall!: string | null;
  @Column({ type: 'varchar', length: 16, default: 'draft' }) status!: 'draft' | 'submitted';
  @Column({ type: 'int', default: 1 }) version!: number;
  @DateTimeColumn({ nullable: true }) submittedAt!: Date | null;
  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;
}

/** The chair's record on a divergent proposal: discussion notes and, if agreed, an adjustment. */
@Entity('review_consensus')
@Index('IDX_review_consensus_proposal', ['proposalId'], { unique: true })
export class ReviewConsensus {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'int' }) proposalId!: number;
  @ManyToOne(() => Proposal, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'proposalId', foreignKeyConstraintName: 'FK_review_consensus_proposal' })
  proposal?: Proposal;
  @Column({ type: 'text' }) notes!: string;
  /** Points added to (or taken from) the aggregate, in hundredths (e.g. -250 = -2.50). */
  @Column({ type: 'int', default: 0 }) adjustmentCentiPoints!: number;
  @Column({ type: 'varchar', length: 500, default: '' }) reason!: string;
  @Column({ type: 'int', nullable: true }) decidedById!: number | null;
  @UpdatedAt() updatedAt!: Date;
}
