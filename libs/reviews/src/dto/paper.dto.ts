import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsObject, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { PageQuery } from '@gv/core';

/** One staff member's typing of a judge's paper sheet (纸质评分表). */
export class PaperEntryDto {
  @ApiProperty({ description: 'An eligible proposal of the competition', example: 12 })
  @IsInt()
  @Min(1)
  @Max(999_999_999)
  proposalId!: number;

  @ApiProperty({ description: 'The judge: a panel member of the competition', example: 3 })
  @IsInt()
  @Min(1)
  @Max(999_999_999)
  memberId!: number;

  @ApiProperty({
    description:
      'criterion id → points (an integer within its maximum) or null for N/A where allowed; every criterion',
    example: { need: 20, design: 18, team: 15, budget: 12, sustain: null },
  })
  @IsObject()
  scores!: Record<string, number | null>;

  @ApiPropertyOptional({
    description: 'The overall comment on the paper sheet (the confirming entry’s is kept)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  overall?: string;
}

export class PaperListQuery extends PageQuery {}
