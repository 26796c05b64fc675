import {
  Column,
  Entity,
  ForeignKey,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { CreatedAt, DateTimeColumn, UpdatedAt } from '@gv/database';
import { Role } from '@gv/core';
import { Community } from '@gv/places';

/** An account. community_staff are scoped to one community, org_member to one organisation. */
@Entity('user')
@Index('IDX_user_email', ['email'], { unique: true })
export class User {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'varchar', length: 191 }) email!: string;
  @Column({ type: 'varchar', length: 64 }) name!: string;
  @Column({ type: 'varchar', length: 255, nullable: true, select: false }) passwordHash!:
    string | null;
  @Column({ type: 'varchar', length: 32 }) role!: Role;
  @Column({ type: 'int', nullable: true }) communityId!: number | null;
  @ManyToOne(() => Community, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'communityId', foreignKeyConstraintName: 'FK_user_community' })
  community?: Community | null;
  /**
   * 社区社会组织 the member belongs to. The organisations context sits above accounts, so the foreign key
   * names its entity by name instead of importing it.
   */
  @Column({ type: 'int', nullable: true })
  @ForeignKey('Organisation', { name: 'FK_user_organisation', onDelete: 'RESTRICT' })
  organisationId!: number | null;
  @Column({ type: 'varchar', length: 8, default: 'zh-CN' }) locale!: 'zh-CN' | 'en';
  @Column({ type: 'boolean', default: true }) active!: boolean;
  @DateTimeColumn({ nullable: true }) lastLoginAt!: Date | null;
  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;
}
