import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Community } from '@gv/places';
import { Proposal } from './proposal.entity';

/** Host communities in order of preference (落户社区意向), per version (0 = working copy). */
@Entity('proposal_community')
@Index('IDX_proposal_community_community', ['communityId', 'version', 'proposalId'])
export class ProposalCommunity {
  @PrimaryColumn({ type: 'int' }) proposalId!: number;
  @PrimaryColumn({ type: 'int' }) version!: number;
  @PrimaryColumn({ type: 'int' }) preference!: number;
  @Column({ type: 'int' }) communityId!: number;
  @ManyToOne(() => Proposal, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'proposalId', foreignKeyConstraintName: 'FK_proposal_community_proposal' })
  proposal?: Proposal;
  @ManyToOne(() => Community, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'communityId', foreignKeyConstraintName: 'FK_proposal_community_community' })
  community?: Community;
}
