import { MigrationInterface, QueryRunner } from 'typeorm';

export class OrganisationsNeeds1795983237019 implements MigrationInterface {
  name = 'OrganisationsNeeds1795983237019';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`organisation\` (\`id\` int NOT NULL AUTO_INCREMENT, \`name\` varchar(128) NOT NULL, \`type\` varchar(32) NOT NULL, \`communityId\` int NOT NULL, \`registrationLevel\` varchar(16) NOT NULL, \`creditCode\` varchar(18) NULL, \`foundedOn\` date NULL, \`incubatedBy\` varchar(128) NULL, \`membersCount\` int NOT NULL DEFAULT '0', \`contactName\` varchar(64) NOT NULL, \`contactPhone\` varchar(32) NULL, \`contactEmail\` varchar(191) NULL, \`status\` varchar(16) NOT NULL DEFAULT 'pending', \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`IDX_organisation_community\` (\`communityId\`), UNIQUE INDEX \`IDX_organisation_credit_code\` (\`creditCode\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`need\` (\`id\` int NOT NULL AUTO_INCREMENT, \`communityId\` int NOT NULL, \`title\` varchar(128) NOT NULL, \`description\` text NOT NULL, \`beneficiaryGroups\` text NOT NULL, \`beneficiaryCount\` int NOT NULL DEFAULT '0', \`status\` varchar(16) NOT NULL DEFAULT 'open', \`createdById\` int NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`IDX_need_community\` (\`communityId\`, \`status\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `ALTER TABLE \`organisation\` ADD CONSTRAINT \`FK_organisation_community\` FOREIGN KEY (\`communityId\`) REFERENCES \`community\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`need\` ADD CONSTRAINT \`FK_need_community\` FOREIGN KEY (\`communityId\`) REFERENCES \`community\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`need\` DROP FOREIGN KEY \`FK_need_community\``);
    await queryRunner.query(
      `ALTER TABLE \`organisation\` DROP FOREIGN KEY \`FK_organisation_community\``,
    );
    await queryRunner.query(`DROP INDEX \`IDX_need_community\` ON \`need\``);
    await queryRunner.query(`DROP TABLE \`need\``);
    await queryRunner.query(`DROP INDEX \`IDX_organisation_credit_code\` ON \`organisation\``);
    await queryRunner.query(`DROP INDEX \`IDX_organisation_community\` ON \`organisation\``);
    await queryRunner.query(`DROP TABLE \`organisation\``);
  }
}
