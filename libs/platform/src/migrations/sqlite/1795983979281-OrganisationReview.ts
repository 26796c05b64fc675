import { MigrationInterface, QueryRunner } from 'typeorm';

export class OrganisationReview1795983979281 implements MigrationInterface {
  name = 'OrganisationReview1795983979281';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_organisation_credit_code"`);
    await queryRunner.query(`DROP INDEX "IDX_organisation_community"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_organisation" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(128) NOT NULL, "type" varchar(32) NOT NULL, "communityId" integer NOT NULL, "registrationLevel" varchar(16) NOT NULL, "creditCode" varchar(18), "foundedOn" date, "incubatedBy" varchar(128), "membersCount" integer NOT NULL DEFAULT (0), "contactName" varchar(64) NOT NULL, "contactPhone" varchar(32), "contactEmail" varchar(191), "status" varchar(16) NOT NULL DEFAULT ('pending'), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "reviewedAt" datetime(6), "reviewNote" varchar(500), CONSTRAINT "FK_organisation_community" FOREIGN KEY ("communityId") REFERENCES "community" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_organisation"("id", "name", "type", "communityId", "registrationLevel", "creditCode", "foundedOn", "incubatedBy", "membersCount", "contactName", "contactPhone", "contactEmail", "status", "createdAt", "updatedAt") SELECT "id", "name", "type", "communityId", "registrationLevel", "creditCode", "foundedOn", "incubatedBy", "membersCount", "contactName", "contactPhone", "contactEmail", "status", "createdAt", "updatedAt" FROM "organisation"`,
    );
    await queryRunner.query(`DROP TABLE "organisation"`);
    await queryRunner.query(`ALTER TABLE "temporary_organisation" RENAME TO "organisation"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_organisation_credit_code" ON "organisation" ("creditCode") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_organisation_community" ON "organisation" ("communityId") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_organisation_community"`);
    await queryRunner.query(`DROP INDEX "IDX_organisation_credit_code"`);
    await queryRunner.query(`ALTER TABLE "organisation" RENAME TO "temporary_organisation"`);
    await queryRunner.query(
      `CREATE TABLE "organisation" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(128) NOT NULL, "type" varchar(32) NOT NULL, "communityId" integer NOT NULL, "registrationLevel" varchar(16) NOT NULL, "creditCode" varchar(18), "foundedOn" date, "incubatedBy" varchar(128), "membersCount" integer NOT NULL DEFAULT (0), "contactName" varchar(64) NOT NULL, "contactPhone" varchar(32), "contactEmail" varchar(191), "status" varchar(16) NOT NULL DEFAULT ('pending'), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_organisation_community" FOREIGN KEY ("communityId") REFERENCES "community" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "organisation"("id", "name", "type", "communityId", "registrationLevel", "creditCode", "foundedOn", "incubatedBy", "membersCount", "contactName", "contactPhone", "contactEmail", "status", "createdAt", "updatedAt") SELECT "id", "name", "type", "communityId", "registrationLevel", "creditCode", "foundedOn", "incubatedBy", "membersCount", "contactName", "contactPhone", "contactEmail", "status", "createdAt", "updatedAt" FROM "temporary_organisation"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_organisation"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_organisation_community" ON "organisation" ("communityId") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_organisation_credit_code" ON "organisation" ("creditCode") `,
    );
  }
}
