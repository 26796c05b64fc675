import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsShanghaiDate } from '@gv/core';
import { SCREENING_DECISIONS, ScreeningDecision } from './entities/screening.entity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class ScreeningCheckDto {
  @ApiProperty()
  @IsInt()
  @Min(1)
  checklistItemId!: number;
  @ApiProperty()
  @IsIn([true, false])
  passed!: boolean;
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(255)
  note?: string;
}

export class ScreeningDto {
  @ApiProperty({ enum: SCREENING_DECISIONS })
  @IsIn(SCREENING_DECISIONS as ScreeningDecision[])
  decision!: ScreeningDecision;
  @ApiPropertyOptional({ description: 'required for returned and rejected' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  reason?: string;
  @ApiPropertyOptional({ description: 'required for returned (Shanghai time)' })
  @IsOptional()
  @IsShanghaiDate()
  correctionDeadline?: string;
  @ApiPropertyOptional({ type: [ScreeningCheckDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ScreeningCheckDto)
  checks?: ScreeningCheckDto[];
}
