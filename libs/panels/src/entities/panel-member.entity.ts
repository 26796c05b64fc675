import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '@gv/accounts';
import { Call } from '@gv/calls';
import { CreatedAt, UpdatedAt } from '@gv/database';

/** 评审组 groups (persisted identifiers): 街道, 社区代表, 居民代表, 专家. */
export enum PanelGroup {
  Street = 'street',
  Community = 'community',
  Resident = 'resident',
  Expert = 'expert',
}
export const PANEL_GROUPS: readonly PanelGroup[] = Object.values(PanelGroup);

/**
 * A seat on a competition's review group. The seat is not a role: any account (a judge, community
 * staff, a street officer) can sit on the panel while keeping its own role.
 */
@Entity('panel_member')
@Index('IDX_panel_member_call_user', ['callId', 'userId'], { unique: true })
export class PanelMember {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'int' }) callId!: number;
  @ManyToOne(() => Call, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'callId', foreignKeyConstraintName: 'FK_panel_member_call' })
  call?: Call;
  @Column({ type: 'int' }) userId!: number;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'userId', foreignKeyConstraintName: 'FK_panel_member_user' })
  user?: User;
  @Column({ type: 'varchar', length: 16 }) group!: PanelGroup;
  /** 评审组长: one per panel. */
  @Column({ type: 'boolean', default: false }) isChair!: boolean;
  /** Title and employer as shown on agendas, e.g. 「东关街道社会事务办主任」. */
  @Column({ type: 'varchar', length: 128, default: '' }) title!: string;
  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;
}
