import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, DateTimeColumn } from '@gv/database';
import { User } from './user.entity';

/**
 * A login: a browser session (cookie) or an API token (bearer). Only the SHA-256 of the token is
 * stored, so a leaked table does not leak sessions. Lives in the database, so any api instance can serve it.
 */
@Entity('auth_session')
@Index('IDX_auth_session_token', ['tokenHash'], { unique: true })
@Index('IDX_auth_session_expires', ['expiresAt'])
export class AuthSession {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'varchar', length: 64 }) tokenHash!: string;
  @Column({ type: 'int' }) userId!: number;
  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId', foreignKeyConstraintName: 'FK_auth_session_user' })
  user?: User;
  @Column({ type: 'varchar', length: 8 }) kind!: 'web' | 'api';
  @DateTimeColumn() expiresAt!: Date;
  @DateTimeColumn() lastSeenAt!: Date;
  @Column({ type: 'varchar', length: 64, nullable: true }) ip!: string | null;
  @CreatedAt() createdAt!: Date;
}
