import { MigrationInterface, QueryRunner } from 'typeorm';

export class NotificationsDispatch1795983438862 implements MigrationInterface {
  name = 'NotificationsDispatch1795983438862';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`reminder_sent\` (\`id\` int NOT NULL AUTO_INCREMENT, \`reminderKey\` varchar(191) NOT NULL, \`provider\` varchar(64) NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_reminder_sent_key\` (\`reminderKey\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`notification_opt_out\` (\`id\` int NOT NULL AUTO_INCREMENT, \`userId\` int NOT NULL, \`event\` varchar(64) NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_notification_opt_out_user_event\` (\`userId\`, \`event\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(`ALTER TABLE \`notification\` ADD \`claimedAt\` datetime(6) NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`notification\` DROP COLUMN \`claimedAt\``);
    await queryRunner.query(
      `DROP INDEX \`IDX_notification_opt_out_user_event\` ON \`notification_opt_out\``,
    );
    await queryRunner.query(`DROP TABLE \`notification_opt_out\``);
    await queryRunner.query(`DROP INDEX \`IDX_reminder_sent_key\` ON \`reminder_sent\``);
    await queryRunner.query(`DROP TABLE \`reminder_sent\``);
  }
}
