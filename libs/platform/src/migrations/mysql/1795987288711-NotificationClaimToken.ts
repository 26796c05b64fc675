import { MigrationInterface, QueryRunner } from 'typeorm';

export class NotificationClaimToken1795987288711 implements MigrationInterface {
  name = 'NotificationClaimToken1795987288711';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`notification\` ADD \`claimToken\` varchar(32) NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`notification\` DROP COLUMN \`claimToken\``);
  }
}
