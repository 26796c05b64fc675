import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, DateTimeColumn, FenColumn, UpdatedAt } from '@gv/database';
import { Call, Track } from '@gv/calls';
import { BeneficiaryGroup, Need } from '@gv/needs';
import { Organisation } from '@gv/organisations';

/**
 * Status as the organisation sees it. `submitted` covers "under screening" until the admin publishes
 * the decisions; then it becomes eligible / returned / rejected. Persisted identifiers.
 */
export enum ProposalStatus {
  Draft = 'draft',
  Submitted = 'submitted',
  Returned = 'returned', // 退回修改
  Eligible = 'eligible', // 通过资格审查
  Rejected = 'rejected',
  Withdrawn = 'withdrawn',
}
export const PROPOSAL_STATUSES: readonly ProposalStatus[] = Object.values(ProposalStatus);

/**
 * 申报: the working copy of a proposal. Its child rows with `version = 0` are the working copy too;
 * each submission snapshots the content as version 1, 2, … (ProposalVersion + child rows).
 */
@Entity('proposal')
@Index('IDX_proposal_number', ['number'], { unique: true })
@Index('IDX_proposal_call_status', ['callId', 'status', 'id'])
@Index('IDX_proposal_org', ['organisationId', 'callId'])
@Index('IDX_proposal_status', ['status', 'id'])
@Index('IDX_proposal_title', ['title'])
@Index('IDX_proposal_first_community', ['firstCommunityId', 'status'])
export class Proposal {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'int' }) callId!: number;
  @ManyToOne(() => Call, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'callId', foreignKeyConstraintName: 'FK_proposal_call' })
  call?: Call;
  @Column({ type: 'int' }) organisationId!: number;
  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisationId', foreignKeyConstraintName: 'FK_proposal_organisation' })
  organisation?: Organisation;
  @Column({ type: 'int', nullable: true }) needId!: number | null;
  @ManyToOne(() => Need, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'needId', foreignKeyConstraintName: 'FK_proposal_need' })
  need?: Need | null;
  /** DG-2026-007, given on first submission. */
  @Column({ type: 'varchar', length: 32, nullable: true }) number!: string | null;
  @Column({ type: 'varchar', length: 16, default: ProposalStatus.Draft }) status!: ProposalStatus;
  @Column({ type: 'varchar', length: 128, default: '' }) title!: string;
  @Column({ type: 'varchar', length: 16, default: Track.Venture }) track!: Track;
  /** First-preference host community (denormalised from proposal_community for the staff list). */
  @Column({ type: 'int', nullable: true }) firstCommunityId!: number | null;
  @Column({ type: 'simple-array', nullable: true }) beneficiaryGroups!: BeneficiaryGroup[] | null;
  @Column({ type: 'int', default: 0 }) beneficiaryCount!: number;
  @Column({ type: 'text', nullable: true }) summary!: string | null;
  @Column({ type: 'text', nullable: true }) objectives!: string | null;
  @Column({ type: 'text', nullable: true }) activities!: string | null;
  @Column({ type: 'text', nullable: true }) team!: string | null;
  /** Requested grant: the sum of the budget lines, computed on the server. */
  @FenColumn({ default: 0 }) totalFen!: number;
  @FenColumn({ default: 0 }) coFundingFen!: number;
  /** Last submitted version (0: never submitted). */
  @Column({ type: 'int', default: 0 }) currentVersion!: number;
  @DateTimeColumn({ nullable: true }) submittedAt!: Date | null;
  @DateTimeColumn({ nullable: true }) withdrawnAt!: Date | null;
  /** While `returned`: the organisation may correct and resubmit until then (set by the screening decision). */
  @DateTimeColumn({ nullable: true }) correctionDeadline!: Date | null;
  /** Working copy changed since the last submitted version. */
  @Column({ type: 'boolean', default: false }) hasUnsubmittedChanges!: boolean;
  @Column({ type: 'int', nullable: true }) createdById!: number | null;
  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;
}
