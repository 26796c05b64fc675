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
  /** Weighted panel groups (e.g. expert 40, street 20, community 20, resident 20); null = one panel. */
  @Column({ type: 'simple-json', nullable: true }) groupWeights!: Record<string, number> | null;
  /** Judges per proposal, balanced by load (null = every judge scores every proposal). */
  @Column({ type: 'int', nullable: true }) judgesPerProposal!: number | null;
  /** The seed of the last assignment draw (recorded so it can be re-run). */
  @Column({ type: 'varchar', length: 64, nullable: true }) assignmentSeed!: string | null;
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
  /** 'online', or 'paper' when typed in from a paper sheet and confirmed by a second staff member. */
  @Column({ type: 'varchar', length: 8, default: 'online' }) source!: 'online' | 'paper';
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

/**
 * With N judges per proposal: who scores what. Rows are kept while valid; a judge recused later is
 * replaced by the least-loaded free judge (`replacesMemberId` records whom they replaced).
 */
@Entity('review_assignment')
@Index('IDX_review_assignment_member_proposal', ['memberId', 'proposalId'], { unique: true })
@Index('IDX_review_assignment_call', ['callId', 'proposalId'])
export class ReviewAssignment {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'int' }) callId!: number;
  @Column({ type: 'int' }) proposalId!: number;
  @ManyToOne(() => Proposal, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'proposalId', foreignKeyConstraintName: 'FK_review_assignment_proposal' })
  proposal?: Proposal;
  @Column({ type: 'int' }) memberId!: number;
  @ManyToOne(() => PanelMember, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'memberId', foreignKeyConstraintName: 'FK_review_assignment_member' })
  member?: PanelMember;
  @Column({ type: 'int', nullable: true }) replacesMemberId!: number | null;
  @CreatedAt() createdAt!: Date;
}

/**
 * 纸质评分表录入: a paper sheet typed in by one staff member and confirmed by a second one typing it
 * again. Equal entries become the judge's submitted sheet; different ones are shown to both.
 */
@Entity('review_paper_entry')
@Index('IDX_review_paper_entry_member_proposal', ['memberId', 'proposalId'], { unique: true })
export class ReviewPaperEntry {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'int' }) callId!: number;
  @Column({ type: 'int' }) proposalId!: number;
  @ManyToOne(() => Proposal, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'proposalId', foreignKeyConstraintName: 'FK_review_paper_entry_proposal' })
  proposal?: Proposal;
  @Column({ type: 'int' }) memberId!: number;
  @ManyToOne(() => PanelMember, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'memberId', foreignKeyConstraintName: 'FK_review_paper_entry_member' })
  member?: PanelMember;
  @Column({ type: 'int' }) firstById!: number;
  @Column({ type: 'simple-json' }) firstScores!: Record<string, number | null>;
  @Column({ type: 'int', nullable: true }) secondById!: number | null;
  @Column({ type: 'simple-json', nullable: true }) secondScores!: Record<
    string,
    number | null
  > | null;
  @Column({ type: 'varchar', length: 16, default: 'pending' }) status!:
    'pending' | 'mismatch' | 'confirmed';
  @Column({ type: 'int', nullable: true }) sheetId!: number | null;
  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;
}
