import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { ALL_ROLES, PageQuery, Role } from '@gv/core';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const optionalInt = ({ value }: { value: unknown }) =>
  value === '' || value === undefined || value === null
    ? undefined
    : /^\d+$/.test(String(value))
      ? Number(value)
      : value;

export class LoginDto {
  @ApiProperty({ example: 'admin@dongguan.example.cn' })
  @Transform(trim)
  @IsEmail()
  @MaxLength(191)
  email!: string;

  @ApiProperty({ example: 'Demo!2026' })
  @IsString()
  @Length(1, 200)
  password!: string;
}

export class LoginFormDto extends LoginDto {
  @IsOptional()
  @IsString()
  @MaxLength(500)
  next?: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @Length(1, 200)
  currentPassword!: string;

  @ApiProperty({ minLength: 8 })
  @IsString()
  @MinLength(8)
  @MaxLength(200)
  newPassword!: string;
}

export class InviteUserDto {
  @ApiProperty()
  @Transform(trim)
  @IsEmail()
  @MaxLength(191)
  email!: string;

  @ApiProperty()
  @Transform(trim)
  @IsString()
  @Length(1, 64)
  name!: string;

  @ApiProperty({ enum: ALL_ROLES })
  @IsIn(ALL_ROLES as Role[])
  role!: Role;

  @ApiPropertyOptional({ description: 'Required for community_staff' })
  @Transform(optionalInt)
  @IsOptional()
  @IsInt()
  @Min(1)
  communityId?: number;

  @ApiPropertyOptional({ description: 'Required for org_member' })
  @Transform(optionalInt)
  @IsOptional()
  @IsInt()
  @Min(1)
  organisationId?: number;

  @ApiPropertyOptional({ enum: ['zh-CN', 'en'] })
  @IsOptional()
  @IsIn(['zh-CN', 'en'])
  locale?: 'zh-CN' | 'en';
}

export class AcceptInvitationDto {
  @IsString()
  @MinLength(8)
  @MaxLength(200)
  password!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(200)
  passwordConfirm!: string;
}

export class UserListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ALL_ROLES })
  @IsOptional()
  @IsIn(ALL_ROLES as Role[])
  role?: Role;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  _?: number;
}

/** 忘记密码: the address to mail a reset link to. */
export class ForgotPasswordDto {
  @Transform(trim)
  @IsEmail()
  @MaxLength(191)
  email!: string;
}

/** The new password set through a reset link: the same rules as a changed or first password. */
export class ResetPasswordDto {
  @IsString()
  @MinLength(8)
  @MaxLength(200)
  password!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(200)
  passwordConfirm!: string;
}
