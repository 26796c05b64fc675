import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, DateTimeColumn } from '@gv/database';

/** pending → sending (claimed by one worker, under a claim token) → sent | failed | skipped (opted out); failed → pending on retry. */
export type NotificationStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'skipped';

/**
 * The outbox (and the in-app inbox): one row per event and recipient, written in the same transaction
 * as the change that causes it. `dedupeKey` is unique, so emitting the same event twice is harmless.
 */
@Entity('notification')
@Index('IDX_notification_dedupe', ['dedupeKey'], { unique: true })
@Index('IDX_notification_status', ['status', 'createdAt'])
@Index('IDX_notification_inbox', ['recipientUserId', 'readAt'])
export class Notification {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'varchar', length: 64 }) event!: string;
  @Column({ type: 'int', nullable: true }) recipientUserId!: number | null;
  @Column({ type: 'varchar', length: 191 }) recipientEmail!: string;
  @Column({ type: 'varchar', length: 8 }) locale!: 'zh-CN' | 'en';
  /** JSON of ids only (e.g. {"proposalId": 7}); handlers re-read the rows. */
  @Column({ type: 'text' }) payload!: string;
  @Column({ type: 'varchar', length: 191 }) dedupeKey!: string;
  @Column({ type: 'varchar', length: 16, default: 'pending' }) status!: NotificationStatus;
  @Column({ type: 'int', default: 0 }) attempts!: number;
  @Column({ type: 'text', nullable: true }) lastError!: string | null;
  /** When a worker claimed the row for sending; a claim older than NOTIFY_CLAIM_SECONDS may be taken over. */
  @DateTimeColumn({ nullable: true }) claimedAt!: Date | null;
  /**
   * Random token of the claim that set `sending` (one per claimed batch): "sent"/"failed" are written only
   * while the row still carries it, and a batch claim reads back exactly the rows it won by it.
   */
  @Column({ type: 'varchar', length: 32, nullable: true }) claimToken!: string | null;
  @DateTimeColumn({ nullable: true }) sentAt!: Date | null;
  @DateTimeColumn({ nullable: true }) readAt!: Date | null;
  @CreatedAt() createdAt!: Date;
}
