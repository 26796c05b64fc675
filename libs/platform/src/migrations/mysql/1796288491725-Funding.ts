import { MigrationInterface, QueryRunner } from 'typeorm';

export class Funding1796288491725 implements MigrationInterface {
  name = 'Funding1796288491725';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`funding_settings\` (\`id\` int NOT NULL AUTO_INCREMENT, \`callId\` int NOT NULL, \`rule\` varchar(24) NOT NULL DEFAULT 'greedy', \`passLineCenti\` int NULL, \`trackBudgets\` text NULL, \`communityQuotas\` text NULL, \`reducedMinSharePct\` int NULL, \`seed\` varchar(64) NOT NULL, \`objectionWorkingDays\` int NOT NULL DEFAULT '5', \`objectionContact\` varchar(255) NOT NULL DEFAULT '', \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_funding_settings_call\` (\`callId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`funding_run\` (\`id\` int NOT NULL AUTO_INCREMENT, \`callId\` int NOT NULL, \`version\` int NOT NULL, \`rule\` varchar(24) NOT NULL, \`config\` text NOT NULL, \`inputsHash\` varchar(64) NOT NULL, \`resultHash\` varchar(64) NOT NULL, \`budgetCapFen\` bigint NOT NULL, \`totalFundedFen\` bigint NOT NULL, \`status\` varchar(16) NOT NULL DEFAULT 'dry_run', \`presentMemberIds\` text NULL, \`approvedAt\` datetime(6) NULL, \`approvedById\` int NULL, \`note\` varchar(500) NOT NULL DEFAULT '', \`createdById\` int NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_funding_run_call_version\` (\`callId\`, \`version\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`funding_run_line\` (\`id\` int NOT NULL AUTO_INCREMENT, \`runId\` int NOT NULL, \`proposalId\` int NOT NULL, \`rank\` int NOT NULL, \`scoreExact\` varchar(64) NOT NULL, \`score\` varchar(16) NOT NULL, \`track\` varchar(16) NOT NULL, \`communityId\` int NULL, \`requestedFen\` bigint NOT NULL, \`amountFen\` bigint NOT NULL, \`remainingAfterFen\` bigint NOT NULL, \`decision\` varchar(32) NOT NULL, \`notes\` text NOT NULL, INDEX \`IDX_funding_run_line_run_rank\` (\`runId\`, \`rank\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`funding_override\` (\`id\` int NOT NULL AUTO_INCREMENT, \`callId\` int NOT NULL, \`proposalId\` int NOT NULL, \`action\` varchar(16) NOT NULL, \`amountFen\` bigint NULL, \`reason\` varchar(500) NOT NULL, \`byId\` int NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_funding_override_call_proposal\` (\`callId\`, \`proposalId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`funding_ledger\` (\`id\` int NOT NULL AUTO_INCREMENT, \`callId\` int NOT NULL, \`track\` varchar(16) NOT NULL, \`capFen\` bigint NOT NULL, \`committedFen\` bigint NOT NULL DEFAULT '0', \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_funding_ledger_call_track\` (\`callId\`, \`track\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`funding_award\` (\`id\` int NOT NULL AUTO_INCREMENT, \`callId\` int NOT NULL, \`runId\` int NULL, \`proposalId\` int NOT NULL, \`track\` varchar(16) NOT NULL, \`requestedFen\` bigint NOT NULL, \`amountFen\` bigint NOT NULL, \`status\` varchar(16) NOT NULL DEFAULT 'awarded', \`reason\` varchar(500) NOT NULL DEFAULT '', \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`IDX_funding_award_call\` (\`callId\`, \`status\`), UNIQUE INDEX \`IDX_funding_award_proposal\` (\`proposalId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`community_capacity\` (\`id\` int NOT NULL AUTO_INCREMENT, \`callId\` int NOT NULL, \`communityId\` int NOT NULL, \`capacity\` int NOT NULL, \`updatedById\` int NULL, \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_community_capacity_call_community\` (\`callId\`, \`communityId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`funding_placement\` (\`id\` int NOT NULL AUTO_INCREMENT, \`callId\` int NOT NULL, \`proposalId\` int NOT NULL, \`communityId\` int NULL, \`preferenceRank\` int NULL, \`needFit\` tinyint NOT NULL DEFAULT 0, \`status\` varchar(16) NOT NULL DEFAULT 'placed', \`refusedBy\` text NOT NULL, \`reason\` varchar(500) NOT NULL DEFAULT '', \`decidedById\` int NULL, \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`IDX_funding_placement_community\` (\`callId\`, \`communityId\`), UNIQUE INDEX \`IDX_funding_placement_proposal\` (\`proposalId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`publicity\` (\`id\` int NOT NULL AUTO_INCREMENT, \`callId\` int NOT NULL, \`runId\` int NOT NULL, \`round\` int NOT NULL, \`publishedAt\` datetime(6) NOT NULL, \`deadline\` datetime(6) NOT NULL, \`workingDays\` int NOT NULL, \`contact\` varchar(255) NOT NULL DEFAULT '', \`status\` varchar(16) NOT NULL DEFAULT 'open', \`finalisedAt\` datetime(6) NULL, \`finalisedBy\` varchar(16) NULL, \`decisionReason\` varchar(500) NOT NULL DEFAULT '', \`publishedById\` int NULL, UNIQUE INDEX \`IDX_publicity_call_round\` (\`callId\`, \`round\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`objection\` (\`id\` int NOT NULL AUTO_INCREMENT, \`publicityId\` int NOT NULL, \`callId\` int NOT NULL, \`proposalId\` int NULL, \`userId\` int NULL, \`name\` varchar(64) NOT NULL, \`email\` varchar(191) NOT NULL, \`body\` text NOT NULL, \`status\` varchar(16) NOT NULL DEFAULT 'open', \`reply\` text NULL, \`repliedById\` int NULL, \`repliedAt\` datetime(6) NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_objection_publicity\` (\`publicityId\`, \`status\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`work_calendar_year\` (\`year\` int NOT NULL, \`source\` varchar(32) NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), PRIMARY KEY (\`year\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`work_calendar_day\` (\`date\` varchar(10) NOT NULL, \`kind\` varchar(8) NOT NULL, \`name\` varchar(64) NOT NULL DEFAULT '', PRIMARY KEY (\`date\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `ALTER TABLE \`funding_settings\` ADD CONSTRAINT \`FK_funding_settings_call\` FOREIGN KEY (\`callId\`) REFERENCES \`call\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`funding_run\` ADD CONSTRAINT \`FK_funding_run_call\` FOREIGN KEY (\`callId\`) REFERENCES \`call\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`funding_run_line\` ADD CONSTRAINT \`FK_funding_run_line_run\` FOREIGN KEY (\`runId\`) REFERENCES \`funding_run\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`funding_override\` ADD CONSTRAINT \`FK_funding_override_proposal\` FOREIGN KEY (\`proposalId\`) REFERENCES \`proposal\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`funding_ledger\` ADD CONSTRAINT \`FK_funding_ledger_call\` FOREIGN KEY (\`callId\`) REFERENCES \`call\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`funding_award\` ADD CONSTRAINT \`FK_funding_award_proposal\` FOREIGN KEY (\`proposalId\`) REFERENCES \`proposal\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`community_capacity\` ADD CONSTRAINT \`FK_community_capacity_community\` FOREIGN KEY (\`communityId\`) REFERENCES \`community\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`funding_placement\` ADD CONSTRAINT \`FK_funding_placement_proposal\` FOREIGN KEY (\`proposalId\`) REFERENCES \`proposal\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`funding_placement\` ADD CONSTRAINT \`FK_funding_placement_community\` FOREIGN KEY (\`communityId\`) REFERENCES \`community\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`publicity\` ADD CONSTRAINT \`FK_publicity_call\` FOREIGN KEY (\`callId\`) REFERENCES \`call\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`objection\` ADD CONSTRAINT \`FK_objection_publicity\` FOREIGN KEY (\`publicityId\`) REFERENCES \`publicity\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE \`objection\` DROP FOREIGN KEY \`FK_objection_publicity\``,
    );
    await queryRunner.query(`ALTER TABLE \`publicity\` DROP FOREIGN KEY \`FK_publicity_call\``);
    await queryRunner.query(
      `ALTER TABLE \`funding_placement\` DROP FOREIGN KEY \`FK_funding_placement_community\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`funding_placement\` DROP FOREIGN KEY \`FK_funding_placement_proposal\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`community_capacity\` DROP FOREIGN KEY \`FK_community_capacity_community\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`funding_award\` DROP FOREIGN KEY \`FK_funding_award_proposal\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`funding_ledger\` DROP FOREIGN KEY \`FK_funding_ledger_call\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`funding_override\` DROP FOREIGN KEY \`FK_funding_override_proposal\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`funding_run_line\` DROP FOREIGN KEY \`FK_funding_run_line_run\``,
    );
    await queryRunner.query(`ALTER TABLE \`funding_run\` DROP FOREIGN KEY \`FK_funding_run_call\``);
    await queryRunner.query(
      `ALTER TABLE \`funding_settings\` DROP FOREIGN KEY \`FK_funding_settings_call\``,
    );
    await queryRunner.query(`DROP TABLE \`work_calendar_day\``);
    await queryRunner.query(`DROP TABLE \`work_calendar_year\``);
    await queryRunner.query(`DROP INDEX \`IDX_objection_publicity\` ON \`objection\``);
    await queryRunner.query(`DROP TABLE \`objection\``);
    await queryRunner.query(`DROP INDEX \`IDX_publicity_call_round\` ON \`publicity\``);
    await queryRunner.query(`DROP TABLE \`publicity\``);
    await queryRunner.query(
      `DROP INDEX \`IDX_funding_placement_proposal\` ON \`funding_placement\``,
    );
    await queryRunner.query(
      `DROP INDEX \`IDX_funding_placement_community\` ON \`funding_placement\``,
    );
    await queryRunner.query(`DROP TABLE \`funding_placement\``);
    await queryRunner.query(
      `DROP INDEX \`IDX_community_capacity_call_community\` ON \`community_capacity\``,
    );
    await queryRunner.query(`DROP TABLE \`community_capacity\``);
    await queryRunner.query(`DROP INDEX \`IDX_funding_award_proposal\` ON \`funding_award\``);
    await queryRunner.query(`DROP INDEX \`IDX_funding_award_call\` ON \`funding_award\``);
    await queryRunner.query(`DROP TABLE \`funding_award\``);
    await queryRunner.query(`DROP INDEX \`IDX_funding_ledger_call_track\` ON \`funding_ledger\``);
    await queryRunner.query(`DROP TABLE \`funding_ledger\``);
    await queryRunner.query(
      `DROP INDEX \`IDX_funding_override_call_proposal\` ON \`funding_override\``,
    );
    await queryRunner.query(`DROP TABLE \`funding_override\``);
    await queryRunner.query(`DROP INDEX \`IDX_funding_run_line_run_rank\` ON \`funding_run_line\``);
    await queryRunner.query(`DROP TABLE \`funding_run_line\``);
    await queryRunner.query(`DROP INDEX \`IDX_funding_run_call_version\` ON \`funding_run\``);
    await queryRunner.query(`DROP TABLE \`funding_run\``);
    await queryRunner.query(`DROP INDEX \`IDX_funding_settings_call\` ON \`funding_settings\``);
    await queryRunner.query(`DROP TABLE \`funding_settings\``);
  }
}
