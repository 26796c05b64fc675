import { MigrationInterface, QueryRunner } from 'typeorm';

export class Reviews1796281051003 implements MigrationInterface {
  name = 'Reviews1796281051003';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`review_rubric\` (\`id\` int NOT NULL AUTO_INCREMENT, \`callId\` int NOT NULL, \`criteria\` text NOT NULL, \`method\` varchar(16) NOT NULL DEFAULT 'trimmed_mean', \`divergenceThreshold\` int NOT NULL DEFAULT '20', \`tieBreak\` varchar(32) NULL, \`frozenAt\` datetime(6) NULL, \`peersReleasedAt\` datetime(6) NULL, \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_review_rubric_call\` (\`callId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`review_sheet\` (\`id\` int NOT NULL AUTO_INCREMENT, \`callId\` int NOT NULL, \`proposalId\` int NOT NULL, \`memberId\` int NOT NULL, \`scores\` text NOT NULL, \`comments\` text NOT NULL, \`overall\` text NULL, \`status\` varchar(16) NOT NULL DEFAULT 'draft', \`version\` int NOT NULL DEFAULT '1', \`submittedAt\` datetime(6) NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`IDX_review_sheet_proposal\` (\`proposalId\`, \`status\`), UNIQUE INDEX \`IDX_review_sheet_member_proposal\` (\`memberId\`, \`proposalId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`review_consensus\` (\`id\` int NOT NULL AUTO_INCREMENT, \`proposalId\` int NOT NULL, \`notes\` text NOT NULL, \`adjustmentCentiPoints\` int NOT NULL DEFAULT '0', \`reason\` varchar(500) NOT NULL DEFAULT '', \`decidedById\` int NULL, \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_review_consensus_proposal\` (\`proposalId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `ALTER TABLE \`review_rubric\` ADD CONSTRAINT \`FK_review_rubric_call\` FOREIGN KEY (\`callId\`) REFERENCES \`call\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`review_sheet\` ADD CONSTRAINT \`FK_review_sheet_proposal\` FOREIGN KEY (\`proposalId\`) REFERENCES \`proposal\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`review_sheet\` ADD CONSTRAINT \`FK_review_sheet_member\` FOREIGN KEY (\`memberId\`) REFERENCES \`panel_member\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`review_consensus\` ADD CONSTRAINT \`FK_review_consensus_proposal\` FOREIGN KEY (\`proposalId\`) REFERENCES \`proposal\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE \`review_consensus\` DROP FOREIGN KEY \`FK_review_consensus_proposal\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`review_sheet\` DROP FOREIGN KEY \`FK_review_sheet_member\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`review_sheet\` DROP FOREIGN KEY \`FK_review_sheet_proposal\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`review_rubric\` DROP FOREIGN KEY \`FK_review_rubric_call\``,
    );
    await queryRunner.query(`DROP INDEX \`IDX_review_consensus_proposal\` ON \`review_consensus\``);
    await queryRunner.query(`DROP TABLE \`review_consensus\``);
    await queryRunner.query(`DROP INDEX \`IDX_review_sheet_member_proposal\` ON \`review_sheet\``);
    await queryRunner.query(`DROP INDEX \`IDX_review_sheet_proposal\` ON \`review_sheet\``);
    await queryRunner.query(`DROP TABLE \`review_sheet\``);
    await queryRunner.query(`DROP INDEX \`IDX_review_rubric_call\` ON \`review_rubric\``);
    await queryRunner.query(`DROP TABLE \`review_rubric\``);
  }
}
