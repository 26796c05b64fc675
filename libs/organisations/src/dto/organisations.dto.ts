import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { IsUscc, PageQuery } from '@gv/core';
import {
  OrganisationStatus,
  OrganisationType,
  RegistrationLevel,
} from '../entities/organisation.entity';

export const ORGANISATION_TYPES = Object.values(OrganisationType);
export const REGISTRATION_LEVELS = Object.values(RegistrationLevel);
export const ORGANISATION_STATUSES: OrganisationStatus[] = ['pending', 'verified', 'rejected'];

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** Form posts send strings: '' is "not given", digits become numbers, anything else is left to fail @IsInt. */
export const optionalInt = ({ value }: { value: unknown }) =>
  value === '' || value === undefined || value === null
    ? undefined
    : /^-?\d{1,9}$/.test(String(value).trim())
      ? Number(value)
      : value;
const optionalText = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() || undefined : value === null ? undefined : value;
const creditCode = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value.trim().toUpperCase() || undefined
    : value === null
      ? undefined
      : value;

/** The organisation profile, as created by the street office, signed up, or edited. */
export class OrganisationDto {
  @ApiProperty({ example: '苇湾社区日间照料服务队' })
  @Transform(trim)
  @IsString()
  @Length(1, 128)
  name!: string;

  @ApiProperty({ enum: ORGANISATION_TYPES })
  @IsIn(ORGANISATION_TYPES)
  type!: OrganisationType;

  @ApiProperty({ description: 'Home community id' })
  @Transform(optionalInt)
  @IsInt()
  @Min(1)
  communityId!: number;

  @ApiProperty({
    enum: REGISTRATION_LEVELS,
    description: 'district 区民政局登记 · street 街道备案 · community 社区备案',
  })
  @IsIn(REGISTRATION_LEVELS)
  registrationLevel!: RegistrationLevel;

  @ApiPropertyOptional({
    description: '统一社会信用代码 (GB 32100-2015); required when registrationLevel is district',
    example: '52370705MJ0000013X',
  })
  @Transform(creditCode)
  @ValidateIf(
    (o: OrganisationDto) =>
      o.registrationLevel === RegistrationLevel.District || o.creditCode !== undefined,
  )
  @IsNotEmpty()
  @IsUscc()
  creditCode?: string;

  @ApiPropertyOptional({ example: '2019-05-01' })
  @Transform(optionalText)
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/)
  foundedOn?: string;

  @ApiPropertyOptional({ example: '益民社会组织服务中心' })
  @Transform(optionalText)
  @IsOptional()
  @IsString()
  @MaxLength(128)
  incubatedBy?: string;

  @ApiPropertyOptional()
  @Transform(optionalInt)
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100000)
  membersCount?: number;

  @ApiProperty()
  @Transform(trim)
  @IsString()
  @Length(1, 64)
  contactName!: string;

  @ApiPropertyOptional()
  @Transform(optionalText)
  @IsOptional()
  @Matches(/^[0-9+\- ]{5,32}$/)
  contactPhone?: string;

  @ApiPropertyOptional()
  @Transform(optionalText)
  @IsOptional()
  @IsEmail()
  @MaxLength(191)
  contactEmail?: string;
}

/** Public sign-up: the profile plus the first member's account (org_member). */
export class OrganisationSignupDto extends OrganisationDto {
  @ApiProperty()
  @Transform(trim)
  @IsString()
  @Length(1, 64)
  memberName!: string;

  @ApiProperty()
  @Transform(trim)
  @IsEmail()
  @MaxLength(191)
  memberEmail!: string;

  @ApiProperty({ minLength: 8 })
  @IsString()
  @MinLength(8)
  @MaxLength(200)
  password!: string;
}

export class RejectOrganisationDto {
  @ApiProperty({ description: 'Why the street office rejects the organisation' })
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  reason!: string;
}

export class OrganisationListQuery extends PageQuery {
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

  @ApiPropertyOptional({ enum: ORGANISATION_TYPES })
  @Transform(optionalText)
  @IsOptional()
  @IsIn(ORGANISATION_TYPES)
  type?: OrganisationType;

  @ApiPropertyOptional({ enum: ORGANISATION_STATUSES })
  @Transform(optionalText)
  @IsOptional()
  @IsIn(ORGANISATION_STATUSES)
  status?: OrganisationStatus;

  @ApiPropertyOptional({ description: 'Search in the name' })
  @Transform(optionalText)
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}
