import { MigrationInterface, QueryRunner } from 'typeorm';

export class NotificationsDispatch1795983438862 implements MigrationInterface {
  name = 'NotificationsDispatch1795983438862';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "reminder_sent" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "reminderKey" varchar(191) NOT NULL, "provider" varchar(64) NOT NULL, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_reminder_sent_key" ON "reminder_sent" ("reminderKey") `,
    );
    await queryRunner.query(
      `CREATE TABLE "notification_opt_out" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "userId" integer NOT NULL, "event" varchar(64) NOT NULL, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_notification_opt_out_user_event" ON "notification_opt_out" ("userId", "event") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_notification_dedupe"`);
    await queryRunner.query(`DROP INDEX "IDX_notification_status"`);
    await queryRunner.query(`DROP INDEX "IDX_notification_inbox"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_notification" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "event" varchar(64) NOT NULL, "recipientUserId" integer, "recipientEmail" varchar(191) NOT NULL, "locale" varchar(8) NOT NULL, "payload" text NOT NULL, "dedupeKey" varchar(191) NOT NULL, "status" varchar(16) NOT NULL DEFAULT ('pending'), "attempts" integer NOT NULL DEFAULT (0), "lastError" text, "sentAt" datetime(6), "readAt" datetime(6), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "claimedAt" datetime(6))`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_notification"("id", "event", "recipientUserId", "recipientEmail", "locale", "payload", "dedupeKey", "status", "attempts", "lastError", "sentAt", "readAt", "createdAt") SELECT "id", "event", "recipientUserId", "recipientEmail", "locale", "payload", "dedupeKey", "status", "attempts", "lastError", "sentAt", "readAt", "createdAt" FROM "notification"`,
    );
    await queryRunner.query(`DROP TABLE "notification"`);
    await queryRunner.query(`ALTER TABLE "temporary_notification" RENAME TO "notification"`);
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

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_notification_inbox"`);
    await queryRunner.query(`DROP INDEX "IDX_notification_status"`);
    await queryRunner.query(`DROP INDEX "IDX_notification_dedupe"`);
    await queryRunner.query(`ALTER TABLE "notification" RENAME TO "temporary_notification"`);
    await queryRunner.query(
      `CREATE TABLE "notification" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "event" varchar(64) NOT NULL, "recipientUserId" integer, "recipientEmail" varchar(191) NOT NULL, "locale" varchar(8) NOT NULL, "payload" text NOT NULL, "dedupeKey" varchar(191) NOT NULL, "status" varchar(16) NOT NULL DEFAULT ('pending'), "attempts" integer NOT NULL DEFAULT (0), "lastError" text, "sentAt" datetime(6), "readAt" datetime(6), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "notification"("id", "event", "recipientUserId", "recipientEmail", "locale", "payload", "dedupeKey", "status", "attempts", "lastError", "sentAt", "readAt", "createdAt") SELECT "id", "event", "recipientUserId", "recipientEmail", "locale", "payload", "dedupeKey", "status", "attempts", "lastError", "sentAt", "readAt", "createdAt" FROM "temporary_notification"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_notification"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_notification_inbox" ON "notification" ("recipientUserId", "readAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_notification_status" ON "notification" ("status", "createdAt") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_notification_dedupe" ON "notification" ("dedupeKey") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_notification_opt_out_user_event"`);
    await queryRunner.query(`DROP TABLE "notification_opt_out"`);
    await queryRunner.query(`DROP INDEX "IDX_reminder_sent_key"`);
    await queryRunner.query(`DROP TABLE "reminder_sent"`);
  }
}
