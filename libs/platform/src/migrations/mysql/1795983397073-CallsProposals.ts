import { MigrationInterface, QueryRunner } from 'typeorm';

export class CallsProposals1795983397073 implements MigrationInterface {
  name = 'CallsProposals1795983397073';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`call\` (\`id\` int NOT NULL AUTO_INCREMENT, \`code\` varchar(8) NOT NULL, \`title\` varchar(128) NOT NULL, \`year\` int NOT NULL, \`tracks\` text NOT NULL, \`description\` text NOT NULL, \`budgetCapFen\` bigint NOT NULL, \`minGrantFen\` bigint NOT NULL, \`maxGrantFen\` bigint NOT NULL, \`maxProposalsPerOrg\` int NOT NULL DEFAULT '1', \`rubric\` text NOT NULL, \`phase\` varchar(16) NOT NULL DEFAULT 'upcoming', \`opensAt\` datetime(6) NOT NULL, \`submissionDeadline\` datetime(6) NOT NULL, \`screeningAt\` datetime(6) NOT NULL, \`roadshowAt\` datetime(6) NOT NULL, \`scoringAt\` datetime(6) NOT NULL, \`publicityAt\` datetime(6) NOT NULL, \`implementationAt\` datetime(6) NOT NULL, \`closesAt\` datetime(6) NOT NULL, \`lastNumber\` int NOT NULL DEFAULT '0', \`screeningPublishedAt\` datetime(6) NULL, \`createdById\` int NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`IDX_call_phase\` (\`phase\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`call_checklist_item\` (\`id\` int NOT NULL AUTO_INCREMENT, \`callId\` int NOT NULL, \`position\` int NOT NULL, \`label\` varchar(255) NOT NULL, INDEX \`IDX_call_checklist_item_call\` (\`callId\`, \`position\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`call_need\` (\`callId\` int NOT NULL, \`needId\` int NOT NULL, INDEX \`IDX_call_need_need\` (\`needId\`), PRIMARY KEY (\`callId\`, \`needId\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`proposal\` (\`id\` int NOT NULL AUTO_INCREMENT, \`callId\` int NOT NULL, \`organisationId\` int NOT NULL, \`needId\` int NULL, \`number\` varchar(32) NULL, \`status\` varchar(16) NOT NULL DEFAULT 'draft', \`title\` varchar(128) NOT NULL DEFAULT '', \`track\` varchar(16) NOT NULL DEFAULT 'venture', \`firstCommunityId\` int NULL, \`beneficiaryGroups\` text NULL, \`beneficiaryCount\` int NOT NULL DEFAULT '0', \`summary\` text NULL, \`objectives\` text NULL, \`activities\` text NULL, \`team\` text NULL, \`totalFen\` bigint NOT NULL DEFAULT '0', \`coFundingFen\` bigint NOT NULL DEFAULT '0', \`currentVersion\` int NOT NULL DEFAULT '0', \`submittedAt\` datetime(6) NULL, \`withdrawnAt\` datetime(6) NULL, \`hasUnsubmittedChanges\` tinyint NOT NULL DEFAULT 0, \`createdById\` int NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`IDX_proposal_first_community\` (\`firstCommunityId\`, \`status\`), INDEX \`IDX_proposal_title\` (\`title\`), INDEX \`IDX_proposal_status\` (\`status\`, \`id\`), INDEX \`IDX_proposal_org\` (\`organisationId\`, \`callId\`), INDEX \`IDX_proposal_call_status\` (\`callId\`, \`status\`, \`id\`), UNIQUE INDEX \`IDX_proposal_number\` (\`number\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`proposal_community\` (\`proposalId\` int NOT NULL, \`version\` int NOT NULL, \`preference\` int NOT NULL, \`communityId\` int NOT NULL, INDEX \`IDX_proposal_community_community\` (\`communityId\`, \`version\`, \`proposalId\`), PRIMARY KEY (\`proposalId\`, \`version\`, \`preference\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`proposal_budget_line\` (\`id\` int NOT NULL AUTO_INCREMENT, \`proposalId\` int NOT NULL, \`version\` int NOT NULL, \`position\` int NOT NULL, \`category\` varchar(16) NOT NULL, \`item\` varchar(128) NOT NULL, \`unitPriceFen\` bigint NOT NULL, \`quantity\` int NOT NULL, \`subtotalFen\` bigint NOT NULL, INDEX \`IDX_proposal_budget_line_proposal\` (\`proposalId\`, \`version\`, \`position\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`proposal_milestone\` (\`id\` int NOT NULL AUTO_INCREMENT, \`proposalId\` int NOT NULL, \`version\` int NOT NULL, \`position\` int NOT NULL, \`title\` varchar(128) NOT NULL, \`dueOn\` date NOT NULL, \`deliverable\` varchar(255) NOT NULL, INDEX \`IDX_proposal_milestone_proposal\` (\`proposalId\`, \`version\`, \`position\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`proposal_version\` (\`id\` int NOT NULL AUTO_INCREMENT, \`proposalId\` int NOT NULL, \`version\` int NOT NULL, \`title\` varchar(128) NOT NULL, \`track\` varchar(16) NOT NULL, \`needId\` int NULL, \`beneficiaryGroups\` text NULL, \`beneficiaryCount\` int NOT NULL DEFAULT '0', \`summary\` text NULL, \`objectives\` text NULL, \`activities\` text NULL, \`team\` text NULL, \`totalFen\` bigint NOT NULL, \`coFundingFen\` bigint NOT NULL, \`submittedById\` int NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_proposal_version_unique\` (\`proposalId\`, \`version\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`proposal_attachment\` (\`id\` int NOT NULL AUTO_INCREMENT, \`proposalId\` int NOT NULL, \`fileName\` varchar(255) NOT NULL, \`mimeType\` varchar(128) NOT NULL, \`sizeBytes\` int NOT NULL, \`storageKey\` varchar(255) NOT NULL, \`uploadedById\` int NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_proposal_attachment_proposal\` (\`proposalId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`screening\` (\`proposalId\` int NOT NULL, \`callId\` int NOT NULL, \`version\` int NOT NULL, \`decision\` varchar(16) NOT NULL, \`reason\` text NULL, \`correctionDeadline\` datetime(6) NULL, \`decidedById\` int NULL, \`publishedAt\` datetime(6) NULL, \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`IDX_screening_published\` (\`publishedAt\`), PRIMARY KEY (\`proposalId\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`screening_check\` (\`proposalId\` int NOT NULL, \`checklistItemId\` int NOT NULL, \`passed\` tinyint NOT NULL, \`note\` varchar(255) NULL, PRIMARY KEY (\`proposalId\`, \`checklistItemId\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `ALTER TABLE \`call_checklist_item\` ADD CONSTRAINT \`FK_call_checklist_item_call\` FOREIGN KEY (\`callId\`) REFERENCES \`call\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`call_need\` ADD CONSTRAINT \`FK_call_need_call\` FOREIGN KEY (\`callId\`) REFERENCES \`call\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`call_need\` ADD CONSTRAINT \`FK_call_need_need\` FOREIGN KEY (\`needId\`) REFERENCES \`need\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`proposal\` ADD CONSTRAINT \`FK_proposal_call\` FOREIGN KEY (\`callId\`) REFERENCES \`call\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`proposal\` ADD CONSTRAINT \`FK_proposal_organisation\` FOREIGN KEY (\`organisationId\`) REFERENCES \`organisation\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`proposal\` ADD CONSTRAINT \`FK_proposal_need\` FOREIGN KEY (\`needId\`) REFERENCES \`need\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`proposal_community\` ADD CONSTRAINT \`FK_proposal_community_proposal\` FOREIGN KEY (\`proposalId\`) REFERENCES \`proposal\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`proposal_community\` ADD CONSTRAINT \`FK_proposal_community_community\` FOREIGN KEY (\`communityId\`) REFERENCES \`community\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`proposal_budget_line\` ADD CONSTRAINT \`FK_proposal_budget_line_proposal\` FOREIGN KEY (\`proposalId\`) REFERENCES \`proposal\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`proposal_milestone\` ADD CONSTRAINT \`FK_proposal_milestone_proposal\` FOREIGN KEY (\`proposalId\`) REFERENCES \`proposal\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`proposal_version\` ADD CONSTRAINT \`FK_proposal_version_proposal\` FOREIGN KEY (\`proposalId\`) REFERENCES \`proposal\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`proposal_attachment\` ADD CONSTRAINT \`FK_proposal_attachment_proposal\` FOREIGN KEY (\`proposalId\`) REFERENCES \`proposal\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`screening\` ADD CONSTRAINT \`FK_screening_proposal\` FOREIGN KEY (\`proposalId\`) REFERENCES \`proposal\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`screening_check\` ADD CONSTRAINT \`FK_screening_check_proposal\` FOREIGN KEY (\`proposalId\`) REFERENCES \`proposal\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`screening_check\` ADD CONSTRAINT \`FK_screening_check_item\` FOREIGN KEY (\`checklistItemId\`) REFERENCES \`call_checklist_item\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE \`screening_check\` DROP FOREIGN KEY \`FK_screening_check_item\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`screening_check\` DROP FOREIGN KEY \`FK_screening_check_proposal\``,
    );
    await queryRunner.query(`ALTER TABLE \`screening\` DROP FOREIGN KEY \`FK_screening_proposal\``);
    await queryRunner.query(
      `ALTER TABLE \`proposal_attachment\` DROP FOREIGN KEY \`FK_proposal_attachment_proposal\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`proposal_version\` DROP FOREIGN KEY \`FK_proposal_version_proposal\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`proposal_milestone\` DROP FOREIGN KEY \`FK_proposal_milestone_proposal\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`proposal_budget_line\` DROP FOREIGN KEY \`FK_proposal_budget_line_proposal\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`proposal_community\` DROP FOREIGN KEY \`FK_proposal_community_community\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`proposal_community\` DROP FOREIGN KEY \`FK_proposal_community_proposal\``,
    );
    await queryRunner.query(`ALTER TABLE \`proposal\` DROP FOREIGN KEY \`FK_proposal_need\``);
    await queryRunner.query(
      `ALTER TABLE \`proposal\` DROP FOREIGN KEY \`FK_proposal_organisation\``,
    );
    await queryRunner.query(`ALTER TABLE \`proposal\` DROP FOREIGN KEY \`FK_proposal_call\``);
    await queryRunner.query(`ALTER TABLE \`call_need\` DROP FOREIGN KEY \`FK_call_need_need\``);
    await queryRunner.query(`ALTER TABLE \`call_need\` DROP FOREIGN KEY \`FK_call_need_call\``);
    await queryRunner.query(
      `ALTER TABLE \`call_checklist_item\` DROP FOREIGN KEY \`FK_call_checklist_item_call\``,
    );
    await queryRunner.query(`DROP TABLE \`screening_check\``);
    await queryRunner.query(`DROP INDEX \`IDX_screening_published\` ON \`screening\``);
    await queryRunner.query(`DROP TABLE \`screening\``);
    await queryRunner.query(
      `DROP INDEX \`IDX_proposal_attachment_proposal\` ON \`proposal_attachment\``,
    );
    await queryRunner.query(`DROP TABLE \`proposal_attachment\``);
    await queryRunner.query(`DROP INDEX \`IDX_proposal_version_unique\` ON \`proposal_version\``);
    await queryRunner.query(`DROP TABLE \`proposal_version\``);
    await queryRunner.query(
      `DROP INDEX \`IDX_proposal_milestone_proposal\` ON \`proposal_milestone\``,
    );
    await queryRunner.query(`DROP TABLE \`proposal_milestone\``);
    await queryRunner.query(
      `DROP INDEX \`IDX_proposal_budget_line_proposal\` ON \`proposal_budget_line\``,
    );
    await queryRunner.query(`DROP TABLE \`proposal_budget_line\``);
    await queryRunner.query(
      `DROP INDEX \`IDX_proposal_community_community\` ON \`proposal_community\``,
    );
    await queryRunner.query(`DROP TABLE \`proposal_community\``);
    await queryRunner.query(`DROP INDEX \`IDX_proposal_number\` ON \`proposal\``);
    await queryRunner.query(`DROP INDEX \`IDX_proposal_call_status\` ON \`proposal\``);
    await queryRunner.query(`DROP INDEX \`IDX_proposal_org\` ON \`proposal\``);
    await queryRunner.query(`DROP INDEX \`IDX_proposal_status\` ON \`proposal\``);
    await queryRunner.query(`DROP INDEX \`IDX_proposal_title\` ON \`proposal\``);
    await queryRunner.query(`DROP INDEX \`IDX_proposal_first_community\` ON \`proposal\``);
    await queryRunner.query(`DROP TABLE \`proposal\``);
    await queryRunner.query(`DROP INDEX \`IDX_call_need_need\` ON \`call_need\``);
    await queryRunner.query(`DROP TABLE \`call_need\``);
    await queryRunner.query(
      `DROP INDEX \`IDX_call_checklist_item_call\` ON \`call_checklist_item\``,
    );
    await queryRunner.query(`DROP TABLE \`call_checklist_item\``);
    await queryRunner.query(`DROP INDEX \`IDX_call_phase\` ON \`call\``);
    await queryRunner.query(`DROP TABLE \`call\``);
  }
}
