import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { StreetOffice } from './street-office.entity';

/** 社区. `invented` marks demo names the source report does not give. */
@Entity('community')
@Index('IDX_community_code', ['code'], { unique: true })
export class Community {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'int' }) streetOfficeId!: number;
  @ManyToOne(() => StreetOffice, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'streetOfficeId', foreignKeyConstraintName: 'FK_community_street_office' })
  streetOffice?: StreetOffice;
  @Column({ type: 'varchar', length: 32 }) code!: string;
  @Column({ type: 'varchar', length: 64 }) name!: string;
  @Column({ type: 'varchar', length: 128 }) nameEn!: string;
  @Column({ type: 'boolean', default: false }) invented!: boolean;
  @Column({ type: 'int', default: 0 }) sortOrder!: number;
}
