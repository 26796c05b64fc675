import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { DateTimeColumn } from '@gv/database';
import { PanelMember } from '@gv/panels';
import { Track } from '@gv/calls';
import { Roadshow } from './roadshow.entity';

/** 路演场次: a room for a time, a track (or all), the judges sitting and the chair. */
@Entity('roadshow_session')
@Index('IDX_roadshow_session_roadshow', ['roadshowId', 'startsAt'])
export class RoadshowSession {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'int' }) roadshowId!: number;
  @ManyToOne(() => Roadshow, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'roadshowId', foreignKeyConstraintName: 'FK_roadshow_session_roadshow' })
  roadshow?: Roadshow;
  @DateTimeColumn() startsAt!: Date;
  @DateTimeColumn() endsAt!: Date;
  @Column({ type: 'varchar', length: 64 }) room!: string;
  @Column({ type: 'varchar', length: 255, default: '' }) address!: string;
  @Column({ type: 'int', default: 0 }) capacity!: number;
  /** null: open to every track. */
  @Column({ type: 'varchar', length: 16, nullable: true }) track!: Track | null;
  @Column({ type: 'int', nullable: true }) chairMemberId!: number | null;
  @ManyToOne(() => PanelMember, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'chairMemberId', foreignKeyConstraintName: 'FK_roadshow_session_chair' })
  chair?: PanelMember | null;
}

/** A judge sitting in a session (a panel member of the competition). */
@Entity('roadshow_session_judge')
export class RoadshowSessionJudge {
  @PrimaryColumn({ type: 'int' }) sessionId!: number;
  @PrimaryColumn({ type: 'int' }) memberId!: number;
  @ManyToOne(() => RoadshowSession, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'sessionId', foreignKeyConstraintName: 'FK_roadshow_judge_session' })
  session?: RoadshowSession;
  @ManyToOne(() => PanelMember, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'memberId', foreignKeyConstraintName: 'FK_roadshow_judge_member' })
  member?: PanelMember;
}
