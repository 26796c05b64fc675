import { MigrationInterface, QueryRunner } from 'typeorm';

export class Roadshows1796279446404 implements MigrationInterface {
  name = 'Roadshows1796279446404';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`roadshow\` (\`id\` int NOT NULL AUTO_INCREMENT, \`callId\` int NOT NULL, \`pitchMinutes\` int NOT NULL DEFAULT '8', \`qaMinutes\` int NOT NULL DEFAULT '7', \`changeoverMinutes\` int NOT NULL DEFAULT '5', \`quorum\` int NOT NULL DEFAULT '3', \`seed\` varchar(64) NOT NULL, \`status\` varchar(16) NOT NULL DEFAULT 'draft', \`version\` int NOT NULL DEFAULT '0', \`scheduledAt\` datetime(6) NULL, \`publishedAt\` datetime(6) NULL, \`sessionsLowerBound\` int NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_roadshow_call\` (\`callId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`roadshow_session\` (\`id\` int NOT NULL AUTO_INCREMENT, \`roadshowId\` int NOT NULL, \`startsAt\` datetime(6) NOT NULL, \`endsAt\` datetime(6) NOT NULL, \`room\` varchar(64) NOT NULL, \`address\` varchar(255) NOT NULL DEFAULT '', \`capacity\` int NOT NULL DEFAULT '0', \`track\` varchar(16) NULL, \`chairMemberId\` int NULL, INDEX \`IDX_roadshow_session_roadshow\` (\`roadshowId\`, \`startsAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`roadshow_session_judge\` (\`sessionId\` int NOT NULL, \`memberId\` int NOT NULL, PRIMARY KEY (\`sessionId\`, \`memberId\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`roadshow_pitch\` (\`id\` int NOT NULL AUTO_INCREMENT, \`roadshowId\` int NOT NULL, \`proposalId\` int NOT NULL, \`sessionId\` int NULL, \`startsAt\` datetime(6) NULL, \`endsAt\` datetime(6) NULL, \`unplacedReason\` varchar(32) NULL, \`checkInCode\` varchar(8) NOT NULL, \`checkedInAt\` datetime(6) NULL, \`noShow\` tinyint NOT NULL DEFAULT 0, \`publishedSessionId\` int NULL, \`publishedStartsAt\` datetime(6) NULL, \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`IDX_roadshow_pitch_session\` (\`sessionId\`, \`startsAt\`), UNIQUE INDEX \`IDX_roadshow_pitch_code\` (\`roadshowId\`, \`checkInCode\`), UNIQUE INDEX \`IDX_roadshow_pitch_proposal\` (\`roadshowId\`, \`proposalId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`roadshow_unavailability\` (\`id\` int NOT NULL AUTO_INCREMENT, \`roadshowId\` int NOT NULL, \`organisationId\` int NOT NULL, \`startsAt\` datetime(6) NOT NULL, \`endsAt\` datetime(6) NOT NULL, \`note\` varchar(255) NOT NULL DEFAULT '', INDEX \`IDX_roadshow_unavailability_org\` (\`roadshowId\`, \`organisationId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`roadshow_minutes\` (\`sessionId\` int NOT NULL, \`presentMemberIds\` text NULL, \`notes\` text NULL, \`updatedById\` int NULL, \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), PRIMARY KEY (\`sessionId\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`roadshow_pledge\` (\`id\` int NOT NULL AUTO_INCREMENT, \`roadshowId\` int NOT NULL, \`proposalId\` int NOT NULL, \`sponsor\` varchar(128) NOT NULL, \`kind\` varchar(16) NOT NULL, \`amountFen\` bigint NULL, \`description\` varchar(500) NOT NULL DEFAULT '', \`contact\` varchar(128) NOT NULL DEFAULT '', \`recordedById\` int NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_roadshow_pledge_proposal\` (\`proposalId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `ALTER TABLE \`roadshow\` ADD CONSTRAINT \`FK_roadshow_call\` FOREIGN KEY (\`callId\`) REFERENCES \`call\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`roadshow_session\` ADD CONSTRAINT \`FK_roadshow_session_roadshow\` FOREIGN KEY (\`roadshowId\`) REFERENCES \`roadshow\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`roadshow_session\` ADD CONSTRAINT \`FK_roadshow_session_chair\` FOREIGN KEY (\`chairMemberId\`) REFERENCES \`panel_member\`(\`id\`) ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`roadshow_session_judge\` ADD CONSTRAINT \`FK_roadshow_judge_session\` FOREIGN KEY (\`sessionId\`) REFERENCES \`roadshow_session\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`roadshow_session_judge\` ADD CONSTRAINT \`FK_roadshow_judge_member\` FOREIGN KEY (\`memberId\`) REFERENCES \`panel_member\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`roadshow_pitch\` ADD CONSTRAINT \`FK_roadshow_pitch_roadshow\` FOREIGN KEY (\`roadshowId\`) REFERENCES \`roadshow\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`roadshow_pitch\` ADD CONSTRAINT \`FK_roadshow_pitch_proposal\` FOREIGN KEY (\`proposalId\`) REFERENCES \`proposal\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`roadshow_pitch\` ADD CONSTRAINT \`FK_roadshow_pitch_session\` FOREIGN KEY (\`sessionId\`) REFERENCES \`roadshow_session\`(\`id\`) ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`roadshow_unavailability\` ADD CONSTRAINT \`FK_roadshow_unavailability_roadshow\` FOREIGN KEY (\`roadshowId\`) REFERENCES \`roadshow\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`roadshow_unavailability\` ADD CONSTRAINT \`FK_roadshow_unavailability_org\` FOREIGN KEY (\`organisationId\`) REFERENCES \`organisation\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`roadshow_minutes\` ADD CONSTRAINT \`FK_roadshow_minutes_session\` FOREIGN KEY (\`sessionId\`) REFERENCES \`roadshow_session\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`roadshow_pledge\` ADD CONSTRAINT \`FK_roadshow_pledge_proposal\` FOREIGN KEY (\`proposalId\`) REFERENCES \`proposal\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE \`roadshow_pledge\` DROP FOREIGN KEY \`FK_roadshow_pledge_proposal\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`roadshow_minutes\` DROP FOREIGN KEY \`FK_roadshow_minutes_session\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`roadshow_unavailability\` DROP FOREIGN KEY \`FK_roadshow_unavailability_org\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`roadshow_unavailability\` DROP FOREIGN KEY \`FK_roadshow_unavailability_roadshow\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`roadshow_pitch\` DROP FOREIGN KEY \`FK_roadshow_pitch_session\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`roadshow_pitch\` DROP FOREIGN KEY \`FK_roadshow_pitch_proposal\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`roadshow_pitch\` DROP FOREIGN KEY \`FK_roadshow_pitch_roadshow\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`roadshow_session_judge\` DROP FOREIGN KEY \`FK_roadshow_judge_member\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`roadshow_session_judge\` DROP FOREIGN KEY \`FK_roadshow_judge_session\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`roadshow_session\` DROP FOREIGN KEY \`FK_roadshow_session_chair\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`roadshow_session\` DROP FOREIGN KEY \`FK_roadshow_session_roadshow\``,
    );
    await queryRunner.query(`ALTER TABLE \`roadshow\` DROP FOREIGN KEY \`FK_roadshow_call\``);
    await queryRunner.query(`DROP INDEX \`IDX_roadshow_pledge_proposal\` ON \`roadshow_pledge\``);
    await queryRunner.query(`DROP TABLE \`roadshow_pledge\``);
    await queryRunner.query(`DROP TABLE \`roadshow_minutes\``);
    await queryRunner.query(
      `DROP INDEX \`IDX_roadshow_unavailability_org\` ON \`roadshow_unavailability\``,
    );
    await queryRunner.query(`DROP TABLE \`roadshow_unavailability\``);
    await queryRunner.query(`DROP INDEX \`IDX_roadshow_pitch_proposal\` ON \`roadshow_pitch\``);
    await queryRunner.query(`DROP INDEX \`IDX_roadshow_pitch_code\` ON \`roadshow_pitch\``);
    await queryRunner.query(`DROP INDEX \`IDX_roadshow_pitch_session\` ON \`roadshow_pitch\``);
    await queryRunner.query(`DROP TABLE \`roadshow_pitch\``);
    await queryRunner.query(`DROP TABLE \`roadshow_session_judge\``);
    await queryRunner.query(`DROP INDEX \`IDX_roadshow_session_roadshow\` ON \`roadshow_session\``);
    await queryRunner.query(`DROP TABLE \`roadshow_session\``);
    await queryRunner.query(`DROP INDEX \`IDX_roadshow_call\` ON \`roadshow\``);
    await queryRunner.query(`DROP TABLE \`roadshow\``);
  }
}
