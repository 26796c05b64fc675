import { MigrationInterface, QueryRunner } from 'typeorm';

export class CallsProposals1795983397073 implements MigrationInterface {
  name = 'CallsProposals1795983397073';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "call" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "code" varchar(8) NOT NULL, "title" varchar(128) NOT NULL, "year" integer NOT NULL, "tracks" text NOT NULL, "description" text NOT NULL, "budgetCapFen" bigint NOT NULL, "minGrantFen" bigint NOT NULL, "maxGrantFen" bigint NOT NULL, "maxProposalsPerOrg" integer NOT NULL DEFAULT (1), "rubric" text NOT NULL, "phase" varchar(16) NOT NULL DEFAULT ('upcoming'), "opensAt" datetime(6) NOT NULL, "submissionDeadline" datetime(6) NOT NULL, "screeningAt" datetime(6) NOT NULL, "roadshowAt" datetime(6) NOT NULL, "scoringAt" datetime(6) NOT NULL, "publicityAt" datetime(6) NOT NULL, "implementationAt" datetime(6) NOT NULL, "closesAt" datetime(6) NOT NULL, "lastNumber" integer NOT NULL DEFAULT (0), "screeningPublishedAt" datetime(6), "createdById" integer, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_call_phase" ON "call" ("phase") `);
    await queryRunner.query(
      `CREATE TABLE "call_checklist_item" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "callId" integer NOT NULL, "position" integer NOT NULL, "label" varchar(255) NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_call_checklist_item_call" ON "call_checklist_item" ("callId", "position") `,
    );
    await queryRunner.query(
      `CREATE TABLE "call_need" ("callId" integer NOT NULL, "needId" integer NOT NULL, PRIMARY KEY ("callId", "needId"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_call_need_need" ON "call_need" ("needId") `);
    await queryRunner.query(
      `CREATE TABLE "proposal" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "callId" integer NOT NULL, "organisationId" integer NOT NULL, "needId" integer, "number" varchar(32), "status" varchar(16) NOT NULL DEFAULT ('draft'), "title" varchar(128) NOT NULL DEFAULT (''), "track" varchar(16) NOT NULL DEFAULT ('venture'), "firstCommunityId" integer, "beneficiaryGroups" text, "beneficiaryCount" integer NOT NULL DEFAULT (0), "summary" text, "objectives" text, "activities" text, "team" text, "totalFen" bigint NOT NULL DEFAULT (0), "coFundingFen" bigint NOT NULL DEFAULT (0), "currentVersion" integer NOT NULL DEFAULT (0), "submittedAt" datetime(6), "withdrawnAt" datetime(6), "hasUnsubmittedChanges" boolean NOT NULL DEFAULT (0), "createdById" integer, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
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
    await queryRunner.query(
      `CREATE TABLE "proposal_community" ("proposalId" integer NOT NULL, "version" integer NOT NULL, "preference" integer NOT NULL, "communityId" integer NOT NULL, PRIMARY KEY ("proposalId", "version", "preference"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_proposal_community_community" ON "proposal_community" ("communityId", "version", "proposalId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "proposal_budget_line" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "proposalId" integer NOT NULL, "version" integer NOT NULL, "position" integer NOT NULL, "category" varchar(16) NOT NULL, "item" varchar(128) NOT NULL, "unitPriceFen" bigint NOT NULL, "quantity" integer NOT NULL, "subtotalFen" bigint NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_proposal_budget_line_proposal" ON "proposal_budget_line" ("proposalId", "version", "position") `,
    );
    await queryRunner.query(
      `CREATE TABLE "proposal_milestone" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "proposalId" integer NOT NULL, "version" integer NOT NULL, "position" integer NOT NULL, "title" varchar(128) NOT NULL, "dueOn" date NOT NULL, "deliverable" varchar(255) NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_proposal_milestone_proposal" ON "proposal_milestone" ("proposalId", "version", "position") `,
    );
    await queryRunner.query(
      `CREATE TABLE "proposal_version" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "proposalId" integer NOT NULL, "version" integer NOT NULL, "title" varchar(128) NOT NULL, "track" varchar(16) NOT NULL, "needId" integer, "beneficiaryGroups" text, "beneficiaryCount" integer NOT NULL DEFAULT (0), "summary" text, "objectives" text, "activities" text, "team" text, "totalFen" bigint NOT NULL, "coFundingFen" bigint NOT NULL, "submittedById" integer, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_proposal_version_unique" ON "proposal_version" ("proposalId", "version") `,
    );
    await queryRunner.query(
      `CREATE TABLE "proposal_attachment" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "proposalId" integer NOT NULL, "fileName" varchar(255) NOT NULL, "mimeType" varchar(128) NOT NULL, "sizeBytes" integer NOT NULL, "storageKey" varchar(255) NOT NULL, "uploadedById" integer, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_proposal_attachment_proposal" ON "proposal_attachment" ("proposalId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "screening" ("proposalId" integer PRIMARY KEY NOT NULL, "callId" integer NOT NULL, "version" integer NOT NULL, "decision" varchar(16) NOT NULL, "reason" text, "correctionDeadline" datetime(6), "decidedById" integer, "publishedAt" datetime(6), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_screening_published" ON "screening" ("publishedAt") `,
    );
    await queryRunner.query(
      `CREATE TABLE "screening_check" ("proposalId" integer NOT NULL, "checklistItemId" integer NOT NULL, "passed" boolean NOT NULL, "note" varchar(255), PRIMARY KEY ("proposalId", "checklistItemId"))`,
    );
    await queryRunner.query(`DROP INDEX "IDX_call_checklist_item_call"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_call_checklist_item" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "callId" integer NOT NULL, "position" integer NOT NULL, "label" varchar(255) NOT NULL, CONSTRAINT "FK_call_checklist_item_call" FOREIGN KEY ("callId") REFERENCES "call" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_call_checklist_item"("id", "callId", "position", "label") SELECT "id", "callId", "position", "label" FROM "call_checklist_item"`,
    );
    await queryRunner.query(`DROP TABLE "call_checklist_item"`);
    await queryRunner.query(
      `ALTER TABLE "temporary_call_checklist_item" RENAME TO "call_checklist_item"`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_call_checklist_item_call" ON "call_checklist_item" ("callId", "position") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_call_need_need"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_call_need" ("callId" integer NOT NULL, "needId" integer NOT NULL, CONSTRAINT "FK_call_need_call" FOREIGN KEY ("callId") REFERENCES "call" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_call_need_need" FOREIGN KEY ("needId") REFERENCES "need" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, PRIMARY KEY ("callId", "needId"))`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_call_need"("callId", "needId") SELECT "callId", "needId" FROM "call_need"`,
    );
    await queryRunner.query(`DROP TABLE "call_need"`);
    await queryRunner.query(`ALTER TABLE "temporary_call_need" RENAME TO "call_need"`);
    await queryRunner.query(`CREATE INDEX "IDX_call_need_need" ON "call_need" ("needId") `);
    await queryRunner.query(`DROP INDEX "IDX_proposal_first_community"`);
    await queryRunner.query(`DROP INDEX "IDX_proposal_title"`);
    await queryRunner.query(`DROP INDEX "IDX_proposal_status"`);
    await queryRunner.query(`DROP INDEX "IDX_proposal_org"`);
    await queryRunner.query(`DROP INDEX "IDX_proposal_call_status"`);
    await queryRunner.query(`DROP INDEX "IDX_proposal_number"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_proposal" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "callId" integer NOT NULL, "organisationId" integer NOT NULL, "needId" integer, "number" varchar(32), "status" varchar(16) NOT NULL DEFAULT ('draft'), "title" varchar(128) NOT NULL DEFAULT (''), "track" varchar(16) NOT NULL DEFAULT ('venture'), "firstCommunityId" integer, "beneficiaryGroups" text, "beneficiaryCount" integer NOT NULL DEFAULT (0), "summary" text, "objectives" text, "activities" text, "team" text, "totalFen" bigint NOT NULL DEFAULT (0), "coFundingFen" bigint NOT NULL DEFAULT (0), "currentVersion" integer NOT NULL DEFAULT (0), "submittedAt" datetime(6), "withdrawnAt" datetime(6), "hasUnsubmittedChanges" boolean NOT NULL DEFAULT (0), "createdById" integer, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_proposal_call" FOREIGN KEY ("callId") REFERENCES "call" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_proposal_organisation" FOREIGN KEY ("organisationId") REFERENCES "organisation" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_proposal_need" FOREIGN KEY ("needId") REFERENCES "need" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_proposal"("id", "callId", "organisationId", "needId", "number", "status", "title", "track", "firstCommunityId", "beneficiaryGroups", "beneficiaryCount", "summary", "objectives", "activities", "team", "totalFen", "coFundingFen", "currentVersion", "submittedAt", "withdrawnAt", "hasUnsubmittedChanges", "createdById", "createdAt", "updatedAt") SELECT "id", "callId", "organisationId", "needId", "number", "status", "title", "track", "firstCommunityId", "beneficiaryGroups", "beneficiaryCount", "summary", "objectives", "activities", "team", "totalFen", "coFundingFen", "currentVersion", "submittedAt", "withdrawnAt", "hasUnsubmittedChanges", "createdById", "createdAt", "updatedAt" FROM "proposal"`,
    );
    await queryRunner.query(`DROP TABLE "proposal"`);
    await queryRunner.query(`ALTER TABLE "temporary_proposal" RENAME TO "proposal"`);
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
    await queryRunner.query(`DROP INDEX "IDX_proposal_community_community"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_proposal_community" ("proposalId" integer NOT NULL, "version" integer NOT NULL, "preference" integer NOT NULL, "communityId" integer NOT NULL, CONSTRAINT "FK_proposal_community_proposal" FOREIGN KEY ("proposalId") REFERENCES "proposal" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_proposal_community_community" FOREIGN KEY ("communityId") REFERENCES "community" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, PRIMARY KEY ("proposalId", "version", "preference"))`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_proposal_community"("proposalId", "version", "preference", "communityId") SELECT "proposalId", "version", "preference", "communityId" FROM "proposal_community"`,
    );
    await queryRunner.query(`DROP TABLE "proposal_community"`);
    await queryRunner.query(
      `ALTER TABLE "temporary_proposal_community" RENAME TO "proposal_community"`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_proposal_community_community" ON "proposal_community" ("communityId", "version", "proposalId") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_proposal_budget_line_proposal"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_proposal_budget_line" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "proposalId" integer NOT NULL, "version" integer NOT NULL, "position" integer NOT NULL, "category" varchar(16) NOT NULL, "item" varchar(128) NOT NULL, "unitPriceFen" bigint NOT NULL, "quantity" integer NOT NULL, "subtotalFen" bigint NOT NULL, CONSTRAINT "FK_proposal_budget_line_proposal" FOREIGN KEY ("proposalId") REFERENCES "proposal" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_proposal_budget_line"("id", "proposalId", "version", "position", "category", "item", "unitPriceFen", "quantity", "subtotalFen") SELECT "id", "proposalId", "version", "position", "category", "item", "unitPriceFen", "quantity", "subtotalFen" FROM "proposal_budget_line"`,
    );
    await queryRunner.query(`DROP TABLE "proposal_budget_line"`);
    await queryRunner.query(
      `ALTER TABLE "temporary_proposal_budget_line" RENAME TO "proposal_budget_line"`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_proposal_budget_line_proposal" ON "proposal_budget_line" ("proposalId", "version", "position") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_proposal_milestone_proposal"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_proposal_milestone" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "proposalId" integer NOT NULL, "version" integer NOT NULL, "position" integer NOT NULL, "title" varchar(128) NOT NULL, "dueOn" date NOT NULL, "deliverable" varchar(255) NOT NULL, CONSTRAINT "FK_proposal_milestone_proposal" FOREIGN KEY ("proposalId") REFERENCES "proposal" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_proposal_milestone"("id", "proposalId", "version", "position", "title", "dueOn", "deliverable") SELECT "id", "proposalId", "version", "position", "title", "dueOn", "deliverable" FROM "proposal_milestone"`,
    );
    await queryRunner.query(`DROP TABLE "proposal_milestone"`);
    await queryRunner.query(
      `ALTER TABLE "temporary_proposal_milestone" RENAME TO "proposal_milestone"`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_proposal_milestone_proposal" ON "proposal_milestone" ("proposalId", "version", "position") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_proposal_version_unique"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_proposal_version" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "proposalId" integer NOT NULL, "version" integer NOT NULL, "title" varchar(128) NOT NULL, "track" varchar(16) NOT NULL, "needId" integer, "beneficiaryGroups" text, "beneficiaryCount" integer NOT NULL DEFAULT (0), "summary" text, "objectives" text, "activities" text, "team" text, "totalFen" bigint NOT NULL, "coFundingFen" bigint NOT NULL, "submittedById" integer, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_proposal_version_proposal" FOREIGN KEY ("proposalId") REFERENCES "proposal" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_proposal_version"("id", "proposalId", "version", "title", "track", "needId", "beneficiaryGroups", "beneficiaryCount", "summary", "objectives", "activities", "team", "totalFen", "coFundingFen", "submittedById", "createdAt") SELECT "id", "proposalId", "version", "title", "track", "needId", "beneficiaryGroups", "beneficiaryCount", "summary", "objectives", "activities", "team", "totalFen", "coFundingFen", "submittedById", "createdAt" FROM "proposal_version"`,
    );
    await queryRunner.query(`DROP TABLE "proposal_version"`);
    await queryRunner.query(
      `ALTER TABLE "temporary_proposal_version" RENAME TO "proposal_version"`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_proposal_version_unique" ON "proposal_version" ("proposalId", "version") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_proposal_attachment_proposal"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_proposal_attachment" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "proposalId" integer NOT NULL, "fileName" varchar(255) NOT NULL, "mimeType" varchar(128) NOT NULL, "sizeBytes" integer NOT NULL, "storageKey" varchar(255) NOT NULL, "uploadedById" integer, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_proposal_attachment_proposal" FOREIGN KEY ("proposalId") REFERENCES "proposal" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_proposal_attachment"("id", "proposalId", "fileName", "mimeType", "sizeBytes", "storageKey", "uploadedById", "createdAt") SELECT "id", "proposalId", "fileName", "mimeType", "sizeBytes", "storageKey", "uploadedById", "createdAt" FROM "proposal_attachment"`,
    );
    await queryRunner.query(`DROP TABLE "proposal_attachment"`);
    await queryRunner.query(
      `ALTER TABLE "temporary_proposal_attachment" RENAME TO "proposal_attachment"`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_proposal_attachment_proposal" ON "proposal_attachment" ("proposalId") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_screening_published"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_screening" ("proposalId" integer PRIMARY KEY NOT NULL, "callId" integer NOT NULL, "version" integer NOT NULL, "decision" varchar(16) NOT NULL, "reason" text, "correctionDeadline" datetime(6), "decidedById" integer, "publishedAt" datetime(6), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_screening_proposal" FOREIGN KEY ("proposalId") REFERENCES "proposal" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_screening"("proposalId", "callId", "version", "decision", "reason", "correctionDeadline", "decidedById", "publishedAt", "updatedAt") SELECT "proposalId", "callId", "version", "decision", "reason", "correctionDeadline", "decidedById", "publishedAt", "updatedAt" FROM "screening"`,
    );
    await queryRunner.query(`DROP TABLE "screening"`);
    await queryRunner.query(`ALTER TABLE "temporary_screening" RENAME TO "screening"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_screening_published" ON "screening" ("publishedAt") `,
    );
    await queryRunner.query(
      `CREATE TABLE "temporary_screening_check" ("proposalId" integer NOT NULL, "checklistItemId" integer NOT NULL, "passed" boolean NOT NULL, "note" varchar(255), CONSTRAINT "FK_screening_check_proposal" FOREIGN KEY ("proposalId") REFERENCES "proposal" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_screening_check_item" FOREIGN KEY ("checklistItemId") REFERENCES "call_checklist_item" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("proposalId", "checklistItemId"))`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_screening_check"("proposalId", "checklistItemId", "passed", "note") SELECT "proposalId", "checklistItemId", "passed", "note" FROM "screening_check"`,
    );
    await queryRunner.query(`DROP TABLE "screening_check"`);
    await queryRunner.query(`ALTER TABLE "temporary_screening_check" RENAME TO "screening_check"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "screening_check" RENAME TO "temporary_screening_check"`);
    await queryRunner.query(
      `CREATE TABLE "screening_check" ("proposalId" integer NOT NULL, "checklistItemId" integer NOT NULL, "passed" boolean NOT NULL, "note" varchar(255), PRIMARY KEY ("proposalId", "checklistItemId"))`,
    );
    await queryRunner.query(
      `INSERT INTO "screening_check"("proposalId", "checklistItemId", "passed", "note") SELECT "proposalId", "checklistItemId", "passed", "note" FROM "temporary_screening_check"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_screening_check"`);
    await queryRunner.query(`DROP INDEX "IDX_screening_published"`);
    await queryRunner.query(`ALTER TABLE "screening" RENAME TO "temporary_screening"`);
    await queryRunner.query(
      `CREATE TABLE "screening" ("proposalId" integer PRIMARY KEY NOT NULL, "callId" integer NOT NULL, "version" integer NOT NULL, "decision" varchar(16) NOT NULL, "reason" text, "correctionDeadline" datetime(6), "decidedById" integer, "publishedAt" datetime(6), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "screening"("proposalId", "callId", "version", "decision", "reason", "correctionDeadline", "decidedById", "publishedAt", "updatedAt") SELECT "proposalId", "callId", "version", "decision", "reason", "correctionDeadline", "decidedById", "publishedAt", "updatedAt" FROM "temporary_screening"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_screening"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_screening_published" ON "screening" ("publishedAt") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_proposal_attachment_proposal"`);
    await queryRunner.query(
      `ALTER TABLE "proposal_attachment" RENAME TO "temporary_proposal_attachment"`,
    );
    await queryRunner.query(
      `CREATE TABLE "proposal_attachment" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "proposalId" integer NOT NULL, "fileName" varchar(255) NOT NULL, "mimeType" varchar(128) NOT NULL, "sizeBytes" integer NOT NULL, "storageKey" varchar(255) NOT NULL, "uploadedById" integer, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "proposal_attachment"("id", "proposalId", "fileName", "mimeType", "sizeBytes", "storageKey", "uploadedById", "createdAt") SELECT "id", "proposalId", "fileName", "mimeType", "sizeBytes", "storageKey", "uploadedById", "createdAt" FROM "temporary_proposal_attachment"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_proposal_attachment"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_proposal_attachment_proposal" ON "proposal_attachment" ("proposalId") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_proposal_version_unique"`);
    await queryRunner.query(
      `ALTER TABLE "proposal_version" RENAME TO "temporary_proposal_version"`,
    );
    await queryRunner.query(
      `CREATE TABLE "proposal_version" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "proposalId" integer NOT NULL, "version" integer NOT NULL, "title" varchar(128) NOT NULL, "track" varchar(16) NOT NULL, "needId" integer, "beneficiaryGroups" text, "beneficiaryCount" integer NOT NULL DEFAULT (0), "summary" text, "objectives" text, "activities" text, "team" text, "totalFen" bigint NOT NULL, "coFundingFen" bigint NOT NULL, "submittedById" integer, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "proposal_version"("id", "proposalId", "version", "title", "track", "needId", "beneficiaryGroups", "beneficiaryCount", "summary", "objectives", "activities", "team", "totalFen", "coFundingFen", "submittedById", "createdAt") SELECT "id", "proposalId", "version", "title", "track", "needId", "beneficiaryGroups", "beneficiaryCount", "summary", "objectives", "activities", "team", "totalFen", "coFundingFen", "submittedById", "createdAt" FROM "temporary_proposal_version"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_proposal_version"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_proposal_version_unique" ON "proposal_version" ("proposalId", "version") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_proposal_milestone_proposal"`);
    await queryRunner.query(
      `ALTER TABLE "proposal_milestone" RENAME TO "temporary_proposal_milestone"`,
    );
    await queryRunner.query(
      `CREATE TABLE "proposal_milestone" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "proposalId" integer NOT NULL, "version" integer NOT NULL, "position" integer NOT NULL, "title" varchar(128) NOT NULL, "dueOn" date NOT NULL, "deliverable" varchar(255) NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "proposal_milestone"("id", "proposalId", "version", "position", "title", "dueOn", "deliverable") SELECT "id", "proposalId", "version", "position", "title", "dueOn", "deliverable" FROM "temporary_proposal_milestone"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_proposal_milestone"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_proposal_milestone_proposal" ON "proposal_milestone" ("proposalId", "version", "position") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_proposal_budget_line_proposal"`);
    await queryRunner.query(
      `ALTER TABLE "proposal_budget_line" RENAME TO "temporary_proposal_budget_line"`,
    );
    await queryRunner.query(
      `CREATE TABLE "proposal_budget_line" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "proposalId" integer NOT NULL, "version" integer NOT NULL, "position" integer NOT NULL, "category" varchar(16) NOT NULL, "item" varchar(128) NOT NULL, "unitPriceFen" bigint NOT NULL, "quantity" integer NOT NULL, "subtotalFen" bigint NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "proposal_budget_line"("id", "proposalId", "version", "position", "category", "item", "unitPriceFen", "quantity", "subtotalFen") SELECT "id", "proposalId", "version", "position", "category", "item", "unitPriceFen", "quantity", "subtotalFen" FROM "temporary_proposal_budget_line"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_proposal_budget_line"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_proposal_budget_line_proposal" ON "proposal_budget_line" ("proposalId", "version", "position") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_proposal_community_community"`);
    await queryRunner.query(
      `ALTER TABLE "proposal_community" RENAME TO "temporary_proposal_community"`,
    );
    await queryRunner.query(
      `CREATE TABLE "proposal_community" ("proposalId" integer NOT NULL, "version" integer NOT NULL, "preference" integer NOT NULL, "communityId" integer NOT NULL, PRIMARY KEY ("proposalId", "version", "preference"))`,
    );
    await queryRunner.query(
      `INSERT INTO "proposal_community"("proposalId", "version", "preference", "communityId") SELECT "proposalId", "version", "preference", "communityId" FROM "temporary_proposal_community"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_proposal_community"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_proposal_community_community" ON "proposal_community" ("communityId", "version", "proposalId") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_proposal_number"`);
    await queryRunner.query(`DROP INDEX "IDX_proposal_call_status"`);
    await queryRunner.query(`DROP INDEX "IDX_proposal_org"`);
    await queryRunner.query(`DROP INDEX "IDX_proposal_status"`);
    await queryRunner.query(`DROP INDEX "IDX_proposal_title"`);
    await queryRunner.query(`DROP INDEX "IDX_proposal_first_community"`);
    await queryRunner.query(`ALTER TABLE "proposal" RENAME TO "temporary_proposal"`);
    await queryRunner.query(
      `CREATE TABLE "proposal" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "callId" integer NOT NULL, "organisationId" integer NOT NULL, "needId" integer, "number" varchar(32), "status" varchar(16) NOT NULL DEFAULT ('draft'), "title" varchar(128) NOT NULL DEFAULT (''), "track" varchar(16) NOT NULL DEFAULT ('venture'), "firstCommunityId" integer, "beneficiaryGroups" text, "beneficiaryCount" integer NOT NULL DEFAULT (0), "summary" text, "objectives" text, "activities" text, "team" text, "totalFen" bigint NOT NULL DEFAULT (0), "coFundingFen" bigint NOT NULL DEFAULT (0), "currentVersion" integer NOT NULL DEFAULT (0), "submittedAt" datetime(6), "withdrawnAt" datetime(6), "hasUnsubmittedChanges" boolean NOT NULL DEFAULT (0), "createdById" integer, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "proposal"("id", "callId", "organisationId", "needId", "number", "status", "title", "track", "firstCommunityId", "beneficiaryGroups", "beneficiaryCount", "summary", "objectives", "activities", "team", "totalFen", "coFundingFen", "currentVersion", "submittedAt", "withdrawnAt", "hasUnsubmittedChanges", "createdById", "createdAt", "updatedAt") SELECT "id", "callId", "organisationId", "needId", "number", "status", "title", "track", "firstCommunityId", "beneficiaryGroups", "beneficiaryCount", "summary", "objectives", "activities", "team", "totalFen", "coFundingFen", "currentVersion", "submittedAt", "withdrawnAt", "hasUnsubmittedChanges", "createdById", "createdAt", "updatedAt" FROM "temporary_proposal"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_proposal"`);
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
    await queryRunner.query(`DROP INDEX "IDX_call_need_need"`);
    await queryRunner.query(`ALTER TABLE "call_need" RENAME TO "temporary_call_need"`);
    await queryRunner.query(
      `CREATE TABLE "call_need" ("callId" integer NOT NULL, "needId" integer NOT NULL, PRIMARY KEY ("callId", "needId"))`,
    );
    await queryRunner.query(
      `INSERT INTO "call_need"("callId", "needId") SELECT "callId", "needId" FROM "temporary_call_need"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_call_need"`);
    await queryRunner.query(`CREATE INDEX "IDX_call_need_need" ON "call_need" ("needId") `);
    await queryRunner.query(`DROP INDEX "IDX_call_checklist_item_call"`);
    await queryRunner.query(
      `ALTER TABLE "call_checklist_item" RENAME TO "temporary_call_checklist_item"`,
    );
    await queryRunner.query(
      `CREATE TABLE "call_checklist_item" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "callId" integer NOT NULL, "position" integer NOT NULL, "label" varchar(255) NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "call_checklist_item"("id", "callId", "position", "label") SELECT "id", "callId", "position", "label" FROM "temporary_call_checklist_item"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_call_checklist_item"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_call_checklist_item_call" ON "call_checklist_item" ("callId", "position") `,
    );
    await queryRunner.query(`DROP TABLE "screening_check"`);
    await queryRunner.query(`DROP INDEX "IDX_screening_published"`);
    await queryRunner.query(`DROP TABLE "screening"`);
    await queryRunner.query(`DROP INDEX "IDX_proposal_attachment_proposal"`);
    await queryRunner.query(`DROP TABLE "proposal_attachment"`);
    await queryRunner.query(`DROP INDEX "IDX_proposal_version_unique"`);
    await queryRunner.query(`DROP TABLE "proposal_version"`);
    await queryRunner.query(`DROP INDEX "IDX_proposal_milestone_proposal"`);
    await queryRunner.query(`DROP TABLE "proposal_milestone"`);
    await queryRunner.query(`DROP INDEX "IDX_proposal_budget_line_proposal"`);
    await queryRunner.query(`DROP TABLE "proposal_budget_line"`);
    await queryRunner.query(`DROP INDEX "IDX_proposal_community_community"`);
    await queryRunner.query(`DROP TABLE "proposal_community"`);
    await queryRunner.query(`DROP INDEX "IDX_proposal_number"`);
    await queryRunner.query(`DROP INDEX "IDX_proposal_call_status"`);
    await queryRunner.query(`DROP INDEX "IDX_proposal_org"`);
    await queryRunner.query(`DROP INDEX "IDX_proposal_status"`);
    await queryRunner.query(`DROP INDEX "IDX_proposal_title"`);
    await queryRunner.query(`DROP INDEX "IDX_proposal_first_community"`);
    await queryRunner.query(`DROP TABLE "proposal"`);
    await queryRunner.query(`DROP INDEX "IDX_call_need_need"`);
    await queryRunner.query(`DROP TABLE "call_need"`);
    await queryRunner.query(`DROP INDEX "IDX_call_checklist_item_call"`);
    await queryRunner.query(`DROP TABLE "call_checklist_item"`);
    await queryRunner.query(`DROP INDEX "IDX_call_phase"`);
    await queryRunner.query(`DROP TABLE "call"`);
  }
}
