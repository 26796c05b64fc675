import { MigrationInterface, QueryRunner } from 'typeorm';

export class Panels1796277963533 implements MigrationInterface {
  name = 'Panels1796277963533';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`panel_member\` (\`id\` int NOT NULL AUTO_INCREMENT, \`callId\` int NOT NULL, \`userId\` int NOT NULL, \`group\` varchar(16) NOT NULL, \`isChair\` tinyint NOT NULL DEFAULT 0, \`title\` varchar(128) NOT NULL DEFAULT '', \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_panel_member_call_user\` (\`callId\`, \`userId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`panel_affiliation\` (\`id\` int NOT NULL AUTO_INCREMENT, \`memberId\` int NOT NULL, \`organisationId\` int NULL, \`communityId\` int NULL, \`note\` varchar(128) NOT NULL DEFAULT '', INDEX \`IDX_panel_affiliation_member\` (\`memberId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`panel_conflict\` (\`id\` int NOT NULL AUTO_INCREMENT, \`memberId\` int NOT NULL, \`proposalId\` int NOT NULL, \`status\` varchar(16) NOT NULL, \`source\` varchar(16) NOT NULL, \`reason\` varchar(500) NOT NULL DEFAULT '', \`pinned\` tinyint NOT NULL DEFAULT 0, \`decidedById\` int NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`IDX_panel_conflict_proposal\` (\`proposalId\`), UNIQUE INDEX \`IDX_panel_conflict_member_proposal\` (\`memberId\`, \`proposalId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `ALTER TABLE \`panel_member\` ADD CONSTRAINT \`FK_panel_member_call\` FOREIGN KEY (\`callId\`) REFERENCES \`call\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`panel_member\` ADD CONSTRAINT \`FK_panel_member_user\` FOREIGN KEY (\`userId\`) REFERENCES \`user\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`panel_affiliation\` ADD CONSTRAINT \`FK_panel_affiliation_member\` FOREIGN KEY (\`memberId\`) REFERENCES \`panel_member\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`panel_affiliation\` ADD CONSTRAINT \`FK_panel_affiliation_org\` FOREIGN KEY (\`organisationId\`) REFERENCES \`organisation\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`panel_affiliation\` ADD CONSTRAINT \`FK_panel_affiliation_community\` FOREIGN KEY (\`communityId\`) REFERENCES \`community\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`panel_conflict\` ADD CONSTRAINT \`FK_panel_conflict_member\` FOREIGN KEY (\`memberId\`) REFERENCES \`panel_member\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`panel_conflict\` ADD CONSTRAINT \`FK_panel_conflict_proposal\` FOREIGN KEY (\`proposalId\`) REFERENCES \`proposal\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE \`panel_conflict\` DROP FOREIGN KEY \`FK_panel_conflict_proposal\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`panel_conflict\` DROP FOREIGN KEY \`FK_panel_conflict_member\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`panel_affiliation\` DROP FOREIGN KEY \`FK_panel_affiliation_community\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`panel_affiliation\` DROP FOREIGN KEY \`FK_panel_affiliation_org\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`panel_affiliation\` DROP FOREIGN KEY \`FK_panel_affiliation_member\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`panel_member\` DROP FOREIGN KEY \`FK_panel_member_user\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`panel_member\` DROP FOREIGN KEY \`FK_panel_member_call\``,
    );
    await queryRunner.query(
      `DROP INDEX \`IDX_panel_conflict_member_proposal\` ON \`panel_conflict\``,
    );
    await queryRunner.query(`DROP INDEX \`IDX_panel_conflict_proposal\` ON \`panel_conflict\``);
    await queryRunner.query(`DROP TABLE \`panel_conflict\``);
    await queryRunner.query(`DROP INDEX \`IDX_panel_affiliation_member\` ON \`panel_affiliation\``);
    await queryRunner.query(`DROP TABLE \`panel_affiliation\``);
    await queryRunner.query(`DROP INDEX \`IDX_panel_member_call_user\` ON \`panel_member\``);
    await queryRunner.query(`DROP TABLE \`panel_member\``);
  }
}
