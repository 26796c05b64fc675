import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Call } from '@gv/calls';
import { CreatedAt, DateTimeColumn } from '@gv/database';

export type PublicityStatus = 'open' | 'reopened' | 'final';

/** 公示: one published round of results with its objection period (working days). */
@Entity('publicity')
@Index('IDX_publicity_call_round', ['callId', 'round'], { unique: true })
export class Publicity {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'int' }) callId!: number;
  @ManyToOne(() => Call, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'callId', foreignKeyConstraintName: 'FK_publicity_call' })
  call?: Call;
  @Column({ type: 'int' }) runId!: number;
  @Column({ type: 'int' }) round!: number;
  @DateTimeColumn() publishedAt!: Date;
  /** The last moment an objection is taken (end of the last working day, Shanghai). */
  @DateTimeColumn() deadline!: Date;
  @Column({ type: 'int' }) workingDays!: number;
  @Column({ type: 'varchar', length: 255, default: '' }) contact!: string;
  @Column({ type: 'varchar', length: 16, default: 'open' }) status!: PublicityStatus;
  @DateTimeColumn({ nullable: true }) finalisedAt!: Date | null;
  /** 'period' (ended with no open objection) or 'decision' (the street office's recorded decision). */
  @Column({ type: 'varchar', length: 16, nullable: true }) finalisedBy!:
    'period' | 'decision' | null;
  @Column({ type: 'varchar', length: 500, default: '' }) decisionReason!: string;
  @Column({ type: 'int', nullable: true }) publishedById!: number | null;
}

export type ObjectionStatus = 'open' | 'upheld' | 'rejected';

/** 异议: filed during the period; staff answer each with a recorded reply. Contact data stays private. */
@Entity('objection')
@Index('IDX_objection_publicity', ['publicityId', 'status'])
export class Objection {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'int' }) publicityId!: number;
  @ManyToOne(() => Publicity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'publicityId', foreignKeyConstraintName: 'FK_objection_publicity' })
  publicity?: Publicity;
  @Column({ type: 'int' }) callId!: number;
  @Column({ type: 'int', nullable: true }) proposalId!: number | null;
  @Column({ type: 'int', nullable: true }) userId!: number | null;
  @Column({ type: 'varchar', length: 64 }) name!: string;
  @Column({ type: 'varchar', length: 191 }) email!: string;
  @Column({ type: 'text' }) body!: string;
  @Column({ type: 'varchar', length: 16, default: 'open' }) status!: ObjectionStatus;
  @Column({ type: 'text', nullable: true }) reply!: string | null;
  @Column({ type: 'int', nullable: true }) repliedById!: number | null;
  @DateTimeColumn({ nullable: true }) repliedAt!: Date | null;
  @CreatedAt() createdAt!: Date;
}

/**
 * The official working calendar (放假与调休): a year is usable only when it is listed here (seeded from
 * the maintained `chinese-days` data, or typed in by staff); its days are weekdays except the listed
 * holidays, plus the listed adjusted working days.
 */
@Entity('work_calendar_year')
export class WorkCalendarYear {
  @PrimaryColumn({ type: 'int' }) year!: number;
  @Column({ type: 'varchar', length: 32 }) source!: string;
  @CreatedAt() createdAt!: Date;
}

@Entity('work_calendar_day')
export class WorkCalendarDay {
  /** YYYY-MM-DD (Shanghai). */
  @PrimaryColumn({ type: 'varchar', length: 10 }) date!: string;
  @Column({ type: 'varchar', length: 8 }) kind!: 'holiday' | 'workday';
  @Column({ type: 'varchar', length: 64, default: '' }) name!: string;
}
