import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DateTimeColumn, UpdatedAt } from '@gv/database';
import { CallChecklistItem } from '@gv/calls';
import { Proposal } from '@gv/proposals';

export enum ScreeningDecision {
  Eligible = 'eligible',
  Returned = 'returned', // 退回修改
  Rejected = 'rejected',
}
export const SCREENING_DECISIONS: readonly ScreeningDecision[] = Object.values(ScreeningDecision);

/**
 * 资格审查: the staff decision on a proposal. Hidden from the organisation until `publishedAt`
 * (the admin publishes a call's decisions in one batch).
 */
@Entity('screening')
@Index('IDX_screening_published', ['publishedAt'])
export class Screening {
  @PrimaryColumn({ type: 'int' }) proposalId!: number;
  @ManyToOne(() => Proposal, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'proposalId', foreignKeyConstraintName: 'FK_screening_proposal' })
  proposal?: Proposal;
  @Column({ type: 'int' }) callId!: number;
  /** The proposal version that was screened. */
  @Column({ type: 'int' }) version!: number;
  @Column({ type: 'varchar', length: 16 }) decision!: ScreeningDecision;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  /** For `returned`: the organisation must resubmit before this instant. */
  @DateTimeColumn({ nullable: true }) correctionDeadline!: Date | null;
  @Column({ type: 'int', nullable: true }) decidedById!: number | null;
  @DateTimeColumn({ nullable: true }) publishedAt!: Date | null;
  @UpdatedAt() updatedAt!: Date;
}

/** One checklist item's result for a proposal. */
@Entity('screening_check')
export class ScreeningCheck {
  @PrimaryColumn({ type: 'int' }) proposalId!: number;
  @PrimaryColumn({ type: 'int' }) checklistItemId!: number;
  @ManyToOne(() => Proposal, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'proposalId', foreignKeyConstraintName: 'FK_screening_check_proposal' })
  proposal?: Proposal;
  @ManyToOne(() => CallChecklistItem, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'checklistItemId', foreignKeyConstraintName: 'FK_screening_check_item' })
  checklistItem?: CallChecklistItem;
  @Column({ type: 'boolean' }) passed!: boolean;
  @Column({ type: 'varchar', length: 255, nullable: true }) note!: string | null;
}
