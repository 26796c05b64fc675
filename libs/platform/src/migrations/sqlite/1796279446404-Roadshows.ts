import { MigrationInterface, QueryRunner } from 'typeorm';

export class Roadshows1796279446404 implements MigrationInterface {
  name = 'Roadshows1796279446404';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "roadshow" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "callId" integer NOT NULL, "pitchMinutes" integer NOT NULL DEFAULT (8), "qaMinutes" integer NOT NULL DEFAULT (7), "changeoverMinutes" integer NOT NULL DEFAULT (5), "quorum" integer NOT NULL DEFAULT (3), "seed" varchar(64) NOT NULL, "status" varchar(16) NOT NULL DEFAULT ('draft'), "version" integer NOT NULL DEFAULT (0), "scheduledAt" datetime(6), "publishedAt" datetime(6), "sessionsLowerBound" integer, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_roadshow_call" ON "roadshow" ("callId") `);
    await queryRunner.query(
      `CREATE TABLE "roadshow_session" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "roadshowId" integer NOT NULL, "startsAt" datetime(6) NOT NULL, "endsAt" datetime(6) NOT NULL, "room" varchar(64) NOT NULL, "address" varchar(255) NOT NULL DEFAULT (''), "capacity" integer NOT NULL DEFAULT (0), "track" varchar(16), "chairMemberId" integer)`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_roadshow_session_roadshow" ON "roadshow_session" ("roadshowId", "startsAt") `,
    );
    await queryRunner.query(
      `CREATE TABLE "roadshow_session_judge" ("sessionId" integer NOT NULL, "memberId" integer NOT NULL, PRIMARY KEY ("sessionId", "memberId"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "roadshow_pitch" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "roadshowId" integer NOT NULL, "proposalId" integer NOT NULL, "sessionId" integer, "startsAt" datetime(6), "endsAt" datetime(6), "unplacedReason" varchar(32), "checkInCode" varchar(8) NOT NULL, "checkedInAt" datetime(6), "noShow" boolean NOT NULL DEFAULT (0), "publishedSessionId" integer, "publishedStartsAt" datetime(6), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_roadshow_pitch_session" ON "roadshow_pitch" ("sessionId", "startsAt") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_roadshow_pitch_code" ON "roadshow_pitch" ("roadshowId", "checkInCode") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_roadshow_pitch_proposal" ON "roadshow_pitch" ("roadshowId", "proposalId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "roadshow_unavailability" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "roadshowId" integer NOT NULL, "organisationId" integer NOT NULL, "startsAt" datetime(6) NOT NULL, "endsAt" datetime(6) NOT NULL, "note" varchar(255) NOT NULL DEFAULT (''))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_roadshow_unavailability_org" ON "roadshow_unavailability" ("roadshowId", "organisationId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "roadshow_minutes" ("sessionId" integer PRIMARY KEY NOT NULL, "presentMemberIds" text, "notes" text, "updatedById" integer, "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE TABLE "roadshow_pledge" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "roadshowId" integer NOT NULL, "proposalId" integer NOT NULL, "sponsor" varchar(128) NOT NULL, "kind" varchar(16) NOT NULL, "amountFen" bigint, "description" varchar(500) NOT NULL DEFAULT (''), "contact" varchar(128) NOT NULL DEFAULT (''), "recordedById" integer, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_roadshow_pledge_proposal" ON "roadshow_pledge" ("proposalId") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_roadshow_call"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_roadshow" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "callId" integer NOT NULL, "pitchMinutes" integer NOT NULL DEFAULT (8), "qaMinutes" integer NOT NULL DEFAULT (7), "changeoverMinutes" integer NOT NULL DEFAULT (5), "quorum" integer NOT NULL DEFAULT (3), "seed" varchar(64) NOT NULL, "status" varchar(16) NOT NULL DEFAULT ('draft'), "version" integer NOT NULL DEFAULT (0), "scheduledAt" datetime(6), "publishedAt" datetime(6), "sessionsLowerBound" integer, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_roadshow_call" FOREIGN KEY ("callId") REFERENCES "call" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_roadshow"("id", "callId", "pitchMinutes", "qaMinutes", "changeoverMinutes", "quorum", "seed", "status", "version", "scheduledAt", "publishedAt", "sessionsLowerBound", "createdAt", "updatedAt") SELECT "id", "callId", "pitchMinutes", "qaMinutes", "changeoverMinutes", "quorum", "seed", "status", "version", "scheduledAt", "publishedAt", "sessionsLowerBound", "createdAt", "updatedAt" FROM "roadshow"`,
    );
    await queryRunner.query(`DROP TABLE "roadshow"`);
    await queryRunner.query(`ALTER TABLE "temporary_roadshow" RENAME TO "roadshow"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_roadshow_call" ON "roadshow" ("callId") `);
    await queryRunner.query(`DROP INDEX "IDX_roadshow_session_roadshow"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_roadshow_session" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "roadshowId" integer NOT NULL, "startsAt" datetime(6) NOT NULL, "endsAt" datetime(6) NOT NULL, "room" varchar(64) NOT NULL, "address" varchar(255) NOT NULL DEFAULT (''), "capacity" integer NOT NULL DEFAULT (0), "track" varchar(16), "chairMemberId" integer, CONSTRAINT "FK_roadshow_session_roadshow" FOREIGN KEY ("roadshowId") REFERENCES "roadshow" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_roadshow_session_chair" FOREIGN KEY ("chairMemberId") REFERENCES "panel_member" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_roadshow_session"("id", "roadshowId", "startsAt", "endsAt", "room", "address", "capacity", "track", "chairMemberId") SELECT "id", "roadshowId", "startsAt", "endsAt", "room", "address", "capacity", "track", "chairMemberId" FROM "roadshow_session"`,
    );
    await queryRunner.query(`DROP TABLE "roadshow_session"`);
    await queryRunner.query(
      `ALTER TABLE "temporary_roadshow_session" RENAME TO "roadshow_session"`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_roadshow_session_roadshow" ON "roadshow_session" ("roadshowId", "startsAt") `,
    );
    await queryRunner.query(
      `CREATE TABLE "temporary_roadshow_session_judge" ("sessionId" integer NOT NULL, "memberId" integer NOT NULL, CONSTRAINT "FK_roadshow_judge_session" FOREIGN KEY ("sessionId") REFERENCES "roadshow_session" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_roadshow_judge_member" FOREIGN KEY ("memberId") REFERENCES "panel_member" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, PRIMARY KEY ("sessionId", "memberId"))`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_roadshow_session_judge"("sessionId", "memberId") SELECT "sessionId", "memberId" FROM "roadshow_session_judge"`,
    );
    await queryRunner.query(`DROP TABLE "roadshow_session_judge"`);
    await queryRunner.query(
      `ALTER TABLE "temporary_roadshow_session_judge" RENAME TO "roadshow_session_judge"`,
    );
    await queryRunner.query(`DROP INDEX "IDX_roadshow_pitch_session"`);
    await queryRunner.query(`DROP INDEX "IDX_roadshow_pitch_code"`);
    await queryRunner.query(`DROP INDEX "IDX_roadshow_pitch_proposal"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_roadshow_pitch" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "roadshowId" integer NOT NULL, "proposalId" integer NOT NULL, "sessionId" integer, "startsAt" datetime(6), "endsAt" datetime(6), "unplacedReason" varchar(32), "checkInCode" varchar(8) NOT NULL, "checkedInAt" datetime(6), "noShow" boolean NOT NULL DEFAULT (0), "publishedSessionId" integer, "publishedStartsAt" datetime(6), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_roadshow_pitch_roadshow" FOREIGN KEY ("roadshowId") REFERENCES "roadshow" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_roadshow_pitch_proposal" FOREIGN KEY ("proposalId") REFERENCES "proposal" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_roadshow_pitch_session" FOREIGN KEY ("sessionId") REFERENCES "roadshow_session" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_roadshow_pitch"("id", "roadshowId", "proposalId", "sessionId", "startsAt", "endsAt", "unplacedReason", "checkInCode", "checkedInAt", "noShow", "publishedSessionId", "publishedStartsAt", "updatedAt") SELECT "id", "roadshowId", "proposalId", "sessionId", "startsAt", "endsAt", "unplacedReason", "checkInCode", "checkedInAt", "noShow", "publishedSessionId", "publishedStartsAt", "updatedAt" FROM "roadshow_pitch"`,
    );
    await queryRunner.query(`DROP TABLE "roadshow_pitch"`);
    await queryRunner.query(`ALTER TABLE "temporary_roadshow_pitch" RENAME TO "roadshow_pitch"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_roadshow_pitch_session" ON "roadshow_pitch" ("sessionId", "startsAt") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_roadshow_pitch_code" ON "roadshow_pitch" ("roadshowId", "checkInCode") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_roadshow_pitch_proposal" ON "roadshow_pitch" ("roadshowId", "proposalId") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_roadshow_unavailability_org"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_roadshow_unavailability" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "roadshowId" integer NOT NULL, "organisationId" integer NOT NULL, "startsAt" datetime(6) NOT NULL, "endsAt" datetime(6) NOT NULL, "note" varchar(255) NOT NULL DEFAULT (''), CONSTRAINT "FK_roadshow_unavailability_roadshow" FOREIGN KEY ("roadshowId") REFERENCES "roadshow" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_roadshow_unavailability_org" FOREIGN KEY ("organisationId") REFERENCES "organisation" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_roadshow_unavailability"("id", "roadshowId", "organisationId", "startsAt", "endsAt", "note") SELECT "id", "roadshowId", "organisationId", "startsAt", "endsAt", "note" FROM "roadshow_unavailability"`,
    );
    await queryRunner.query(`DROP TABLE "roadshow_unavailability"`);
    await queryRunner.query(
      `ALTER TABLE "temporary_roadshow_unavailability" RENAME TO "roadshow_unavailability"`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_roadshow_unavailability_org" ON "roadshow_unavailability" ("roadshowId", "organisationId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "temporary_roadshow_minutes" ("sessionId" integer PRIMARY KEY NOT NULL, "presentMemberIds" text, "notes" text, "updatedById" integer, "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_roadshow_minutes_session" FOREIGN KEY ("sessionId") REFERENCES "roadshow_session" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_roadshow_minutes"("sessionId", "presentMemberIds", "notes", "updatedById", "updatedAt") SELECT "sessionId", "presentMemberIds", "notes", "updatedById", "updatedAt" FROM "roadshow_minutes"`,
    );
    await queryRunner.query(`DROP TABLE "roadshow_minutes"`);
    await queryRunner.query(
      `ALTER TABLE "temporary_roadshow_minutes" RENAME TO "roadshow_minutes"`,
    );
    await queryRunner.query(`DROP INDEX "IDX_roadshow_pledge_proposal"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_roadshow_pledge" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "roadshowId" integer NOT NULL, "proposalId" integer NOT NULL, "sponsor" varchar(128) NOT NULL, "kind" varchar(16) NOT NULL, "amountFen" bigint, "description" varchar(500) NOT NULL DEFAULT (''), "contact" varchar(128) NOT NULL DEFAULT (''), "recordedById" integer, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_roadshow_pledge_proposal" FOREIGN KEY ("proposalId") REFERENCES "proposal" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_roadshow_pledge"("id", "roadshowId", "proposalId", "sponsor", "kind", "amountFen", "description", "contact", "recordedById", "createdAt") SELECT "id", "roadshowId", "proposalId", "sponsor", "kind", "amountFen", "description", "contact", "recordedById", "createdAt" FROM "roadshow_pledge"`,
    );
    await queryRunner.query(`DROP TABLE "roadshow_pledge"`);
    await queryRunner.query(`ALTER TABLE "temporary_roadshow_pledge" RENAME TO "roadshow_pledge"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_roadshow_pledge_proposal" ON "roadshow_pledge" ("proposalId") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_roadshow_pledge_proposal"`);
    await queryRunner.query(`ALTER TABLE "roadshow_pledge" RENAME TO "temporary_roadshow_pledge"`);
    await queryRunner.query(
      `CREATE TABLE "roadshow_pledge" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "roadshowId" integer NOT NULL, "proposalId" integer NOT NULL, "sponsor" varchar(128) NOT NULL, "kind" varchar(16) NOT NULL, "amountFen" bigint, "description" varchar(500) NOT NULL DEFAULT (''), "contact" varchar(128) NOT NULL DEFAULT (''), "recordedById" integer, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "roadshow_pledge"("id", "roadshowId", "proposalId", "sponsor", "kind", "amountFen", "description", "contact", "recordedById", "createdAt") SELECT "id", "roadshowId", "proposalId", "sponsor", "kind", "amountFen", "description", "contact", "recordedById", "createdAt" FROM "temporary_roadshow_pledge"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_roadshow_pledge"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_roadshow_pledge_proposal" ON "roadshow_pledge" ("proposalId") `,
    );
    await queryRunner.query(
      `ALTER TABLE "roadshow_minutes" RENAME TO "temporary_roadshow_minutes"`,
    );
    await queryRunner.query(
      `CREATE TABLE "roadshow_minutes" ("sessionId" integer PRIMARY KEY NOT NULL, "presentMemberIds" text, "notes" text, "updatedById" integer, "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "roadshow_minutes"("sessionId", "presentMemberIds", "notes", "updatedById", "updatedAt") SELECT "sessionId", "presentMemberIds", "notes", "updatedById", "updatedAt" FROM "temporary_roadshow_minutes"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_roadshow_minutes"`);
    await queryRunner.query(`DROP INDEX "IDX_roadshow_unavailability_org"`);
    await queryRunner.query(
      `ALTER TABLE "roadshow_unavailability" RENAME TO "temporary_roadshow_unavailability"`,
    );
    await queryRunner.query(
      `CREATE TABLE "roadshow_unavailability" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "roadshowId" integer NOT NULL, "organisationId" integer NOT NULL, "startsAt" datetime(6) NOT NULL, "endsAt" datetime(6) NOT NULL, "note" varchar(255) NOT NULL DEFAULT (''))`,
    );
    await queryRunner.query(
      `INSERT INTO "roadshow_unavailability"("id", "roadshowId", "organisationId", "startsAt", "endsAt", "note") SELECT "id", "roadshowId", "organisationId", "startsAt", "endsAt", "note" FROM "temporary_roadshow_unavailability"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_roadshow_unavailability"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_roadshow_unavailability_org" ON "roadshow_unavailability" ("roadshowId", "organisationId") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_roadshow_pitch_proposal"`);
    await queryRunner.query(`DROP INDEX "IDX_roadshow_pitch_code"`);
    await queryRunner.query(`DROP INDEX "IDX_roadshow_pitch_session"`);
    await queryRunner.query(`ALTER TABLE "roadshow_pitch" RENAME TO "temporary_roadshow_pitch"`);
    await queryRunner.query(
      `CREATE TABLE "roadshow_pitch" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "roadshowId" integer NOT NULL, "proposalId" integer NOT NULL, "sessionId" integer, "startsAt" datetime(6), "endsAt" datetime(6), "unplacedReason" varchar(32), "checkInCode" varchar(8) NOT NULL, "checkedInAt" datetime(6), "noShow" boolean NOT NULL DEFAULT (0), "publishedSessionId" integer, "publishedStartsAt" datetime(6), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "roadshow_pitch"("id", "roadshowId", "proposalId", "sessionId", "startsAt", "endsAt", "unplacedReason", "checkInCode", "checkedInAt", "noShow", "publishedSessionId", "publishedStartsAt", "updatedAt") SELECT "id", "roadshowId", "proposalId", "sessionId", "startsAt", "endsAt", "unplacedReason", "checkInCode", "checkedInAt", "noShow", "publishedSessionId", "publishedStartsAt", "updatedAt" FROM "temporary_roadshow_pitch"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_roadshow_pitch"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_roadshow_pitch_proposal" ON "roadshow_pitch" ("roadshowId", "proposalId") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_roadshow_pitch_code" ON "roadshow_pitch" ("roadshowId", "checkInCode") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_roadshow_pitch_session" ON "roadshow_pitch" ("sessionId", "startsAt") `,
    );
    await queryRunner.query(
      `ALTER TABLE "roadshow_session_judge" RENAME TO "temporary_roadshow_session_judge"`,
    );
    await queryRunner.query(
      `CREATE TABLE "roadshow_session_judge" ("sessionId" integer NOT NULL, "memberId" integer NOT NULL, PRIMARY KEY ("sessionId", "memberId"))`,
    );
    await queryRunner.query(
      `INSERT INTO "roadshow_session_judge"("sessionId", "memberId") SELECT "sessionId", "memberId" FROM "temporary_roadshow_session_judge"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_roadshow_session_judge"`);
    await queryRunner.query(`DROP INDEX "IDX_roadshow_session_roadshow"`);
    await queryRunner.query(
      `ALTER TABLE "roadshow_session" RENAME TO "temporary_roadshow_session"`,
    );
    await queryRunner.query(
      `CREATE TABLE "roadshow_session" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "roadshowId" integer NOT NULL, "startsAt" datetime(6) NOT NULL, "endsAt" datetime(6) NOT NULL, "room" varchar(64) NOT NULL, "address" varchar(255) NOT NULL DEFAULT (''), "capacity" integer NOT NULL DEFAULT (0), "track" varchar(16), "chairMemberId" integer)`,
    );
    await queryRunner.query(
      `INSERT INTO "roadshow_session"("id", "roadshowId", "startsAt", "endsAt", "room", "address", "capacity", "track", "chairMemberId") SELECT "id", "roadshowId", "startsAt", "endsAt", "room", "address", "capacity", "track", "chairMemberId" FROM "temporary_roadshow_session"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_roadshow_session"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_roadshow_session_roadshow" ON "roadshow_session" ("roadshowId", "startsAt") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_roadshow_call"`);
    await queryRunner.query(`ALTER TABLE "roadshow" RENAME TO "temporary_roadshow"`);
    await queryRunner.query(
      `CREATE TABLE "roadshow" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "callId" integer NOT NULL, "pitchMinutes" integer NOT NULL DEFAULT (8), "qaMinutes" integer NOT NULL DEFAULT (7), "changeoverMinutes" integer NOT NULL DEFAULT (5), "quorum" integer NOT NULL DEFAULT (3), "seed" varchar(64) NOT NULL, "status" varchar(16) NOT NULL DEFAULT ('draft'), "version" integer NOT NULL DEFAULT (0), "scheduledAt" datetime(6), "publishedAt" datetime(6), "sessionsLowerBound" integer, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "roadshow"("id", "callId", "pitchMinutes", "qaMinutes", "changeoverMinutes", "quorum", "seed", "status", "version", "scheduledAt", "publishedAt", "sessionsLowerBound", "createdAt", "updatedAt") SELECT "id", "callId", "pitchMinutes", "qaMinutes", "changeoverMinutes", "quorum", "seed", "status", "version", "scheduledAt", "publishedAt", "sessionsLowerBound", "createdAt", "updatedAt" FROM "temporary_roadshow"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_roadshow"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_roadshow_call" ON "roadshow" ("callId") `);
    await queryRunner.query(`DROP INDEX "IDX_roadshow_pledge_proposal"`);
    await queryRunner.query(`DROP TABLE "roadshow_pledge"`);
    await queryRunner.query(`DROP TABLE "roadshow_minutes"`);
    await queryRunner.query(`DROP INDEX "IDX_roadshow_unavailability_org"`);
    await queryRunner.query(`DROP TABLE "roadshow_unavailability"`);
    await queryRunner.query(`DROP INDEX "IDX_roadshow_pitch_proposal"`);
    await queryRunner.query(`DROP INDEX "IDX_roadshow_pitch_code"`);
    await queryRunner.query(`DROP INDEX "IDX_roadshow_pitch_session"`);
    await queryRunner.query(`DROP TABLE "roadshow_pitch"`);
    await queryRunner.query(`DROP TABLE "roadshow_session_judge"`);
    await queryRunner.query(`DROP INDEX "IDX_roadshow_session_roadshow"`);
    await queryRunner.query(`DROP TABLE "roadshow_session"`);
    await queryRunner.query(`DROP INDEX "IDX_roadshow_call"`);
    await queryRunner.query(`DROP TABLE "roadshow"`);
  }
}
