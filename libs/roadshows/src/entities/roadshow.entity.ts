import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Call } from '@gv/calls';
import { CreatedAt, DateTimeColumn, UpdatedAt } from '@gv/database';

/**
 * draft: being built (the scheduler may run, pitches move); locked: frozen for a last check before
 * publishing; published: sent out. Moving a pitch after publishing makes it a draft again, with the
 * published version kept until the next publish sends the updates.
 */
export type RoadshowStatus = 'draft' | 'locked' | 'published';

/** 项目路演 of one competition: the slot template, the quorum, the draw seed and the agenda's state. */
@Entity('roadshow')
@Index('IDX_roadshow_call', ['callId'], { unique: true })
export class Roadshow {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'int' }) callId!: number;
  @ManyToOne(() => Call, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'callId', foreignKeyConstraintName: 'FK_roadshow_call' })
  call?: Call;
  /** Slot template: pitch + Q&A + changeover minutes (common practice 8 + 7 + 5). */
  @Column({ type: 'int', default: 8 }) pitchMinutes!: number;
  @Column({ type: 'int', default: 7 }) qaMinutes!: number;
  @Column({ type: 'int', default: 5 }) changeoverMinutes!: number;
  /** Non-conflicted judges every pitch needs. */
  @Column({ type: 'int', default: 3 }) quorum!: number;
  /** 抽签 seed: the order inside each session is drawn from it, shown on the agenda. */
  @Column({ type: 'varchar', length: 64 }) seed!: string;
  @Column({ type: 'varchar', length: 16, default: 'draft' }) status!: RoadshowStatus;
  /** How many times the agenda was published: the SEQUENCE of the calendar invitations. */
  @Column({ type: 'int', default: 0 }) version!: number;
  @DateTimeColumn({ nullable: true }) scheduledAt!: Date | null;
  @DateTimeColumn({ nullable: true }) publishedAt!: Date | null;
  /** Lower bound on sessions the scheduler reported with its last run (null when it proved optimal). */
  @Column({ type: 'int', nullable: true }) sessionsLowerBound!: number | null;
  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;
}
