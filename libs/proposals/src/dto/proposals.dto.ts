import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsFen, IsShanghaiDate, PageQuery } from '@gv/core';
import { Track, TRACKS } from '@gv/calls';
import { BeneficiaryGroup } from '@gv/needs';
import { BUDGET_CATEGORIES, BudgetCategory } from '../entities/proposal-budget-line.entity';
import { PROPOSAL_STATUSES, ProposalStatus } from '../entities/proposal.entity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
export const BENEFICIARY_GROUPS = Object.values(BeneficiaryGroup);
export const MAX_QUANTITY = 1_000_000;

export class BudgetLineDto {
  @ApiProperty({ enum: BUDGET_CATEGORIES })
  @IsIn(BUDGET_CATEGORIES as BudgetCategory[])
  category!: BudgetCategory;
  @ApiProperty({ example: '助老志愿者交通补贴' })
  @Transform(trim)
  @IsString()
  @Length(1, 128)
  item!: string;
  @ApiProperty({ example: 5000, description: 'unit price in integer fen' })
  @IsFen()
  unitPriceFen!: number;
  @ApiProperty({ example: 20 })
  @IsInt()
  @Min(1)
  @Max(MAX_QUANTITY)
  quantity!: number;
}

export class MilestoneDto {
  @ApiProperty()
  @Transform(trim)
  @IsString()
  @Length(1, 128)
  title!: string;
  @ApiProperty({ example: '2026-06-30' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  @IsShanghaiDate()
  dueOn!: string;
  @ApiProperty()
  @Transform(trim)
  @IsString()
  @Length(1, 255)
  deliverable!: string;
}

/** The proposal form (API: money in integer fen). Every field optional in a draft; submit checks completeness. */
export class ProposalContentDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(128)
  title?: string;
  @ApiPropertyOptional({ enum: TRACKS })
  @IsOptional()
  @IsIn(TRACKS as Track[])
  track?: Track;
  @ApiPropertyOptional({
    type: [Number],
    description: 'host communities, first = first preference',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(9)
  @IsInt({ each: true })
  communityIds?: number[];
  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  needId?: number | null;
  @ApiPropertyOptional({ enum: BENEFICIARY_GROUPS, isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(BENEFICIARY_GROUPS, { each: true })
  beneficiaryGroups?: BeneficiaryGroup[];
  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  beneficiaryCount?: number;
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  summary?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  objectives?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  activities?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  team?: string;
  @ApiPropertyOptional({ description: 'integer fen' })
  @IsOptional()
  @IsFen()
  coFundingFen?: number;
  @ApiPropertyOptional({ type: [BudgetLineDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => BudgetLineDto)
  budgetLines?: BudgetLineDto[];
  @ApiPropertyOptional({ type: [MilestoneDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => MilestoneDto)
  milestones?: MilestoneDto[];
}

export class CreateProposalDto extends ProposalContentDto {
  @ApiProperty()
  @IsInt()
  @Min(1)
  callId!: number;
}

export class ProposalListQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  callId?: number;
  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  communityId?: number;
  @ApiPropertyOptional({ enum: PROPOSAL_STATUSES })
  @IsOptional()
  @IsIn(PROPOSAL_STATUSES as ProposalStatus[])
  status?: ProposalStatus;
  @ApiPropertyOptional({ description: 'search in titles' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  _?: number;
}
