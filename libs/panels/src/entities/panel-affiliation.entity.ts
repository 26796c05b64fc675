import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Organisation } from '@gv/organisations';
import { Community } from '@gv/places';
import { PanelMember } from './panel-member.entity';

/**
 * A tie of a panel member to an organisation or a community (works for it, sits on its board, lives
 * there as a resident representative). Conflicts of interest are detected from these.
 */
@Entity('panel_affiliation')
@Index('IDX_panel_affiliation_member', ['memberId'])
export class PanelAffiliation {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'int' }) memberId!: number;
  @ManyToOne(() => PanelMember, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'memberId', foreignKeyConstraintName: 'FK_panel_affiliation_member' })
  member?: PanelMember;
  @Column({ type: 'int', nullable: true }) organisationId!: number | null;
  @ManyToOne(() => Organisation, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'organisationId', foreignKeyConstraintName: 'FK_panel_affiliation_org' })
  organisation?: Organisation | null;
  @Column({ type: 'int', nullable: true }) communityId!: number | null;
  @ManyToOne(() => Community, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'communityId', foreignKeyConstraintName: 'FK_panel_affiliation_community' })
  community?: Community | null;
  @Column({ type: 'varchar', length: 128, default: '' }) note!: string;
}
