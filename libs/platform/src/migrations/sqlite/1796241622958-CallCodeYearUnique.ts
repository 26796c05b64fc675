import { MigrationInterface, QueryRunner } from 'typeorm';

export class CallCodeYearUnique1796241622958 implements MigrationInterface {
  name = 'CallCodeYearUnique1796241622958';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_call_code_year" ON "call" ("code", "year") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_call_code_year"`);
  }
}
