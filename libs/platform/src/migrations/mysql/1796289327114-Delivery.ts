import { MigrationInterface, QueryRunner } from 'typeorm';

export class Delivery1796289327114 implements MigrationInterface {
  name = 'Delivery1796289327114';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`delivery_project\` (\`id\` int NOT NULL AUTO_INCREMENT, \`awardId\` int NOT NULL, \`proposalId\` int NOT NULL, \`callId\` int NOT NULL, \`organisationId\` int NOT NULL, \`communityId\` int NULL, \`status\` varchar(16) NOT NULL DEFAULT 'active', \`startsOn\` varchar(10) NOT NULL, \`endsOn\` varchar(10) NOT NULL, \`evaluatorUserId\` int NULL, \`atRiskSince\` datetime(6) NULL, \`statusReason\` varchar(500) NOT NULL DEFAULT '', \`closedAt\` datetime(6) NULL, \`unspentReturnedFen\` bigint NOT NULL DEFAULT '0', \`finalReport\` text NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`IDX_delivery_project_call\` (\`callId\`, \`status\`), UNIQUE INDEX \`IDX_delivery_project_award\` (\`awardId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`grant_agreement\` (\`id\` int NOT NULL AUTO_INCREMENT, \`projectId\` int NOT NULL, \`amountFen\` bigint NOT NULL, \`bankAccountName\` varchar(128) NOT NULL DEFAULT '', \`bankName\` varchar(128) NOT NULL DEFAULT '', \`bankAccountNo\` varchar(64) NOT NULL DEFAULT '', \`template\` varchar(32) NOT NULL DEFAULT '50-30-20', \`status\` varchar(16) NOT NULL DEFAULT 'draft', \`signedStorageKey\` varchar(255) NULL, \`signedFileName\` varchar(255) NULL, \`signedUploadedAt\` datetime(6) NULL, \`checkedById\` int NULL, \`checkedAt\` datetime(6) NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_grant_agreement_project\` (\`projectId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`tranche\` (\`id\` int NOT NULL AUTO_INCREMENT, \`agreementId\` int NOT NULL, \`projectId\` int NOT NULL, \`seq\` int NOT NULL, \`label\` varchar(64) NOT NULL, \`amountFen\` bigint NOT NULL, \`gate\` varchar(16) NOT NULL, \`status\` varchar(16) NOT NULL DEFAULT 'scheduled', \`requestedAt\` datetime(6) NULL, \`approvedById\` int NULL, \`approvedAt\` datetime(6) NULL, \`paidById\` int NULL, \`paidAt\` datetime(6) NULL, \`bankReference\` varchar(64) NULL, \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_tranche_agreement_seq\` (\`agreementId\`, \`seq\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`clawback\` (\`id\` int NOT NULL AUTO_INCREMENT, \`projectId\` int NOT NULL, \`amountFen\` bigint NOT NULL, \`reason\` varchar(500) NOT NULL, \`status\` varchar(24) NOT NULL DEFAULT 'recorded', \`decidedById\` int NULL, \`decidedAt\` datetime(6) NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_clawback_project\` (\`projectId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`delivery_milestone\` (\`id\` int NOT NULL AUTO_INCREMENT, \`projectId\` int NOT NULL, \`seq\` int NOT NULL, \`title\` varchar(128) NOT NULL, \`dueOn\` varchar(10) NOT NULL, \`deliverable\` varchar(255) NOT NULL DEFAULT '', \`evidence\` varchar(255) NOT NULL DEFAULT '', \`status\` varchar(16) NOT NULL DEFAULT 'open', \`doneAt\` datetime(6) NULL, \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`IDX_delivery_milestone_due\` (\`status\`, \`dueOn\`), UNIQUE INDEX \`IDX_delivery_milestone_project_seq\` (\`projectId\`, \`seq\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`milestone_change\` (\`id\` int NOT NULL AUTO_INCREMENT, \`milestoneId\` int NOT NULL, \`dueOn\` varchar(10) NULL, \`deliverable\` varchar(255) NULL, \`reason\` varchar(500) NOT NULL, \`status\` varchar(16) NOT NULL DEFAULT 'pending', \`requestedById\` int NULL, \`decidedById\` int NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_milestone_change_milestone\` (\`milestoneId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`milestone_step\` (\`id\` int NOT NULL AUTO_INCREMENT, \`milestoneId\` int NOT NULL, \`step\` varchar(24) NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_milestone_step_key\` (\`milestoneId\`, \`step\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`progress_report\` (\`id\` int NOT NULL AUTO_INCREMENT, \`projectId\` int NOT NULL, \`milestoneId\` int NULL, \`beneficiaries\` int NOT NULL DEFAULT '0', \`serviceHours\` int NOT NULL DEFAULT '0', \`activities\` int NOT NULL DEFAULT '0', \`narrative\` text NOT NULL, \`spending\` text NOT NULL, \`status\` varchar(16) NOT NULL DEFAULT 'submitted', \`comments\` text NULL, \`version\` int NOT NULL DEFAULT '1', \`submittedById\` int NULL, \`decidedById\` int NULL, \`decidedAt\` datetime(6) NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`IDX_progress_report_project\` (\`projectId\`, \`status\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`report_file\` (\`id\` int NOT NULL AUTO_INCREMENT, \`reportId\` int NOT NULL, \`fileName\` varchar(255) NOT NULL, \`mimeType\` varchar(128) NOT NULL, \`sizeBytes\` int NOT NULL, \`storageKey\` varchar(255) NOT NULL, \`showsPeople\` tinyint NOT NULL DEFAULT 0, \`publicConsent\` tinyint NOT NULL DEFAULT 0, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_report_file_report\` (\`reportId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`delivery_evaluation\` (\`id\` int NOT NULL AUTO_INCREMENT, \`projectId\` int NOT NULL, \`kind\` varchar(16) NOT NULL, \`scores\` text NOT NULL, \`score\` varchar(16) NOT NULL, \`result\` varchar(8) NOT NULL, \`outcome\` varchar(16) NULL, \`comments\` text NOT NULL, \`clawbackFen\` bigint NOT NULL DEFAULT '0', \`evaluatorId\` int NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_delivery_evaluation_project\` (\`projectId\`, \`kind\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`demo_site_budget\` (\`id\` int NOT NULL AUTO_INCREMENT, \`year\` int NOT NULL, \`capFen\` bigint NOT NULL, \`committedFen\` bigint NOT NULL DEFAULT '0', \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_demo_site_budget_year\` (\`year\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`demo_site_award\` (\`id\` int NOT NULL AUTO_INCREMENT, \`projectId\` int NOT NULL, \`year\` int NOT NULL, \`status\` varchar(16) NOT NULL DEFAULT 'nominated', \`amountFen\` bigint NOT NULL DEFAULT '0', \`reason\` varchar(500) NOT NULL DEFAULT '', \`nominatedById\` int NULL, \`decidedById\` int NULL, \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_demo_site_award_project\` (\`projectId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `ALTER TABLE \`delivery_project\` ADD CONSTRAINT \`FK_delivery_project_award\` FOREIGN KEY (\`awardId\`) REFERENCES \`funding_award\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`delivery_project\` ADD CONSTRAINT \`FK_delivery_project_proposal\` FOREIGN KEY (\`proposalId\`) REFERENCES \`proposal\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`grant_agreement\` ADD CONSTRAINT \`FK_grant_agreement_project\` FOREIGN KEY (\`projectId\`) REFERENCES \`delivery_project\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`tranche\` ADD CONSTRAINT \`FK_tranche_agreement\` FOREIGN KEY (\`agreementId\`) REFERENCES \`grant_agreement\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`clawback\` ADD CONSTRAINT \`FK_clawback_project\` FOREIGN KEY (\`projectId\`) REFERENCES \`delivery_project\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`delivery_milestone\` ADD CONSTRAINT \`FK_delivery_milestone_project\` FOREIGN KEY (\`projectId\`) REFERENCES \`delivery_project\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`milestone_change\` ADD CONSTRAINT \`FK_milestone_change_milestone\` FOREIGN KEY (\`milestoneId\`) REFERENCES \`delivery_milestone\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`milestone_step\` ADD CONSTRAINT \`FK_milestone_step_milestone\` FOREIGN KEY (\`milestoneId\`) REFERENCES \`delivery_milestone\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`progress_report\` ADD CONSTRAINT \`FK_progress_report_project\` FOREIGN KEY (\`projectId\`) REFERENCES \`delivery_project\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`report_file\` ADD CONSTRAINT \`FK_report_file_report\` FOREIGN KEY (\`reportId\`) REFERENCES \`progress_report\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`delivery_evaluation\` ADD CONSTRAINT \`FK_delivery_evaluation_project\` FOREIGN KEY (\`projectId\`) REFERENCES \`delivery_project\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`demo_site_award\` ADD CONSTRAINT \`FK_demo_site_award_project\` FOREIGN KEY (\`projectId\`) REFERENCES \`delivery_project\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE \`demo_site_award\` DROP FOREIGN KEY \`FK_demo_site_award_project\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`delivery_evaluation\` DROP FOREIGN KEY \`FK_delivery_evaluation_project\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`report_file\` DROP FOREIGN KEY \`FK_report_file_report\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`progress_report\` DROP FOREIGN KEY \`FK_progress_report_project\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`milestone_step\` DROP FOREIGN KEY \`FK_milestone_step_milestone\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`milestone_change\` DROP FOREIGN KEY \`FK_milestone_change_milestone\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`delivery_milestone\` DROP FOREIGN KEY \`FK_delivery_milestone_project\``,
    );
    await queryRunner.query(`ALTER TABLE \`clawback\` DROP FOREIGN KEY \`FK_clawback_project\``);
    await queryRunner.query(`ALTER TABLE \`tranche\` DROP FOREIGN KEY \`FK_tranche_agreement\``);
    await queryRunner.query(
      `ALTER TABLE \`grant_agreement\` DROP FOREIGN KEY \`FK_grant_agreement_project\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`delivery_project\` DROP FOREIGN KEY \`FK_delivery_project_proposal\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`delivery_project\` DROP FOREIGN KEY \`FK_delivery_project_award\``,
    );
    await queryRunner.query(`DROP INDEX \`IDX_demo_site_award_project\` ON \`demo_site_award\``);
    await queryRunner.query(`DROP TABLE \`demo_site_award\``);
    await queryRunner.query(`DROP INDEX \`IDX_demo_site_budget_year\` ON \`demo_site_budget\``);
    await queryRunner.query(`DROP TABLE \`demo_site_budget\``);
    await queryRunner.query(
      `DROP INDEX \`IDX_delivery_evaluation_project\` ON \`delivery_evaluation\``,
    );
    await queryRunner.query(`DROP TABLE \`delivery_evaluation\``);
    await queryRunner.query(`DROP INDEX \`IDX_report_file_report\` ON \`report_file\``);
    await queryRunner.query(`DROP TABLE \`report_file\``);
    await queryRunner.query(`DROP INDEX \`IDX_progress_report_project\` ON \`progress_report\``);
    await queryRunner.query(`DROP TABLE \`progress_report\``);
    await queryRunner.query(`DROP INDEX \`IDX_milestone_step_key\` ON \`milestone_step\``);
    await queryRunner.query(`DROP TABLE \`milestone_step\``);
    await queryRunner.query(
      `DROP INDEX \`IDX_milestone_change_milestone\` ON \`milestone_change\``,
    );
    await queryRunner.query(`DROP TABLE \`milestone_change\``);
    await queryRunner.query(
      `DROP INDEX \`IDX_delivery_milestone_project_seq\` ON \`delivery_milestone\``,
    );
    await queryRunner.query(`DROP INDEX \`IDX_delivery_milestone_due\` ON \`delivery_milestone\``);
    await queryRunner.query(`DROP TABLE \`delivery_milestone\``);
    await queryRunner.query(`DROP INDEX \`IDX_clawback_project\` ON \`clawback\``);
    await queryRunner.query(`DROP TABLE \`clawback\``);
    await queryRunner.query(`DROP INDEX \`IDX_tranche_agreement_seq\` ON \`tranche\``);
    await queryRunner.query(`DROP TABLE \`tranche\``);
    await queryRunner.query(`DROP INDEX \`IDX_grant_agreement_project\` ON \`grant_agreement\``);
    await queryRunner.query(`DROP TABLE \`grant_agreement\``);
    await queryRunner.query(`DROP INDEX \`IDX_delivery_project_award\` ON \`delivery_project\``);
    await queryRunner.query(`DROP INDEX \`IDX_delivery_project_call\` ON \`delivery_project\``);
    await queryRunner.query(`DROP TABLE \`delivery_project\``);
  }
}
