import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, DateTimeColumn } from '@gv/database';
import { User } from './user.entity';

/**
 * A "forgot password" request (忘记密码): one mailed, single-use, expiring link. Only the SHA-256 of the
 * token is kept for good; the clear token waits in `pendingToken` while the outbox row may still be
 * (re-)rendered, and is erased once the mail is sent or the link used (as for invitations).
 * Usable while `usedAt` and `revokedAt` are empty and `expiresAt` is ahead.
 */
@Entity('password_reset')
@Index('IDX_password_reset_token', ['tokenHash'], { unique: true })
@Index('IDX_password_reset_expires', ['expiresAt'])
export class PasswordReset {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'int' }) userId!: number;
  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId', foreignKeyConstraintName: 'FK_password_reset_user' })
  user?: User;
  @Column({ type: 'varchar', length: 64 }) tokenHash!: string;
  @Column({ type: 'varchar', length: 64, nullable: true }) pendingToken!: string | null;
  @DateTimeColumn() expiresAt!: Date;
  @DateTimeColumn({ nullable: true }) sentAt!: Date | null;
  /** The link set a new password. */
  @DateTimeColumn({ nullable: true }) usedAt!: Date | null;
  /** Another link of the account was used, or the password changed: this one no longer works. */
  @DateTimeColumn({ nullable: true }) revokedAt!: Date | null;
  /** Client address of the request (throttling is per address too; kept for the audit trail). */
  @Column({ type: 'varchar', length: 64, nullable: true }) ip!: string | null;
  @CreatedAt() createdAt!: Date;
}
