import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsEmail,
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

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const int = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d{1,12}$/.test(value.trim()) ? Number(value) : value;
/** An empty choice ("general", no project) is no project. */
const optionalInt = ({ value }: { value: unknown }) =>
  value === '' || value === null || value === '0' || value === 0 ? undefined : int({ value });

/** 异议: a resident's or an organisation's objection during the publicity period. */
export class ObjectionDto {
  @ApiProperty({ description: 'Name of the person or organisation objecting' })
  @Transform(trim)
  @IsString()
  @Length(1, 64)
  name!: string;

  @ApiProperty({ description: 'For the reply only: never shown' })
  @Transform(trim)
  @IsEmail()
  @MaxLength(191)
  email!: string;

  @ApiPropertyOptional({ description: 'The project objected to; absent: the results in general' })
  @IsOptional()
  @Transform(optionalInt)
  @IsInt()
  @Min(1)
  @Max(999_999_999)
  proposalId?: number;

  @ApiProperty({ description: 'What is objected to and why' })
  @Transform(trim)
  @IsString()
  @Length(5, 2000)
  body!: string;
}

export const OBJECTION_DECISIONS = ['upheld', 'rejected'] as const;
export type ObjectionDecision = (typeof OBJECTION_DECISIONS)[number];

/** Staff's answer to one objection: uphold (reopens the decision) or reject, with the reply sent. */
export class ObjectionAnswerDto {
  @ApiProperty()
  @Transform(int)
  @IsInt()
  @Min(1)
  @Max(999_999_999)
  objectionId!: number;

  @ApiProperty({ enum: OBJECTION_DECISIONS })
  @IsIn(OBJECTION_DECISIONS)
  decision!: ObjectionDecision;

  @ApiProperty({ description: 'The recorded reply, mailed to the objector' })
  @Transform(trim)
  @IsString()
  @Length(1, 2000)
  reply!: string;
}

/** The street office's recorded decision to make the results final. */
export class FinaliseDto {
  @ApiProperty({ description: 'Why the results are final now (recorded)' })
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  reason!: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** One day of the working calendar: an official holiday or an adjusted working day (调休上班). */
export class CalendarDayDto {
  @ApiProperty({ example: '2027-01-01' })
  @Transform(trim)
  @IsString()
  @Matches(DATE)
  date!: string;

  @ApiProperty({ enum: ['holiday', 'workday'] })
  @IsIn(['holiday', 'workday'])
  kind!: 'holiday' | 'workday';

  @ApiPropertyOptional({ example: '元旦' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(64)
  name?: string;
}

export class CalendarDateDto {
  @ApiProperty({ example: '2027-01-01' })
  @Transform(trim)
  @IsString()
  @Matches(DATE)
  date!: string;
}

export class CalendarYearDto {
  @ApiProperty({ example: 2026 })
  @Transform(int)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;
}

export class CalendarYearQuery {
  @ApiPropertyOptional({ example: 2026 })
  @IsOptional()
  @Transform(int)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}
