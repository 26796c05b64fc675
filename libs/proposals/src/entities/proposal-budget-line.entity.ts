import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { FenColumn } from '@gv/database';
import { Proposal } from './proposal.entity';

/** Budget categories (persisted identifiers). */
export enum BudgetCategory {
  Personnel = 'personnel', // 人员劳务
  Materials = 'materials', // 物资材料
  Venue = 'venue', // 场地
  Activities = 'activities', // 活动费
  Publicity = 'publicity', // 宣传
  Training = 'training', // 培训
  Other = 'other',
}
export const BUDGET_CATEGORIES: readonly BudgetCategory[] = Object.values(BudgetCategory);

/** One itemised budget line; `subtotalFen` = unit price × quantity, computed on the server. */
@Entity('proposal_budget_line')
@Index('IDX_proposal_budget_line_proposal', ['proposalId', 'version', 'position'])
export class ProposalBudgetLine {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'int' }) proposalId!: number;
  @ManyToOne(() => Proposal, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'proposalId', foreignKeyConstraintName: 'FK_proposal_budget_line_proposal' })
  proposal?: Proposal;
  /** 0 = working copy; n = submitted version n. */
  @Column({ type: 'int' }) version!: number;
  @Column({ type: 'int' }) position!: number;
  @Column({ type: 'varchar', length: 16 }) category!: BudgetCategory;
  @Column({ type: 'varchar', length: 128 }) item!: string;
  @FenColumn() unitPriceFen!: number;
  @Column({ type: 'int' }) quantity!: number;
  @FenColumn() subtotalFen!: number;
}
