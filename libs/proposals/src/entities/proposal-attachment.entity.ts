import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '@gv/database';
import { Proposal } from './proposal.entity';

/** A file attached to a proposal; the bytes live in FileStorage under `storageKey`. */
@Entity('proposal_attachment')
@Index('IDX_proposal_attachment_proposal', ['proposalId'])
export class ProposalAttachment {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'int' }) proposalId!: number;
  @ManyToOne(() => Proposal, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'proposalId', foreignKeyConstraintName: 'FK_proposal_attachment_proposal' })
  proposal?: Proposal;
  @Column({ type: 'varchar', length: 255 }) fileName!: string;
  @Column({ type: 'varchar', length: 128 }) mimeType!: string;
  @Column({ type: 'int' }) sizeBytes!: number;
  @Column({ type: 'varchar', length: 255 }) storageKey!: string;
  @Column({ type: 'int', nullable: true }) uploadedById!: number | null;
  @CreatedAt() createdAt!: Date;
}
