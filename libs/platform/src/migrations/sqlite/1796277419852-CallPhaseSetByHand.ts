import { MigrationInterface, QueryRunner } from 'typeorm';

export class CallPhaseSetByHand1796277419852 implements MigrationInterface {
  name = 'CallPhaseSetByHand1796277419852';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_call_code_year"`);
    await queryRunner.query(`DROP INDEX "IDX_call_phase"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_call" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "code" varchar(8) NOT NULL, "title" varchar(128) NOT NULL, "year" integer NOT NULL, "tracks" text NOT NULL, "description" text NOT NULL, "budgetCapFen" bigint NOT NULL, "minGrantFen" bigint NOT NULL, "maxGrantFen" bigint NOT NULL, "maxProposalsPerOrg" integer NOT NULL DEFAULT (1), "rubric" text NOT NULL, "phase" varchar(16) NOT NULL DEFAULT ('upcoming'), "opensAt" datetime(6) NOT NULL, "submissionDeadline" datetime(6) NOT NULL, "screeningAt" datetime(6) NOT NULL, "roadshowAt" datetime(6) NOT NULL, "scoringAt" datetime(6) NOT NULL, "publicityAt" datetime(6) NOT NULL, "implementationAt" datetime(6) NOT NULL, "closesAt" datetime(6) NOT NULL, "lastNumber" integer NOT NULL DEFAULT (0), "screeningPublishedAt" datetime(6), "createdById" integer, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "phaseSetByHandAt" datetime(6))`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_call"("id", "code", "title", "year", "tracks", "description", "budgetCapFen", "minGrantFen", "maxGrantFen", "maxProposalsPerOrg", "rubric", "phase", "opensAt", "submissionDeadline", "screeningAt", "roadshowAt", "scoringAt", "publicityAt", "implementationAt", "closesAt", "lastNumber", "screeningPublishedAt", "createdById", "createdAt", "updatedAt") SELECT "id", "code", "title", "year", "tracks", "description", "budgetCapFen", "minGrantFen", "maxGrantFen", "maxProposalsPerOrg", "rubric", "phase", "opensAt", "submissionDeadline", "screeningAt", "roadshowAt", "scoringAt", "publicityAt", "implementationAt", "closesAt", "lastNumber", "screeningPublishedAt", "createdById", "createdAt", "updatedAt" FROM "call"`,
    );
    await queryRunner.query(`DROP TABLE "call"`);
    await queryRunner.query(`ALTER TABLE "temporary_call" RENAME TO "call"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_call_code_year" ON "call" ("code", "year") `);
    await queryRunner.query(`CREATE INDEX "IDX_call_phase" ON "call" ("phase") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_call_phase"`);
    await queryRunner.query(`DROP INDEX "IDX_call_code_year"`);
    await queryRunner.query(`ALTER TABLE "call" RENAME TO "temporary_call"`);
    await queryRunner.query(
      `CREATE TABLE "call" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "code" varchar(8) NOT NULL, "title" varchar(128) NOT NULL, "year" integer NOT NULL, "tracks" text NOT NULL, "description" text NOT NULL, "budgetCapFen" bigint NOT NULL, "minGrantFen" bigint NOT NULL, "maxGrantFen" bigint NOT NULL, "maxProposalsPerOrg" integer NOT NULL DEFAULT (1), "rubric" text NOT NULL, "phase" varchar(16) NOT NULL DEFAULT ('upcoming'), "opensAt" datetime(6) NOT NULL, "submissionDeadline" datetime(6) NOT NULL, "screeningAt" datetime(6) NOT NULL, "roadshowAt" datetime(6) NOT NULL, "scoringAt" datetime(6) NOT NULL, "publicityAt" datetime(6) NOT NULL, "implementationAt" datetime(6) NOT NULL, "closesAt" datetime(6) NOT NULL, "lastNumber" integer NOT NULL DEFAULT (0), "screeningPublishedAt" datetime(6), "createdById" integer, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "call"("id", "code", "title", "year", "tracks", "description", "budgetCapFen", "minGrantFen", "maxGrantFen", "maxProposalsPerOrg", "rubric", "phase", "opensAt", "submissionDeadline", "screeningAt", "roadshowAt", "scoringAt", "publicityAt", "implementationAt", "closesAt", "lastNumber", "screeningPublishedAt", "createdById", "createdAt", "updatedAt") SELECT "id", "code", "title", "year", "tracks", "description", "budgetCapFen", "minGrantFen", "maxGrantFen", "maxProposalsPerOrg", "rubric", "phase", "opensAt", "submissionDeadline", "screeningAt", "roadshowAt", "scoringAt", "publicityAt", "implementationAt", "closesAt", "lastNumber", "screeningPublishedAt", "createdById", "createdAt", "updatedAt" FROM "temporary_call"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_call"`);
    await queryRunner.query(`CREATE INDEX "IDX_call_phase" ON "call" ("phase") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_call_code_year" ON "call" ("code", "year") `);
  }
}
