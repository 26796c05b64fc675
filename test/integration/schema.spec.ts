import { loadConfig } from '@gv/config';
import { openDataSource, pendingSchemaChange } from '@gv/platform';

// The CI check that `migration:generate` finds nothing to add, on both drivers.
describe('migrations match the entities', () => {
  it('on MariaDB (mariadb:// driver)', async () => {
    const diff = await pendingSchemaChange(
      loadConfig({ DATABASE_URL: process.env['DATABASE_URL'], LOG_LEVEL: 'silent' }),
    );
    expect(diff.up).toEqual([]);
  });

  it('on SQLite (better-sqlite3)', async () => {
    const diff = await pendingSchemaChange(
      loadConfig({ LOG_LEVEL: 'silent', VAR_DIR: process.env['VAR_DIR'] }),
    );
    expect(diff.up).toEqual([]);
  });

  it('every migration has a working down: revert all, then migrate again', async () => {
    const config = loadConfig({
      LOG_LEVEL: 'silent',
      SQLITE_PATH: `${process.env['VAR_DIR']}/updown.sqlite`,
    });
    const ds = await openDataSource(config);
    try {
      const ran = await ds.runMigrations({ transaction: 'each' });
      expect(ran.length).toBeGreaterThan(0);
      for (let i = 0; i < ran.length; i++) await ds.undoLastMigration({ transaction: 'each' });
      const tables = await ds.query(
        `SELECT name FROM sqlite_master WHERE type='table' AND name NOT IN ('migrations', 'sqlite_sequence')`,
      );
      expect(tables).toEqual([]);
      expect((await ds.runMigrations({ transaction: 'each' })).length).toBe(ran.length);
    } finally {
      await ds.destroy();
    }
  });
});
