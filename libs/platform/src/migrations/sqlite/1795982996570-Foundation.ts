import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1795982996570 implements MigrationInterface {
  name = 'Foundation1795982996570';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_log" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "actorId" integer, "actorLabel" varchar(191) NOT NULL, "action" varchar(64) NOT NULL, "entity" varchar(64) NOT NULL, "entityId" varchar(64) NOT NULL, "before" text, "after" text, "requestId" varchar(64), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_audit_created" ON "audit_log" ("createdAt") `);
    await queryRunner.query(`CREATE INDEX "IDX_audit_actor" ON "audit_log" ("actorId") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_audit_entity" ON "audit_log" ("entity", "entityId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "district" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(64) NOT NULL, "nameEn" varchar(128) NOT NULL, "city" varchar(64) NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE TABLE "street_office" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "districtId" integer NOT NULL, "name" varchar(64) NOT NULL, "nameEn" varchar(128) NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE TABLE "community" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "streetOfficeId" integer NOT NULL, "code" varchar(32) NOT NULL, "name" varchar(64) NOT NULL, "nameEn" varchar(128) NOT NULL, "invented" boolean NOT NULL DEFAULT (0), "sortOrder" integer NOT NULL DEFAULT (0))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_community_code" ON "community" ("code") `);
    await queryRunner.query(
      `CREATE TABLE "user" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "email" varchar(191) NOT NULL, "name" varchar(64) NOT NULL, "passwordHash" varchar(255), "role" varchar(32) NOT NULL, "communityId" integer, "organisationId" integer, "locale" varchar(8) NOT NULL DEFAULT ('zh-CN'), "active" boolean NOT NULL DEFAULT (1), "lastLoginAt" datetime(6), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_user_email" ON "user" ("email") `);
    await queryRunner.query(
      `CREATE TABLE "auth_session" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "tokenHash" varchar(64) NOT NULL, "userId" integer NOT NULL, "kind" varchar(8) NOT NULL, "expiresAt" datetime(6) NOT NULL, "lastSeenAt" datetime(6) NOT NULL, "ip" varchar(64), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_auth_session_expires" ON "auth_session" ("expiresAt") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_auth_session_token" ON "auth_session" ("tokenHash") `,
    );
    await queryRunner.query(
      `CREATE TABLE "invitation" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "email" varchar(191) NOT NULL, "name" varchar(64) NOT NULL, "role" varchar(32) NOT NULL, "communityId" integer, "organisationId" integer, "locale" varchar(8) NOT NULL DEFAULT ('zh-CN'), "tokenHash" varchar(64) NOT NULL, "pendingToken" varchar(64), "invitedById" integer NOT NULL, "expiresAt" datetime(6) NOT NULL, "sentAt" datetime(6), "acceptedAt" datetime(6), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_invitation_token" ON "invitation" ("tokenHash") `,
    );
    await queryRunner.query(
      `CREATE TABLE "temporary_street_office" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "districtId" integer NOT NULL, "name" varchar(64) NOT NULL, "nameEn" varchar(128) NOT NULL, CONSTRAINT "FK_street_office_district" FOREIGN KEY ("districtId") REFERENCES "district" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_street_office"("id", "districtId", "name", "nameEn") SELECT "id", "districtId", "name", "nameEn" FROM "street_office"`,
    );
    await queryRunner.query(`DROP TABLE "street_office"`);
    await queryRunner.query(`ALTER TABLE "temporary_street_office" RENAME TO "street_office"`);
    await queryRunner.query(`DROP INDEX "IDX_community_code"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_community" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "streetOfficeId" integer NOT NULL, "code" varchar(32) NOT NULL, "name" varchar(64) NOT NULL, "nameEn" varchar(128) NOT NULL, "invented" boolean NOT NULL DEFAULT (0), "sortOrder" integer NOT NULL DEFAULT (0), CONSTRAINT "FK_community_street_office" FOREIGN KEY ("streetOfficeId") REFERENCES "street_office" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_community"("id", "streetOfficeId", "code", "name", "nameEn", "invented", "sortOrder") SELECT "id", "streetOfficeId", "code", "name", "nameEn", "invented", "sortOrder" FROM "community"`,
    );
    await queryRunner.query(`DROP TABLE "community"`);
    await queryRunner.query(`ALTER TABLE "temporary_community" RENAME TO "community"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_community_code" ON "community" ("code") `);
    await queryRunner.query(`DROP INDEX "IDX_user_email"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_user" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "email" varchar(191) NOT NULL, "name" varchar(64) NOT NULL, "passwordHash" varchar(255), "role" varchar(32) NOT NULL, "communityId" integer, "organisationId" integer, "locale" varchar(8) NOT NULL DEFAULT ('zh-CN'), "active" boolean NOT NULL DEFAULT (1), "lastLoginAt" datetime(6), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_user_community" FOREIGN KEY ("communityId") REFERENCES "community" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_user"("id", "email", "name", "passwordHash", "role", "communityId", "organisationId", "locale", "active", "lastLoginAt", "createdAt", "updatedAt") SELECT "id", "email", "name", "passwordHash", "role", "communityId", "organisationId", "locale", "active", "lastLoginAt", "createdAt", "updatedAt" FROM "user"`,
    );
    await queryRunner.query(`DROP TABLE "user"`);
    await queryRunner.query(`ALTER TABLE "temporary_user" RENAME TO "user"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_user_email" ON "user" ("email") `);
    await queryRunner.query(`DROP INDEX "IDX_auth_session_expires"`);
    await queryRunner.query(`DROP INDEX "IDX_auth_session_token"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_auth_session" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "tokenHash" varchar(64) NOT NULL, "userId" integer NOT NULL, "kind" varchar(8) NOT NULL, "expiresAt" datetime(6) NOT NULL, "lastSeenAt" datetime(6) NOT NULL, "ip" varchar(64), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_auth_session_user" FOREIGN KEY ("userId") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_auth_session"("id", "tokenHash", "userId", "kind", "expiresAt", "lastSeenAt", "ip", "createdAt") SELECT "id", "tokenHash", "userId", "kind", "expiresAt", "lastSeenAt", "ip", "createdAt" FROM "auth_session"`,
    );
    await queryRunner.query(`DROP TABLE "auth_session"`);
    await queryRunner.query(`ALTER TABLE "temporary_auth_session" RENAME TO "auth_session"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_auth_session_expires" ON "auth_session" ("expiresAt") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_auth_session_token" ON "auth_session" ("tokenHash") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_invitation_token"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_invitation" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "email" varchar(191) NOT NULL, "name" varchar(64) NOT NULL, "role" varchar(32) NOT NULL, "communityId" integer, "organisationId" integer, "locale" varchar(8) NOT NULL DEFAULT ('zh-CN'), "tokenHash" varchar(64) NOT NULL, "pendingToken" varchar(64), "invitedById" integer NOT NULL, "expiresAt" datetime(6) NOT NULL, "sentAt" datetime(6), "acceptedAt" datetime(6), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_invitation_inviter" FOREIGN KEY ("invitedById") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_invitation"("id", "email", "name", "role", "communityId", "organisationId", "locale", "tokenHash", "pendingToken", "invitedById", "expiresAt", "sentAt", "acceptedAt", "createdAt") SELECT "id", "email", "name", "role", "communityId", "organisationId", "locale", "tokenHash", "pendingToken", "invitedById", "expiresAt", "sentAt", "acceptedAt", "createdAt" FROM "invitation"`,
    );
    await queryRunner.query(`DROP TABLE "invitation"`);
    await queryRunner.query(`ALTER TABLE "temporary_invitation" RENAME TO "invitation"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_invitation_token" ON "invitation" ("tokenHash") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_invitation_token"`);
    await queryRunner.query(`ALTER TABLE "invitation" RENAME TO "temporary_invitation"`);
    await queryRunner.query(
      `CREATE TABLE "invitation" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "email" varchar(191) NOT NULL, "name" varchar(64) NOT NULL, "role" varchar(32) NOT NULL, "communityId" integer, "organisationId" integer, "locale" varchar(8) NOT NULL DEFAULT ('zh-CN'), "tokenHash" varchar(64) NOT NULL, "pendingToken" varchar(64), "invitedById" integer NOT NULL, "expiresAt" datetime(6) NOT NULL, "sentAt" datetime(6), "acceptedAt" datetime(6), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "invitation"("id", "email", "name", "role", "communityId", "organisationId", "locale", "tokenHash", "pendingToken", "invitedById", "expiresAt", "sentAt", "acceptedAt", "createdAt") SELECT "id", "email", "name", "role", "communityId", "organisationId", "locale", "tokenHash", "pendingToken", "invitedById", "expiresAt", "sentAt", "acceptedAt", "createdAt" FROM "temporary_invitation"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_invitation"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_invitation_token" ON "invitation" ("tokenHash") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_auth_session_token"`);
    await queryRunner.query(`DROP INDEX "IDX_auth_session_expires"`);
    await queryRunner.query(`ALTER TABLE "auth_session" RENAME TO "temporary_auth_session"`);
    await queryRunner.query(
      `CREATE TABLE "auth_session" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "tokenHash" varchar(64) NOT NULL, "userId" integer NOT NULL, "kind" varchar(8) NOT NULL, "expiresAt" datetime(6) NOT NULL, "lastSeenAt" datetime(6) NOT NULL, "ip" varchar(64), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "auth_session"("id", "tokenHash", "userId", "kind", "expiresAt", "lastSeenAt", "ip", "createdAt") SELECT "id", "tokenHash", "userId", "kind", "expiresAt", "lastSeenAt", "ip", "createdAt" FROM "temporary_auth_session"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_auth_session"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_auth_session_token" ON "auth_session" ("tokenHash") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_auth_session_expires" ON "auth_session" ("expiresAt") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_user_email"`);
    await queryRunner.query(`ALTER TABLE "user" RENAME TO "temporary_user"`);
    await queryRunner.query(
      `CREATE TABLE "user" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "email" varchar(191) NOT NULL, "name" varchar(64) NOT NULL, "passwordHash" varchar(255), "role" varchar(32) NOT NULL, "communityId" integer, "organisationId" integer, "locale" varchar(8) NOT NULL DEFAULT ('zh-CN'), "active" boolean NOT NULL DEFAULT (1), "lastLoginAt" datetime(6), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "user"("id", "email", "name", "passwordHash", "role", "communityId", "organisationId", "locale", "active", "lastLoginAt", "createdAt", "updatedAt") SELECT "id", "email", "name", "passwordHash", "role", "communityId", "organisationId", "locale", "active", "lastLoginAt", "createdAt", "updatedAt" FROM "temporary_user"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_user"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_user_email" ON "user" ("email") `);
    await queryRunner.query(`DROP INDEX "IDX_community_code"`);
    await queryRunner.query(`ALTER TABLE "community" RENAME TO "temporary_community"`);
    await queryRunner.query(
      `CREATE TABLE "community" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "streetOfficeId" integer NOT NULL, "code" varchar(32) NOT NULL, "name" varchar(64) NOT NULL, "nameEn" varchar(128) NOT NULL, "invented" boolean NOT NULL DEFAULT (0), "sortOrder" integer NOT NULL DEFAULT (0))`,
    );
    await queryRunner.query(
      `INSERT INTO "community"("id", "streetOfficeId", "code", "name", "nameEn", "invented", "sortOrder") SELECT "id", "streetOfficeId", "code", "name", "nameEn", "invented", "sortOrder" FROM "temporary_community"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_community"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_community_code" ON "community" ("code") `);
    await queryRunner.query(`ALTER TABLE "street_office" RENAME TO "temporary_street_office"`);
    await queryRunner.query(
      `CREATE TABLE "street_office" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "districtId" integer NOT NULL, "name" varchar(64) NOT NULL, "nameEn" varchar(128) NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "street_office"("id", "districtId", "name", "nameEn") SELECT "id", "districtId", "name", "nameEn" FROM "temporary_street_office"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_street_office"`);
    await queryRunner.query(`DROP INDEX "IDX_invitation_token"`);
    await queryRunner.query(`DROP TABLE "invitation"`);
    await queryRunner.query(`DROP INDEX "IDX_auth_session_token"`);
    await queryRunner.query(`DROP INDEX "IDX_auth_session_expires"`);
    await queryRunner.query(`DROP TABLE "auth_session"`);
    await queryRunner.query(`DROP INDEX "IDX_user_email"`);
    await queryRunner.query(`DROP TABLE "user"`);
    await queryRunner.query(`DROP INDEX "IDX_community_code"`);
    await queryRunner.query(`DROP TABLE "community"`);
    await queryRunner.query(`DROP TABLE "street_office"`);
    await queryRunner.query(`DROP TABLE "district"`);
    await queryRunner.query(`DROP INDEX "IDX_audit_entity"`);
    await queryRunner.query(`DROP INDEX "IDX_audit_actor"`);
    await queryRunner.query(`DROP INDEX "IDX_audit_created"`);
    await queryRunner.query(`DROP TABLE "audit_log"`);
  }
}
