import { MigrationInterface, QueryRunner } from 'typeorm';

export class Reviews1796281051003 implements MigrationInterface {
  name = 'Reviews1796281051003';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "review_rubric" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "callId" integer NOT NULL, "criteria" text NOT NULL, "method" varchar(16) NOT NULL DEFAULT ('trimmed_mean'), "divergenceThreshold" integer NOT NULL DEFAULT (20), "tieBreak" varchar(32), "frozenAt" datetime(6), "peersReleasedAt" datetime(6), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_review_rubric_call" ON "review_rubric" ("callId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "review_sheet" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "callId" integer NOT NULL, "proposalId" integer NOT NULL, "memberId" integer NOT NULL, "scores" text NOT NULL, "comments" text NOT NULL, "overall" text, "status" varchar(16) NOT NULL DEFAULT ('draft'), "version" integer NOT NULL DEFAULT (1), "submittedAt" datetime(6), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_review_sheet_proposal" ON "review_sheet" ("proposalId", "status") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_review_sheet_member_proposal" ON "review_sheet" ("memberId", "proposalId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "review_consensus" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "proposalId" integer NOT NULL, "notes" text NOT NULL, "adjustmentCentiPoints" integer NOT NULL DEFAULT (0), "reason" varchar(500) NOT NULL DEFAULT (''), "decidedById" integer, "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_review_consensus_proposal" ON "review_consensus" ("proposalId") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_review_rubric_call"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_review_rubric" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "callId" integer NOT NULL, "criteria" text NOT NULL, "method" varchar(16) NOT NULL DEFAULT ('trimmed_mean'), "divergenceThreshold" integer NOT NULL DEFAULT (20), "tieBreak" varchar(32), "frozenAt" datetime(6), "peersReleasedAt" datetime(6), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_review_rubric_call" FOREIGN KEY ("callId") REFERENCES "call" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_review_rubric"("id", "callId", "criteria", "method", "divergenceThreshold", "tieBreak", "frozenAt", "peersReleasedAt", "updatedAt") SELECT "id", "callId", "criteria", "method", "divergenceThreshold", "tieBreak", "frozenAt", "peersReleasedAt", "updatedAt" FROM "review_rubric"`,
    );
    await queryRunner.query(`DROP TABLE "review_rubric"`);
    await queryRunner.query(`ALTER TABLE "temporary_review_rubric" RENAME TO "review_rubric"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_review_rubric_call" ON "review_rubric" ("callId") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_review_sheet_proposal"`);
    await queryRunner.query(`DROP INDEX "IDX_review_sheet_member_proposal"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_review_sheet" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "callId" integer NOT NULL, "proposalId" integer NOT NULL, "memberId" integer NOT NULL, "scores" text NOT NULL, "comments" text NOT NULL, "overall" text, "status" varchar(16) NOT NULL DEFAULT ('draft'), "version" integer NOT NULL DEFAULT (1), "submittedAt" datetime(6), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_review_sheet_proposal" FOREIGN KEY ("proposalId") REFERENCES "proposal" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_review_sheet_member" FOREIGN KEY ("memberId") REFERENCES "panel_member" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_review_sheet"("id", "callId", "proposalId", "memberId", "scores", "comments", "overall", "status", "version", "submittedAt", "createdAt", "updatedAt") SELECT "id", "callId", "proposalId", "memberId", "scores", "comments", "overall", "status", "version", "submittedAt", "createdAt", "updatedAt" FROM "review_sheet"`,
    );
    await queryRunner.query(`DROP TABLE "review_sheet"`);
    await queryRunner.query(`ALTER TABLE "temporary_review_sheet" RENAME TO "review_sheet"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_review_sheet_proposal" ON "review_sheet" ("proposalId", "status") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_review_sheet_member_proposal" ON "review_sheet" ("memberId", "proposalId") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_review_consensus_proposal"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_review_consensus" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "proposalId" integer NOT NULL, "notes" text NOT NULL, "adjustmentCentiPoints" integer NOT NULL DEFAULT (0), "reason" varchar(500) NOT NULL DEFAULT (''), "decidedById" integer, "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_review_consensus_proposal" FOREIGN KEY ("proposalId") REFERENCES "proposal" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_review_consensus"("id", "proposalId", "notes", "adjustmentCentiPoints", "reason", "decidedById", "updatedAt") SELECT "id", "proposalId", "notes", "adjustmentCentiPoints", "reason", "decidedById", "updatedAt" FROM "review_consensus"`,
    );
    await queryRunner.query(`DROP TABLE "review_consensus"`);
    await queryRunner.query(
      `ALTER TABLE "temporary_review_consensus" RENAME TO "review_consensus"`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_review_consensus_proposal" ON "review_consensus" ("proposalId") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_review_consensus_proposal"`);
    await queryRunner.query(
      `ALTER TABLE "review_consensus" RENAME TO "temporary_review_consensus"`,
    );
    await queryRunner.query(
      `CREATE TABLE "review_consensus" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "proposalId" integer NOT NULL, "notes" text NOT NULL, "adjustmentCentiPoints" integer NOT NULL DEFAULT (0), "reason" varchar(500) NOT NULL DEFAULT (''), "decidedById" integer, "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "review_consensus"("id", "proposalId", "notes", "adjustmentCentiPoints", "reason", "decidedById", "updatedAt") SELECT "id", "proposalId", "notes", "adjustmentCentiPoints", "reason", "decidedById", "updatedAt" FROM "temporary_review_consensus"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_review_consensus"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_review_consensus_proposal" ON "review_consensus" ("proposalId") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_review_sheet_member_proposal"`);
    await queryRunner.query(`DROP INDEX "IDX_review_sheet_proposal"`);
    await queryRunner.query(`ALTER TABLE "review_sheet" RENAME TO "temporary_review_sheet"`);
    await queryRunner.query(
      `CREATE TABLE "review_sheet" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "callId" integer NOT NULL, "proposalId" integer NOT NULL, "memberId" integer NOT NULL, "scores" text NOT NULL, "comments" text NOT NULL, "overall" text, "status" varchar(16) NOT NULL DEFAULT ('draft'), "version" integer NOT NULL DEFAULT (1), "submittedAt" datetime(6), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "review_sheet"("id", "callId", "proposalId", "memberId", "scores", "comments", "overall", "status", "version", "submittedAt", "createdAt", "updatedAt") SELECT "id", "callId", "proposalId", "memberId", "scores", "comments", "overall", "status", "version", "submittedAt", "createdAt", "updatedAt" FROM "temporary_review_sheet"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_review_sheet"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_review_sheet_member_proposal" ON "review_sheet" ("memberId", "proposalId") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_review_sheet_proposal" ON "review_sheet" ("proposalId", "status") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_review_rubric_call"`);
    await queryRunner.query(`ALTER TABLE "review_rubric" RENAME TO "temporary_review_rubric"`);
    await queryRunner.query(
      `CREATE TABLE "review_rubric" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "callId" integer NOT NULL, "criteria" text NOT NULL, "method" varchar(16) NOT NULL DEFAULT ('trimmed_mean'), "divergenceThreshold" integer NOT NULL DEFAULT (20), "tieBreak" varchar(32), "frozenAt" datetime(6), "peersReleasedAt" datetime(6), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "review_rubric"("id", "callId", "criteria", "method", "divergenceThreshold", "tieBreak", "frozenAt", "peersReleasedAt", "updatedAt") SELECT "id", "callId", "criteria", "method", "divergenceThreshold", "tieBreak", "frozenAt", "peersReleasedAt", "updatedAt" FROM "temporary_review_rubric"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_review_rubric"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_review_rubric_call" ON "review_rubric" ("callId") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_review_consensus_proposal"`);
    await queryRunner.query(`DROP TABLE "review_consensus"`);
    await queryRunner.query(`DROP INDEX "IDX_review_sheet_member_proposal"`);
    await queryRunner.query(`DROP INDEX "IDX_review_sheet_proposal"`);
    await queryRunner.query(`DROP TABLE "review_sheet"`);
    await queryRunner.query(`DROP INDEX "IDX_review_rubric_call"`);
    await queryRunner.query(`DROP TABLE "review_rubric"`);
  }
}
