import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
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
import { IsFen, IsShanghaiDate, PageQuery } from '@gv/core';
import { CALL_PHASES, CallPhase, Track, TRACKS } from '../entities/call.entity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Create or replace a call (API: money in integer fen, dates Shanghai wall-clock or ISO). */
export class CallDto {
  @ApiProperty({ example: 'DG' })
  @Transform(trim)
  @IsString()
  @Length(1, 8)
  code!: string;
  @ApiProperty({ example: '首届社区公益创投大赛' })
  @Transform(trim)
  @IsString()
  @Length(1, 128)
  title!: string;
  @ApiProperty({ example: 2026 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;
  @ApiProperty({ enum: TRACKS, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(TRACKS as Track[], { each: true })
  tracks!: Track[];
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;
  @ApiProperty({ example: 11_600_000, description: 'fen' })
  @IsFen()
  budgetCapFen!: number;
  @ApiProperty({ example: 500_000 })
  @IsFen()
  minGrantFen!: number;
  @ApiProperty({ example: 2_000_000 })
  @IsFen()
  maxGrantFen!: number;
  @ApiProperty({ example: 2 })
  @IsInt()
  @Min(1)
  @Max(50)
  maxProposalsPerOrg!: number;
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  rubric?: string;
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 255, { each: true })
  checklist!: string[];
  @ApiPropertyOptional({ type: [Number] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsInt({ each: true })
  needIds?: number[];
  @ApiProperty({ example: '2026-03-01T09:00' }) @IsShanghaiDate() opensAt!: string;
  @ApiProperty() @IsShanghaiDate() submissionDeadline!: string;
  @ApiProperty() @IsShanghaiDate() screeningAt!: string;
  @ApiProperty() @IsShanghaiDate() roadshowAt!: string;
  @ApiProperty() @IsShanghaiDate() scoringAt!: string;
  @ApiProperty() @IsShanghaiDate() publicityAt!: string;
  @ApiProperty() @IsShanghaiDate() implementationAt!: string;
  @ApiProperty() @IsShanghaiDate() closesAt!: string;
}

export class PhaseChangeDto {
  @ApiProperty({ enum: CALL_PHASES })
  @IsIn(CALL_PHASES as CallPhase[])
  phase!: CallPhase;
  @ApiProperty()
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  reason!: string;
}

export class CallListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CALL_PHASES })
  @IsOptional()
  @IsIn(CALL_PHASES as CallPhase[])
  phase?: CallPhase;
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  _?: number;
}
