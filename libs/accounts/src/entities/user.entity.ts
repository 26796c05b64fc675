import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
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
  /** 社区社会组织 the member belongs to (the organisations table arrives with the proposals context). */
  @Column({ type: 'int', nullable: true }) organisationId!: number | null;
  @Column({ type: 'varchar', length: 8, default: 'zh-CN' }) locale!: 'zh-CN' | 'en';
  @Column({ type: 'boolean', default: true }) active!: boolean;
  @DateTimeColumn({ nullable: true }) lastLoginAt!: Date | null;
  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;
}
