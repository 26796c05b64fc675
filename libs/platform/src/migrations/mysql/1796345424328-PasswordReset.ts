import { MigrationInterface, QueryRunner } from 'typeorm';

export class PasswordReset1796345424328 implements MigrationInterface {
  name = 'PasswordReset1796345424328';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`password_reset\` (\`id\` int NOT NULL AUTO_INCREMENT, \`userId\` int NOT NULL, \`tokenHash\` varchar(64) NOT NULL, \`pendingToken\` varchar(64) NULL, \`expiresAt\` datetime(6) NOT NULL, \`sentAt\` datetime(6) NULL, \`usedAt\` datetime(6) NULL, \`revokedAt\` datetime(6) NULL, \`ip\` varchar(64) NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_password_reset_expires\` (\`expiresAt\`), UNIQUE INDEX \`IDX_password_reset_token\` (\`tokenHash\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `ALTER TABLE \`password_reset\` ADD CONSTRAINT \`FK_password_reset_user\` FOREIGN KEY (\`userId\`) REFERENCES \`user\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE \`password_reset\` DROP FOREIGN KEY \`FK_password_reset_user\``,
    );
    await queryRunner.query(`DROP INDEX \`IDX_password_reset_token\` ON \`password_reset\``);
    await queryRunner.query(`DROP INDEX \`IDX_password_reset_expires\` ON \`password_reset\``);
    await queryRunner.query(`DROP TABLE \`password_reset\``);
  }
}
