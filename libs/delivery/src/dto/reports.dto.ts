import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
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

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** Page forms post strings: a whole number in text becomes a number (the API sends numbers). */
const int = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d{1,15}$/.test(value.trim()) ? Number(value) : value;
/** A checkbox or a multipart field: 'true' / 'on' / '1' → true, 'false' / '0' / '' → false. */
const bool = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? ['true', 'on', '1', 'yes'].includes(value.toLowerCase())
      ? true
      : ['false', '0', 'no', ''].includes(value.toLowerCase())
        ? false
        : value
    : value;
const MAX_FEN = 100_000_000_000;
export const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class SpendingLineDto {
  @ApiProperty({ description: "A budget line of the proposal's submitted version" })
  @Transform(int)
  @IsInt()
  @Min(1)
  @Max(999_999_999)
  budgetLineId!: number;
  @ApiProperty({ description: 'Spent on it in this reporting period (fen)' })
  @Transform(int)
  @IsInt()
  @Min(0)
  @Max(MAX_FEN)
  spentFen!: number;
}

/** 进展报告: what was done and spent (a new report, or a returned one fixed and submitted again). */
export class ReportDto {
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'The milestone it reports on (accepting the report marks it done)',
  })
  @Transform(({ value }) => (value === '' ? null : int({ value })))
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(999_999_999)
  milestoneId?: number | null;
  @ApiProperty({ description: 'Beneficiaries served (人次)' })
  @Transform(int)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  beneficiaries!: number;
  @ApiProperty({ description: 'Service hours' })
  @Transform(int)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  serviceHours!: number;
  @ApiProperty({ description: 'Activities held (场次)' })
  @Transform(int)
  @IsInt()
  @Min(0)
  @Max(100_000)
  activities!: number;
  @ApiProperty({ description: 'What was done (published once accepted: no personal data)' })
  @Transform(trim)
  @IsString()
  @Length(1, 20_000)
  narrative!: string;
  @ApiPropertyOptional({
    type: [SpendingLineDto],
    description: 'Spending against the budget lines',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => SpendingLineDto)
  spending?: SpendingLineDto[];
  @ApiPropertyOptional({
    description: 'The version read (a fix of a newer version is refused: 409)',
  })
  @Transform(int)
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  version?: number;
}

/** The marks of a photo or file (multipart fields beside `file`). */
export class ReportFileMarksDto {
  @ApiPropertyOptional({ description: 'The photo shows people' })
  @Transform(bool)
  @IsOptional()
  @IsBoolean()
  showsPeople?: boolean;
  @ApiPropertyOptional({
    description: 'The organisation has the consent of those shown and allows publishing it',
  })
  @Transform(bool)
  @IsOptional()
  @IsBoolean()
  publicConsent?: boolean;
}

/** The street office's decision on a report. */
export class ReportDecisionDto {
  @ApiPropertyOptional({ description: 'Comments to the organisation', maxLength: 5000 })
  @Transform(trim)
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  comments?: string;
  @ApiPropertyOptional({ description: 'The version decided on (a newer one: 409)' })
  @Transform(int)
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  version?: number;
}

/** Returning a report needs the comments saying what to fix. */
export class ReturnReportDto {
  @ApiProperty({ description: 'What the organisation must fix', maxLength: 5000 })
  @Transform(trim)
  @IsString()
  @Length(1, 5000)
  comments!: string;
  @ApiPropertyOptional({ description: 'The version decided on (a newer one: 409)' })
  @Transform(int)
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  version?: number;
}

/** 里程碑调整: a new due date and/or deliverable, with the reason; the street office decides. */
export class MilestoneChangeDto {
  @ApiPropertyOptional({
    description: 'New due date (Shanghai, YYYY-MM-DD), within the project period',
  })
  @Transform(({ value }) => (value === '' ? undefined : trim({ value })))
  @IsOptional()
  @Matches(DAY)
  dueOn?: string;
  @ApiPropertyOptional({ description: 'New deliverable', maxLength: 255 })
  @Transform(({ value }) => (value === '' ? undefined : trim({ value })))
  @IsOptional()
  @IsString()
  @Length(1, 255)
  deliverable?: string;
  @ApiProperty({ description: 'Why', maxLength: 500 })
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  reason!: string;
}

export class MilestoneDecisionDto {
  @ApiPropertyOptional({ description: 'A note kept in the audit log', maxLength: 500 })
  @Transform(trim)
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class DashboardQuery {
  @ApiPropertyOptional({ description: 'Only the projects of this call' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(999_999_999)
  callId?: number;
}

export class DashboardPageQuery extends DashboardQuery {
  @IsOptional() @IsString() @MaxLength(32) done?: string;
  @IsOptional() @IsString() @MaxLength(8) lang?: string;
}
