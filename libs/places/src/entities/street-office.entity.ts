import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { District } from './district.entity';

/** 街道办事处 (e.g. 东关街道). */
@Entity('street_office')
export class StreetOffice {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'int' }) districtId!: number;
  @ManyToOne(() => District, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'districtId', foreignKeyConstraintName: 'FK_street_office_district' })
  district?: District;
  @Column({ type: 'varchar', length: 64 }) name!: string;
  @Column({ type: 'varchar', length: 128 }) nameEn!: string;
}
