import { MigrationInterface, QueryRunner } from 'typeorm';

export class NotificationClaimToken1795987288711 implements MigrationInterface {
  name = 'NotificationClaimToken1795987288711';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_notification_inbox"`);
    await queryRunner.query(`DROP INDEX "IDX_notification_status"`);
    await queryRunner.query(`DROP INDEX "IDX_notification_dedupe"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_notification" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "event" varchar(64) NOT NULL, "recipientUserId" integer, "recipientEmail" varchar(191) NOT NULL, "locale" varchar(8) NOT NULL, "payload" text NOT NULL, "dedupeKey" varchar(191) NOT NULL, "status" varchar(16) NOT NULL DEFAULT ('pending'), "attempts" integer NOT NULL DEFAULT (0), "lastError" text, "sentAt" datetime(6), "readAt" datetime(6), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "claimedAt" datetime(6), "claimToken" varchar(32))`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_notification"("id", "event", "recipientUserId", "recipientEmail", "locale", "payload", "dedupeKey", "status", "attempts", "lastError", "sentAt", "readAt", "createdAt", "claimedAt") SELECT "id", "event", "recipientUserId", "recipientEmail", "locale", "payload", "dedupeKey", "status", "attempts", "lastError", "sentAt", "readAt", "createdAt", "claimedAt" FROM "notification"`,
    );
    await queryRunner.query(`DROP TABLE "notification"`);
    await queryRunner.query(`ALTER TABLE "temporary_notification" RENAME TO "notification"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_notification_inbox" ON "notification" ("recipientUserId", "readAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_notification_status" ON "notification" ("status", "createdAt") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_notification_dedupe" ON "notification" ("dedupeKey") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_notification_dedupe"`);
    await queryRunner.query(`DROP INDEX "IDX_notification_status"`);
    await queryRunner.query(`DROP INDEX "IDX_notification_inbox"`);
    await queryRunner.query(`ALTER TABLE "notification" RENAME TO "temporary_notification"`);
    await queryRunner.query(
      `CREATE TABLE "notification" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "event" varchar(64) NOT NULL, "recipientUserId" integer, "recipientEmail" varchar(191) NOT NULL, "locale" varchar(8) NOT NULL, "payload" text NOT NULL, "dedupeKey" varchar(191) NOT NULL, "status" varchar(16) NOT NULL DEFAULT ('pending'), "attempts" integer NOT NULL DEFAULT (0), "lastError" text, "sentAt" datetime(6), "readAt" datetime(6), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "claimedAt" datetime(6))`,
    );
    await queryRunner.query(
      `INSERT INTO "notification"("id", "event", "recipientUserId", "recipientEmail", "locale", "payload", "dedupeKey", "status", "attempts", "lastError", "sentAt", "readAt", "createdAt", "claimedAt") SELECT "id", "event", "recipientUserId", "recipientEmail", "locale", "payload", "dedupeKey", "status", "attempts", "lastError", "sentAt", "readAt", "createdAt", "claimedAt" FROM "temporary_notification"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_notification"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_notification_dedupe" ON "notification" ("dedupeKey") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_notification_status" ON "notification" ("status", "createdAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_notification_inbox" ON "notification" ("recipientUserId", "readAt") `,
    );
  }
}
