import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, DateTimeColumn, UpdatedAt } from '@gv/database';
import { Community } from '@gv/places';

/** 社区社会组织 types as the report groups them. Persisted identifiers. */
export enum OrganisationType {
  ResidentServices = 'resident_services', // 为民服务
  Charity = 'charity', // 公益慈善
  CultureSport = 'culture_sport', // 文体娱乐
  Convenience = 'convenience', // 便民服务
  MutualAid = 'mutual_aid', // 邻里互助
  Other = 'other',
}

/** 分类管理、三级管辖: where the organisation is registered or filed. */
export enum RegistrationLevel {
  District = 'district', // 区民政局登记
  Street = 'street', // 街道备案
  Community = 'community', // 社区备案
}

export type OrganisationStatus = 'pending' | 'verified' | 'rejected';

@Entity('organisation')
@Index('IDX_organisation_credit_code', ['creditCode'], { unique: true })
@Index('IDX_organisation_community', ['communityId'])
export class Organisation {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'varchar', length: 128 }) name!: string;
  @Column({ type: 'varchar', length: 32 }) type!: OrganisationType;
  @Column({ type: 'int' }) communityId!: number;
  @ManyToOne(() => Community, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'communityId', foreignKeyConstraintName: 'FK_organisation_community' })
  community?: Community;
  @Column({ type: 'varchar', length: 16 }) registrationLevel!: RegistrationLevel;
  /** 统一社会信用代码 (GB 32100-2015), required for district-registered organisations. */
  @Column({ type: 'varchar', length: 18, nullable: true }) creditCode!: string | null;
  @Column({ type: 'date', nullable: true }) foundedOn!: string | null;
  /** e.g. 益民社会组织服务中心 */
  @Column({ type: 'varchar', length: 128, nullable: true }) incubatedBy!: string | null;
  @Column({ type: 'int', default: 0 }) membersCount!: number;
  @Column({ type: 'varchar', length: 64 }) contactName!: string;
  @Column({ type: 'varchar', length: 32, nullable: true }) contactPhone!: string | null;
  @Column({ type: 'varchar', length: 191, nullable: true }) contactEmail!: string | null;
  @Column({ type: 'varchar', length: 16, default: 'pending' }) status!: OrganisationStatus;
  /** The street office's review (街道审核): when, and the reason given for a rejection (shown to the members). */
  @DateTimeColumn({ nullable: true }) reviewedAt!: Date | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) reviewNote!: string | null;
  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;
}
