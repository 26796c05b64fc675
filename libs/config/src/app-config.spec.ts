import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('defaults to the embedded mode', () => {
    const c = loadConfig({});
    expect(c.embedded).toBe(true);
    expect(c.dbType).toBe('better-sqlite3');
    expect(c.usesRedis).toBe(false);
    expect(c.autoMigrate).toBe(true);
    expect(c.seedDemo).toBe(true);
    expect(c.mailDriver).toBe('file');
    expect(c.PORT).toBe(3000);
  });

  it('keeps the SQLite file in VAR_DIR unless SQLITE_PATH places it elsewhere', () => {
    expect(loadConfig({}).SQLITE_PATH).toBe(join('var', 'gongyi-venture.sqlite'));
    expect(loadConfig({ VAR_DIR: '/srv/gv/data' }).SQLITE_PATH).toBe(
      '/srv/gv/data/gongyi-venture.sqlite',
    );
    expect(
      loadConfig({ VAR_DIR: '/srv/gv/data', SQLITE_PATH: '/fast/db.sqlite' }).SQLITE_PATH,
    ).toBe('/fast/db.sqlite');
  });

  it('follows the URL for the driver: mysql:// → mysql, mariadb:// → mariadb; never auto-migrates in production', () => {
    expect(loadConfig({ DATABASE_URL: 'mysql://u:p@db:3306/gv' }).dbType).toBe('mysql');
    const m = loadConfig({ DATABASE_URL: 'mariadb://u:p@db:3306/gv', REDIS_URL: 'redis://r:6379' });
    expect(m.dbType).toBe('mariadb');
    expect(m.autoMigrate).toBe(false);
    expect(m.seedDemo).toBe(false);
    expect(m.usesRedis).toBe(true);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'postgres://x' }, 'DATABASE_URL'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ DB_AUTO_MIGRATE: 'maybe' }, 'DB_AUTO_MIGRATE'],
    [{ NODE_ENV: 'production' }, 'SESSION_SECRET'],
    [{ MAIL_DRIVER: 'smtp' }, 'SMTP_URL'],
    [{ BODY_LIMIT: 'huge' }, 'BODY_LIMIT'],
    [{ NODE_ENV: 'production', PUBLIC_URL: 'http://gongyi.example.cn' }, 'PUBLIC_URL'],
  ])('refuses %j and names %s', (env, variable) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain(variable);
  });

  it('makes cookies Secure when served over https, plain http production usable on loopback', () => {
    const secret = 'x'.repeat(32);
    expect(loadConfig({ PUBLIC_URL: 'https://gongyi.example.cn' }).cookieSecure).toBe(true);
    expect(loadConfig({}).cookieSecure).toBe(false);
    const bench = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: secret, PORT: '3100' });
    expect(bench.PUBLIC_URL).toBe('http://localhost:3100');
    expect(bench.cookieSecure).toBe(false);
    expect(
      loadConfig({ PUBLIC_URL: 'https://gongyi.example.cn', COOKIE_SECURE: 'false' }).cookieSecure,
    ).toBe(false);
  });
});
