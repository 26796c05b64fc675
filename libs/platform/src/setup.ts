import { plainToInstance, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsEmail,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  validate,
  ValidateNested,
  ValidationError,
} from 'class-validator';
import { DataSource } from 'typeorm';
import { AuditService } from '@gv/audit';
import { hashPassword, User } from '@gv/accounts';
import { Role } from '@gv/core';
import { Community, District, StreetOffice } from '@gv/places';

export class SetupCommunity {
  @IsString() @Matches(/^[a-z][a-z0-9-]{0,31}$/) code!: string;
  @IsString() @MinLength(1) @MaxLength(64) name!: string;
  @IsString() @MinLength(1) @MaxLength(128) nameEn!: string;
}

/** What a street office needs to start on a production database (no demo data, no published password). */
export class SetupInput {
  @IsString() @MinLength(1) @MaxLength(64) city!: string;
  @IsString() @MinLength(1) @MaxLength(64) district!: string;
  @IsString() @MinLength(1) @MaxLength(128) districtEn!: string;
  @IsString() @MinLength(1) @MaxLength(64) street!: string;
  @IsString() @MinLength(1) @MaxLength(128) streetEn!: string;
  @ValidateNested({ each: true })
  @Type(() => SetupCommunity)
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  communities!: SetupCommunity[];
  @IsEmail() @MaxLength(191) adminEmail!: string;
  @IsString() @MinLength(1) @MaxLength(64) adminName!: string;
  /** At least 12 characters: this account can do everything. */
  @IsString() @MinLength(12) @MaxLength(200) adminPassword!: string;
}

export class SetupError extends Error {}

function describe(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((e) => {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    return [
      ...Object.values(e.constraints ?? {}).map((m) => `${path}: ${m}`),
      ...describe(e.children ?? [], path),
    ];
  });
}

/**
 * Creates the district, the street office, its communities and the first street admin, in one
 * transaction. Refuses a database that is already set up (or seeded), and bad input, changing nothing.
 */
export async function setupInstallation(
  ds: DataSource,
  raw: Record<string, unknown>,
): Promise<{ adminId: number; adminEmail: string; communities: number }> {
  const input = plainToInstance(SetupInput, raw);
  const errors = await validate(input, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) throw new SetupError(describe(errors).join('\n'));
  const codes = input.communities.map((c) => c.code);
  if (new Set(codes).size !== codes.length)
    throw new SetupError('communities: every community needs its own code');
  const passwordHash = await hashPassword(input.adminPassword);
  return ds.transaction(async (m) => {
    if ((await m.count(District)) > 0 || (await m.count(User)) > 0)
      throw new SetupError('this database is already set up: nothing changed');
    const district = await m.save(
      m.create(District, { name: input.district, nameEn: input.districtEn, city: input.city }),
    );
    const office = await m.save(
      m.create(StreetOffice, {
        districtId: district.id,
        name: input.street,
        nameEn: input.streetEn,
      }),
    );
    for (const [i, c] of input.communities.entries())
      await m.save(
        m.create(Community, { ...c, invented: false, streetOfficeId: office.id, sortOrder: i + 1 }),
      );
    const admin = await m.save(
      m.create(User, {
        email: input.adminEmail.toLowerCase(),
        name: input.adminName,
        role: Role.StreetAdmin,
        communityId: null,
        organisationId: null,
        passwordHash,
        locale: 'zh-CN',
        active: true,
        lastLoginAt: null,
      }),
    );
    await new AuditService(ds).record(m, {
      actorId: null,
      actorLabel: 'cli:setup',
      action: 'platform.setup',
      entity: 'street_office',
      entityId: office.id,
      after: { communities: codes, admin: admin.email },
    });
    return { adminId: admin.id, adminEmail: admin.email, communities: codes.length };
  });
}
