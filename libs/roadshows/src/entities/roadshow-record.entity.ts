import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { CreatedAt, FenColumn, UpdatedAt } from '@gv/database';
import { Proposal } from '@gv/proposals';
import { RoadshowSession } from './roadshow-session.entity';

/** 会议纪要 of a session: who of the panel attended, and notes. */
@Entity('roadshow_minutes')
export class RoadshowMinutes {
  @PrimaryColumn({ type: 'int' }) sessionId!: number;
  @ManyToOne(() => RoadshowSession, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'sessionId', foreignKeyConstraintName: 'FK_roadshow_minutes_session' })
  session?: RoadshowSession;
  /** Panel member ids present. */
  @Column({ type: 'simple-array', nullable: true }) presentMemberIds!: string[] | null;
  @Column({ type: 'text', nullable: true }) notes!: string | null;
  @Column({ type: 'int', nullable: true }) updatedById!: number | null;
  @UpdatedAt() updatedAt!: Date;
}

export type PledgeKind = 'money' | 'in_kind' | 'volunteers';
export const PLEDGE_KINDS: readonly PledgeKind[] = ['money', 'in_kind', 'volunteers'];

/** 资源对接: a resource pledged to a project at its roadshow (a sponsor, co-funding, volunteers). */
@Entity('roadshow_pledge')
@Index('IDX_roadshow_pledge_proposal', ['proposalId'])
export class RoadshowPledge {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'int' }) roadshowId!: number;
  @Column({ type: 'int' }) proposalId!: number;
  @ManyToOne(() => Proposal, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'proposalId', foreignKeyConstraintName: 'FK_roadshow_pledge_proposal' })
  proposal?: Proposal;
  @Column({ type: 'varchar', length: 128 }) sponsor!: string;
  @Column({ type: 'varchar', length: 16 }) kind!: PledgeKind;
  /** Money pledged, in fen (money pledges only). */
  @FenColumn({ nullable: true }) amountFen!: number | null;
  @Column({ type: 'varchar', length: 500, default: '' }) description!: string;
  @Column({ type: 'varchar', length: 128, default: '' }) contact!: string;
  @Column({ type: 'int', nullable: true }) recordedById!: number | null;
  @CreatedAt() createdAt!: Date;
}
