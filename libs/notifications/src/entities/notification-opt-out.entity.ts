import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '@gv/database';

/** A user switched off the emails of one optional event (reminders, digests). They still reach the inbox. */
@Entity('notification_opt_out')
@Index('IDX_notification_opt_out_user_event', ['userId', 'event'], { unique: true })
export class NotificationOptOut {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'int' }) userId!: number;
  @Column({ type: 'varchar', length: 64 }) event!: string;
  @CreatedAt() createdAt!: Date;
}
