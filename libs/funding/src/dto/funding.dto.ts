import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { FUNDING_RULES, FundingRuleName } from '../entities/funding.entity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const int = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d{1,12}$/.test(value.trim()) ? Number(value) : value;

export class FundingSettingsDto {
  @ApiProperty({ enum: FUNDING_RULES })
  @IsIn(FUNDING_RULES as FundingRuleName[])
  rule!: FundingRuleName;
  @ApiPropertyOptional({
    description: 'Pass line in hundredths of a point (6000 = 60.00)',
    nullable: true,
  })
  @IsOptional()
  @Transform(int)
  @IsInt()
  @Min(0)
  @Max(10000)
  passLineCenti?: number | null;
  @ApiPropertyOptional({ description: 'Track → cap in fen', example: { venture: 8000000 } })
  @IsOptional()
  @IsObject()
  trackBudgets?: Record<string, number> | null;
  @ApiPropertyOptional({ description: 'Community id → {min, max} funded projects' })
  @IsOptional()
  @IsObject()
  communityQuotas?: Record<string, { min?: number; max?: number }> | null;
  @ApiPropertyOptional({
    description: '核减: least share (percent) of the request worth funding',
    nullable: true,
  })
  @IsOptional()
  @Transform(int)
  @IsInt()
  @Min(1)
  @Max(100)
  reducedMinSharePct?: number | null;
  @ApiPropertyOptional({ description: 'Objection period in working days', minimum: 1, maximum: 30 })
  @IsOptional()
  @Transform(int)
  @IsInt()
  @Min(1)
  @Max(30)
  objectionWorkingDays?: number;
  @ApiPropertyOptional({ description: 'Who takes objections (printed on the notice)' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(255)
  objectionContact?: string;
  @ApiPropertyOptional({ description: 'Tie-break lot seed (recorded)' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(64)
  seed?: string;
}

/** A dry run's rules: the call's rules and `mes`. */
const DRY_RUN_RULES: string[] = [...FUNDING_RULES, 'mes'];

export class DryRunDto {
  @ApiPropertyOptional({
    enum: DRY_RUN_RULES,
    isArray: true,
    description:
      "Rules to compare (default: all; `mes` = equal shares on the residents' approvals, only with a vote)",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(DRY_RUN_RULES.length)
  @IsIn(DRY_RUN_RULES, { each: true })
  rules?: (FundingRuleName | 'mes')[];
}

export class ApproveDto {
  @ApiProperty({ type: [Number], description: 'Panel members present (ids)' })
  @IsArray()
  @ArrayMaxSize(100)
  @IsInt({ each: true })
  presentMemberIds!: number[];
}

export class OverrideDto {
  @ApiProperty() @Transform(int) @IsInt() @Min(1) proposalId!: number;
  @ApiProperty({ enum: ['fund', 'exclude', 'amount'] })
  @IsIn(['fund', 'exclude', 'amount'])
  action!: 'fund' | 'exclude' | 'amount';
  @ApiPropertyOptional({ description: 'With action amount: the granted amount in fen' })
  @IsOptional()
  @Transform(int)
  @IsInt()
  @Min(0)
  amountFen?: number;
  @ApiProperty({ description: 'Why (audited, shown on the result)' })
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  reason!: string;
}

export class AwardDto {
  @ApiProperty() @Transform(int) @IsInt() @Min(1) proposalId!: number;
  @ApiProperty({ description: 'Amount in fen' })
  @Transform(int)
  @IsInt()
  @Min(1)
  amountFen!: number;
  @ApiProperty() @Transform(trim) @IsString() @Length(1, 500) reason!: string;
}

export class ReasonDto {
  @ApiProperty() @Transform(trim) @IsString() @Length(1, 500) reason!: string;
}
