import { MigrationInterface, QueryRunner } from 'typeorm';

export class ReviewAssignmentPaperDraw1796287389183 implements MigrationInterface {
  name = 'ReviewAssignmentPaperDraw1796287389183';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`panel_draw\` (\`id\` int NOT NULL AUTO_INCREMENT, \`callId\` int NOT NULL, \`seed\` varchar(64) NOT NULL, \`poolUserIds\` text NOT NULL, \`drawnUserIds\` text NOT NULL, \`count\` int NOT NULL, \`drawnById\` int NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_panel_draw_call\` (\`callId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`review_assignment\` (\`id\` int NOT NULL AUTO_INCREMENT, \`callId\` int NOT NULL, \`proposalId\` int NOT NULL, \`memberId\` int NOT NULL, \`replacesMemberId\` int NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_review_assignment_call\` (\`callId\`, \`proposalId\`), UNIQUE INDEX \`IDX_review_assignment_member_proposal\` (\`memberId\`, \`proposalId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`review_paper_entry\` (\`id\` int NOT NULL AUTO_INCREMENT, \`callId\` int NOT NULL, \`proposalId\` int NOT NULL, \`memberId\` int NOT NULL, \`firstById\` int NOT NULL, \`firstScores\` text NOT NULL, \`secondById\` int NULL, \`secondScores\` text NULL, \`status\` varchar(16) NOT NULL DEFAULT 'pending', \`sheetId\` int NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_review_paper_entry_member_proposal\` (\`memberId\`, \`proposalId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(`ALTER TABLE \`review_rubric\` ADD \`groupWeights\` text NULL`);
    await queryRunner.query(`ALTER TABLE \`review_rubric\` ADD \`judgesPerProposal\` int NULL`);
    await queryRunner.query(
      `ALTER TABLE \`review_rubric\` ADD \`assignmentSeed\` varchar(64) NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE \`review_sheet\` ADD \`source\` varchar(8) NOT NULL DEFAULT 'online'`,
    );
    await queryRunner.query(
      `ALTER TABLE \`panel_draw\` ADD CONSTRAINT \`FK_panel_draw_call\` FOREIGN KEY (\`callId\`) REFERENCES \`call\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`review_assignment\` ADD CONSTRAINT \`FK_review_assignment_proposal\` FOREIGN KEY (\`proposalId\`) REFERENCES \`proposal\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`review_assignment\` ADD CONSTRAINT \`FK_review_assignment_member\` FOREIGN KEY (\`memberId\`) REFERENCES \`panel_member\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`review_paper_entry\` ADD CONSTRAINT \`FK_review_paper_entry_proposal\` FOREIGN KEY (\`proposalId\`) REFERENCES \`proposal\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`review_paper_entry\` ADD CONSTRAINT \`FK_review_paper_entry_member\` FOREIGN KEY (\`memberId\`) REFERENCES \`panel_member\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE \`review_paper_entry\` DROP FOREIGN KEY \`FK_review_paper_entry_member\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`review_paper_entry\` DROP FOREIGN KEY \`FK_review_paper_entry_proposal\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`review_assignment\` DROP FOREIGN KEY \`FK_review_assignment_member\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`review_assignment\` DROP FOREIGN KEY \`FK_review_assignment_proposal\``,
    );
    await queryRunner.query(`ALTER TABLE \`panel_draw\` DROP FOREIGN KEY \`FK_panel_draw_call\``);
    await queryRunner.query(`ALTER TABLE \`review_sheet\` DROP COLUMN \`source\``);
    await queryRunner.query(`ALTER TABLE \`review_rubric\` DROP COLUMN \`assignmentSeed\``);
    await queryRunner.query(`ALTER TABLE \`review_rubric\` DROP COLUMN \`judgesPerProposal\``);
    await queryRunner.query(`ALTER TABLE \`review_rubric\` DROP COLUMN \`groupWeights\``);
    await queryRunner.query(
      `DROP INDEX \`IDX_review_paper_entry_member_proposal\` ON \`review_paper_entry\``,
    );
    await queryRunner.query(`DROP TABLE \`review_paper_entry\``);
    await queryRunner.query(
      `DROP INDEX \`IDX_review_assignment_member_proposal\` ON \`review_assignment\``,
    );
    await queryRunner.query(`DROP INDEX \`IDX_review_assignment_call\` ON \`review_assignment\``);
    await queryRunner.query(`DROP TABLE \`review_assignment\``);
    await queryRunner.query(`DROP INDEX \`IDX_panel_draw_call\` ON \`panel_draw\``);
    await queryRunner.query(`DROP TABLE \`panel_draw\``);
  }
}
