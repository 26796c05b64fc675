import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { PageQuery } from '@gv/core';
import { BeneficiaryGroup } from '../entities/need.entity';

export const BENEFICIARY_GROUPS = Object.values(BeneficiaryGroup);
export const NEED_STATUSES = ['open', 'closed'] as const;

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const optionalInt = ({ value }: { value: unknown }) =>
  value === '' || value === undefined || value === null
    ? undefined
    : /^\d{1,9}$/.test(String(value))
      ? Number(value)
      : value;
const optionalText = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() || undefined : value;
/** A form sends one checkbox as a string, several as an array. */
const asList = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? [] : typeof value === 'string' ? [value] : value;

export class NeedDto {
  @ApiProperty({ description: 'Community the need belongs to (community staff: their own only)' })
  @Transform(optionalInt)
  @IsInt()
  @Min(1)
  communityId!: number;

  @ApiProperty({ example: '高龄独居老人日间照料与助餐' })
  @Transform(trim)
  @IsString()
  @Length(1, 128)
  title!: string;

  @ApiProperty()
  @Transform(trim)
  @IsString()
  @Length(1, 5000)
  description!: string;

  @ApiProperty({ enum: BENEFICIARY_GROUPS, isArray: true })
  @Transform(asList)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(BENEFICIARY_GROUPS.length)
  @ArrayUnique()
  @IsIn(BENEFICIARY_GROUPS, { each: true })
  beneficiaryGroups!: BeneficiaryGroup[];

  @ApiProperty({ description: 'Expected number of people concerned' })
  @Transform(optionalInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  beneficiaryCount!: number;
}

export class NeedListQuery extends PageQuery {
  /** The page language switch (?lang=en) is handled by the request-context middleware. */
  @IsOptional()
  @IsString()
  @MaxLength(8)
  lang?: string;

  @ApiPropertyOptional()
  @Transform(optionalInt)
  @IsOptional()
  @IsInt()
  @Min(1)
  communityId?: number;

  @ApiPropertyOptional({ enum: BENEFICIARY_GROUPS })
  @Transform(optionalText)
  @IsOptional()
  @IsIn(BENEFICIARY_GROUPS)
  group?: BeneficiaryGroup;

  @ApiPropertyOptional({ enum: NEED_STATUSES, description: 'Default: open' })
  @Transform(optionalText)
  @IsOptional()
  @IsIn(NEED_STATUSES)
  status?: 'open' | 'closed';

  @ApiPropertyOptional()
  @Transform(optionalText)
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}
