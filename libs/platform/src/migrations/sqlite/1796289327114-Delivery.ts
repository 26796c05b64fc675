import { MigrationInterface, QueryRunner } from 'typeorm';

export class Delivery1796289327114 implements MigrationInterface {
  name = 'Delivery1796289327114';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "delivery_project" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "awardId" integer NOT NULL, "proposalId" integer NOT NULL, "callId" integer NOT NULL, "organisationId" integer NOT NULL, "communityId" integer, "status" varchar(16) NOT NULL DEFAULT ('active'), "startsOn" varchar(10) NOT NULL, "endsOn" varchar(10) NOT NULL, "evaluatorUserId" integer, "atRiskSince" datetime(6), "statusReason" varchar(500) NOT NULL DEFAULT (''), "closedAt" datetime(6), "unspentReturnedFen" bigint NOT NULL DEFAULT (0), "finalReport" text, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_delivery_project_call" ON "delivery_project" ("callId", "status") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_delivery_project_award" ON "delivery_project" ("awardId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "grant_agreement" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "projectId" integer NOT NULL, "amountFen" bigint NOT NULL, "bankAccountName" varchar(128) NOT NULL DEFAULT (''), "bankName" varchar(128) NOT NULL DEFAULT (''), "bankAccountNo" varchar(64) NOT NULL DEFAULT (''), "template" varchar(32) NOT NULL DEFAULT ('50-30-20'), "status" varchar(16) NOT NULL DEFAULT ('draft'), "signedStorageKey" varchar(255), "signedFileName" varchar(255), "signedUploadedAt" datetime(6), "checkedById" integer, "checkedAt" datetime(6), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_grant_agreement_project" ON "grant_agreement" ("projectId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "tranche" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "agreementId" integer NOT NULL, "projectId" integer NOT NULL, "seq" integer NOT NULL, "label" varchar(64) NOT NULL, "amountFen" bigint NOT NULL, "gate" varchar(16) NOT NULL, "status" varchar(16) NOT NULL DEFAULT ('scheduled'), "requestedAt" datetime(6), "approvedById" integer, "approvedAt" datetime(6), "paidById" integer, "paidAt" datetime(6), "bankReference" varchar(64), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_tranche_agreement_seq" ON "tranche" ("agreementId", "seq") `,
    );
    await queryRunner.query(
      `CREATE TABLE "clawback" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "projectId" integer NOT NULL, "amountFen" bigint NOT NULL, "reason" varchar(500) NOT NULL, "status" varchar(24) NOT NULL DEFAULT ('recorded'), "decidedById" integer, "decidedAt" datetime(6), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_clawback_project" ON "clawback" ("projectId") `);
    await queryRunner.query(
      `CREATE TABLE "delivery_milestone" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "projectId" integer NOT NULL, "seq" integer NOT NULL, "title" varchar(128) NOT NULL, "dueOn" varchar(10) NOT NULL, "deliverable" varchar(255) NOT NULL DEFAULT (''), "evidence" varchar(255) NOT NULL DEFAULT (''), "status" varchar(16) NOT NULL DEFAULT ('open'), "doneAt" datetime(6), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_delivery_milestone_due" ON "delivery_milestone" ("status", "dueOn") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_delivery_milestone_project_seq" ON "delivery_milestone" ("projectId", "seq") `,
    );
    await queryRunner.query(
      `CREATE TABLE "milestone_change" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "milestoneId" integer NOT NULL, "dueOn" varchar(10), "deliverable" varchar(255), "reason" varchar(500) NOT NULL, "status" varchar(16) NOT NULL DEFAULT ('pending'), "requestedById" integer, "decidedById" integer, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_milestone_change_milestone" ON "milestone_change" ("milestoneId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "milestone_step" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "milestoneId" integer NOT NULL, "step" varchar(24) NOT NULL, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_milestone_step_key" ON "milestone_step" ("milestoneId", "step") `,
    );
    await queryRunner.query(
      `CREATE TABLE "progress_report" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "projectId" integer NOT NULL, "milestoneId" integer, "beneficiaries" integer NOT NULL DEFAULT (0), "serviceHours" integer NOT NULL DEFAULT (0), "activities" integer NOT NULL DEFAULT (0), "narrative" text NOT NULL, "spending" text NOT NULL, "status" varchar(16) NOT NULL DEFAULT ('submitted'), "comments" text, "version" integer NOT NULL DEFAULT (1), "submittedById" integer, "decidedById" integer, "decidedAt" datetime(6), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_progress_report_project" ON "progress_report" ("projectId", "status") `,
    );
    await queryRunner.query(
      `CREATE TABLE "report_file" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "reportId" integer NOT NULL, "fileName" varchar(255) NOT NULL, "mimeType" varchar(128) NOT NULL, "sizeBytes" integer NOT NULL, "storageKey" varchar(255) NOT NULL, "showsPeople" boolean NOT NULL DEFAULT (0), "publicConsent" boolean NOT NULL DEFAULT (0), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_report_file_report" ON "report_file" ("reportId") `);
    await queryRunner.query(
      `CREATE TABLE "delivery_evaluation" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "projectId" integer NOT NULL, "kind" varchar(16) NOT NULL, "scores" text NOT NULL, "score" varchar(16) NOT NULL, "result" varchar(8) NOT NULL, "outcome" varchar(16), "comments" text NOT NULL, "clawbackFen" bigint NOT NULL DEFAULT (0), "evaluatorId" integer, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_delivery_evaluation_project" ON "delivery_evaluation" ("projectId", "kind") `,
    );
    await queryRunner.query(
      `CREATE TABLE "demo_site_budget" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "year" integer NOT NULL, "capFen" bigint NOT NULL, "committedFen" bigint NOT NULL DEFAULT (0), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_demo_site_budget_year" ON "demo_site_budget" ("year") `,
    );
    await queryRunner.query(
      `CREATE TABLE "demo_site_award" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "projectId" integer NOT NULL, "year" integer NOT NULL, "status" varchar(16) NOT NULL DEFAULT ('nominated'), "amountFen" bigint NOT NULL DEFAULT (0), "reason" varchar(500) NOT NULL DEFAULT (''), "nominatedById" integer, "decidedById" integer, "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_demo_site_award_project" ON "demo_site_award" ("projectId") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_delivery_project_call"`);
    await queryRunner.query(`DROP INDEX "IDX_delivery_project_award"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_delivery_project" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "awardId" integer NOT NULL, "proposalId" integer NOT NULL, "callId" integer NOT NULL, "organisationId" integer NOT NULL, "communityId" integer, "status" varchar(16) NOT NULL DEFAULT ('active'), "startsOn" varchar(10) NOT NULL, "endsOn" varchar(10) NOT NULL, "evaluatorUserId" integer, "atRiskSince" datetime(6), "statusReason" varchar(500) NOT NULL DEFAULT (''), "closedAt" datetime(6), "unspentReturnedFen" bigint NOT NULL DEFAULT (0), "finalReport" text, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_delivery_project_award" FOREIGN KEY ("awardId") REFERENCES "funding_award" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_delivery_project_proposal" FOREIGN KEY ("proposalId") REFERENCES "proposal" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_delivery_project"("id", "awardId", "proposalId", "callId", "organisationId", "communityId", "status", "startsOn", "endsOn", "evaluatorUserId", "atRiskSince", "statusReason", "closedAt", "unspentReturnedFen", "finalReport", "createdAt", "updatedAt") SELECT "id", "awardId", "proposalId", "callId", "organisationId", "communityId", "status", "startsOn", "endsOn", "evaluatorUserId", "atRiskSince", "statusReason", "closedAt", "unspentReturnedFen", "finalReport", "createdAt", "updatedAt" FROM "delivery_project"`,
    );
    await queryRunner.query(`DROP TABLE "delivery_project"`);
    await queryRunner.query(
      `ALTER TABLE "temporary_delivery_project" RENAME TO "delivery_project"`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_delivery_project_call" ON "delivery_project" ("callId", "status") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_delivery_project_award" ON "delivery_project" ("awardId") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_grant_agreement_project"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_grant_agreement" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "projectId" integer NOT NULL, "amountFen" bigint NOT NULL, "bankAccountName" varchar(128) NOT NULL DEFAULT (''), "bankName" varchar(128) NOT NULL DEFAULT (''), "bankAccountNo" varchar(64) NOT NULL DEFAULT (''), "template" varchar(32) NOT NULL DEFAULT ('50-30-20'), "status" varchar(16) NOT NULL DEFAULT ('draft'), "signedStorageKey" varchar(255), "signedFileName" varchar(255), "signedUploadedAt" datetime(6), "checkedById" integer, "checkedAt" datetime(6), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_grant_agreement_project" FOREIGN KEY ("projectId") REFERENCES "delivery_project" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_grant_agreement"("id", "projectId", "amountFen", "bankAccountName", "bankName", "bankAccountNo", "template", "status", "signedStorageKey", "signedFileName", "signedUploadedAt", "checkedById", "checkedAt", "createdAt", "updatedAt") SELECT "id", "projectId", "amountFen", "bankAccountName", "bankName", "bankAccountNo", "template", "status", "signedStorageKey", "signedFileName", "signedUploadedAt", "checkedById", "checkedAt", "createdAt", "updatedAt" FROM "grant_agreement"`,
    );
    await queryRunner.query(`DROP TABLE "grant_agreement"`);
    await queryRunner.query(`ALTER TABLE "temporary_grant_agreement" RENAME TO "grant_agreement"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_grant_agreement_project" ON "grant_agreement" ("projectId") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_tranche_agreement_seq"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_tranche" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "agreementId" integer NOT NULL, "projectId" integer NOT NULL, "seq" integer NOT NULL, "label" varchar(64) NOT NULL, "amountFen" bigint NOT NULL, "gate" varchar(16) NOT NULL, "status" varchar(16) NOT NULL DEFAULT ('scheduled'), "requestedAt" datetime(6), "approvedById" integer, "approvedAt" datetime(6), "paidById" integer, "paidAt" datetime(6), "bankReference" varchar(64), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_tranche_agreement" FOREIGN KEY ("agreementId") REFERENCES "grant_agreement" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_tranche"("id", "agreementId", "projectId", "seq", "label", "amountFen", "gate", "status", "requestedAt", "approvedById", "approvedAt", "paidById", "paidAt", "bankReference", "updatedAt") SELECT "id", "agreementId", "projectId", "seq", "label", "amountFen", "gate", "status", "requestedAt", "approvedById", "approvedAt", "paidById", "paidAt", "bankReference", "updatedAt" FROM "tranche"`,
    );
    await queryRunner.query(`DROP TABLE "tranche"`);
    await queryRunner.query(`ALTER TABLE "temporary_tranche" RENAME TO "tranche"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_tranche_agreement_seq" ON "tranche" ("agreementId", "seq") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_clawback_project"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_clawback" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "projectId" integer NOT NULL, "amountFen" bigint NOT NULL, "reason" varchar(500) NOT NULL, "status" varchar(24) NOT NULL DEFAULT ('recorded'), "decidedById" integer, "decidedAt" datetime(6), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_clawback_project" FOREIGN KEY ("projectId") REFERENCES "delivery_project" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_clawback"("id", "projectId", "amountFen", "reason", "status", "decidedById", "decidedAt", "createdAt") SELECT "id", "projectId", "amountFen", "reason", "status", "decidedById", "decidedAt", "createdAt" FROM "clawback"`,
    );
    await queryRunner.query(`DROP TABLE "clawback"`);
    await queryRunner.query(`ALTER TABLE "temporary_clawback" RENAME TO "clawback"`);
    await queryRunner.query(`CREATE INDEX "IDX_clawback_project" ON "clawback" ("projectId") `);
    await queryRunner.query(`DROP INDEX "IDX_delivery_milestone_due"`);
    await queryRunner.query(`DROP INDEX "IDX_delivery_milestone_project_seq"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_delivery_milestone" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "projectId" integer NOT NULL, "seq" integer NOT NULL, "title" varchar(128) NOT NULL, "dueOn" varchar(10) NOT NULL, "deliverable" varchar(255) NOT NULL DEFAULT (''), "evidence" varchar(255) NOT NULL DEFAULT (''), "status" varchar(16) NOT NULL DEFAULT ('open'), "doneAt" datetime(6), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_delivery_milestone_project" FOREIGN KEY ("projectId") REFERENCES "delivery_project" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_delivery_milestone"("id", "projectId", "seq", "title", "dueOn", "deliverable", "evidence", "status", "doneAt", "updatedAt") SELECT "id", "projectId", "seq", "title", "dueOn", "deliverable", "evidence", "status", "doneAt", "updatedAt" FROM "delivery_milestone"`,
    );
    await queryRunner.query(`DROP TABLE "delivery_milestone"`);
    await queryRunner.query(
      `ALTER TABLE "temporary_delivery_milestone" RENAME TO "delivery_milestone"`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_delivery_milestone_due" ON "delivery_milestone" ("status", "dueOn") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_delivery_milestone_project_seq" ON "delivery_milestone" ("projectId", "seq") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_milestone_change_milestone"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_milestone_change" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "milestoneId" integer NOT NULL, "dueOn" varchar(10), "deliverable" varchar(255), "reason" varchar(500) NOT NULL, "status" varchar(16) NOT NULL DEFAULT ('pending'), "requestedById" integer, "decidedById" integer, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_milestone_change_milestone" FOREIGN KEY ("milestoneId") REFERENCES "delivery_milestone" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_milestone_change"("id", "milestoneId", "dueOn", "deliverable", "reason", "status", "requestedById", "decidedById", "createdAt") SELECT "id", "milestoneId", "dueOn", "deliverable", "reason", "status", "requestedById", "decidedById", "createdAt" FROM "milestone_change"`,
    );
    await queryRunner.query(`DROP TABLE "milestone_change"`);
    await queryRunner.query(
      `ALTER TABLE "temporary_milestone_change" RENAME TO "milestone_change"`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_milestone_change_milestone" ON "milestone_change" ("milestoneId") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_milestone_step_key"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_milestone_step" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "milestoneId" integer NOT NULL, "step" varchar(24) NOT NULL, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_milestone_step_milestone" FOREIGN KEY ("milestoneId") REFERENCES "delivery_milestone" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_milestone_step"("id", "milestoneId", "step", "createdAt") SELECT "id", "milestoneId", "step", "createdAt" FROM "milestone_step"`,
    );
    await queryRunner.query(`DROP TABLE "milestone_step"`);
    await queryRunner.query(`ALTER TABLE "temporary_milestone_step" RENAME TO "milestone_step"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_milestone_step_key" ON "milestone_step" ("milestoneId", "step") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_progress_report_project"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_progress_report" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "projectId" integer NOT NULL, "milestoneId" integer, "beneficiaries" integer NOT NULL DEFAULT (0), "serviceHours" integer NOT NULL DEFAULT (0), "activities" integer NOT NULL DEFAULT (0), "narrative" text NOT NULL, "spending" text NOT NULL, "status" varchar(16) NOT NULL DEFAULT ('submitted'), "comments" text, "version" integer NOT NULL DEFAULT (1), "submittedById" integer, "decidedById" integer, "decidedAt" datetime(6), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_progress_report_project" FOREIGN KEY ("projectId") REFERENCES "delivery_project" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_progress_report"("id", "projectId", "milestoneId", "beneficiaries", "serviceHours", "activities", "narrative", "spending", "status", "comments", "version", "submittedById", "decidedById", "decidedAt", "createdAt", "updatedAt") SELECT "id", "projectId", "milestoneId", "beneficiaries", "serviceHours", "activities", "narrative", "spending", "status", "comments", "version", "submittedById", "decidedById", "decidedAt", "createdAt", "updatedAt" FROM "progress_report"`,
    );
    await queryRunner.query(`DROP TABLE "progress_report"`);
    await queryRunner.query(`ALTER TABLE "temporary_progress_report" RENAME TO "progress_report"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_progress_report_project" ON "progress_report" ("projectId", "status") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_report_file_report"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_report_file" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "reportId" integer NOT NULL, "fileName" varchar(255) NOT NULL, "mimeType" varchar(128) NOT NULL, "sizeBytes" integer NOT NULL, "storageKey" varchar(255) NOT NULL, "showsPeople" boolean NOT NULL DEFAULT (0), "publicConsent" boolean NOT NULL DEFAULT (0), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_report_file_report" FOREIGN KEY ("reportId") REFERENCES "progress_report" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_report_file"("id", "reportId", "fileName", "mimeType", "sizeBytes", "storageKey", "showsPeople", "publicConsent", "createdAt") SELECT "id", "reportId", "fileName", "mimeType", "sizeBytes", "storageKey", "showsPeople", "publicConsent", "createdAt" FROM "report_file"`,
    );
    await queryRunner.query(`DROP TABLE "report_file"`);
    await queryRunner.query(`ALTER TABLE "temporary_report_file" RENAME TO "report_file"`);
    await queryRunner.query(`CREATE INDEX "IDX_report_file_report" ON "report_file" ("reportId") `);
    await queryRunner.query(`DROP INDEX "IDX_delivery_evaluation_project"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_delivery_evaluation" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "projectId" integer NOT NULL, "kind" varchar(16) NOT NULL, "scores" text NOT NULL, "score" varchar(16) NOT NULL, "result" varchar(8) NOT NULL, "outcome" varchar(16), "comments" text NOT NULL, "clawbackFen" bigint NOT NULL DEFAULT (0), "evaluatorId" integer, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_delivery_evaluation_project" FOREIGN KEY ("projectId") REFERENCES "delivery_project" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_delivery_evaluation"("id", "projectId", "kind", "scores", "score", "result", "outcome", "comments", "clawbackFen", "evaluatorId", "createdAt") SELECT "id", "projectId", "kind", "scores", "score", "result", "outcome", "comments", "clawbackFen", "evaluatorId", "createdAt" FROM "delivery_evaluation"`,
    );
    await queryRunner.query(`DROP TABLE "delivery_evaluation"`);
    await queryRunner.query(
      `ALTER TABLE "temporary_delivery_evaluation" RENAME TO "delivery_evaluation"`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_delivery_evaluation_project" ON "delivery_evaluation" ("projectId", "kind") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_demo_site_award_project"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_demo_site_award" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "projectId" integer NOT NULL, "year" integer NOT NULL, "status" varchar(16) NOT NULL DEFAULT ('nominated'), "amountFen" bigint NOT NULL DEFAULT (0), "reason" varchar(500) NOT NULL DEFAULT (''), "nominatedById" integer, "decidedById" integer, "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_demo_site_award_project" FOREIGN KEY ("projectId") REFERENCES "delivery_project" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_demo_site_award"("id", "projectId", "year", "status", "amountFen", "reason", "nominatedById", "decidedById", "updatedAt") SELECT "id", "projectId", "year", "status", "amountFen", "reason", "nominatedById", "decidedById", "updatedAt" FROM "demo_site_award"`,
    );
    await queryRunner.query(`DROP TABLE "demo_site_award"`);
    await queryRunner.query(`ALTER TABLE "temporary_demo_site_award" RENAME TO "demo_site_award"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_demo_site_award_project" ON "demo_site_award" ("projectId") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_demo_site_award_project"`);
    await queryRunner.query(`ALTER TABLE "demo_site_award" RENAME TO "temporary_demo_site_award"`);
    await queryRunner.query(
      `CREATE TABLE "demo_site_award" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "projectId" integer NOT NULL, "year" integer NOT NULL, "status" varchar(16) NOT NULL DEFAULT ('nominated'), "amountFen" bigint NOT NULL DEFAULT (0), "reason" varchar(500) NOT NULL DEFAULT (''), "nominatedById" integer, "decidedById" integer, "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "demo_site_award"("id", "projectId", "year", "status", "amountFen", "reason", "nominatedById", "decidedById", "updatedAt") SELECT "id", "projectId", "year", "status", "amountFen", "reason", "nominatedById", "decidedById", "updatedAt" FROM "temporary_demo_site_award"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_demo_site_award"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_demo_site_award_project" ON "demo_site_award" ("projectId") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_delivery_evaluation_project"`);
    await queryRunner.query(
      `ALTER TABLE "delivery_evaluation" RENAME TO "temporary_delivery_evaluation"`,
    );
    await queryRunner.query(
      `CREATE TABLE "delivery_evaluation" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "projectId" integer NOT NULL, "kind" varchar(16) NOT NULL, "scores" text NOT NULL, "score" varchar(16) NOT NULL, "result" varchar(8) NOT NULL, "outcome" varchar(16), "comments" text NOT NULL, "clawbackFen" bigint NOT NULL DEFAULT (0), "evaluatorId" integer, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "delivery_evaluation"("id", "projectId", "kind", "scores", "score", "result", "outcome", "comments", "clawbackFen", "evaluatorId", "createdAt") SELECT "id", "projectId", "kind", "scores", "score", "result", "outcome", "comments", "clawbackFen", "evaluatorId", "createdAt" FROM "temporary_delivery_evaluation"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_delivery_evaluation"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_delivery_evaluation_project" ON "delivery_evaluation" ("projectId", "kind") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_report_file_report"`);
    await queryRunner.query(`ALTER TABLE "report_file" RENAME TO "temporary_report_file"`);
    await queryRunner.query(
      `CREATE TABLE "report_file" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "reportId" integer NOT NULL, "fileName" varchar(255) NOT NULL, "mimeType" varchar(128) NOT NULL, "sizeBytes" integer NOT NULL, "storageKey" varchar(255) NOT NULL, "showsPeople" boolean NOT NULL DEFAULT (0), "publicConsent" boolean NOT NULL DEFAULT (0), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "report_file"("id", "reportId", "fileName", "mimeType", "sizeBytes", "storageKey", "showsPeople", "publicConsent", "createdAt") SELECT "id", "reportId", "fileName", "mimeType", "sizeBytes", "storageKey", "showsPeople", "publicConsent", "createdAt" FROM "temporary_report_file"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_report_file"`);
    await queryRunner.query(`CREATE INDEX "IDX_report_file_report" ON "report_file" ("reportId") `);
    await queryRunner.query(`DROP INDEX "IDX_progress_report_project"`);
    await queryRunner.query(`ALTER TABLE "progress_report" RENAME TO "temporary_progress_report"`);
    await queryRunner.query(
      `CREATE TABLE "progress_report" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "projectId" integer NOT NULL, "milestoneId" integer, "beneficiaries" integer NOT NULL DEFAULT (0), "serviceHours" integer NOT NULL DEFAULT (0), "activities" integer NOT NULL DEFAULT (0), "narrative" text NOT NULL, "spending" text NOT NULL, "status" varchar(16) NOT NULL DEFAULT ('submitted'), "comments" text, "version" integer NOT NULL DEFAULT (1), "submittedById" integer, "decidedById" integer, "decidedAt" datetime(6), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "progress_report"("id", "projectId", "milestoneId", "beneficiaries", "serviceHours", "activities", "narrative", "spending", "status", "comments", "version", "submittedById", "decidedById", "decidedAt", "createdAt", "updatedAt") SELECT "id", "projectId", "milestoneId", "beneficiaries", "serviceHours", "activities", "narrative", "spending", "status", "comments", "version", "submittedById", "decidedById", "decidedAt", "createdAt", "updatedAt" FROM "temporary_progress_report"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_progress_report"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_progress_report_project" ON "progress_report" ("projectId", "status") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_milestone_step_key"`);
    await queryRunner.query(`ALTER TABLE "milestone_step" RENAME TO "temporary_milestone_step"`);
    await queryRunner.query(
      `CREATE TABLE "milestone_step" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "milestoneId" integer NOT NULL, "step" varchar(24) NOT NULL, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "milestone_step"("id", "milestoneId", "step", "createdAt") SELECT "id", "milestoneId", "step", "createdAt" FROM "temporary_milestone_step"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_milestone_step"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_milestone_step_key" ON "milestone_step" ("milestoneId", "step") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_milestone_change_milestone"`);
    await queryRunner.query(
      `ALTER TABLE "milestone_change" RENAME TO "temporary_milestone_change"`,
    );
    await queryRunner.query(
      `CREATE TABLE "milestone_change" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "milestoneId" integer NOT NULL, "dueOn" varchar(10), "deliverable" varchar(255), "reason" varchar(500) NOT NULL, "status" varchar(16) NOT NULL DEFAULT ('pending'), "requestedById" integer, "decidedById" integer, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "milestone_change"("id", "milestoneId", "dueOn", "deliverable", "reason", "status", "requestedById", "decidedById", "createdAt") SELECT "id", "milestoneId", "dueOn", "deliverable", "reason", "status", "requestedById", "decidedById", "createdAt" FROM "temporary_milestone_change"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_milestone_change"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_milestone_change_milestone" ON "milestone_change" ("milestoneId") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_delivery_milestone_project_seq"`);
    await queryRunner.query(`DROP INDEX "IDX_delivery_milestone_due"`);
    await queryRunner.query(
      `ALTER TABLE "delivery_milestone" RENAME TO "temporary_delivery_milestone"`,
    );
    await queryRunner.query(
      `CREATE TABLE "delivery_milestone" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "projectId" integer NOT NULL, "seq" integer NOT NULL, "title" varchar(128) NOT NULL, "dueOn" varchar(10) NOT NULL, "deliverable" varchar(255) NOT NULL DEFAULT (''), "evidence" varchar(255) NOT NULL DEFAULT (''), "status" varchar(16) NOT NULL DEFAULT ('open'), "doneAt" datetime(6), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "delivery_milestone"("id", "projectId", "seq", "title", "dueOn", "deliverable", "evidence", "status", "doneAt", "updatedAt") SELECT "id", "projectId", "seq", "title", "dueOn", "deliverable", "evidence", "status", "doneAt", "updatedAt" FROM "temporary_delivery_milestone"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_delivery_milestone"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_delivery_milestone_project_seq" ON "delivery_milestone" ("projectId", "seq") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_delivery_milestone_due" ON "delivery_milestone" ("status", "dueOn") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_clawback_project"`);
    await queryRunner.query(`ALTER TABLE "clawback" RENAME TO "temporary_clawback"`);
    await queryRunner.query(
      `CREATE TABLE "clawback" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "projectId" integer NOT NULL, "amountFen" bigint NOT NULL, "reason" varchar(500) NOT NULL, "status" varchar(24) NOT NULL DEFAULT ('recorded'), "decidedById" integer, "decidedAt" datetime(6), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "clawback"("id", "projectId", "amountFen", "reason", "status", "decidedById", "decidedAt", "createdAt") SELECT "id", "projectId", "amountFen", "reason", "status", "decidedById", "decidedAt", "createdAt" FROM "temporary_clawback"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_clawback"`);
    await queryRunner.query(`CREATE INDEX "IDX_clawback_project" ON "clawback" ("projectId") `);
    await queryRunner.query(`DROP INDEX "IDX_tranche_agreement_seq"`);
    await queryRunner.query(`ALTER TABLE "tranche" RENAME TO "temporary_tranche"`);
    await queryRunner.query(
      `CREATE TABLE "tranche" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "agreementId" integer NOT NULL, "projectId" integer NOT NULL, "seq" integer NOT NULL, "label" varchar(64) NOT NULL, "amountFen" bigint NOT NULL, "gate" varchar(16) NOT NULL, "status" varchar(16) NOT NULL DEFAULT ('scheduled'), "requestedAt" datetime(6), "approvedById" integer, "approvedAt" datetime(6), "paidById" integer, "paidAt" datetime(6), "bankReference" varchar(64), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "tranche"("id", "agreementId", "projectId", "seq", "label", "amountFen", "gate", "status", "requestedAt", "approvedById", "approvedAt", "paidById", "paidAt", "bankReference", "updatedAt") SELECT "id", "agreementId", "projectId", "seq", "label", "amountFen", "gate", "status", "requestedAt", "approvedById", "approvedAt", "paidById", "paidAt", "bankReference", "updatedAt" FROM "temporary_tranche"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_tranche"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_tranche_agreement_seq" ON "tranche" ("agreementId", "seq") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_grant_agreement_project"`);
    await queryRunner.query(`ALTER TABLE "grant_agreement" RENAME TO "temporary_grant_agreement"`);
    await queryRunner.query(
      `CREATE TABLE "grant_agreement" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "projectId" integer NOT NULL, "amountFen" bigint NOT NULL, "bankAccountName" varchar(128) NOT NULL DEFAULT (''), "bankName" varchar(128) NOT NULL DEFAULT (''), "bankAccountNo" varchar(64) NOT NULL DEFAULT (''), "template" varchar(32) NOT NULL DEFAULT ('50-30-20'), "status" varchar(16) NOT NULL DEFAULT ('draft'), "signedStorageKey" varchar(255), "signedFileName" varchar(255), "signedUploadedAt" datetime(6), "checkedById" integer, "checkedAt" datetime(6), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "grant_agreement"("id", "projectId", "amountFen", "bankAccountName", "bankName", "bankAccountNo", "template", "status", "signedStorageKey", "signedFileName", "signedUploadedAt", "checkedById", "checkedAt", "createdAt", "updatedAt") SELECT "id", "projectId", "amountFen", "bankAccountName", "bankName", "bankAccountNo", "template", "status", "signedStorageKey", "signedFileName", "signedUploadedAt", "checkedById", "checkedAt", "createdAt", "updatedAt" FROM "temporary_grant_agreement"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_grant_agreement"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_grant_agreement_project" ON "grant_agreement" ("projectId") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_delivery_project_award"`);
    await queryRunner.query(`DROP INDEX "IDX_delivery_project_call"`);
    await queryRunner.query(
      `ALTER TABLE "delivery_project" RENAME TO "temporary_delivery_project"`,
    );
    await queryRunner.query(
      `CREATE TABLE "delivery_project" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "awardId" integer NOT NULL, "proposalId" integer NOT NULL, "callId" integer NOT NULL, "organisationId" integer NOT NULL, "communityId" integer, "status" varchar(16) NOT NULL DEFAULT ('active'), "startsOn" varchar(10) NOT NULL, "endsOn" varchar(10) NOT NULL, "evaluatorUserId" integer, "atRiskSince" datetime(6), "statusReason" varchar(500) NOT NULL DEFAULT (''), "closedAt" datetime(6), "unspentReturnedFen" bigint NOT NULL DEFAULT (0), "finalReport" text, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "delivery_project"("id", "awardId", "proposalId", "callId", "organisationId", "communityId", "status", "startsOn", "endsOn", "evaluatorUserId", "atRiskSince", "statusReason", "closedAt", "unspentReturnedFen", "finalReport", "createdAt", "updatedAt") SELECT "id", "awardId", "proposalId", "callId", "organisationId", "communityId", "status", "startsOn", "endsOn", "evaluatorUserId", "atRiskSince", "statusReason", "closedAt", "unspentReturnedFen", "finalReport", "createdAt", "updatedAt" FROM "temporary_delivery_project"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_delivery_project"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_delivery_project_award" ON "delivery_project" ("awardId") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_delivery_project_call" ON "delivery_project" ("callId", "status") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_demo_site_award_project"`);
    await queryRunner.query(`DROP TABLE "demo_site_award"`);
    await queryRunner.query(`DROP INDEX "IDX_demo_site_budget_year"`);
    await queryRunner.query(`DROP TABLE "demo_site_budget"`);
    await queryRunner.query(`DROP INDEX "IDX_delivery_evaluation_project"`);
    await queryRunner.query(`DROP TABLE "delivery_evaluation"`);
    await queryRunner.query(`DROP INDEX "IDX_report_file_report"`);
    await queryRunner.query(`DROP TABLE "report_file"`);
    await queryRunner.query(`DROP INDEX "IDX_progress_report_project"`);
    await queryRunner.query(`DROP TABLE "progress_report"`);
    await queryRunner.query(`DROP INDEX "IDX_milestone_step_key"`);
    await queryRunner.query(`DROP TABLE "milestone_step"`);
    await queryRunner.query(`DROP INDEX "IDX_milestone_change_milestone"`);
    await queryRunner.query(`DROP TABLE "milestone_change"`);
    await queryRunner.query(`DROP INDEX "IDX_delivery_milestone_project_seq"`);
    await queryRunner.query(`DROP INDEX "IDX_delivery_milestone_due"`);
    await queryRunner.query(`DROP TABLE "delivery_milestone"`);
    await queryRunner.query(`DROP INDEX "IDX_clawback_project"`);
    await queryRunner.query(`DROP TABLE "clawback"`);
    await queryRunner.query(`DROP INDEX "IDX_tranche_agreement_seq"`);
    await queryRunner.query(`DROP TABLE "tranche"`);
    await queryRunner.query(`DROP INDEX "IDX_grant_agreement_project"`);
    await queryRunner.query(`DROP TABLE "grant_agreement"`);
    await queryRunner.query(`DROP INDEX "IDX_delivery_project_award"`);
    await queryRunner.query(`DROP INDEX "IDX_delivery_project_call"`);
    await queryRunner.query(`DROP TABLE "delivery_project"`);
  }
}
