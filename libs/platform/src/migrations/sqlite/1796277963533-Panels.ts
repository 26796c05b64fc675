import { MigrationInterface, QueryRunner } from 'typeorm';

export class Panels1796277963533 implements MigrationInterface {
  name = 'Panels1796277963533';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "panel_member" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "callId" integer NOT NULL, "userId" integer NOT NULL, "group" varchar(16) NOT NULL, "isChair" boolean NOT NULL DEFAULT (0), "title" varchar(128) NOT NULL DEFAULT (''), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_panel_member_call_user" ON "panel_member" ("callId", "userId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "panel_affiliation" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "memberId" integer NOT NULL, "organisationId" integer, "communityId" integer, "note" varchar(128) NOT NULL DEFAULT (''))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_panel_affiliation_member" ON "panel_affiliation" ("memberId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "panel_conflict" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "memberId" integer NOT NULL, "proposalId" integer NOT NULL, "status" varchar(16) NOT NULL, "source" varchar(16) NOT NULL, "reason" varchar(500) NOT NULL DEFAULT (''), "pinned" boolean NOT NULL DEFAULT (0), "decidedById" integer, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_panel_conflict_proposal" ON "panel_conflict" ("proposalId") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_panel_conflict_member_proposal" ON "panel_conflict" ("memberId", "proposalId") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_panel_member_call_user"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_panel_member" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "callId" integer NOT NULL, "userId" integer NOT NULL, "group" varchar(16) NOT NULL, "isChair" boolean NOT NULL DEFAULT (0), "title" varchar(128) NOT NULL DEFAULT (''), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_panel_member_call" FOREIGN KEY ("callId") REFERENCES "call" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_panel_member_user" FOREIGN KEY ("userId") REFERENCES "user" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_panel_member"("id", "callId", "userId", "group", "isChair", "title", "createdAt", "updatedAt") SELECT "id", "callId", "userId", "group", "isChair", "title", "createdAt", "updatedAt" FROM "panel_member"`,
    );
    await queryRunner.query(`DROP TABLE "panel_member"`);
    await queryRunner.query(`ALTER TABLE "temporary_panel_member" RENAME TO "panel_member"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_panel_member_call_user" ON "panel_member" ("callId", "userId") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_panel_affiliation_member"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_panel_affiliation" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "memberId" integer NOT NULL, "organisationId" integer, "communityId" integer, "note" varchar(128) NOT NULL DEFAULT (''), CONSTRAINT "FK_panel_affiliation_member" FOREIGN KEY ("memberId") REFERENCES "panel_member" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_panel_affiliation_org" FOREIGN KEY ("organisationId") REFERENCES "organisation" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_panel_affiliation_community" FOREIGN KEY ("communityId") REFERENCES "community" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_panel_affiliation"("id", "memberId", "organisationId", "communityId", "note") SELECT "id", "memberId", "organisationId", "communityId", "note" FROM "panel_affiliation"`,
    );
    await queryRunner.query(`DROP TABLE "panel_affiliation"`);
    await queryRunner.query(
      `ALTER TABLE "temporary_panel_affiliation" RENAME TO "panel_affiliation"`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_panel_affiliation_member" ON "panel_affiliation" ("memberId") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_panel_conflict_proposal"`);
    await queryRunner.query(`DROP INDEX "IDX_panel_conflict_member_proposal"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_panel_conflict" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "memberId" integer NOT NULL, "proposalId" integer NOT NULL, "status" varchar(16) NOT NULL, "source" varchar(16) NOT NULL, "reason" varchar(500) NOT NULL DEFAULT (''), "pinned" boolean NOT NULL DEFAULT (0), "decidedById" integer, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_panel_conflict_member" FOREIGN KEY ("memberId") REFERENCES "panel_member" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_panel_conflict_proposal" FOREIGN KEY ("proposalId") REFERENCES "proposal" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_panel_conflict"("id", "memberId", "proposalId", "status", "source", "reason", "pinned", "decidedById", "createdAt", "updatedAt") SELECT "id", "memberId", "proposalId", "status", "source", "reason", "pinned", "decidedById", "createdAt", "updatedAt" FROM "panel_conflict"`,
    );
    await queryRunner.query(`DROP TABLE "panel_conflict"`);
    await queryRunner.query(`ALTER TABLE "temporary_panel_conflict" RENAME TO "panel_conflict"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_panel_conflict_proposal" ON "panel_conflict" ("proposalId") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_panel_conflict_member_proposal" ON "panel_conflict" ("memberId", "proposalId") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_panel_conflict_member_proposal"`);
    await queryRunner.query(`DROP INDEX "IDX_panel_conflict_proposal"`);
    await queryRunner.query(`ALTER TABLE "panel_conflict" RENAME TO "temporary_panel_conflict"`);
    await queryRunner.query(
      `CREATE TABLE "panel_conflict" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "memberId" integer NOT NULL, "proposalId" integer NOT NULL, "status" varchar(16) NOT NULL, "source" varchar(16) NOT NULL, "reason" varchar(500) NOT NULL DEFAULT (''), "pinned" boolean NOT NULL DEFAULT (0), "decidedById" integer, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "panel_conflict"("id", "memberId", "proposalId", "status", "source", "reason", "pinned", "decidedById", "createdAt", "updatedAt") SELECT "id", "memberId", "proposalId", "status", "source", "reason", "pinned", "decidedById", "createdAt", "updatedAt" FROM "temporary_panel_conflict"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_panel_conflict"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_panel_conflict_member_proposal" ON "panel_conflict" ("memberId", "proposalId") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_panel_conflict_proposal" ON "panel_conflict" ("proposalId") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_panel_affiliation_member"`);
    await queryRunner.query(
      `ALTER TABLE "panel_affiliation" RENAME TO "temporary_panel_affiliation"`,
    );
    await queryRunner.query(
      `CREATE TABLE "panel_affiliation" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "memberId" integer NOT NULL, "organisationId" integer, "communityId" integer, "note" varchar(128) NOT NULL DEFAULT (''))`,
    );
    await queryRunner.query(
      `INSERT INTO "panel_affiliation"("id", "memberId", "organisationId", "communityId", "note") SELECT "id", "memberId", "organisationId", "communityId", "note" FROM "temporary_panel_affiliation"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_panel_affiliation"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_panel_affiliation_member" ON "panel_affiliation" ("memberId") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_panel_member_call_user"`);
    await queryRunner.query(`ALTER TABLE "panel_member" RENAME TO "temporary_panel_member"`);
    await queryRunner.query(
      `CREATE TABLE "panel_member" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "callId" integer NOT NULL, "userId" integer NOT NULL, "group" varchar(16) NOT NULL, "isChair" boolean NOT NULL DEFAULT (0), "title" varchar(128) NOT NULL DEFAULT (''), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "panel_member"("id", "callId", "userId", "group", "isChair", "title", "createdAt", "updatedAt") SELECT "id", "callId", "userId", "group", "isChair", "title", "createdAt", "updatedAt" FROM "temporary_panel_member"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_panel_member"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_panel_member_call_user" ON "panel_member" ("callId", "userId") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_panel_conflict_member_proposal"`);
    await queryRunner.query(`DROP INDEX "IDX_panel_conflict_proposal"`);
    await queryRunner.query(`DROP TABLE "panel_conflict"`);
    await queryRunner.query(`DROP INDEX "IDX_panel_affiliation_member"`);
    await queryRunner.query(`DROP TABLE "panel_affiliation"`);
    await queryRunner.query(`DROP INDEX "IDX_panel_member_call_user"`);
    await queryRunner.query(`DROP TABLE "panel_member"`);
  }
}
