import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '@gv/database';

/**
 * One row per reminder that went out (e.g. `proposal.deadline|call=3|org=12|-48h`). The unique key makes a
 * reminder go out once however often, and on how many workers, the sweep runs.
 */
@Entity('reminder_sent')
@Index('IDX_reminder_sent_key', ['reminderKey'], { unique: true })
export class ReminderSent {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'varchar', length: 191 }) reminderKey!: string;
  @Column({ type: 'varchar', length: 64 }) provider!: string;
  @CreatedAt() createdAt!: Date;
}
