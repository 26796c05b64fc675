import { MigrationInterface, QueryRunner } from 'typeorm';

export class UserOrganisationForeignKey1796277260334 implements MigrationInterface {
  name = 'UserOrganisationForeignKey1796277260334';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE \`user\` ADD CONSTRAINT \`FK_user_organisation\` FOREIGN KEY (\`organisationId\`) REFERENCES \`organisation\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`user\` DROP FOREIGN KEY \`FK_user_organisation\``);
  }
}
