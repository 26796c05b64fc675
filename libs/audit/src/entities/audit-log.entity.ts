import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '@gv/database';

/** Append-only: rows are inserted in the same transaction as the change they describe, never updated. */
@Entity('audit_log')
@Index('IDX_audit_entity', ['entity', 'entityId'])
@Index('IDX_audit_actor', ['actorId'])
@Index('IDX_audit_created', ['createdAt'])
export class AuditLog {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'int', nullable: true }) actorId!: number | null;
  @Column({ type: 'varchar', length: 191 }) actorLabel!: string;
  @Column({ type: 'varchar', length: 64 }) action!: string;
  @Column({ type: 'varchar', length: 64 }) entity!: string;
  @Column({ type: 'varchar', length: 64 }) entityId!: string;
  /** Short JSON summaries of the fields that changed (text: portable, no JSON column quirks). */
  @Column({ type: 'text', nullable: true }) before!: string | null;
  @Column({ type: 'text', nullable: true }) after!: string | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) requestId!: string | null;
  @CreatedAt() createdAt!: Date;
}
