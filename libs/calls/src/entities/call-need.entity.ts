import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Need } from '@gv/needs';
import { Call } from './call.entity';

/** The community needs a call answers (以需定供). */
@Entity('call_need')
@Index('IDX_call_need_need', ['needId'])
export class CallNeed {
  @PrimaryColumn({ type: 'int' }) callId!: number;
  @PrimaryColumn({ type: 'int' }) needId!: number;
  @ManyToOne(() => Call, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'callId', foreignKeyConstraintName: 'FK_call_need_call' })
  call?: Call;
  @ManyToOne(() => Need, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'needId', foreignKeyConstraintName: 'FK_call_need_need' })
  need?: Need;
}
