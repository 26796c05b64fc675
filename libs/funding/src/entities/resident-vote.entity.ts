import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Call } from '@gv/calls';
import { CreatedAt, DateTimeColumn } from '@gv/database';
import { Proposal } from '@gv/proposals';

/**
 * A resident of the residents' voice (居民网上议事厅): an email confirmed by a mailed code; one vote per
 * confirmed account; the street office can void a suspicious one (audited).
 */
@Entity('resident_voter')
@Index('IDX_resident_voter_email', ['email'], { unique: true })
export class ResidentVoter {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'varchar', length: 191 }) email!: string;
  @Column({ type: 'varchar', length: 16, default: 'pending' }) status!:
    'pending' | 'confirmed' | 'void';
  /** sha256 of the mailed code, and when it stops working. */
  @Column({ type: 'varchar', length: 64, nullable: true }) codeHash!: string | null;
  @DateTimeColumn({ nullable: true }) codeExpiresAt!: Date | null;
  @Column({ type: 'int', default: 0 }) codeAttempts!: number;
  @DateTimeColumn({ nullable: true }) confirmedAt!: Date | null;
  /** sha256 of the session token given at confirmation (the voter's cookie). */
  @Column({ type: 'varchar', length: 64, nullable: true }) tokenHash!: string | null;
  @Column({ type: 'varchar', length: 500, default: '' }) voidReason!: string;
  @Column({ type: 'int', nullable: true }) voidedById!: number | null;
  @CreatedAt() createdAt!: Date;
}

/** One approval of a project by a confirmed resident in a call's voting window. */
@Entity('resident_vote')
@Index('IDX_resident_vote_voter_proposal', ['callId', 'voterId', 'proposalId'], { unique: true })
@Index('IDX_resident_vote_proposal', ['proposalId'])
export class ResidentVote {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'int' }) callId!: number;
  @ManyToOne(() => Call, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'callId', foreignKeyConstraintName: 'FK_resident_vote_call' })
  call?: Call;
  @Column({ type: 'int' }) voterId!: number;
  @ManyToOne(() => ResidentVoter, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'voterId', foreignKeyConstraintName: 'FK_resident_vote_voter' })
  voter?: ResidentVoter;
  @Column({ type: 'int' }) proposalId!: number;
  @ManyToOne(() => Proposal, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'proposalId', foreignKeyConstraintName: 'FK_resident_vote_proposal' })
  proposal?: Proposal;
  @CreatedAt() createdAt!: Date;
}
