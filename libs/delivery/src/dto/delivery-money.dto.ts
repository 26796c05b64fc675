import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsShanghaiDate, PageQuery } from '@gv/core';
import type { EvaluationKind, ProjectStatus, TrancheGate } from '../entities/delivery.entity';
import { MAX_TRANCHES, TEMPLATE_NAMES, TRANCHE_GATES } from '../tranche-schedule';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** Page forms post strings: a whole number in text becomes a number (the API sends numbers). */
const int = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d{1,15}$/.test(value.trim()) ? Number(value) : value;
const MAX_FEN = 100_000_000_000; // a thousand million yuan: far above any grant

export const PROJECT_STATUSES: readonly ProjectStatus[] = [
  'active',
  'at_risk',
  'suspended',
  'terminated',
  'completed',
];
export const EVALUATION_KINDS: readonly EvaluationKind[] = ['midterm', 'final'];
export const FAIL_OUTCOMES = ['improvement', 'suspension', 'termination'] as const;

export class ProjectListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: PROJECT_STATUSES })
  @IsOptional()
  @IsIn(PROJECT_STATUSES as ProjectStatus[])
  status?: ProjectStatus;
  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(999_999_999)
  callId?: number;
}

export class StartProjectDto {
  @ApiProperty({ description: 'The award (立项) to start delivering' })
  @Transform(int)
  @IsInt()
  @Min(1)
  @Max(999_999_999)
  awardId!: number;
}

export class EvaluatorDto {
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'An account (not an organisation member); null: none',
  })
  @Transform(({ value }) => (value === '' ? null : int({ value })))
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(999_999_999)
  userId!: number | null;
}

export class CustomTrancheDto {
  @ApiPropertyOptional({ description: 'Label (default: its number)', maxLength: 64 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(64)
  label?: string;
  @ApiProperty({ minimum: 1, maximum: 100, description: 'Share of the award in whole percent' })
  @Transform(int)
  @IsInt()
  @Min(1)
  @Max(100)
  percent!: number;
  @ApiProperty({ enum: TRANCHE_GATES, description: 'What must have passed before it is paid' })
  @IsIn(TRANCHE_GATES as TrancheGate[])
  gate!: TrancheGate;
}

export class AgreementDto {
  @ApiProperty({
    enum: TEMPLATE_NAMES,
    description:
      "'50-30-20': 50% on signing, 30% after the mid-term, 20% after the final; or custom",
  })
  @IsIn(TEMPLATE_NAMES as unknown as string[])
  template!: string;
  @ApiPropertyOptional({
    type: [CustomTrancheDto],
    description: 'With template custom: the shares (whole percent, summing to 100)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_TRANCHES)
  @ValidateNested({ each: true })
  @Type(() => CustomTrancheDto)
  tranches?: CustomTrancheDto[];
}

export class BankAccountDto {
  @ApiProperty({ description: '户名: the account holder (the organisation)' })
  @Transform(trim)
  @IsString()
  @Length(1, 128)
  bankAccountName!: string;
  @ApiProperty({ description: '开户行' })
  @Transform(trim)
  @IsString()
  @Length(1, 128)
  bankName!: string;
  @ApiProperty({ description: '账号: digits (spaces and dashes are dropped)' })
  @Transform(({ value }) => (typeof value === 'string' ? value.replace(/[\s-]/g, '') : value))
  @IsString()
  @Matches(/^\d{6,34}$/)
  bankAccountNo!: string;
}

export class ReasonDto {
  @ApiProperty({ maxLength: 500 })
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  reason!: string;
}

export class PayDto {
  @ApiProperty({ description: 'The bank transfer reference (流水号)', maxLength: 64 })
  @Transform(trim)
  @IsString()
  @Length(1, 64)
  bankReference!: string;
  @ApiPropertyOptional({
    description: 'When it was paid (Shanghai wall clock or ISO instant; default now, never future)',
  })
  @IsOptional()
  @IsShanghaiDate()
  paidAt?: string;
}

export class EvaluationDto {
  @ApiProperty({ enum: EVALUATION_KINDS })
  @IsIn(EVALUATION_KINDS as EvaluationKind[])
  kind!: EvaluationKind;
  @ApiProperty({
    description: 'criterion id → whole points (GET /api/v1/delivery/evaluation-rubric)',
    example: { delivery: 24, resources: 16, finance: 20, results: 20 },
  })
  @IsObject()
  scores!: Record<string, number>;
  @ApiProperty({ description: 'Findings; on a fail, the reason (required)', maxLength: 5000 })
  @Transform(trim)
  @IsString()
  @MaxLength(5000)
  comments!: string;
  @ApiPropertyOptional({ enum: FAIL_OUTCOMES, description: 'On a fail: what follows' })
  @IsOptional()
  @IsIn(FAIL_OUTCOMES as unknown as string[])
  outcome?: (typeof FAIL_OUTCOMES)[number];
  @ApiPropertyOptional({
    description: 'On a fail: money to claw back (fen), at most what was paid',
  })
  @IsOptional()
  @Transform(int)
  @IsInt()
  @Min(0)
  @Max(MAX_FEN)
  clawbackFen?: number;
}

export class ClawbackDto {
  @ApiProperty({ description: 'Fen, at most what was paid and not clawed back yet' })
  @Transform(int)
  @IsInt()
  @Min(1)
  @Max(MAX_FEN)
  amountFen!: number;
  @ApiProperty({ maxLength: 500 })
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  reason!: string;
}

export class ClosureLineDto {
  @ApiProperty({ description: "A budget line of the proposal's submitted version" })
  @Transform(int)
  @IsInt()
  @Min(1)
  @Max(999_999_999)
  budgetLineId!: number;
  @ApiProperty({ description: 'Spent on it (fen)' })
  @Transform(int)
  @IsInt()
  @Min(0)
  @Max(MAX_FEN)
  spentFen!: number;
}

export class ClosureDto {
  @ApiPropertyOptional({
    type: [ClosureLineDto],
    description: 'Spent per budget line; ignored when accepted progress reports carry the spending',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ClosureLineDto)
  lines?: ClosureLineDto[];
  @ApiProperty({ description: 'Unspent money the organisation returned (fen)' })
  @Transform(int)
  @IsInt()
  @Min(0)
  @Max(MAX_FEN)
  unspentReturnedFen!: number;
  @ApiProperty({ description: 'The final report, published on the project page', maxLength: 20000 })
  @Transform(trim)
  @IsString()
  @Length(1, 20000)
  finalReport!: string;
}

export class DemoBudgetDto {
  @ApiProperty({ minimum: 2000, maximum: 2100 })
  @Transform(int)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;
  @ApiProperty({ description: "The year's demonstration-site budget (fen)" })
  @Transform(int)
  @IsInt()
  @Min(0)
  @Max(MAX_FEN)
  capFen!: number;
}

export class DemoAwardDto {
  @ApiProperty({ description: 'Fen, 500000–1000000 (5,000–10,000 yuan)' })
  @Transform(int)
  @IsInt()
  @Min(0)
  @Max(MAX_FEN)
  amountFen!: number;
}

export class DemoSitesQuery {
  @ApiPropertyOptional({ minimum: 2000, maximum: 2100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}

/** The list pages' query: the filters plus the flash and the language switch. */
export class ProjectPageQuery extends ProjectListQuery {
  @IsOptional() @IsString() @MaxLength(32) done?: string;
  @IsOptional() @IsString() @MaxLength(8) lang?: string;
}

export class DemoSitesPageQuery extends DemoSitesQuery {
  @IsOptional() @IsString() @MaxLength(32) done?: string;
  @IsOptional() @IsString() @MaxLength(8) lang?: string;
}
