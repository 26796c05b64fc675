import { MigrationInterface, QueryRunner } from 'typeorm';

export class ProposalCorrectionDeadline1796239791689 implements MigrationInterface {
  name = 'ProposalCorrectionDeadline1796239791689';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_proposal_number"`);
    await queryRunner.query(`DROP INDEX "IDX_proposal_call_status"`);
    await queryRunner.query(`DROP INDEX "IDX_proposal_org"`);
    await queryRunner.query(`DROP INDEX "IDX_proposal_status"`);
    await queryRunner.query(`DROP INDEX "IDX_proposal_title"`);
    await queryRunner.query(`DROP INDEX "IDX_proposal_first_community"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_proposal" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "callId" integer NOT NULL, "organisationId" integer NOT NULL, "needId" integer, "number" varchar(32), "status" varchar(16) NOT NULL DEFAULT ('draft'), "title" varchar(128) NOT NULL DEFAULT (''), "track" varchar(16) NOT NULL DEFAULT ('venture'), "firstCommunityId" integer, "beneficiaryGroups" text, "beneficiaryCount" integer NOT NULL DEFAULT (0), "summary" text, "objectives" text, "activities" text, "team" text, "totalFen" bigint NOT NULL DEFAULT (0), "coFundingFen" bigint NOT NULL DEFAULT (0), "currentVersion" integer NOT NULL DEFAULT (0), "submittedAt" datetime(6), "withdrawnAt" datetime(6), "hasUnsubmittedChanges" boolean NOT NULL DEFAULT (0), "createdById" integer, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "correctionDeadline" datetime(6), CONSTRAINT "FK_proposal_need" FOREIGN KEY ("needId") REFERENCES "need" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_proposal_organisation" FOREIGN KEY ("organisationId") REFERENCES "organisation" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_proposal_call" FOREIGN KEY ("callId") REFERENCES "call" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_proposal"("id", "callId", "organisationId", "needId", "number", "status", "title", "track", "firstCommunityId", "beneficiaryGroups", "beneficiaryCount", "summary", "objectives", "activities", "team", "totalFen", "coFundingFen", "currentVersion", "submittedAt", "withdrawnAt", "hasUnsubmittedChanges", "createdById", "createdAt", "updatedAt") SELECT "id", "callId", "organisationId", "needId", "number", "status", "title", "track", "firstCommunityId", "beneficiaryGroups", "beneficiaryCount", "summary", "objectives", "activities", "team", "totalFen", "coFundingFen", "currentVersion", "submittedAt", "withdrawnAt", "hasUnsubmittedChanges", "createdById", "createdAt", "updatedAt" FROM "proposal"`,
    );
    await queryRunner.query(`DROP TABLE "proposal"`);
    await queryRunner.query(`ALTER TABLE "temporary_proposal" RENAME TO "proposal"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_proposal_number" ON "proposal" ("number") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_proposal_call_status" ON "proposal" ("callId", "status", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_proposal_org" ON "proposal" ("organisationId", "callId") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_proposal_status" ON "proposal" ("status", "id") `);
    await queryRunner.query(`CREATE INDEX "IDX_proposal_title" ON "proposal" ("title") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_proposal_first_community" ON "proposal" ("firstCommunityId", "status") `,
    );
    // The deadline of proposals already returned moves from their screening row.
    await queryRunner.query(
      `UPDATE "proposal" SET "correctionDeadline" = (SELECT s."correctionDeadline" FROM "screening" s WHERE s."proposalId" = "proposal"."id") WHERE "status" = 'returned'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_proposal_first_community"`);
    await queryRunner.query(`DROP INDEX "IDX_proposal_title"`);
    await queryRunner.query(`DROP INDEX "IDX_proposal_status"`);
    await queryRunner.query(`DROP INDEX "IDX_proposal_org"`);
    await queryRunner.query(`DROP INDEX "IDX_proposal_call_status"`);
    await queryRunner.query(`DROP INDEX "IDX_proposal_number"`);
    await queryRunner.query(`ALTER TABLE "proposal" RENAME TO "temporary_proposal"`);
    await queryRunner.query(
      `CREATE TABLE "proposal" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "callId" integer NOT NULL, "organisationId" integer NOT NULL, "needId" integer, "number" varchar(32), "status" varchar(16) NOT NULL DEFAULT ('draft'), "title" varchar(128) NOT NULL DEFAULT (''), "track" varchar(16) NOT NULL DEFAULT ('venture'), "firstCommunityId" integer, "beneficiaryGroups" text, "beneficiaryCount" integer NOT NULL DEFAULT (0), "summary" text, "objectives" text, "activities" text, "team" text, "totalFen" bigint NOT NULL DEFAULT (0), "coFundingFen" bigint NOT NULL DEFAULT (0), "currentVersion" integer NOT NULL DEFAULT (0), "submittedAt" datetime(6), "withdrawnAt" datetime(6), "hasUnsubmittedChanges" boolean NOT NULL DEFAULT (0), "createdById" integer, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_proposal_need" FOREIGN KEY ("needId") REFERENCES "need" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_proposal_organisation" FOREIGN KEY ("organisationId") REFERENCES "organisation" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_proposal_call" FOREIGN KEY ("callId") REFERENCES "call" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "proposal"("id", "callId", "organisationId", "needId", "number", "status", "title", "track", "firstCommunityId", "beneficiaryGroups", "beneficiaryCount", "summary", "objectives", "activities", "team", "totalFen", "coFundingFen", "currentVersion", "submittedAt", "withdrawnAt", "hasUnsubmittedChanges", "createdById", "createdAt", "updatedAt") SELECT "id", "callId", "organisationId", "needId", "number", "status", "title", "track", "firstCommunityId", "beneficiaryGroups", "beneficiaryCount", "summary", "objectives", "activities", "team", "totalFen", "coFundingFen", "currentVersion", "submittedAt", "withdrawnAt", "hasUnsubmittedChanges", "createdById", "createdAt", "updatedAt" FROM "temporary_proposal"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_proposal"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_proposal_first_community" ON "proposal" ("firstCommunityId", "status") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_proposal_title" ON "proposal" ("title") `);
    await queryRunner.query(`CREATE INDEX "IDX_proposal_status" ON "proposal" ("status", "id") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_proposal_org" ON "proposal" ("organisationId", "callId") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_proposal_call_status" ON "proposal" ("callId", "status", "id") `,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_proposal_number" ON "proposal" ("number") `);
  }
}
