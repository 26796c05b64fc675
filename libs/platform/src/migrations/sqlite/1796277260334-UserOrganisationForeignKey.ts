import { MigrationInterface, QueryRunner } from 'typeorm';

export class UserOrganisationForeignKey1796277260334 implements MigrationInterface {
  name = 'UserOrganisationForeignKey1796277260334';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_user_email"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_user" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "email" varchar(191) NOT NULL, "name" varchar(64) NOT NULL, "passwordHash" varchar(255), "role" varchar(32) NOT NULL, "communityId" integer, "organisationId" integer, "locale" varchar(8) NOT NULL DEFAULT ('zh-CN'), "active" boolean NOT NULL DEFAULT (1), "lastLoginAt" datetime(6), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_user_community" FOREIGN KEY ("communityId") REFERENCES "community" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_user_organisation" FOREIGN KEY ("organisationId") REFERENCES "organisation" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_user"("id", "email", "name", "passwordHash", "role", "communityId", "organisationId", "locale", "active", "lastLoginAt", "createdAt", "updatedAt") SELECT "id", "email", "name", "passwordHash", "role", "communityId", "organisationId", "locale", "active", "lastLoginAt", "createdAt", "updatedAt" FROM "user"`,
    );
    await queryRunner.query(`DROP TABLE "user"`);
    await queryRunner.query(`ALTER TABLE "temporary_user" RENAME TO "user"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_user_email" ON "user" ("email") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_user_email"`);
    await queryRunner.query(`ALTER TABLE "user" RENAME TO "temporary_user"`);
    await queryRunner.query(
      `CREATE TABLE "user" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "email" varchar(191) NOT NULL, "name" varchar(64) NOT NULL, "passwordHash" varchar(255), "role" varchar(32) NOT NULL, "communityId" integer, "organisationId" integer, "locale" varchar(8) NOT NULL DEFAULT ('zh-CN'), "active" boolean NOT NULL DEFAULT (1), "lastLoginAt" datetime(6), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_user_community" FOREIGN KEY ("communityId") REFERENCES "community" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "user"("id", "email", "name", "passwordHash", "role", "communityId", "organisationId", "locale", "active", "lastLoginAt", "createdAt", "updatedAt") SELECT "id", "email", "name", "passwordHash", "role", "communityId", "organisationId", "locale", "active", "lastLoginAt", "createdAt", "updatedAt" FROM "temporary_user"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_user"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_user_email" ON "user" ("email") `);
  }
}
