import { MigrationInterface, QueryRunner } from 'typeorm';

export class ResidentVote1796291703432 implements MigrationInterface {
  name = 'ResidentVote1796291703432';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "resident_voter" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "email" varchar(191) NOT NULL, "status" varchar(16) NOT NULL DEFAULT ('pending'), "codeHash" varchar(64), "codeExpiresAt" datetime(6), "codeAttempts" integer NOT NULL DEFAULT (0), "confirmedAt" datetime(6), "tokenHash" varchar(64), "voidReason" varchar(500) NOT NULL DEFAULT (''), "voidedById" integer, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_resident_voter_email" ON "resident_voter" ("email") `,
    );
    await queryRunner.query(
      `CREATE TABLE "resident_vote" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "callId" integer NOT NULL, "voterId" integer NOT NULL, "proposalId" integer NOT NULL, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_resident_vote_proposal" ON "resident_vote" ("proposalId") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_resident_vote_voter_proposal" ON "resident_vote" ("callId", "voterId", "proposalId") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_funding_settings_call"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_funding_settings" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "callId" integer NOT NULL, "rule" varchar(24) NOT NULL DEFAULT ('greedy'), "passLineCenti" integer, "trackBudgets" text, "communityQuotas" text, "reducedMinSharePct" integer, "seed" varchar(64) NOT NULL, "objectionWorkingDays" integer NOT NULL DEFAULT (5), "objectionContact" varchar(255) NOT NULL DEFAULT (''), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "voteEnabled" boolean NOT NULL DEFAULT (0), "voteOpensAt" datetime(6), "voteClosesAt" datetime(6), "voteMaxApprovals" integer NOT NULL DEFAULT (3), "voteMode" varchar(16) NOT NULL DEFAULT ('weighted'), "voteWeightPct" integer NOT NULL DEFAULT (20), CONSTRAINT "FK_funding_settings_call" FOREIGN KEY ("callId") REFERENCES "call" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
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
    await queryRunner.query(`DROP INDEX "IDX_resident_vote_proposal"`);
    await queryRunner.query(`DROP INDEX "IDX_resident_vote_voter_proposal"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_resident_vote" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "callId" integer NOT NULL, "voterId" integer NOT NULL, "proposalId" integer NOT NULL, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_resident_vote_call" FOREIGN KEY ("callId") REFERENCES "call" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_resident_vote_voter" FOREIGN KEY ("voterId") REFERENCES "resident_voter" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_resident_vote_proposal" FOREIGN KEY ("proposalId") REFERENCES "proposal" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_resident_vote"("id", "callId", "voterId", "proposalId", "createdAt") SELECT "id", "callId", "voterId", "proposalId", "createdAt" FROM "resident_vote"`,
    );
    await queryRunner.query(`DROP TABLE "resident_vote"`);
    await queryRunner.query(`ALTER TABLE "temporary_resident_vote" RENAME TO "resident_vote"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_resident_vote_proposal" ON "resident_vote" ("proposalId") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_resident_vote_voter_proposal" ON "resident_vote" ("callId", "voterId", "proposalId") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_resident_vote_voter_proposal"`);
    await queryRunner.query(`DROP INDEX "IDX_resident_vote_proposal"`);
    await queryRunner.query(`ALTER TABLE "resident_vote" RENAME TO "temporary_resident_vote"`);
    await queryRunner.query(
      `CREATE TABLE "resident_vote" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "callId" integer NOT NULL, "voterId" integer NOT NULL, "proposalId" integer NOT NULL, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "resident_vote"("id", "callId", "voterId", "proposalId", "createdAt") SELECT "id", "callId", "voterId", "proposalId", "createdAt" FROM "temporary_resident_vote"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_resident_vote"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_resident_vote_voter_proposal" ON "resident_vote" ("callId", "voterId", "proposalId") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_resident_vote_proposal" ON "resident_vote" ("proposalId") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_funding_settings_call"`);
    await queryRunner.query(
      `ALTER TABLE "funding_settings" RENAME TO "temporary_funding_settings"`,
    );
    await queryRunner.query(
      `CREATE TABLE "funding_settings" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "callId" integer NOT NULL, "rule" varchar(24) NOT NULL DEFAULT ('greedy'), "passLineCenti" integer, "trackBudgets" text, "communityQuotas" text, "reducedMinSharePct" integer, "seed" varchar(64) NOT NULL, "objectionWorkingDays" integer NOT NULL DEFAULT (5), "objectionContact" varchar(255) NOT NULL DEFAULT (''), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_funding_settings_call" FOREIGN KEY ("callId") REFERENCES "call" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "funding_settings"("id", "callId", "rule", "passLineCenti", "trackBudgets", "communityQuotas", "reducedMinSharePct", "seed", "objectionWorkingDays", "objectionContact", "updatedAt") SELECT "id", "callId", "rule", "passLineCenti", "trackBudgets", "communityQuotas", "reducedMinSharePct", "seed", "objectionWorkingDays", "objectionContact", "updatedAt" FROM "temporary_funding_settings"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_funding_settings"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_funding_settings_call" ON "funding_settings" ("callId") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_resident_vote_voter_proposal"`);
    await queryRunner.query(`DROP INDEX "IDX_resident_vote_proposal"`);
    await queryRunner.query(`DROP TABLE "resident_vote"`);
    await queryRunner.query(`DROP INDEX "IDX_resident_voter_email"`);
    await queryRunner.query(`DROP TABLE "resident_voter"`);
  }
}
