import { MigrationInterface, QueryRunner } from 'typeorm';

export class ProposalCorrectionDeadline1796239791689 implements MigrationInterface {
  name = 'ProposalCorrectionDeadline1796239791689';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`proposal\` ADD \`correctionDeadline\` datetime(6) NULL`);
    // The deadline of proposals already returned moves from their screening row.
    await queryRunner.query(
      `UPDATE \`proposal\` p JOIN \`screening\` s ON s.\`proposalId\` = p.\`id\` SET p.\`correctionDeadline\` = s.\`correctionDeadline\` WHERE p.\`status\` = 'returned'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`proposal\` DROP COLUMN \`correctionDeadline\``);
  }
}
