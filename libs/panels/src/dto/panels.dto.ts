import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { PANEL_GROUPS, PanelGroup } from '../entities/panel-member.entity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** A form sends one checkbox or option as a string, several as an array; numbers as digit strings. */
const intList = ({ value }: { value: unknown }) =>
  (value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value]).map((v) =>
    typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : v,
  );
const bool = ({ value }: { value: unknown }) =>
  value === 'true' || value === 'on' || value === 'yes' ? true : value === 'false' ? false : value;

export class PanelMemberDto {
  @ApiProperty({ description: "The member's account (any role: a judge, community staff, …)" })
  @Transform(trim)
  @IsEmail()
  @MaxLength(191)
  email!: string;

  @ApiProperty({ enum: PANEL_GROUPS })
  @IsIn(PANEL_GROUPS as PanelGroup[])
  group!: PanelGroup;

  @ApiPropertyOptional({
    description: '评审组长 (one per panel: naming another replaces the chair)',
  })
  @Transform(bool)
  @IsOptional()
  @IsBoolean()
  isChair?: boolean;

  @ApiPropertyOptional({ example: '东关街道社会事务办主任' })
  @Transform(trim)
  @IsOptional()
  @IsString()
  @MaxLength(128)
  title?: string;

  @ApiPropertyOptional({ type: [Number], description: 'Organisations the member is tied to' })
  @Transform(intList)
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  organisationIds?: number[];

  @ApiPropertyOptional({ type: [Number], description: 'Communities the member is tied to' })
  @Transform(intList)
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  communityIds?: number[];
}

export class ConflictDecisionDto {
  @ApiProperty({ enum: ['confirmed', 'dismissed'] })
  @IsIn(['confirmed', 'dismissed'])
  status!: 'confirmed' | 'dismissed';

  @ApiProperty({ description: 'Why (required: the record explains every decision)' })
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  reason!: string;

  @ApiPropertyOptional({ description: 'A pinned conflict cannot be dismissed later' })
  @Transform(bool)
  @IsOptional()
  @IsBoolean()
  pinned?: boolean;
}

export class ConflictDeclarationDto {
  @ApiProperty()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value,
  )
  @IsInt()
  @Min(1)
  proposalId!: number;

  @ApiProperty({ example: '我曾担任该组织的顾问' })
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  reason!: string;
}

export class ExpertDrawDto {
  @ApiProperty({ description: 'How many experts to draw from the pool', minimum: 1, maximum: 20 })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^\d{1,3}$/.test(value) ? Number(value) : value,
  )
  @IsInt()
  @Min(1)
  @Max(20)
  count!: number;

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
