import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';

const CLI = resolve(__dirname, '../../dist/apps/cli/src/main.js');

const FLAGS = [
  '--city',
  '潍坊市',
  '--district',
  '奎文区',
  '--district-en',
  'Kuiwen District',
  '--street',
  '东关街道',
  '--street-en',
  'Dongguan Street',
  '--community',
  'weiwan:苇湾社区:Weiwan',
  '--community',
  'gongfujie:工福街社区:Gongfujie',
  '--admin-email',
  'Chief@Street.example.cn',
  '--admin-name',
  '街道管理员',
];

/** `npm run cli -- setup` on an empty embedded database, as an operator would run it. */
describe('cli setup', () => {
  const varDir = mkdtempSync(join(tmpdir(), 'gv-setup-'));
  const sqlite = join(varDir, 'setup.sqlite');
  const env = (extra: Record<string, string> = {}) => {
    const e: Record<string, string | undefined> = {
      ...process.env,
      VAR_DIR: varDir,
      SQLITE_PATH: sqlite,
      ...extra,
    };
    delete e['DATABASE_URL'];
    delete e['REDIS_URL'];
    return e as NodeJS.ProcessEnv;
  };
  const run = (args: string[], extra: Record<string, string> = {}) =>
    spawnSync('node', [CLI, ...args], { encoding: 'utf8', env: env(extra), input: '' });
  const count = (table: string) => {
    const db = new Database(sqlite, { readonly: true });
    try {
      return (db.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n;
    } finally {
      db.close();
    }
  };

  it('lists what is missing without a terminal, and refuses a weak password, creating nothing', () => {
    const missing = run(['setup', '--city', '潍坊市']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('--district');
    expect(missing.stderr).toContain('SETUP_ADMIN_PASSWORD');
    const weak = run(['setup', ...FLAGS], { SETUP_ADMIN_PASSWORD: 'short' });
    expect(weak.status).toBe(1);
    expect(weak.stderr).toContain('adminPassword');
    expect(count('user')).toBe(0);
    expect(count('community')).toBe(0);
  });

  it('creates the street, its communities and the first street admin once; no demo data', () => {
    const ok = run(['setup', ...FLAGS], { SETUP_ADMIN_PASSWORD: 'a-long-operator-secret' });
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('chief@street.example.cn');
    const db = new Database(sqlite, { readonly: true });
    try {
      expect(db.prepare('SELECT email, role FROM "user"').all()).toEqual([
        { email: 'chief@street.example.cn', role: 'street_admin' },
      ]);
      expect(db.prepare('SELECT code FROM community ORDER BY sortOrder').all()).toEqual([
        { code: 'weiwan' },
        { code: 'gongfujie' },
      ]);
      expect(count('organisation')).toBe(0);
      expect(db.prepare(`SELECT action FROM audit_log`).all()).toEqual([
        { action: 'platform.setup' },
      ]);
    } finally {
      db.close();
    }
    const again = run(['setup', ...FLAGS], { SETUP_ADMIN_PASSWORD: 'a-long-operator-secret' });
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('already set up');
    expect(count('user')).toBe(1);
  });

  it('db seed refuses a production database unless forced', () => {
    const r = run(['db', 'seed'], {
      NODE_ENV: 'production',
      SESSION_SECRET: 'a-production-secret-of-at-least-32-chars',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('refused in production');
    expect(count('organisation')).toBe(0);
  });
});
