import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, UpdatedAt } from '@gv/database';
import { Community } from '@gv/places';

/** Beneficiary groups (persisted identifiers). */
export enum BeneficiaryGroup {
  Elderly = 'elderly',
  Women = 'women',
  Children = 'children',
  Disabled = 'disabled',
  FamiliesInDifficulty = 'families_in_difficulty',
  Youth = 'youth',
  Others = 'others',
}

/** 需求: a community's posted need (以需定供); calls reference needs, proposals address one. */
@Entity('need')
@Index('IDX_need_community', ['communityId', 'status'])
export class Need {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'int' }) communityId!: number;
  @ManyToOne(() => Community, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'communityId', foreignKeyConstraintName: 'FK_need_community' })
  community?: Community;
  @Column({ type: 'varchar', length: 128 }) title!: string;
  @Column({ type: 'text' }) description!: string;
  /** Comma-separated BeneficiaryGroup values. */
  @Column({ type: 'simple-array' }) beneficiaryGroups!: BeneficiaryGroup[];
  /** Expected number of people concerned. */
  @Column({ type: 'int', default: 0 }) beneficiaryCount!: number;
  @Column({ type: 'varchar', length: 16, default: 'open' }) status!: 'open' | 'closed';
  @Column({ type: 'int', nullable: true }) createdById!: number | null;
  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;
}
