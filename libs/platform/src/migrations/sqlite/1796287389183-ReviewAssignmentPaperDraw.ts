import { MigrationInterface, QueryRunner } from 'typeorm';

export class ReviewAssignmentPaperDraw1796287389183 implements MigrationInterface {
  name = 'ReviewAssignmentPaperDraw1796287389183';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "panel_draw" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "callId" integer NOT NULL, "seed" varchar(64) NOT NULL, "poolUserIds" text NOT NULL, "drawnUserIds" text NOT NULL, "count" integer NOT NULL, "drawnById" integer, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_panel_draw_call" ON "panel_draw" ("callId") `);
    await queryRunner.query(
      `CREATE TABLE "review_assignment" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "callId" integer NOT NULL, "proposalId" integer NOT NULL, "memberId" integer NOT NULL, "replacesMemberId" integer, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_review_assignment_call" ON "review_assignment" ("callId", "proposalId") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_review_assignment_member_proposal" ON "review_assignment" ("memberId", "proposalId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "review_paper_entry" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "callId" integer NOT NULL, "proposalId" integer NOT NULL, "memberId" integer NOT NULL, "firstById" integer NOT NULL, "firstScores" text NOT NULL, "secondById" integer, "secondScores" text, "status" varchar(16) NOT NULL DEFAULT ('pending'), "sheetId" integer, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_review_paper_entry_member_proposal" ON "review_paper_entry" ("memberId", "proposalId") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_review_rubric_call"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_review_rubric" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "callId" integer NOT NULL, "criteria" text NOT NULL, "method" varchar(16) NOT NULL DEFAULT ('trimmed_mean'), "divergenceThreshold" integer NOT NULL DEFAULT (20), "tieBreak" varchar(32), "frozenAt" datetime(6), "peersReleasedAt" datetime(6), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "groupWeights" text, "judgesPerProposal" integer, "assignmentSeed" varchar(64), CONSTRAINT "FK_review_rubric_call" FOREIGN KEY ("callId") REFERENCES "call" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_review_rubric"("id", "callId", "criteria", "method", "divergenceThreshold", "tieBreak", "frozenAt", "peersReleasedAt", "updatedAt") SELECT "id", "callId", "criteria", "method", "divergenceThreshold", "tieBreak", "frozenAt", "peersReleasedAt", "updatedAt" FROM "review_rubric"`,
    );
    await queryRunner.query(`DROP TABLE "review_rubric"`);
    await queryRunner.query(`ALTER TABLE "temporary_review_rubric" RENAME TO "review_rubric"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_review_rubric_call" ON "review_rubric" ("callId") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_review_sheet_member_proposal"`);
    await queryRunner.query(`DROP INDEX "IDX_review_sheet_proposal"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_review_sheet" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "callId" integer NOT NULL, "proposalId" integer NOT NULL, "memberId" integer NOT NULL, "scores" text NOT NULL, "comments" text NOT NULL, "overall" text, "status" varchar(16) NOT NULL DEFAULT ('draft'), "version" integer NOT NULL DEFAULT (1), "submittedAt" datetime(6), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "source" varchar(8) NOT NULL DEFAULT ('online'), CONSTRAINT "FK_review_sheet_member" FOREIGN KEY ("memberId") REFERENCES "panel_member" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_review_sheet_proposal" FOREIGN KEY ("proposalId") REFERENCES "proposal" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_review_sheet"("id", "callId", "proposalId", "memberId", "scores", "comments", "overall", "status", "version", "submittedAt", "createdAt", "updatedAt") SELECT "id", "callId", "proposalId", "memberId", "scores", "comments", "overall", "status", "version", "submittedAt", "createdAt", "updatedAt" FROM "review_sheet"`,
    );
    await queryRunner.query(`DROP TABLE "review_sheet"`);
    await queryRunner.query(`ALTER TABLE "temporary_review_sheet" RENAME TO "review_sheet"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_review_sheet_member_proposal" ON "review_sheet" ("memberId", "proposalId") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_review_sheet_proposal" ON "review_sheet" ("proposalId", "status") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_panel_draw_call"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_panel_draw" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "callId" integer NOT NULL, "seed" varchar(64) NOT NULL, "poolUserIds" text NOT NULL, "drawnUserIds" text NOT NULL, "count" integer NOT NULL, "drawnById" integer, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_panel_draw_call" FOREIGN KEY ("callId") REFERENCES "call" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_panel_draw"("id", "callId", "seed", "poolUserIds", "drawnUserIds", "count", "drawnById", "createdAt") SELECT "id", "callId", "seed", "poolUserIds", "drawnUserIds", "count", "drawnById", "createdAt" FROM "panel_draw"`,
    );
    await queryRunner.query(`DROP TABLE "panel_draw"`);
    await queryRunner.query(`ALTER TABLE "temporary_panel_draw" RENAME TO "panel_draw"`);
    await queryRunner.query(`CREATE INDEX "IDX_panel_draw_call" ON "panel_draw" ("callId") `);
    await queryRunner.query(`DROP INDEX "IDX_review_assignment_call"`);
    await queryRunner.query(`DROP INDEX "IDX_review_assignment_member_proposal"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_review_assignment" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "callId" integer NOT NULL, "proposalId" integer NOT NULL, "memberId" integer NOT NULL, "replacesMemberId" integer, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_review_assignment_proposal" FOREIGN KEY ("proposalId") REFERENCES "proposal" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_review_assignment_member" FOREIGN KEY ("memberId") REFERENCES "panel_member" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_review_assignment"("id", "callId", "proposalId", "memberId", "replacesMemberId", "createdAt") SELECT "id", "callId", "proposalId", "memberId", "replacesMemberId", "createdAt" FROM "review_assignment"`,
    );
    await queryRunner.query(`DROP TABLE "review_assignment"`);
    await queryRunner.query(
      `ALTER TABLE "temporary_review_assignment" RENAME TO "review_assignment"`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_review_assignment_call" ON "review_assignment" ("callId", "proposalId") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_review_assignment_member_proposal" ON "review_assignment" ("memberId", "proposalId") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_review_paper_entry_member_proposal"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_review_paper_entry" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "callId" integer NOT NULL, "proposalId" integer NOT NULL, "memberId" integer NOT NULL, "firstById" integer NOT NULL, "firstScores" text NOT NULL, "secondById" integer, "secondScores" text, "status" varchar(16) NOT NULL DEFAULT ('pending'), "sheetId" integer, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_review_paper_entry_proposal" FOREIGN KEY ("proposalId") REFERENCES "proposal" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_review_paper_entry_member" FOREIGN KEY ("memberId") REFERENCES "panel_member" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_review_paper_entry"("id", "callId", "proposalId", "memberId", "firstById", "firstScores", "secondById", "secondScores", "status", "sheetId", "createdAt", "updatedAt") SELECT "id", "callId", "proposalId", "memberId", "firstById", "firstScores", "secondById", "secondScores", "status", "sheetId", "createdAt", "updatedAt" FROM "review_paper_entry"`,
    );
    await queryRunner.query(`DROP TABLE "review_paper_entry"`);
    await queryRunner.query(
      `ALTER TABLE "temporary_review_paper_entry" RENAME TO "review_paper_entry"`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_review_paper_entry_member_proposal" ON "review_paper_entry" ("memberId", "proposalId") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_review_paper_entry_member_proposal"`);
    await queryRunner.query(
      `ALTER TABLE "review_paper_entry" RENAME TO "temporary_review_paper_entry"`,
    );
    await queryRunner.query(
      `CREATE TABLE "review_paper_entry" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "callId" integer NOT NULL, "proposalId" integer NOT NULL, "memberId" integer NOT NULL, "firstById" integer NOT NULL, "firstScores" text NOT NULL, "secondById" integer, "secondScores" text, "status" varchar(16) NOT NULL DEFAULT ('pending'), "sheetId" integer, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "review_paper_entry"("id", "callId", "proposalId", "memberId", "firstById", "firstScores", "secondById", "secondScores", "status", "sheetId", "createdAt", "updatedAt") SELECT "id", "callId", "proposalId", "memberId", "firstById", "firstScores", "secondById", "secondScores", "status", "sheetId", "createdAt", "updatedAt" FROM "temporary_review_paper_entry"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_review_paper_entry"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_review_paper_entry_member_proposal" ON "review_paper_entry" ("memberId", "proposalId") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_review_assignment_member_proposal"`);
    await queryRunner.query(`DROP INDEX "IDX_review_assignment_call"`);
    await queryRunner.query(
      `ALTER TABLE "review_assignment" RENAME TO "temporary_review_assignment"`,
    );
    await queryRunner.query(
      `CREATE TABLE "review_assignment" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "callId" integer NOT NULL, "proposalId" integer NOT NULL, "memberId" integer NOT NULL, "replacesMemberId" integer, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "review_assignment"("id", "callId", "proposalId", "memberId", "replacesMemberId", "createdAt") SELECT "id", "callId", "proposalId", "memberId", "replacesMemberId", "createdAt" FROM "temporary_review_assignment"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_review_assignment"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_review_assignment_member_proposal" ON "review_assignment" ("memberId", "proposalId") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_review_assignment_call" ON "review_assignment" ("callId", "proposalId") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_panel_draw_call"`);
    await queryRunner.query(`ALTER TABLE "panel_draw" RENAME TO "temporary_panel_draw"`);
    await queryRunner.query(
      `CREATE TABLE "panel_draw" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "callId" integer NOT NULL, "seed" varchar(64) NOT NULL, "poolUserIds" text NOT NULL, "drawnUserIds" text NOT NULL, "count" integer NOT NULL, "drawnById" integer, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "panel_draw"("id", "callId", "seed", "poolUserIds", "drawnUserIds", "count", "drawnById", "createdAt") SELECT "id", "callId", "seed", "poolUserIds", "drawnUserIds", "count", "drawnById", "createdAt" FROM "temporary_panel_draw"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_panel_draw"`);
    await queryRunner.query(`CREATE INDEX "IDX_panel_draw_call" ON "panel_draw" ("callId") `);
    await queryRunner.query(`DROP INDEX "IDX_review_sheet_proposal"`);
    await queryRunner.query(`DROP INDEX "IDX_review_sheet_member_proposal"`);
    await queryRunner.query(`ALTER TABLE "review_sheet" RENAME TO "temporary_review_sheet"`);
    await queryRunner.query(
      `CREATE TABLE "review_sheet" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "callId" integer NOT NULL, "proposalId" integer NOT NULL, "memberId" integer NOT NULL, "scores" text NOT NULL, "comments" text NOT NULL, "overall" text, "status" varchar(16) NOT NULL DEFAULT ('draft'), "version" integer NOT NULL DEFAULT (1), "submittedAt" datetime(6), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_review_sheet_member" FOREIGN KEY ("memberId") REFERENCES "panel_member" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_review_sheet_proposal" FOREIGN KEY ("proposalId") REFERENCES "proposal" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "review_sheet"("id", "callId", "proposalId", "memberId", "scores", "comments", "overall", "status", "version", "submittedAt", "createdAt", "updatedAt") SELECT "id", "callId", "proposalId", "memberId", "scores", "comments", "overall", "status", "version", "submittedAt", "createdAt", "updatedAt" FROM "temporary_review_sheet"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_review_sheet"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_review_sheet_proposal" ON "review_sheet" ("proposalId", "status") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_review_sheet_member_proposal" ON "review_sheet" ("memberId", "proposalId") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_review_rubric_call"`);
    await queryRunner.query(`ALTER TABLE "review_rubric" RENAME TO "temporary_review_rubric"`);
    await queryRunner.query(
      `CREATE TABLE "review_rubric" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "callId" integer NOT NULL, "criteria" text NOT NULL, "method" varchar(16) NOT NULL DEFAULT ('trimmed_mean'), "divergenceThreshold" integer NOT NULL DEFAULT (20), "tieBreak" varchar(32), "frozenAt" datetime(6), "peersReleasedAt" datetime(6), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_review_rubric_call" FOREIGN KEY ("callId") REFERENCES "call" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "review_rubric"("id", "callId", "criteria", "method", "divergenceThreshold", "tieBreak", "frozenAt", "peersReleasedAt", "updatedAt") SELECT "id", "callId", "criteria", "method", "divergenceThreshold", "tieBreak", "frozenAt", "peersReleasedAt", "updatedAt" FROM "temporary_review_rubric"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_review_rubric"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_review_rubric_call" ON "review_rubric" ("callId") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_review_paper_entry_member_proposal"`);
    await queryRunner.query(`DROP TABLE "review_paper_entry"`);
    await queryRunner.query(`DROP INDEX "IDX_review_assignment_member_proposal"`);
    await queryRunner.query(`DROP INDEX "IDX_review_assignment_call"`);
    await queryRunner.query(`DROP TABLE "review_assignment"`);
    await queryRunner.query(`DROP INDEX "IDX_panel_draw_call"`);
    await queryRunner.query(`DROP TABLE "panel_draw"`);
  }
}
