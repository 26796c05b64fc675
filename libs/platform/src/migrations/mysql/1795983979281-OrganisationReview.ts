import { MigrationInterface, QueryRunner } from 'typeorm';

export class OrganisationReview1795983979281 implements MigrationInterface {
  name = 'OrganisationReview1795983979281';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`organisation\` ADD \`reviewedAt\` datetime(6) NULL`);
    await queryRunner.query(`ALTER TABLE \`organisation\` ADD \`reviewNote\` varchar(500) NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`organisation\` DROP COLUMN \`reviewNote\``);
    await queryRunner.query(`ALTER TABLE \`organisation\` DROP COLUMN \`reviewedAt\``);
  }
}
