import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Proposal } from './proposal.entity';

/** A planned milestone (title, due date, deliverable), per version (0 = working copy). */
@Entity('proposal_milestone')
@Index('IDX_proposal_milestone_proposal', ['proposalId', 'version', 'position'])
export class ProposalMilestone {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'int' }) proposalId!: number;
  @ManyToOne(() => Proposal, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'proposalId', foreignKeyConstraintName: 'FK_proposal_milestone_proposal' })
  proposal?: Proposal;
  @Column({ type: 'int' }) version!: number;
  @Column({ type: 'int' }) position!: number;
  @Column({ type: 'varchar', length: 128 }) title!: string;
  @Column({ type: 'date' }) dueOn!: string;
  @Column({ type: 'varchar', length: 255 }) deliverable!: string;
}
