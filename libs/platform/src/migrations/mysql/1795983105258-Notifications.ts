import { MigrationInterface, QueryRunner } from 'typeorm';

export class Notifications1795983105258 implements MigrationInterface {
  name = 'Notifications1795983105258';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`notification\` (\`id\` int NOT NULL AUTO_INCREMENT, \`event\` varchar(64) NOT NULL, \`recipientUserId\` int NULL, \`recipientEmail\` varchar(191) NOT NULL, \`locale\` varchar(8) NOT NULL, \`payload\` text NOT NULL, \`dedupeKey\` varchar(191) NOT NULL, \`status\` varchar(16) NOT NULL DEFAULT 'pending', \`attempts\` int NOT NULL DEFAULT '0', \`lastError\` text NULL, \`sentAt\` datetime(6) NULL, \`readAt\` datetime(6) NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_notification_inbox\` (\`recipientUserId\`, \`readAt\`), INDEX \`IDX_notification_status\` (\`status\`, \`createdAt\`), UNIQUE INDEX \`IDX_notification_dedupe\` (\`dedupeKey\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`IDX_notification_dedupe\` ON \`notification\``);
    await queryRunner.query(`DROP INDEX \`IDX_notification_status\` ON \`notification\``);
    await queryRunner.query(`DROP INDEX \`IDX_notification_inbox\` ON \`notification\``);
    await queryRunner.query(`DROP TABLE \`notification\``);
  }
}
