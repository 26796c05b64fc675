import { MigrationInterface, QueryRunner } from 'typeorm';

export class OrganisationsNeeds1795983237019 implements MigrationInterface {
  name = 'OrganisationsNeeds1795983237019';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "organisation" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(128) NOT NULL, "type" varchar(32) NOT NULL, "communityId" integer NOT NULL, "registrationLevel" varchar(16) NOT NULL, "creditCode" varchar(18), "foundedOn" date, "incubatedBy" varchar(128), "membersCount" integer NOT NULL DEFAULT (0), "contactName" varchar(64) NOT NULL, "contactPhone" varchar(32), "contactEmail" varchar(191), "status" varchar(16) NOT NULL DEFAULT ('pending'), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_organisation_community" ON "organisation" ("communityId") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_organisation_credit_code" ON "organisation" ("creditCode") `,
    );
    await queryRunner.query(
      `CREATE TABLE "need" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "communityId" integer NOT NULL, "title" varchar(128) NOT NULL, "description" text NOT NULL, "beneficiaryGroups" text NOT NULL, "beneficiaryCount" integer NOT NULL DEFAULT (0), "status" varchar(16) NOT NULL DEFAULT ('open'), "createdById" integer, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_need_community" ON "need" ("communityId", "status") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_organisation_community"`);
    await queryRunner.query(`DROP INDEX "IDX_organisation_credit_code"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_organisation" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(128) NOT NULL, "type" varchar(32) NOT NULL, "communityId" integer NOT NULL, "registrationLevel" varchar(16) NOT NULL, "creditCode" varchar(18), "foundedOn" date, "incubatedBy" varchar(128), "membersCount" integer NOT NULL DEFAULT (0), "contactName" varchar(64) NOT NULL, "contactPhone" varchar(32), "contactEmail" varchar(191), "status" varchar(16) NOT NULL DEFAULT ('pending'), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_organisation_community" FOREIGN KEY ("communityId") REFERENCES "community" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_organisation"("id", "name", "type", "communityId", "registrationLevel", "creditCode", "foundedOn", "incubatedBy", "membersCount", "contactName", "contactPhone", "contactEmail", "status", "createdAt", "updatedAt") SELECT "id", "name", "type", "communityId", "registrationLevel", "creditCode", "foundedOn", "incubatedBy", "membersCount", "contactName", "contactPhone", "contactEmail", "status", "createdAt", "updatedAt" FROM "organisation"`,
    );
    await queryRunner.query(`DROP TABLE "organisation"`);
    await queryRunner.query(`ALTER TABLE "temporary_organisation" RENAME TO "organisation"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_organisation_community" ON "organisation" ("communityId") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_organisation_credit_code" ON "organisation" ("creditCode") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_need_community"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_need" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "communityId" integer NOT NULL, "title" varchar(128) NOT NULL, "description" text NOT NULL, "beneficiaryGroups" text NOT NULL, "beneficiaryCount" integer NOT NULL DEFAULT (0), "status" varchar(16) NOT NULL DEFAULT ('open'), "createdById" integer, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_need_community" FOREIGN KEY ("communityId") REFERENCES "community" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_need"("id", "communityId", "title", "description", "beneficiaryGroups", "beneficiaryCount", "status", "createdById", "createdAt", "updatedAt") SELECT "id", "communityId", "title", "description", "beneficiaryGroups", "beneficiaryCount", "status", "createdById", "createdAt", "updatedAt" FROM "need"`,
    );
    await queryRunner.query(`DROP TABLE "need"`);
    await queryRunner.query(`ALTER TABLE "temporary_need" RENAME TO "need"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_need_community" ON "need" ("communityId", "status") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_need_community"`);
    await queryRunner.query(`ALTER TABLE "need" RENAME TO "temporary_need"`);
    await queryRunner.query(
      `CREATE TABLE "need" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "communityId" integer NOT NULL, "title" varchar(128) NOT NULL, "description" text NOT NULL, "beneficiaryGroups" text NOT NULL, "beneficiaryCount" integer NOT NULL DEFAULT (0), "status" varchar(16) NOT NULL DEFAULT ('open'), "createdById" integer, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "need"("id", "communityId", "title", "description", "beneficiaryGroups", "beneficiaryCount", "status", "createdById", "createdAt", "updatedAt") SELECT "id", "communityId", "title", "description", "beneficiaryGroups", "beneficiaryCount", "status", "createdById", "createdAt", "updatedAt" FROM "temporary_need"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_need"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_need_community" ON "need" ("communityId", "status") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_organisation_credit_code"`);
    await queryRunner.query(`DROP INDEX "IDX_organisation_community"`);
    await queryRunner.query(`ALTER TABLE "organisation" RENAME TO "temporary_organisation"`);
    await queryRunner.query(
      `CREATE TABLE "organisation" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(128) NOT NULL, "type" varchar(32) NOT NULL, "communityId" integer NOT NULL, "registrationLevel" varchar(16) NOT NULL, "creditCode" varchar(18), "foundedOn" date, "incubatedBy" varchar(128), "membersCount" integer NOT NULL DEFAULT (0), "contactName" varchar(64) NOT NULL, "contactPhone" varchar(32), "contactEmail" varchar(191), "status" varchar(16) NOT NULL DEFAULT ('pending'), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "organisation"("id", "name", "type", "communityId", "registrationLevel", "creditCode", "foundedOn", "incubatedBy", "membersCount", "contactName", "contactPhone", "contactEmail", "status", "createdAt", "updatedAt") SELECT "id", "name", "type", "communityId", "registrationLevel", "creditCode", "foundedOn", "incubatedBy", "membersCount", "contactName", "contactPhone", "contactEmail", "status", "createdAt", "updatedAt" FROM "temporary_organisation"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_organisation"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_organisation_credit_code" ON "organisation" ("creditCode") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_organisation_community" ON "organisation" ("communityId") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_need_community"`);
    await queryRunner.query(`DROP TABLE "need"`);
    await queryRunner.query(`DROP INDEX "IDX_organisation_credit_code"`);
    await queryRunner.query(`DROP INDEX "IDX_organisation_community"`);
    await queryRunner.query(`DROP TABLE "organisation"`);
  }
}
