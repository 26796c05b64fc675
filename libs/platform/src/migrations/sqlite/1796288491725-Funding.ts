import { MigrationInterface, QueryRunner } from 'typeorm';

export class Funding1796288491725 implements MigrationInterface {
  name = 'Funding1796288491725';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "funding_settings" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "callId" integer NOT NULL, "rule" varchar(24) NOT NULL DEFAULT ('greedy'), "passLineCenti" integer, "trackBudgets" text, "communityQuotas" text, "reducedMinSharePct" integer, "seed" varchar(64) NOT NULL, "objectionWorkingDays" integer NOT NULL DEFAULT (5), "objectionContact" varchar(255) NOT NULL DEFAULT (''), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_funding_settings_call" ON "funding_settings" ("callId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "funding_run" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "callId" integer NOT NULL, "version" integer NOT NULL, "rule" varchar(24) NOT NULL, "config" text NOT NULL, "inputsHash" varchar(64) NOT NULL, "resultHash" varchar(64) NOT NULL, "budgetCapFen" bigint NOT NULL, "totalFundedFen" bigint NOT NULL, "status" varchar(16) NOT NULL DEFAULT ('dry_run'), "presentMemberIds" text, "approvedAt" datetime(6), "approvedById" integer, "note" varchar(500) NOT NULL DEFAULT (''), "createdById" integer, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_funding_run_call_version" ON "funding_run" ("callId", "version") `,
    );
    await queryRunner.query(
      `CREATE TABLE "funding_run_line" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "runId" integer NOT NULL, "proposalId" integer NOT NULL, "rank" integer NOT NULL, "scoreExact" varchar(64) NOT NULL, "score" varchar(16) NOT NULL, "track" varchar(16) NOT NULL, "communityId" integer, "requestedFen" bigint NOT NULL, "amountFen" bigint NOT NULL, "remainingAfterFen" bigint NOT NULL, "decision" varchar(32) NOT NULL, "notes" text NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_funding_run_line_run_rank" ON "funding_run_line" ("runId", "rank") `,
    );
    await queryRunner.query(
      `CREATE TABLE "funding_override" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "callId" integer NOT NULL, "proposalId" integer NOT NULL, "action" varchar(16) NOT NULL, "amountFen" bigint, "reason" varchar(500) NOT NULL, "byId" integer, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_funding_override_call_proposal" ON "funding_override" ("callId", "proposalId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "funding_ledger" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "callId" integer NOT NULL, "track" varchar(16) NOT NULL, "capFen" bigint NOT NULL, "committedFen" bigint NOT NULL DEFAULT (0), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_funding_ledger_call_track" ON "funding_ledger" ("callId", "track") `,
    );
    await queryRunner.query(
      `CREATE TABLE "funding_award" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "callId" integer NOT NULL, "runId" integer, "proposalId" integer NOT NULL, "track" varchar(16) NOT NULL, "requestedFen" bigint NOT NULL, "amountFen" bigint NOT NULL, "status" varchar(16) NOT NULL DEFAULT ('awarded'), "reason" varchar(500) NOT NULL DEFAULT (''), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_funding_award_call" ON "funding_award" ("callId", "status") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_funding_award_proposal" ON "funding_award" ("proposalId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "community_capacity" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "callId" integer NOT NULL, "communityId" integer NOT NULL, "capacity" integer NOT NULL, "updatedById" integer, "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_community_capacity_call_community" ON "community_capacity" ("callId", "communityId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "funding_placement" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "callId" integer NOT NULL, "proposalId" integer NOT NULL, "communityId" integer, "preferenceRank" integer, "needFit" boolean NOT NULL DEFAULT (0), "status" varchar(16) NOT NULL DEFAULT ('placed'), "refusedBy" text NOT NULL, "reason" varchar(500) NOT NULL DEFAULT (''), "decidedById" integer, "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_funding_placement_community" ON "funding_placement" ("callId", "communityId") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_funding_placement_proposal" ON "funding_placement" ("proposalId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "publicity" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "callId" integer NOT NULL, "runId" integer NOT NULL, "round" integer NOT NULL, "publishedAt" datetime(6) NOT NULL, "deadline" datetime(6) NOT NULL, "workingDays" integer NOT NULL, "contact" varchar(255) NOT NULL DEFAULT (''), "status" varchar(16) NOT NULL DEFAULT ('open'), "finalisedAt" datetime(6), "finalisedBy" varchar(16), "decisionReason" varchar(500) NOT NULL DEFAULT (''), "publishedById" integer)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_publicity_call_round" ON "publicity" ("callId", "round") `,
    );
    await queryRunner.query(
      `CREATE TABLE "objection" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "publicityId" integer NOT NULL, "callId" integer NOT NULL, "proposalId" integer, "userId" integer, "name" varchar(64) NOT NULL, "email" varchar(191) NOT NULL, "body" text NOT NULL, "status" varchar(16) NOT NULL DEFAULT ('open'), "reply" text, "repliedById" integer, "repliedAt" datetime(6), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_objection_publicity" ON "objection" ("publicityId", "status") `,
    );
    await queryRunner.query(
      `CREATE TABLE "work_calendar_year" ("year" integer PRIMARY KEY NOT NULL, "source" varchar(32) NOT NULL, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE TABLE "work_calendar_day" ("date" varchar(10) PRIMARY KEY NOT NULL, "kind" varchar(8) NOT NULL, "name" varchar(64) NOT NULL DEFAULT (''))`,
    );
    await queryRunner.query(`DROP INDEX "IDX_funding_settings_call"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_funding_settings" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "callId" integer NOT NULL, "rule" varchar(24) NOT NULL DEFAULT ('greedy'), "passLineCenti" integer, "trackBudgets" text, "communityQuotas" text, "reducedMinSharePct" integer, "seed" varchar(64) NOT NULL, "objectionWorkingDays" integer NOT NULL DEFAULT (5), "objectionContact" varchar(255) NOT NULL DEFAULT (''), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_funding_settings_call" FOREIGN KEY ("callId") REFERENCES "call" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_funding_settings"("id", "callId", "rule", "passLineCenti", "trackBudgets", "communityQuotas", "reducedMinSharePct", "seed", "objectionWorkingDays", "objectionContact", "updatedAt") SELECT "id", "callId", "rule", "passLineCenti", "trackBudgets", "communityQuotas", "reducedMinSharePct", "seed", "objectionWorkingDays", "objectionContact", "updatedAt" FROM "funding_settings"`,
    );
    await queryRunner.query(`DROP TABLE "funding_settings"`);
    await queryRunner.query(
      `ALTER TABLE "temporary_funding_settings" RENAME TO "funding_settings"`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_funding_settings_call" ON "funding_settings" ("callId") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_funding_run_call_version"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_funding_run" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "callId" integer NOT NULL, "version" integer NOT NULL, "rule" varchar(24) NOT NULL, "config" text NOT NULL, "inputsHash" varchar(64) NOT NULL, "resultHash" varchar(64) NOT NULL, "budgetCapFen" bigint NOT NULL, "totalFundedFen" bigint NOT NULL, "status" varchar(16) NOT NULL DEFAULT ('dry_run'), "presentMemberIds" text, "approvedAt" datetime(6), "approvedById" integer, "note" varchar(500) NOT NULL DEFAULT (''), "createdById" integer, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_funding_run_call" FOREIGN KEY ("callId") REFERENCES "call" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_funding_run"("id", "callId", "version", "rule", "config", "inputsHash", "resultHash", "budgetCapFen", "totalFundedFen", "status", "presentMemberIds", "approvedAt", "approvedById", "note", "createdById", "createdAt") SELECT "id", "callId", "version", "rule", "config", "inputsHash", "resultHash", "budgetCapFen", "totalFundedFen", "status", "presentMemberIds", "approvedAt", "approvedById", "note", "createdById", "createdAt" FROM "funding_run"`,
    );
    await queryRunner.query(`DROP TABLE "funding_run"`);
    await queryRunner.query(`ALTER TABLE "temporary_funding_run" RENAME TO "funding_run"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_funding_run_call_version" ON "funding_run" ("callId", "version") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_funding_run_line_run_rank"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_funding_run_line" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "runId" integer NOT NULL, "proposalId" integer NOT NULL, "rank" integer NOT NULL, "scoreExact" varchar(64) NOT NULL, "score" varchar(16) NOT NULL, "track" varchar(16) NOT NULL, "communityId" integer, "requestedFen" bigint NOT NULL, "amountFen" bigint NOT NULL, "remainingAfterFen" bigint NOT NULL, "decision" varchar(32) NOT NULL, "notes" text NOT NULL, CONSTRAINT "FK_funding_run_line_run" FOREIGN KEY ("runId") REFERENCES "funding_run" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_funding_run_line"("id", "runId", "proposalId", "rank", "scoreExact", "score", "track", "communityId", "requestedFen", "amountFen", "remainingAfterFen", "decision", "notes") SELECT "id", "runId", "proposalId", "rank", "scoreExact", "score", "track", "communityId", "requestedFen", "amountFen", "remainingAfterFen", "decision", "notes" FROM "funding_run_line"`,
    );
    await queryRunner.query(`DROP TABLE "funding_run_line"`);
    await queryRunner.query(
      `ALTER TABLE "temporary_funding_run_line" RENAME TO "funding_run_line"`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_funding_run_line_run_rank" ON "funding_run_line" ("runId", "rank") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_funding_override_call_proposal"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_funding_override" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "callId" integer NOT NULL, "proposalId" integer NOT NULL, "action" varchar(16) NOT NULL, "amountFen" bigint, "reason" varchar(500) NOT NULL, "byId" integer, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_funding_override_proposal" FOREIGN KEY ("proposalId") REFERENCES "proposal" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_funding_override"("id", "callId", "proposalId", "action", "amountFen", "reason", "byId", "createdAt") SELECT "id", "callId", "proposalId", "action", "amountFen", "reason", "byId", "createdAt" FROM "funding_override"`,
    );
    await queryRunner.query(`DROP TABLE "funding_override"`);
    await queryRunner.query(
      `ALTER TABLE "temporary_funding_override" RENAME TO "funding_override"`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_funding_override_call_proposal" ON "funding_override" ("callId", "proposalId") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_funding_ledger_call_track"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_funding_ledger" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "callId" integer NOT NULL, "track" varchar(16) NOT NULL, "capFen" bigint NOT NULL, "committedFen" bigint NOT NULL DEFAULT (0), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_funding_ledger_call" FOREIGN KEY ("callId") REFERENCES "call" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_funding_ledger"("id", "callId", "track", "capFen", "committedFen", "updatedAt") SELECT "id", "callId", "track", "capFen", "committedFen", "updatedAt" FROM "funding_ledger"`,
    );
    await queryRunner.query(`DROP TABLE "funding_ledger"`);
    await queryRunner.query(`ALTER TABLE "temporary_funding_ledger" RENAME TO "funding_ledger"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_funding_ledger_call_track" ON "funding_ledger" ("callId", "track") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_funding_award_call"`);
    await queryRunner.query(`DROP INDEX "IDX_funding_award_proposal"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_funding_award" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "callId" integer NOT NULL, "runId" integer, "proposalId" integer NOT NULL, "track" varchar(16) NOT NULL, "requestedFen" bigint NOT NULL, "amountFen" bigint NOT NULL, "status" varchar(16) NOT NULL DEFAULT ('awarded'), "reason" varchar(500) NOT NULL DEFAULT (''), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_funding_award_proposal" FOREIGN KEY ("proposalId") REFERENCES "proposal" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_funding_award"("id", "callId", "runId", "proposalId", "track", "requestedFen", "amountFen", "status", "reason", "createdAt", "updatedAt") SELECT "id", "callId", "runId", "proposalId", "track", "requestedFen", "amountFen", "status", "reason", "createdAt", "updatedAt" FROM "funding_award"`,
    );
    await queryRunner.query(`DROP TABLE "funding_award"`);
    await queryRunner.query(`ALTER TABLE "temporary_funding_award" RENAME TO "funding_award"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_funding_award_call" ON "funding_award" ("callId", "status") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_funding_award_proposal" ON "funding_award" ("proposalId") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_community_capacity_call_community"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_community_capacity" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "callId" integer NOT NULL, "communityId" integer NOT NULL, "capacity" integer NOT NULL, "updatedById" integer, "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_community_capacity_community" FOREIGN KEY ("communityId") REFERENCES "community" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_community_capacity"("id", "callId", "communityId", "capacity", "updatedById", "updatedAt") SELECT "id", "callId", "communityId", "capacity", "updatedById", "updatedAt" FROM "community_capacity"`,
    );
    await queryRunner.query(`DROP TABLE "community_capacity"`);
    await queryRunner.query(
      `ALTER TABLE "temporary_community_capacity" RENAME TO "community_capacity"`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_community_capacity_call_community" ON "community_capacity" ("callId", "communityId") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_funding_placement_community"`);
    await queryRunner.query(`DROP INDEX "IDX_funding_placement_proposal"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_funding_placement" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "callId" integer NOT NULL, "proposalId" integer NOT NULL, "communityId" integer, "preferenceRank" integer, "needFit" boolean NOT NULL DEFAULT (0), "status" varchar(16) NOT NULL DEFAULT ('placed'), "refusedBy" text NOT NULL, "reason" varchar(500) NOT NULL DEFAULT (''), "decidedById" integer, "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_funding_placement_proposal" FOREIGN KEY ("proposalId") REFERENCES "proposal" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_funding_placement_community" FOREIGN KEY ("communityId") REFERENCES "community" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_funding_placement"("id", "callId", "proposalId", "communityId", "preferenceRank", "needFit", "status", "refusedBy", "reason", "decidedById", "updatedAt") SELECT "id", "callId", "proposalId", "communityId", "preferenceRank", "needFit", "status", "refusedBy", "reason", "decidedById", "updatedAt" FROM "funding_placement"`,
    );
    await queryRunner.query(`DROP TABLE "funding_placement"`);
    await queryRunner.query(
      `ALTER TABLE "temporary_funding_placement" RENAME TO "funding_placement"`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_funding_placement_community" ON "funding_placement" ("callId", "communityId") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_funding_placement_proposal" ON "funding_placement" ("proposalId") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_publicity_call_round"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_publicity" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "callId" integer NOT NULL, "runId" integer NOT NULL, "round" integer NOT NULL, "publishedAt" datetime(6) NOT NULL, "deadline" datetime(6) NOT NULL, "workingDays" integer NOT NULL, "contact" varchar(255) NOT NULL DEFAULT (''), "status" varchar(16) NOT NULL DEFAULT ('open'), "finalisedAt" datetime(6), "finalisedBy" varchar(16), "decisionReason" varchar(500) NOT NULL DEFAULT (''), "publishedById" integer, CONSTRAINT "FK_publicity_call" FOREIGN KEY ("callId") REFERENCES "call" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_publicity"("id", "callId", "runId", "round", "publishedAt", "deadline", "workingDays", "contact", "status", "finalisedAt", "finalisedBy", "decisionReason", "publishedById") SELECT "id", "callId", "runId", "round", "publishedAt", "deadline", "workingDays", "contact", "status", "finalisedAt", "finalisedBy", "decisionReason", "publishedById" FROM "publicity"`,
    );
    await queryRunner.query(`DROP TABLE "publicity"`);
    await queryRunner.query(`ALTER TABLE "temporary_publicity" RENAME TO "publicity"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_publicity_call_round" ON "publicity" ("callId", "round") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_objection_publicity"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_objection" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "publicityId" integer NOT NULL, "callId" integer NOT NULL, "proposalId" integer, "userId" integer, "name" varchar(64) NOT NULL, "email" varchar(191) NOT NULL, "body" text NOT NULL, "status" varchar(16) NOT NULL DEFAULT ('open'), "reply" text, "repliedById" integer, "repliedAt" datetime(6), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_objection_publicity" FOREIGN KEY ("publicityId") REFERENCES "publicity" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_objection"("id", "publicityId", "callId", "proposalId", "userId", "name", "email", "body", "status", "reply", "repliedById", "repliedAt", "createdAt") SELECT "id", "publicityId", "callId", "proposalId", "userId", "name", "email", "body", "status", "reply", "repliedById", "repliedAt", "createdAt" FROM "objection"`,
    );
    await queryRunner.query(`DROP TABLE "objection"`);
    await queryRunner.query(`ALTER TABLE "temporary_objection" RENAME TO "objection"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_objection_publicity" ON "objection" ("publicityId", "status") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_objection_publicity"`);
    await queryRunner.query(`ALTER TABLE "objection" RENAME TO "temporary_objection"`);
    await queryRunner.query(
      `CREATE TABLE "objection" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "publicityId" integer NOT NULL, "callId" integer NOT NULL, "proposalId" integer, "userId" integer, "name" varchar(64) NOT NULL, "email" varchar(191) NOT NULL, "body" text NOT NULL, "status" varchar(16) NOT NULL DEFAULT ('open'), "reply" text, "repliedById" integer, "repliedAt" datetime(6), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "objection"("id", "publicityId", "callId", "proposalId", "userId", "name", "email", "body", "status", "reply", "repliedById", "repliedAt", "createdAt") SELECT "id", "publicityId", "callId", "proposalId", "userId", "name", "email", "body", "status", "reply", "repliedById", "repliedAt", "createdAt" FROM "temporary_objection"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_objection"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_objection_publicity" ON "objection" ("publicityId", "status") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_publicity_call_round"`);
    await queryRunner.query(`ALTER TABLE "publicity" RENAME TO "temporary_publicity"`);
    await queryRunner.query(
      `CREATE TABLE "publicity" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "callId" integer NOT NULL, "runId" integer NOT NULL, "round" integer NOT NULL, "publishedAt" datetime(6) NOT NULL, "deadline" datetime(6) NOT NULL, "workingDays" integer NOT NULL, "contact" varchar(255) NOT NULL DEFAULT (''), "status" varchar(16) NOT NULL DEFAULT ('open'), "finalisedAt" datetime(6), "finalisedBy" varchar(16), "decisionReason" varchar(500) NOT NULL DEFAULT (''), "publishedById" integer)`,
    );
    await queryRunner.query(
      `INSERT INTO "publicity"("id", "callId", "runId", "round", "publishedAt", "deadline", "workingDays", "contact", "status", "finalisedAt", "finalisedBy", "decisionReason", "publishedById") SELECT "id", "callId", "runId", "round", "publishedAt", "deadline", "workingDays", "contact", "status", "finalisedAt", "finalisedBy", "decisionReason", "publishedById" FROM "temporary_publicity"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_publicity"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_publicity_call_round" ON "publicity" ("callId", "round") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_funding_placement_proposal"`);
    await queryRunner.query(`DROP INDEX "IDX_funding_placement_community"`);
    await queryRunner.query(
      `ALTER TABLE "funding_placement" RENAME TO "temporary_funding_placement"`,
    );
    await queryRunner.query(
      `CREATE TABLE "funding_placement" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "callId" integer NOT NULL, "proposalId" integer NOT NULL, "communityId" integer, "preferenceRank" integer, "needFit" boolean NOT NULL DEFAULT (0), "status" varchar(16) NOT NULL DEFAULT ('placed'), "refusedBy" text NOT NULL, "reason" varchar(500) NOT NULL DEFAULT (''), "decidedById" integer, "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "funding_placement"("id", "callId", "proposalId", "communityId", "preferenceRank", "needFit", "status", "refusedBy", "reason", "decidedById", "updatedAt") SELECT "id", "callId", "proposalId", "communityId", "preferenceRank", "needFit", "status", "refusedBy", "reason", "decidedById", "updatedAt" FROM "temporary_funding_placement"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_funding_placement"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_funding_placement_proposal" ON "funding_placement" ("proposalId") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_funding_placement_community" ON "funding_placement" ("callId", "communityId") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_community_capacity_call_community"`);
    await queryRunner.query(
      `ALTER TABLE "community_capacity" RENAME TO "temporary_community_capacity"`,
    );
    await queryRunner.query(
      `CREATE TABLE "community_capacity" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "callId" integer NOT NULL, "communityId" integer NOT NULL, "capacity" integer NOT NULL, "updatedById" integer, "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "community_capacity"("id", "callId", "communityId", "capacity", "updatedById", "updatedAt") SELECT "id", "callId", "communityId", "capacity", "updatedById", "updatedAt" FROM "temporary_community_capacity"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_community_capacity"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_community_capacity_call_community" ON "community_capacity" ("callId", "communityId") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_funding_award_proposal"`);
    await queryRunner.query(`DROP INDEX "IDX_funding_award_call"`);
    await queryRunner.query(`ALTER TABLE "funding_award" RENAME TO "temporary_funding_award"`);
    await queryRunner.query(
      `CREATE TABLE "funding_award" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "callId" integer NOT NULL, "runId" integer, "proposalId" integer NOT NULL, "track" varchar(16) NOT NULL, "requestedFen" bigint NOT NULL, "amountFen" bigint NOT NULL, "status" varchar(16) NOT NULL DEFAULT ('awarded'), "reason" varchar(500) NOT NULL DEFAULT (''), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "funding_award"("id", "callId", "runId", "proposalId", "track", "requestedFen", "amountFen", "status", "reason", "createdAt", "updatedAt") SELECT "id", "callId", "runId", "proposalId", "track", "requestedFen", "amountFen", "status", "reason", "createdAt", "updatedAt" FROM "temporary_funding_award"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_funding_award"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_funding_award_proposal" ON "funding_award" ("proposalId") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_funding_award_call" ON "funding_award" ("callId", "status") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_funding_ledger_call_track"`);
    await queryRunner.query(`ALTER TABLE "funding_ledger" RENAME TO "temporary_funding_ledger"`);
    await queryRunner.query(
      `CREATE TABLE "funding_ledger" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "callId" integer NOT NULL, "track" varchar(16) NOT NULL, "capFen" bigint NOT NULL, "committedFen" bigint NOT NULL DEFAULT (0), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "funding_ledger"("id", "callId", "track", "capFen", "committedFen", "updatedAt") SELECT "id", "callId", "track", "capFen", "committedFen", "updatedAt" FROM "temporary_funding_ledger"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_funding_ledger"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_funding_ledger_call_track" ON "funding_ledger" ("callId", "track") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_funding_override_call_proposal"`);
    await queryRunner.query(
      `ALTER TABLE "funding_override" RENAME TO "temporary_funding_override"`,
    );
    await queryRunner.query(
      `CREATE TABLE "funding_override" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "callId" integer NOT NULL, "proposalId" integer NOT NULL, "action" varchar(16) NOT NULL, "amountFen" bigint, "reason" varchar(500) NOT NULL, "byId" integer, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "funding_override"("id", "callId", "proposalId", "action", "amountFen", "reason", "byId", "createdAt") SELECT "id", "callId", "proposalId", "action", "amountFen", "reason", "byId", "createdAt" FROM "temporary_funding_override"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_funding_override"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_funding_override_call_proposal" ON "funding_override" ("callId", "proposalId") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_funding_run_line_run_rank"`);
    await queryRunner.query(
      `ALTER TABLE "funding_run_line" RENAME TO "temporary_funding_run_line"`,
    );
    await queryRunner.query(
      `CREATE TABLE "funding_run_line" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "runId" integer NOT NULL, "proposalId" integer NOT NULL, "rank" integer NOT NULL, "scoreExact" varchar(64) NOT NULL, "score" varchar(16) NOT NULL, "track" varchar(16) NOT NULL, "communityId" integer, "requestedFen" bigint NOT NULL, "amountFen" bigint NOT NULL, "remainingAfterFen" bigint NOT NULL, "decision" varchar(32) NOT NULL, "notes" text NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "funding_run_line"("id", "runId", "proposalId", "rank", "scoreExact", "score", "track", "communityId", "requestedFen", "amountFen", "remainingAfterFen", "decision", "notes") SELECT "id", "runId", "proposalId", "rank", "scoreExact", "score", "track", "communityId", "requestedFen", "amountFen", "remainingAfterFen", "decision", "notes" FROM "temporary_funding_run_line"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_funding_run_line"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_funding_run_line_run_rank" ON "funding_run_line" ("runId", "rank") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_funding_run_call_version"`);
    await queryRunner.query(`ALTER TABLE "funding_run" RENAME TO "temporary_funding_run"`);
    await queryRunner.query(
      `CREATE TABLE "funding_run" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "callId" integer NOT NULL, "version" integer NOT NULL, "rule" varchar(24) NOT NULL, "config" text NOT NULL, "inputsHash" varchar(64) NOT NULL, "resultHash" varchar(64) NOT NULL, "budgetCapFen" bigint NOT NULL, "totalFundedFen" bigint NOT NULL, "status" varchar(16) NOT NULL DEFAULT ('dry_run'), "presentMemberIds" text, "approvedAt" datetime(6), "approvedById" integer, "note" varchar(500) NOT NULL DEFAULT (''), "createdById" integer, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "funding_run"("id", "callId", "version", "rule", "config", "inputsHash", "resultHash", "budgetCapFen", "totalFundedFen", "status", "presentMemberIds", "approvedAt", "approvedById", "note", "createdById", "createdAt") SELECT "id", "callId", "version", "rule", "config", "inputsHash", "resultHash", "budgetCapFen", "totalFundedFen", "status", "presentMemberIds", "approvedAt", "approvedById", "note", "createdById", "createdAt" FROM "temporary_funding_run"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_funding_run"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_funding_run_call_version" ON "funding_run" ("callId", "version") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_funding_settings_call"`);
    await queryRunner.query(
      `ALTER TABLE "funding_settings" RENAME TO "temporary_funding_settings"`,
    );
    await queryRunner.query(
      `CREATE TABLE "funding_settings" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "callId" integer NOT NULL, "rule" varchar(24) NOT NULL DEFAULT ('greedy'), "passLineCenti" integer, "trackBudgets" text, "communityQuotas" text, "reducedMinSharePct" integer, "seed" varchar(64) NOT NULL, "objectionWorkingDays" integer NOT NULL DEFAULT (5), "objectionContact" varchar(255) NOT NULL DEFAULT (''), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "funding_settings"("id", "callId", "rule", "passLineCenti", "trackBudgets", "communityQuotas", "reducedMinSharePct", "seed", "objectionWorkingDays", "objectionContact", "updatedAt") SELECT "id", "callId", "rule", "passLineCenti", "trackBudgets", "communityQuotas", "reducedMinSharePct", "seed", "objectionWorkingDays", "objectionContact", "updatedAt" FROM "temporary_funding_settings"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_funding_settings"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_funding_settings_call" ON "funding_settings" ("callId") `,
    );
    await queryRunner.query(`DROP TABLE "work_calendar_day"`);
    await queryRunner.query(`DROP TABLE "work_calendar_year"`);
    await queryRunner.query(`DROP INDEX "IDX_objection_publicity"`);
    await queryRunner.query(`DROP TABLE "objection"`);
    await queryRunner.query(`DROP INDEX "IDX_publicity_call_round"`);
    await queryRunner.query(`DROP TABLE "publicity"`);
    await queryRunner.query(`DROP INDEX "IDX_funding_placement_proposal"`);
    await queryRunner.query(`DROP INDEX "IDX_funding_placement_community"`);
    await queryRunner.query(`DROP TABLE "funding_placement"`);
    await queryRunner.query(`DROP INDEX "IDX_community_capacity_call_community"`);
    await queryRunner.query(`DROP TABLE "community_capacity"`);
    await queryRunner.query(`DROP INDEX "IDX_funding_award_proposal"`);
    await queryRunner.query(`DROP INDEX "IDX_funding_award_call"`);
    await queryRunner.query(`DROP TABLE "funding_award"`);
    await queryRunner.query(`DROP INDEX "IDX_funding_ledger_call_track"`);
    await queryRunner.query(`DROP TABLE "funding_ledger"`);
    await queryRunner.query(`DROP INDEX "IDX_funding_override_call_proposal"`);
    await queryRunner.query(`DROP TABLE "funding_override"`);
    await queryRunner.query(`DROP INDEX "IDX_funding_run_line_run_rank"`);
    await queryRunner.query(`DROP TABLE "funding_run_line"`);
    await queryRunner.query(`DROP INDEX "IDX_funding_run_call_version"`);
    await queryRunner.query(`DROP TABLE "funding_run"`);
    await queryRunner.query(`DROP INDEX "IDX_funding_settings_call"`);
    await queryRunner.query(`DROP TABLE "funding_settings"`);
  }
}
