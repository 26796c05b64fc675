import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { PageQuery } from '@gv/core';
import { DEFAULT_CAPACITY, MAX_CAPACITY } from '../placement-state';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** Digits from a form become a number; anything else stays as typed (and fails @IsInt). */
const int = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d{1,9}$/.test(value.trim()) ? Number(value) : value;
const optionalInt = ({ value }: { value: unknown }) =>
  value === '' || value === null ? undefined : int({ value });

export class CapacityDto {
  @ApiPropertyOptional({
    description: 'The community (community staff: only their own, which is also the default)',
  })
  @Transform(optionalInt)
  @IsOptional()
  @IsInt()
  @Min(1)
  communityId?: number;

  @ApiProperty({
    description: `Funded projects the community can host in this call (default ${DEFAULT_CAPACITY} when never set)`,
    minimum: 0,
    maximum: MAX_CAPACITY,
    example: 3,
  })
  @Transform(int)
  @IsInt()
  @Min(0)
  @Max(MAX_CAPACITY)
  capacity!: number;
}

/** The community staff page's capacity form also names the call it is for. */
export class CommunityCapacityFormDto extends CapacityDto {
  @Transform(int)
  @IsInt()
  @Min(1)
  callId!: number;
}

export class MovePlacementDto {
  @ApiProperty({ description: 'One of the proposal’s preferred host communities', example: 1 })
  @Transform(int)
  @IsInt()
  @Min(1)
  communityId!: number;
}

export class PlacementReasonDto {
  @ApiProperty({ example: '本社区暂无合适的活动场地' })
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  reason!: string;
}

export class PlacementListQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Street office: one community’s placements' })
  @Transform(optionalInt)
  @IsOptional()
  @IsInt()
  @Min(1)
  communityId?: number;
}

/** The pages' query: the list's filters plus the flash after a redirect. */
export class PlacementPageQuery extends PlacementListQuery {
  @IsOptional() @IsString() @MaxLength(32) done?: string;
  @IsOptional() @IsString() @MaxLength(8) lang?: string;
}
