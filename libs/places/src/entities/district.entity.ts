import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** 区 (e.g. 奎文区). */
@Entity('district')
export class District {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'varchar', length: 64 }) name!: string;
  @Column({ type: 'varchar', length: 128 }) nameEn!: string;
  @Column({ type: 'varchar', length: 64 }) city!: string;
}
