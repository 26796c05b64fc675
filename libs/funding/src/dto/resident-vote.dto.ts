import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const int = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d{1,12}$/.test(value.trim()) ? Number(value) : value;
const bool = ({ value }: { value: unknown }) =>
  value === 'true' || value === '1' || value === 'on' ? true : value === 'false' ? false : value;

/** The residents' vote of a call (居民网上议事厅): window, K, mode and weight. */
export class VoteSettingsDto {
  @ApiProperty() @Transform(bool) @IsBoolean() enabled!: boolean;
  @ApiPropertyOptional({ description: 'Window opens (ISO 8601)', nullable: true })
  @IsOptional()
  @IsISO8601()
  opensAt?: string | null;
  @ApiPropertyOptional({ description: 'Window closes (ISO 8601), after it opens', nullable: true })
  @IsOptional()
  @IsISO8601()
  closesAt?: string | null;
  @ApiProperty({ description: 'K: most projects a resident may approve', minimum: 1 })
  @Transform(int)
  @IsInt()
  @Min(1)
  @Max(50)
  maxApprovals!: number;
  @ApiProperty({ enum: ['weighted', 'equal_shares'] })
  @IsIn(['weighted', 'equal_shares'])
  mode!: 'weighted' | 'equal_shares';
  @ApiPropertyOptional({ description: "weighted: the vote's share of the final score (percent)" })
  @IsOptional()
  @Transform(int)
  @IsInt()
  @Min(0)
  @Max(100)
  weightPct?: number;
}

export class VoteRegisterDto {
  @ApiProperty() @Transform(trim) @IsEmail() @MaxLength(191) email!: string;
}

export class VoteConfirmDto {
  @ApiProperty() @Transform(trim) @IsEmail() @MaxLength(191) email!: string;
  @ApiProperty({ description: 'The 6-digit code from the mail' })
  @Transform(trim)
  @IsString()
  @Matches(/^\d{6}$/)
  code!: string;
}

export class BallotDto {
  @ApiProperty({ type: [Number], description: 'The approved projects (at most K)' })
  @IsArray()
  @ArrayMaxSize(100)
  @IsInt({ each: true })
  proposalIds!: number[];
}

export class VoidVoterDto {
  @ApiProperty() @Transform(int) @IsInt() @Min(1) voterId!: number;
  @ApiProperty({ description: 'Why (audited)' })
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  reason!: string;
}
