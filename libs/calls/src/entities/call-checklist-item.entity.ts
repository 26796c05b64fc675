import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Call } from './call.entity';

/** One eligibility rule of a call (资格审查清单), checked per proposal during screening. */
@Entity('call_checklist_item')
@Index('IDX_call_checklist_item_call', ['callId', 'position'])
export class CallChecklistItem {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'int' }) callId!: number;
  @ManyToOne(() => Call, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'callId', foreignKeyConstraintName: 'FK_call_checklist_item_call' })
  call?: Call;
  @Column({ type: 'int' }) position!: number;
  @Column({ type: 'varchar', length: 255 }) label!: string;
}
