import { MigrationInterface, QueryRunner } from 'typeorm';

export class PasswordReset1796345424328 implements MigrationInterface {
  name = 'PasswordReset1796345424328';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "password_reset" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "userId" integer NOT NULL, "tokenHash" varchar(64) NOT NULL, "pendingToken" varchar(64), "expiresAt" datetime(6) NOT NULL, "sentAt" datetime(6), "usedAt" datetime(6), "revokedAt" datetime(6), "ip" varchar(64), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_password_reset_expires" ON "password_reset" ("expiresAt") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_password_reset_token" ON "password_reset" ("tokenHash") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_password_reset_expires"`);
    await queryRunner.query(`DROP INDEX "IDX_password_reset_token"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_password_reset" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "userId" integer NOT NULL, "tokenHash" varchar(64) NOT NULL, "pendingToken" varchar(64), "expiresAt" datetime(6) NOT NULL, "sentAt" datetime(6), "usedAt" datetime(6), "revokedAt" datetime(6), "ip" varchar(64), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_password_reset_user" FOREIGN KEY ("userId") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_password_reset"("id", "userId", "tokenHash", "pendingToken", "expiresAt", "sentAt", "usedAt", "revokedAt", "ip", "createdAt") SELECT "id", "userId", "tokenHash", "pendingToken", "expiresAt", "sentAt", "usedAt", "revokedAt", "ip", "createdAt" FROM "password_reset"`,
    );
    await queryRunner.query(`DROP TABLE "password_reset"`);
    await queryRunner.query(`ALTER TABLE "temporary_password_reset" RENAME TO "password_reset"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_password_reset_expires" ON "password_reset" ("expiresAt") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_password_reset_token" ON "password_reset" ("tokenHash") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_password_reset_token"`);
    await queryRunner.query(`DROP INDEX "IDX_password_reset_expires"`);
    await queryRunner.query(`ALTER TABLE "password_reset" RENAME TO "temporary_password_reset"`);
    await queryRunner.query(
      `CREATE TABLE "password_reset" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "userId" integer NOT NULL, "tokenHash" varchar(64) NOT NULL, "pendingToken" varchar(64), "expiresAt" datetime(6) NOT NULL, "sentAt" datetime(6), "usedAt" datetime(6), "revokedAt" datetime(6), "ip" varchar(64), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "password_reset"("id", "userId", "tokenHash", "pendingToken", "expiresAt", "sentAt", "usedAt", "revokedAt", "ip", "createdAt") SELECT "id", "userId", "tokenHash", "pendingToken", "expiresAt", "sentAt", "usedAt", "revokedAt", "ip", "createdAt" FROM "temporary_password_reset"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_password_reset"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_password_reset_token" ON "password_reset" ("tokenHash") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_password_reset_expires" ON "password_reset" ("expiresAt") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_password_reset_token"`);
    await queryRunner.query(`DROP INDEX "IDX_password_reset_expires"`);
    await queryRunner.query(`DROP TABLE "password_reset"`);
  }
}
