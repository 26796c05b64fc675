import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, FenColumn } from '@gv/database';
import { Track } from '@gv/calls';
import { Proposal } from './proposal.entity';

/** A submitted version: the scalar content at submission (child rows carry the same version number). */
@Entity('proposal_version')
@Index('IDX_proposal_version_unique', ['proposalId', 'version'], { unique: true })
export class ProposalVersion {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'int' }) proposalId!: number;
  @ManyToOne(() => Proposal, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'proposalId', foreignKeyConstraintName: 'FK_proposal_version_proposal' })
  proposal?: Proposal;
  @Column({ type: 'int' }) version!: number;
  @Column({ type: 'varchar', length: 128 }) title!: string;
  @Column({ type: 'varchar', length: 16 }) track!: Track;
  @Column({ type: 'int', nullable: true }) needId!: number | null;
  @Column({ type: 'simple-array', nullable: true }) beneficiaryGroups!: string[] | null;
  @Column({ type: 'int', default: 0 }) beneficiaryCount!: number;
  @Column({ type: 'text', nullable: true }) summary!: string | null;
  @Column({ type: 'text', nullable: true }) objectives!: string | null;
  @Column({ type: 'text', nullable: true }) activities!: string | null;
  @Column({ type: 'text', nullable: true }) team!: string | null;
  @FenColumn() totalFen!: number;
  @FenColumn() coFundingFen!: number;
  @Column({ type: 'int', nullable: true }) submittedById!: number | null;
  @CreatedAt() createdAt!: Date;
}
