import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Call } from '@gv/calls';
import { CreatedAt, DateTimeColumn, FenColumn, UpdatedAt } from '@gv/database';
import { Proposal } from '@gv/proposals';

export type FundingRuleName = 'greedy' | 'greedy-no-skip' | 'knapsack';
export const FUNDING_RULES: readonly FundingRuleName[] = ['greedy', 'greedy-no-skip', 'knapsack'];

/** A call's funding rule and constraints (立项规则): pass line, track budgets, community quotas, 核减. */
@Entity('funding_settings')
@Index('IDX_funding_settings_call', ['callId'], { unique: true })
export class FundingSettings {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'int' }) callId!: number;
  @ManyToOne(() => Call, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'callId', foreignKeyConstraintName: 'FK_funding_settings_call' })
  call?: Call;
  @Column({ type: 'varchar', length: 24, default: 'greedy' }) rule!: FundingRuleName;
  /** 及格线 in hundredths of a point (6000 = 60.00), or null. */
  @Column({ type: 'int', nullable: true }) passLineCenti!: number | null;
  /** 分赛道预算: track → cap in fen. */
  @Column({ type: 'simple-json', nullable: true }) trackBudgets!: Record<string, number> | null;
  /** Per community id: the min/max number of funded projects. */
  @Column({ type: 'simple-json', nullable: true }) communityQuotas!: Record<
    string,
    { min?: number; max?: number }
  > | null;
  /** 核减: fund what remains when it is at least this share (percent) of the request; null = never. */
  @Column({ type: 'int', nullable: true }) reducedMinSharePct!: number | null;
  /** 抽签种子 for ties. */
  @Column({ type: 'varchar', length: 64 }) seed!: string;
  /** 公示期 in working days. */
  @Column({ type: 'int', default: 5 }) objectionWorkingDays!: number;
  /** Who takes objections (phone / address / email of the office), printed on the notice. */
  @Column({ type: 'varchar', length: 255, default: '' }) objectionContact!: string;
  /** 居民网上议事厅: residents approve up to `voteMaxApprovals` projects in the window. */
  @Column({ type: 'boolean', default: false }) voteEnabled!: boolean;
  @DateTimeColumn({ nullable: true }) voteOpensAt!: Date | null;
  @DateTimeColumn({ nullable: true }) voteClosesAt!: Date | null;
  @Column({ type: 'int', default: 3 }) voteMaxApprovals!: number;
  /** 'weighted': the vote's share (percent) of the final score; 'equal_shares': the vote decides alone. */
  @Column({ type: 'varchar', length: 16, default: 'weighted' }) voteMode!:
    'weighted' | 'equal_shares';
  @Column({ type: 'int', default: 20 }) voteWeightPct!: number;
  @UpdatedAt() updatedAt!: Date;
}

export type FundingRunStatus = 'dry_run' | 'approved' | 'superseded';

/**
 * A ranking version (排名版本): the frozen inputs (per line), the rule and seed, the result with its
 * trace, and hashes of both. The chair approves one on behalf of the review group.
 */
@Entity('funding_run')
@Index('IDX_funding_run_call_version', ['callId', 'version'], { unique: true })
export class FundingRun {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'int' }) callId!: number;
  @ManyToOne(() => Call, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'callId', foreignKeyConstraintName: 'FK_funding_run_call' })
  call?: Call;
  @Column({ type: 'int' }) version!: number;
  @Column({ type: 'varchar', length: 24 }) rule!: FundingRuleName;
  /** The settings and overrides the run used (small). */
  @Column({ type: 'simple-json' }) config!: Record<string, unknown>;
  @Column({ type: 'varchar', length: 64 }) inputsHash!: string;
  @Column({ type: 'varchar', length: 64 }) resultHash!: string;
  @FenColumn() budgetCapFen!: number;
  @FenColumn() totalFundedFen!: number;
  @Column({ type: 'varchar', length: 16, default: 'dry_run' }) status!: FundingRunStatus;
  /** Panel members present at the decision (ids). */
  @Column({ type: 'simple-json', nullable: true }) presentMemberIds!: number[] | null;
  @DateTimeColumn({ nullable: true }) approvedAt!: Date | null;
  @Column({ type: 'int', nullable: true }) approvedById!: number | null;
  /** Why this version was made (e.g. an upheld objection). */
  @Column({ type: 'varchar', length: 500, default: '' }) note!: string;
  @Column({ type: 'int', nullable: true }) createdById!: number | null;
  @CreatedAt() createdAt!: Date;
}

/** One proposal's line in a ranking version: the frozen input and the decision, in rank order. */
@Entity('funding_run_line')
@Index('IDX_funding_run_line_run_rank', ['runId', 'rank'])
export class FundingRunLine {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'int' }) runId!: number;
  @ManyToOne(() => FundingRun, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'runId', foreignKeyConstraintName: 'FK_funding_run_line_run' })
  run?: FundingRun;
  @Column({ type: 'int' }) proposalId!: number;
  @Column({ type: 'int' }) rank!: number;
  /** Exact score "num/den" and its display (2 decimals). */
  @Column({ type: 'varchar', length: 64 }) scoreExact!: string;
  @Column({ type: 'varchar', length: 16 }) score!: string;
  @Column({ type: 'varchar', length: 16 }) track!: string;
  @Column({ type: 'int', nullable: true }) communityId!: number | null;
  @FenColumn() requestedFen!: number;
  @FenColumn() amountFen!: number;
  @FenColumn() remainingAfterFen!: number;
  @Column({ type: 'varchar', length: 32 }) decision!: string;
  @Column({ type: 'simple-json' }) notes!: {
    code: string;
    params?: Record<string, string | number>;
  }[];
}

export type OverrideAction = 'fund' | 'exclude' | 'amount';

/** 调整: fund / do not fund / change an amount, with a reason; re-checked against every cap. */
@Entity('funding_override')
@Index('IDX_funding_override_call_proposal', ['callId', 'proposalId'], { unique: true })
export class FundingOverride {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'int' }) callId!: number;
  @Column({ type: 'int' }) proposalId!: number;
  @ManyToOne(() => Proposal, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'proposalId', foreignKeyConstraintName: 'FK_funding_override_proposal' })
  proposal?: Proposal;
  @Column({ type: 'varchar', length: 16 }) action!: OverrideAction;
  @FenColumn({ nullable: true }) amountFen!: number | null;
  @Column({ type: 'varchar', length: 500 }) reason!: string;
  @Column({ type: 'int', nullable: true }) byId!: number | null;
  @CreatedAt() createdAt!: Date;
}

/** 预算台账: committed and cap per call ('*') and per track; awards lock the row. */
@Entity('funding_ledger')
@Index('IDX_funding_ledger_call_track', ['callId', 'track'], { unique: true })
export class FundingLedger {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'int' }) callId!: number;
  @ManyToOne(() => Call, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'callId', foreignKeyConstraintName: 'FK_funding_ledger_call' })
  call?: Call;
  /** '*' for the whole call, else a track. */
  @Column({ type: 'varchar', length: 16 }) track!: string;
  @FenColumn() capFen!: number;
  @FenColumn({ default: 0 }) committedFen!: number;
  @UpdatedAt() updatedAt!: Date;
}

export type AwardStatus = 'awarded' | 'withdrawn';

/** 立项: a proposal funded with an amount; the delivery issue builds on it. */
@Entity('funding_award')
@Index('IDX_funding_award_proposal', ['proposalId'], { unique: true })
@Index('IDX_funding_award_call', ['callId', 'status'])
export class FundingAward {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'int' }) callId!: number;
  @Column({ type: 'int', nullable: true }) runId!: number | null;
  @Column({ type: 'int' }) proposalId!: number;
  @ManyToOne(() => Proposal, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'proposalId', foreignKeyConstraintName: 'FK_funding_award_proposal' })
  proposal?: Proposal;
  @Column({ type: 'varchar', length: 16 }) track!: string;
  @FenColumn() requestedFen!: number;
  @FenColumn() amountFen!: number;
  @Column({ type: 'varchar', length: 16, default: 'awarded' }) status!: AwardStatus;
  /** Why the amount differs from the request, or why the award was withdrawn. */
  @Column({ type: 'varchar', length: 500, default: '' }) reason!: string;
  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;
}
