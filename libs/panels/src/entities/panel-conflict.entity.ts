import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, UpdatedAt } from '@gv/database';
import { Proposal } from '@gv/proposals';
import { PanelMember } from './panel-member.entity';

/**
 * A decision on a conflict of interest between a panel member and a proposal: a detected one confirmed
 * or dismissed (with a reason), or one declared by the member or the street office. A pinned conflict
 * cannot be dismissed. Detected conflicts without a row here count as conflicts (suggested).
 */
@Entity('panel_conflict')
@Index('IDX_panel_conflict_member_proposal', ['memberId', 'proposalId'], { unique: true })
@Index('IDX_panel_conflict_proposal', ['proposalId'])
export class PanelConflict {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'int' }) memberId!: number;
  @ManyToOne(() => PanelMember, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'memberId', foreignKeyConstraintName: 'FK_panel_conflict_member' })
  member?: PanelMember;
  @Column({ type: 'int' }) proposalId!: number;
  @ManyToOne(() => Proposal, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'proposalId', foreignKeyConstraintName: 'FK_panel_conflict_proposal' })
  proposal?: Proposal;
  @Column({ type: 'varchar', length: 16 }) status!: 'confirmed' | 'dismissed';
  @Column({ type: 'varchar', length: 16 }) source!: 'detected' | 'declared';
  @Column({ type: 'varchar', length: 500, default: '' }) reason!: string;
  @Column({ type: 'boolean', default: false }) pinned!: boolean;
  @Column({ type: 'int', nullable: true }) decidedById!: number | null;
  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;
}
