import { MigrationInterface, QueryRunner } from 'typeorm';

export class Notifications1795983105258 implements MigrationInterface {
  name = 'Notifications1795983105258';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "notification" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "event" varchar(64) NOT NULL, "recipientUserId" integer, "recipientEmail" varchar(191) NOT NULL, "locale" varchar(8) NOT NULL, "payload" text NOT NULL, "dedupeKey" varchar(191) NOT NULL, "status" varchar(16) NOT NULL DEFAULT ('pending'), "attempts" integer NOT NULL DEFAULT (0), "lastError" text, "sentAt" datetime(6), "readAt" datetime(6), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
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
    await queryRunner.query(`DROP TABLE "notification"`);
  }
}
