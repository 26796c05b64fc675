import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { ConfigError, loadConfig } from '@gv/config';
import { runBackupCommand } from './backup-command';
import { runPb } from './pb-command';
import { runRoadshow } from './roadshow-command';
import { readSetupInput, SETUP_USAGE } from './setup-command';

const USAGE = `usage:
  cli db migrate              run pending migrations (the only way production schemas change)
  cli db revert               revert the last migration
  cli db check                fail if the entities differ from what the migrations build
  cli db generate <Name>      write migrations for both drivers (needs MIGRATION_MYSQL_URL or DATABASE_URL)
  cli db seed [--force]       seed demo data into an empty database (refused in production without --force)
  cli db backup [FILE]        back up the database (mariadb-dump / SQLite online backup; FILE.gz gzipped)
  cli db restore FILE [--yes] replace the database with a backup (--yes when it is not empty)
  cli setup …                 create the district, street office, communities and first street admin
  cli pb check <file.pb>      report every format error of a pabulib file
  cli pb allocate <file.pb> [--rule RULE] [--json]
  cli roadshow schedule <file.json> [--json]   schedule roadshow pitches (the engine of the clerk's page)`;

/** The platform (Nest, TypeORM, every context) loads only for the commands that need it: `pb` starts fast. */
const platform = () => import('@gv/platform');

async function db(args: string[]): Promise<number> {
  const { generateMigrations, openDataSource, pendingSchemaChange, seedDemoIfEmpty } =
    await platform();
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
  const [cmd, name] = args;
  if (cmd === 'generate') {
    const mysqlUrl =
      process.env['MIGRATION_MYSQL_URL'] ??
      config.DATABASE_URL ??
      'mariadb://root@127.0.0.1:3306/test';
    if (!name || !/^[A-Za-z][A-Za-z0-9]*$/.test(name))
      throw new Error('db generate needs a PascalCase name');
    const files = await generateMigrations(name, mysqlUrl);
    console.log(files.length ? files.join('\n') : 'No changes in database schema were found');
    return 0;
  }
  if (cmd === 'check') {
    const diff = await pendingSchemaChange(config);
    if (diff.up.length) {
      console.error(
        `The entities differ from the migrations (${config.dbType}); run db:generate:\n${diff.up.join(';\n')}`,
      );
      return 1;
    }
    console.log(`No changes in database schema were found (${config.dbType})`);
    return 0;
  }
  const ds = await openDataSource(config);
  try {
    if (cmd === 'migrate') {
      const done = await ds.runMigrations({ transaction: 'each' });
      console.log(
        done.length ? done.map((m) => `migrated ${m.name}`).join('\n') : 'nothing to migrate',
      );
    } else if (cmd === 'revert') {
      await ds.undoLastMigration({ transaction: 'each' });
      console.log('reverted the last migration');
    } else if (cmd === 'seed') {
      if (config.NODE_ENV === 'production' && !args.includes('--force')) {
        console.error(
          'db seed loads demo data with a published password: refused in production (NODE_ENV=production). Use `cli setup`, or --force on a throw-away database.',
        );
        return 1;
      }
      console.log(
        (await seedDemoIfEmpty(ds, config))
          ? 'seeded demo data'
          : 'database not empty: nothing seeded',
      );
    } else {
      console.error(USAGE);
      return 2;
    }
  } finally {
    await ds.destroy();
  }
  return 0;
}

async function setup(args: string[]): Promise<number> {
  if (args.includes('--help')) {
    console.log(SETUP_USAGE);
    return 0;
  }
  const { openDataSource, setupInstallation } = await platform();
  const input = await readSetupInput(args);
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
  const ds = await openDataSource(config);
  try {
    if (config.embedded || config.autoMigrate) await ds.runMigrations({ transaction: 'each' });
    const done = await setupInstallation(ds, input);
    console.log(
      `set up: ${done.communities} communities, street admin ${done.adminEmail} (id ${done.adminId})`,
    );
    return 0;
  } finally {
    await ds.destroy();
  }
}

async function main(): Promise<number> {
  const [area, ...rest] = process.argv.slice(2);
  try {
    if (area === 'db' && (rest[0] === 'backup' || rest[0] === 'restore'))
      return await runBackupCommand(rest, loadConfig({ ...process.env, LOG_LEVEL: 'silent' }));
    if (area === 'db') return await db(rest);
    if (area === 'setup') return await setup(rest);
    const io = {
      stdout: (s: string) => process.stdout.write(s),
      stderr: (s: string) => process.stderr.write(s),
      readFile: (p: string) => readFileSync(p, 'utf8'),
    };
    if (area === 'pb') return runPb(rest, io);
    if (area === 'roadshow') return runRoadshow(rest, io);
    console.error(USAGE);
    return 2;
  } catch (err) {
    if (err instanceof ConfigError) console.error(err.message);
    else console.error((err as Error).message);
    return 1;
  }
}

void main().then((code) => process.exit(code));
