import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UpdatedAt } from '@gv/database';
import { Community } from '@gv/places';
import { Proposal } from '@gv/proposals';

/** How many funded projects a community can host in a call (set by its staff). */
@Entity('community_capacity')
@Index('IDX_community_capacity_call_community', ['callId', 'communityId'], { unique: true })
export class CommunityCapacity {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'int' }) callId!: number;
  @Column({ type: 'int' }) communityId!: number;
  @ManyToOne(() => Community, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'communityId', foreignKeyConstraintName: 'FK_community_capacity_community' })
  community?: Community;
  @Column({ type: 'int' }) capacity!: number;
  @Column({ type: 'int', nullable: true }) updatedById!: number | null;
  @UpdatedAt() updatedAt!: Date;
}

export type PlacementStatus = 'placed' | 'accepted' | 'refused' | 'unplaced';

/** 落户: a funded project's host community; the community accepts or refuses (with a reason). */
@Entity('funding_placement')
@Index('IDX_funding_placement_proposal', ['proposalId'], { unique: true })
@Index('IDX_funding_placement_community', ['callId', 'communityId'])
export class FundingPlacement {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'int' }) callId!: number;
  @Column({ type: 'int' }) proposalId!: number;
  @ManyToOne(() => Proposal, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'proposalId', foreignKeyConstraintName: 'FK_funding_placement_proposal' })
  proposal?: Proposal;
  @Column({ type: 'int', nullable: true }) communityId!: number | null;
  @ManyToOne(() => Community, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'communityId', foreignKeyConstraintName: 'FK_funding_placement_community' })
  community?: Community | null;
  /** 1 = the project's first choice. */
  @Column({ type: 'int', nullable: true }) preferenceRank!: number | null;
  @Column({ type: 'boolean', default: false }) needFit!: boolean;
  @Column({ type: 'varchar', length: 16, default: 'placed' }) status!: PlacementStatus;
  /** Communities that refused this project: never proposed again. */
  @Column({ type: 'simple-json' }) refusedBy!: number[];
  /** The refusal's reason, or why it could not be placed. */
  @Column({ type: 'varchar', length: 500, default: '' }) reason!: string;
  @Column({ type: 'int', nullable: true }) decidedById!: number | null;
  @UpdatedAt() updatedAt!: Date;
}
