import { MigrationInterface, QueryRunner } from 'typeorm';

export class ResidentVote1796291703432 implements MigrationInterface {
  name = 'ResidentVote1796291703432';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`resident_voter\` (\`id\` int NOT NULL AUTO_INCREMENT, \`email\` varchar(191) NOT NULL, \`status\` varchar(16) NOT NULL DEFAULT 'pending', \`codeHash\` varchar(64) NULL, \`codeExpiresAt\` datetime(6) NULL, \`codeAttempts\` int NOT NULL DEFAULT '0', \`confirmedAt\` datetime(6) NULL, \`tokenHash\` varchar(64) NULL, \`voidReason\` varchar(500) NOT NULL DEFAULT '', \`voidedById\` int NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_resident_voter_email\` (\`email\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`resident_vote\` (\`id\` int NOT NULL AUTO_INCREMENT, \`callId\` int NOT NULL, \`voterId\` int NOT NULL, \`proposalId\` int NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_resident_vote_proposal\` (\`proposalId\`), UNIQUE INDEX \`IDX_resident_vote_voter_proposal\` (\`callId\`, \`voterId\`, \`proposalId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `ALTER TABLE \`funding_settings\` ADD \`voteEnabled\` tinyint NOT NULL DEFAULT 0`,
    );
    await queryRunner.query(
      `ALTER TABLE \`funding_settings\` ADD \`voteOpensAt\` datetime(6) NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE \`funding_settings\` ADD \`voteClosesAt\` datetime(6) NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE \`funding_settings\` ADD \`voteMaxApprovals\` int NOT NULL DEFAULT '3'`,
    );
    await queryRunner.query(
      `ALTER TABLE \`funding_settings\` ADD \`voteMode\` varchar(16) NOT NULL DEFAULT 'weighted'`,
    );
    await queryRunner.query(
      `ALTER TABLE \`funding_settings\` ADD \`voteWeightPct\` int NOT NULL DEFAULT '20'`,
    );
    await queryRunner.query(
      `ALTER TABLE \`resident_vote\` ADD CONSTRAINT \`FK_resident_vote_call\` FOREIGN KEY (\`callId\`) REFERENCES \`call\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`resident_vote\` ADD CONSTRAINT \`FK_resident_vote_voter\` FOREIGN KEY (\`voterId\`) REFERENCES \`resident_voter\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`resident_vote\` ADD CONSTRAINT \`FK_resident_vote_proposal\` FOREIGN KEY (\`proposalId\`) REFERENCES \`proposal\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE \`resident_vote\` DROP FOREIGN KEY \`FK_resident_vote_proposal\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`resident_vote\` DROP FOREIGN KEY \`FK_resident_vote_voter\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`resident_vote\` DROP FOREIGN KEY \`FK_resident_vote_call\``,
    );
    await queryRunner.query(`ALTER TABLE \`funding_settings\` DROP COLUMN \`voteWeightPct\``);
    await queryRunner.query(`ALTER TABLE \`funding_settings\` DROP COLUMN \`voteMode\``);
    await queryRunner.query(`ALTER TABLE \`funding_settings\` DROP COLUMN \`voteMaxApprovals\``);
    await queryRunner.query(`ALTER TABLE \`funding_settings\` DROP COLUMN \`voteClosesAt\``);
    await queryRunner.query(`ALTER TABLE \`funding_settings\` DROP COLUMN \`voteOpensAt\``);
    await queryRunner.query(`ALTER TABLE \`funding_settings\` DROP COLUMN \`voteEnabled\``);
    await queryRunner.query(`DROP INDEX \`IDX_resident_vote_voter_proposal\` ON \`resident_vote\``);
    await queryRunner.query(`DROP INDEX \`IDX_resident_vote_proposal\` ON \`resident_vote\``);
    await queryRunner.query(`DROP TABLE \`resident_vote\``);
    await queryRunner.query(`DROP INDEX \`IDX_resident_voter_email\` ON \`resident_voter\``);
    await queryRunner.query(`DROP TABLE \`resident_voter\``);
  }
}
