import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
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
import { REVIEW_METHODS, ReviewMethod } from '../entities/review.entity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class RubricCriterionDto {
  @ApiProperty({ example: 'need' }) @Matches(/^[a-z][a-z0-9_]{0,31}$/) id!: string;
  @ApiProperty({ example: '需求回应' }) @Transform(trim) @IsString() @Length(1, 64) label!: string;
  @ApiProperty({ example: 'Response to need' })
  @Transform(trim)
  @IsString()
  @Length(1, 64)
  labelEn!: string;
  @ApiProperty({ example: 25 }) @IsInt() @Min(1) @Max(100) maxPoints!: number;
  @ApiProperty({ example: 1 }) @IsInt() @Min(1) @Max(100) weight!: number;
  @ApiProperty() @IsBoolean() allowNa!: boolean;
  @ApiPropertyOptional({ type: [String], description: 'Level descriptors, lowest first' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  levels?: string[];
}

export class RubricDto {
  @ApiProperty({ type: [RubricCriterionDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => RubricCriterionDto)
  criteria!: RubricCriterionDto[];
  @ApiProperty({ enum: REVIEW_METHODS })
  @IsIn(REVIEW_METHODS as ReviewMethod[])
  method!: ReviewMethod;
  @ApiProperty({ example: 20 }) @IsInt() @Min(1) @Max(100) divergenceThreshold!: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(32) tieBreak?: string;
  @ApiPropertyOptional({
    description:
      'Weighted panel groups: group → weight (street, community, resident, expert), e.g. {"expert":40,"street":20,"community":20,"resident":20}; omit for one panel',
    example: { expert: 40, street: 20, community: 20, resident: 20 },
  })
  @IsOptional()
  @IsObject()
  groupWeights?: Record<string, number>;
}

export class AssignmentDto {
  @ApiPropertyOptional({
    description:
      'Judges per proposal, balanced by load; null or omitted = every judge scores every proposal',
    minimum: 1,
    maximum: 50,
    nullable: true,
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === '' || value === 'all'
      ? null
      : typeof value === 'string' && /^\d{1,2}$/.test(value)
        ? Number(value)
        : value,
  )
  @IsInt()
  @Min(1)
  @Max(50)
  judgesPerProposal?: number | null;
  @ApiPropertyOptional({
    description: 'The seed (recorded); a random one when omitted',
    maxLength: 64,
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(64)
  seed?: string;
}

export class SheetDto {
  @ApiProperty({
    description: 'criterion id → points (integer within its maximum) or null for N/A',
  })
  @IsObject()
  scores!: Record<string, number | null>;
  @ApiPropertyOptional({ description: 'criterion id → comment' })
  @IsOptional()
  @IsObject()
  comments?: Record<string, string>;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) overall?: string;
  @ApiProperty({ description: 'The version this save is based on (0 for a new sheet)' })
  @IsInt()
  @Min(0)
  version!: number;
}

export class SubmitSheetDto {
  @ApiProperty() @IsInt() @Min(1) version!: number;
}

export class ReasonDto {
  @ApiProperty() @Transform(trim) @IsString() @Length(1, 500) reason!: string;
}

export class ConsensusDto {
  @ApiProperty() @Transform(trim) @IsString() @Length(1, 5000) notes!: string;
  @ApiPropertyOptional({ description: 'Points added to the aggregate, in hundredths (-1000…1000)' })
  @IsOptional()
  @IsInt()
  @Min(-1000)
  @Max(1000)
  adjustmentCentiPoints?: number;
  @ApiPropertyOptional() @Transform(trim) @IsOptional() @IsString() @MaxLength(500) reason?: string;
}
