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
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { Track, TRACKS } from '@gv/calls';
import { PLEDGE_KINDS, PledgeKind } from '../entities/roadshow-record.entity';

/** Asia/Shanghai wall clock, as a datetime-local field sends it. */
export const WALL_CLOCK = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const int = ({ value }: { value: unknown }) =>
  value === '' || value === null
    ? undefined
    : typeof value === 'string' && /^-?\d{1,9}$/.test(value.trim())
      ? Number(value)
      : value;
const intList = ({ value }: { value: unknown }) =>
  (value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value]).map((v) =>
    typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : v,
  );
const nullable = ({ value }: { value: unknown }) => (value === '' ? null : value);

export class RoadshowSettingsDto {
  @ApiProperty({ example: 8 }) @Transform(int) @IsInt() @Min(1) @Max(120) pitchMinutes!: number;
  @ApiProperty({ example: 7 }) @Transform(int) @IsInt() @Min(0) @Max(120) qaMinutes!: number;
  @ApiProperty({ example: 5 })
  @Transform(int)
  @IsInt()
  @Min(0)
  @Max(120)
  changeoverMinutes!: number;
  @ApiProperty({ example: 3 }) @Transform(int) @IsInt() @Min(1) @Max(50) quorum!: number;
  @ApiProperty({ example: 'dg-2026', description: '抽签 seed, shown on the agenda' })
  @Transform(trim)
  @IsString()
  @Length(1, 64)
  seed!: string;
}

export class RoadshowSessionDto {
  @ApiProperty({ example: '2026-05-11T09:00', description: 'Asia/Shanghai' })
  @Matches(WALL_CLOCK)
  start!: string;
  @ApiProperty({ example: '2026-05-11T11:55' }) @Matches(WALL_CLOCK) end!: string;
  @ApiProperty({ example: '一楼会议室' }) @Transform(trim) @IsString() @Length(1, 64) room!: string;
  @ApiPropertyOptional({ example: '东关街道办事处（潍坊市奎文区）' })
  @Transform(trim)
  @IsOptional()
  @IsString()
  @MaxLength(255)
  address?: string;
  @ApiPropertyOptional({ example: 40 })
  @Transform(int)
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100000)
  capacity?: number;
  @ApiPropertyOptional({ enum: TRACKS, nullable: true, description: 'null: every track' })
  @Transform(nullable)
  @IsOptional()
  @IsIn([...TRACKS, null])
  track?: Track | null;
  @ApiProperty({ type: [Number], description: 'Panel member ids sitting' })
  @Transform(intList)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  judgeIds!: number[];
  @ApiPropertyOptional({ description: 'The chairing member (one of the judges)' })
  @Transform(({ value }: { value: unknown }) => (value === '' ? undefined : int({ value })))
  @IsOptional()
  @IsInt()
  @Min(1)
  chairMemberId?: number;
}

export class UnavailabilityDto {
  @ApiProperty() @Transform(int) @IsInt() @Min(1) organisationId!: number;
  @ApiProperty({ example: '2026-05-11T13:00' }) @Matches(WALL_CLOCK) start!: string;
  @ApiProperty({ example: '2026-05-11T18:00' }) @Matches(WALL_CLOCK) end!: string;
  @ApiPropertyOptional()
  @Transform(trim)
  @IsOptional()
  @IsString()
  @MaxLength(255)
  note?: string;
}

export class MovePitchDto {
  @ApiProperty() @Transform(int) @IsInt() @Min(1) sessionId!: number;
  @ApiProperty({ description: 'Slot index in the session, from 0' })
  @Transform(int)
  @IsInt()
  @Min(0)
  @Max(1000)
  slot!: number;
}

export class SwapPitchesDto {
  @ApiProperty() @Transform(int) @IsInt() @Min(1) a!: number;
  @ApiProperty() @Transform(int) @IsInt() @Min(1) b!: number;
}

export class CheckInDto {
  @ApiProperty({ example: 'K7P2QX' })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toUpperCase() : value,
  )
  @IsString()
  @Length(4, 8)
  code!: string;
}

export class MinutesDto {
  @ApiPropertyOptional({ type: [Number] })
  @Transform(intList)
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsInt({ each: true })
  presentMemberIds?: number[];
  @ApiPropertyOptional()
  @Transform(trim)
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  notes?: string;
}

export class PledgeDto {
  @ApiProperty() @Transform(int) @IsInt() @Min(1) proposalId!: number;
  @ApiProperty({ example: '潍坊某爱心企业' })
  @Transform(trim)
  @IsString()
  @Length(1, 128)
  sponsor!: string;
  @ApiProperty({ enum: PLEDGE_KINDS }) @IsIn(PLEDGE_KINDS as PledgeKind[]) kind!: PledgeKind;
  @ApiPropertyOptional({ description: 'Money pledged, in fen (money pledges)' })
  @Transform(int)
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000_000)
  amountFen?: number;
  @ApiPropertyOptional()
  @Transform(trim)
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;
  @ApiPropertyOptional()
  @Transform(trim)
  @IsOptional()
  @IsString()
  @MaxLength(128)
  contact?: string;
}
