import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeColumn, UpdatedAt } from '@gv/database';
import { Organisation } from '@gv/organisations';
import { Proposal } from '@gv/proposals';
import { Roadshow } from './roadshow.entity';
import { RoadshowSession } from './roadshow-session.entity';

/**
 * One proposal's pitch: its slot (session + start), or why it could not be placed. `published*` keeps
 * what the organisation was last sent, so a publish mails only changes and cancellations.
 */
@Entity('roadshow_pitch')
@Index('IDX_roadshow_pitch_proposal', ['roadshowId', 'proposalId'], { unique: true })
@Index('IDX_roadshow_pitch_code', ['roadshowId', 'checkInCode'], { unique: true })
@Index('IDX_roadshow_pitch_session', ['sessionId', 'startsAt'])
export class RoadshowPitch {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'int' }) roadshowId!: number;
  @ManyToOne(() => Roadshow, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'roadshowId', foreignKeyConstraintName: 'FK_roadshow_pitch_roadshow' })
  roadshow?: Roadshow;
  @Column({ type: 'int' }) proposalId!: number;
  @ManyToOne(() => Proposal, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'proposalId', foreignKeyConstraintName: 'FK_roadshow_pitch_proposal' })
  proposal?: Proposal;
  @Column({ type: 'int', nullable: true }) sessionId!: number | null;
  @ManyToOne(() => RoadshowSession, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'sessionId', foreignKeyConstraintName: 'FK_roadshow_pitch_session' })
  session?: RoadshowSession | null;
  @DateTimeColumn({ nullable: true }) startsAt!: Date | null;
  @DateTimeColumn({ nullable: true }) endsAt!: Date | null;
  /** Why the scheduler could not place it (no_session_for_track, no_session_with_quorum, unavailable, no_free_slot). */
  @Column({ type: 'varchar', length: 32, nullable: true }) unplacedReason!: string | null;
  /** Short code the organisation shows at the check-in desk (also as a QR code). */
  @Column({ type: 'varchar', length: 8 }) checkInCode!: string;
  @DateTimeColumn({ nullable: true }) checkedInAt!: Date | null;
  @Column({ type: 'boolean', default: false }) noShow!: boolean;
  @Column({ type: 'int', nullable: true }) publishedSessionId!: number | null;
  @DateTimeColumn({ nullable: true }) publishedStartsAt!: Date | null;
  @UpdatedAt() updatedAt!: Date;
}

/** Times an organisation cannot come (for all its proposals); the scheduler keeps pitches out of them. */
@Entity('roadshow_unavailability')
@Index('IDX_roadshow_unavailability_org', ['roadshowId', 'organisationId'])
export class RoadshowUnavailability {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'int' }) roadshowId!: number;
  @ManyToOne(() => Roadshow, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'roadshowId',
    foreignKeyConstraintName: 'FK_roadshow_unavailability_roadshow',
  })
  roadshow?: Roadshow;
  @Column({ type: 'int' }) organisationId!: number;
  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'organisationId',
    foreignKeyConstraintName: 'FK_roadshow_unavailability_org',
  })
  organisation?: Organisation;
  @DateTimeColumn() startsAt!: Date;
  @DateTimeColumn() endsAt!: Date;
  @Column({ type: 'varchar', length: 255, default: '' }) note!: string;
}
