import { DataSource } from 'typeorm';

export interface PendingSchemaChange {
  up: string[];
  down: string[];
}

/**
 * What `migration:generate` would write: TypeORM's own schema diff between the entities and the
 * database (run after the existing migrations). Empty means the migrations match the entities.
 */
export async function schemaDiff(ds: DataSource): Promise<PendingSchemaChange> {
  const log = await ds.driver.createSchemaBuilder().log();
  return {
    up: log.upQueries.map((q) => q.query),
    down: log.downQueries.map((q) => q.query).reverse(),
  };
}

function quote(sql: string): string {
  return '`' + sql.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
}

/** Source text of a migration class for the diff (the same shape the TypeORM CLI writes). */
export function migrationSource(
  name: string,
  timestamp: number,
  diff: PendingSchemaChange,
): string {
  const cls = `${name.replace(/[^A-Za-z0-9]/g, '')}${timestamp}`;
  const up = diff.up.map((q) => `    await queryRunner.query(${quote(q)});`).join('\n');
  const down = diff.down.map((q) => `    await queryRunner.query(${quote(q)});`).join('\n');
  return `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${cls} implements MigrationInterface {
  name = '${cls}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${up}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${down}
  }
}
`;
}
