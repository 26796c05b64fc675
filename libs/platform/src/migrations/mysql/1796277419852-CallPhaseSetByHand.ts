import { MigrationInterface, QueryRunner } from 'typeorm';

export class CallPhaseSetByHand1796277419852 implements MigrationInterface {
  name = 'CallPhaseSetByHand1796277419852';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`call\` ADD \`phaseSetByHandAt\` datetime(6) NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`call\` DROP COLUMN \`phaseSetByHandAt\``);
  }
}
