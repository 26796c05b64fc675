import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Call } from '@gv/calls';
import { CreatedAt } from '@gv/database';

/**
 * 专家抽取: experts drawn at random from the pool for a competition's panel. The seed, the pool (sorted
 * user ids) and the result are recorded, so anyone can re-run the draw and get the same experts.
 */
@Entity('panel_draw')
@Index('IDX_panel_draw_call', ['callId'])
export class PanelDraw {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'int' }) callId!: number;
  @ManyToOne(() => Call, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'callId', foreignKeyConstraintName: 'FK_panel_draw_call' })
  call?: Call;
  @Column({ type: 'varchar', length: 64 }) seed!: string;
  /** Candidates' user ids, ascending: the order the seeded draw works on. */
  @Column({ type: 'simple-json' }) poolUserIds!: number[];
  /** The user ids drawn, in draw order. */
  @Column({ type: 'simple-json' }) drawnUserIds!: number[];
  @Column({ type: 'int' }) count!: number;
  @Column({ type: 'int', nullable: true }) drawnById!: number | null;
  @CreatedAt() createdAt!: Date;
}
