import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, DateTimeColumn } from '@gv/database';
import { Role } from '@gv/core';
import { User } from './user.entity';

/** An admin's invitation: the invitee sets a password through the emailed link. */
@Entity('invitation')
@Index('IDX_invitation_token', ['tokenHash'], { unique: true })
export class Invitation {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'varchar', length: 191 }) email!: string;
  @Column({ type: 'varchar', length: 64 }) name!: string;
  @Column({ type: 'varchar', length: 32 }) role!: Role;
  @Column({ type: 'int', nullable: true }) communityId!: number | null;
  @Column({ type: 'int', nullable: true }) organisationId!: number | null;
  @Column({ type: 'varchar', length: 8, default: 'zh-CN' }) locale!: 'zh-CN' | 'en';
  @Column({ type: 'varchar', length: 64 }) tokenHash!: string;
  /** The raw token is kept only until the email is sent, then cleared. */
  @Column({ type: 'varchar', length: 64, nullable: true }) pendingToken!: string | null;
  @Column({ type: 'int' }) invitedById!: number;
  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'invitedById', foreignKeyConstraintName: 'FK_invitation_inviter' })
  invitedBy?: User;
  @DateTimeColumn() expiresAt!: Date;
  @DateTimeColumn({ nullable: true }) sentAt!: Date | null;
  @DateTimeColumn({ nullable: true }) acceptedAt!: Date | null;
  @CreatedAt() createdAt!: Date;
}
