import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1795982996570 implements MigrationInterface {
  name = 'Foundation1795982996570';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`audit_log\` (\`id\` int NOT NULL AUTO_INCREMENT, \`actorId\` int NULL, \`actorLabel\` varchar(191) NOT NULL, \`action\` varchar(64) NOT NULL, \`entity\` varchar(64) NOT NULL, \`entityId\` varchar(64) NOT NULL, \`before\` text NULL, \`after\` text NULL, \`requestId\` varchar(64) NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_audit_created\` (\`createdAt\`), INDEX \`IDX_audit_actor\` (\`actorId\`), INDEX \`IDX_audit_entity\` (\`entity\`, \`entityId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`district\` (\`id\` int NOT NULL AUTO_INCREMENT, \`name\` varchar(64) NOT NULL, \`nameEn\` varchar(128) NOT NULL, \`city\` varchar(64) NOT NULL, PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`street_office\` (\`id\` int NOT NULL AUTO_INCREMENT, \`districtId\` int NOT NULL, \`name\` varchar(64) NOT NULL, \`nameEn\` varchar(128) NOT NULL, PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`community\` (\`id\` int NOT NULL AUTO_INCREMENT, \`streetOfficeId\` int NOT NULL, \`code\` varchar(32) NOT NULL, \`name\` varchar(64) NOT NULL, \`nameEn\` varchar(128) NOT NULL, \`invented\` tinyint NOT NULL DEFAULT 0, \`sortOrder\` int NOT NULL DEFAULT '0', UNIQUE INDEX \`IDX_community_code\` (\`code\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`user\` (\`id\` int NOT NULL AUTO_INCREMENT, \`email\` varchar(191) NOT NULL, \`name\` varchar(64) NOT NULL, \`passwordHash\` varchar(255) NULL, \`role\` varchar(32) NOT NULL, \`communityId\` int NULL, \`organisationId\` int NULL, \`locale\` varchar(8) NOT NULL DEFAULT 'zh-CN', \`active\` tinyint NOT NULL DEFAULT 1, \`lastLoginAt\` datetime(6) NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_user_email\` (\`email\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`auth_session\` (\`id\` int NOT NULL AUTO_INCREMENT, \`tokenHash\` varchar(64) NOT NULL, \`userId\` int NOT NULL, \`kind\` varchar(8) NOT NULL, \`expiresAt\` datetime(6) NOT NULL, \`lastSeenAt\` datetime(6) NOT NULL, \`ip\` varchar(64) NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_auth_session_expires\` (\`expiresAt\`), UNIQUE INDEX \`IDX_auth_session_token\` (\`tokenHash\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`invitation\` (\`id\` int NOT NULL AUTO_INCREMENT, \`email\` varchar(191) NOT NULL, \`name\` varchar(64) NOT NULL, \`role\` varchar(32) NOT NULL, \`communityId\` int NULL, \`organisationId\` int NULL, \`locale\` varchar(8) NOT NULL DEFAULT 'zh-CN', \`tokenHash\` varchar(64) NOT NULL, \`pendingToken\` varchar(64) NULL, \`invitedById\` int NOT NULL, \`expiresAt\` datetime(6) NOT NULL, \`sentAt\` datetime(6) NULL, \`acceptedAt\` datetime(6) NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_invitation_token\` (\`tokenHash\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `ALTER TABLE \`street_office\` ADD CONSTRAINT \`FK_street_office_district\` FOREIGN KEY (\`districtId\`) REFERENCES \`district\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`community\` ADD CONSTRAINT \`FK_community_street_office\` FOREIGN KEY (\`streetOfficeId\`) REFERENCES \`street_office\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`user\` ADD CONSTRAINT \`FK_user_community\` FOREIGN KEY (\`communityId\`) REFERENCES \`community\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`auth_session\` ADD CONSTRAINT \`FK_auth_session_user\` FOREIGN KEY (\`userId\`) REFERENCES \`user\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`invitation\` ADD CONSTRAINT \`FK_invitation_inviter\` FOREIGN KEY (\`invitedById\`) REFERENCES \`user\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE \`invitation\` DROP FOREIGN KEY \`FK_invitation_inviter\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`auth_session\` DROP FOREIGN KEY \`FK_auth_session_user\``,
    );
    await queryRunner.query(`ALTER TABLE \`user\` DROP FOREIGN KEY \`FK_user_community\``);
    await queryRunner.query(
      `ALTER TABLE \`community\` DROP FOREIGN KEY \`FK_community_street_office\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`street_office\` DROP FOREIGN KEY \`FK_street_office_district\``,
    );
    await queryRunner.query(`DROP INDEX \`IDX_invitation_token\` ON \`invitation\``);
    await queryRunner.query(`DROP TABLE \`invitation\``);
    await queryRunner.query(`DROP INDEX \`IDX_auth_session_token\` ON \`auth_session\``);
    await queryRunner.query(`DROP INDEX \`IDX_auth_session_expires\` ON \`auth_session\``);
    await queryRunner.query(`DROP TABLE \`auth_session\``);
    await queryRunner.query(`DROP INDEX \`IDX_user_email\` ON \`user\``);
    await queryRunner.query(`DROP TABLE \`user\``);
    await queryRunner.query(`DROP INDEX \`IDX_community_code\` ON \`community\``);
    await queryRunner.query(`DROP TABLE \`community\``);
    await queryRunner.query(`DROP TABLE \`street_office\``);
    await queryRunner.query(`DROP TABLE \`district\``);
    await queryRunner.query(`DROP INDEX \`IDX_audit_entity\` ON \`audit_log\``);
    await queryRunner.query(`DROP INDEX \`IDX_audit_actor\` ON \`audit_log\``);
    await queryRunner.query(`DROP INDEX \`IDX_audit_created\` ON \`audit_log\``);
    await queryRunner.query(`DROP TABLE \`audit_log\``);
  }
}
