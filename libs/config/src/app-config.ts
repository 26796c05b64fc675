import { join } from 'node:path';
import { Transform, plainToInstance } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === ''
    ? undefined
    : /^-?\d+$/.test(String(value))
      ? Number(value)
      : value;
const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === ''
    ? undefined
    : ['true', '1', 'yes'].includes(String(value).toLowerCase())
      ? true
      : ['false', '0', 'no'].includes(String(value).toLowerCase())
        ? false
        : value;
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/**
 * Every environment variable the platform reads, with its default and meaning.
 * Only this library reads process.env. Defaults select the embedded mode
 * (SQLite file under var/, jobs in-process, mail as .eml files).
 */
export class AppConfig {
  /** development | production | test */
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  /** HTTP port of the api app. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /** Interface the api binds to. */
  @IsString()
  HOST = '0.0.0.0';

  /** Public base URL, used in emails and printed at start. Default: http://localhost:<PORT>. */
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'must be an http(s) URL' })
  PUBLIC_URL = 'http://localhost:3000';

  /** Folder for runtime data in embedded mode (SQLite file, mail, uploads). */
  @IsString()
  VAR_DIR = 'var';

  /** mysql://user:pass@host:3306/db or mariadb://… selects production mode. Empty: embedded SQLite. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^(mysql|mariadb):\/\/[^\s]+$/, { message: 'must start with mysql:// or mariadb://' })
  DATABASE_URL?: string;

  /** SQLite file in embedded mode (relative to the working directory). Default: <VAR_DIR>/gongyi-venture.sqlite. */
  @IsString()
  SQLITE_PATH = 'var/gongyi-venture.sqlite';

  /** Connection pool size per process (MySQL/MariaDB). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(500)
  DB_POOL_SIZE = 10;

  /** How often to retry the first DB connection at boot (3 s apart). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(100)
  DB_RETRY_ATTEMPTS = 5;

  /** Run pending migrations at boot. Default: yes in embedded mode, never in production. */
  @Transform(toBool)
  @IsOptional()
  @IsBoolean()
  DB_AUTO_MIGRATE?: boolean;

  /** Seed demo data when the database is empty. Default: yes in embedded mode. */
  @Transform(toBool)
  @IsOptional()
  @IsBoolean()
  SEED_DEMO?: boolean;

  /** redis://host:6379/0 enables BullMQ queues and Redis-backed rate limits. Empty: in-process jobs. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^rediss?:\/\/[^\s]+$/, { message: 'must start with redis:// or rediss://' })
  REDIS_URL?: string;

  /** Key prefix for BullMQ queues (lets several deployments or test runs share one Redis). */
  @IsString()
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'letters, digits, _ and - only' })
  QUEUE_PREFIX = 'gv';

  /** Comma-separated queues a worker consumes; empty = all. */
  @IsString()
  @IsOptional()
  WORKER_QUEUES = '';

  /** Jobs processed concurrently per queue per worker process. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  WORKER_CONCURRENCY = 10;

  /**
   * Mail and notification sends in flight per worker process. They wait on the SMTP server, not on the
   * database, so they run wider than other jobs: `npm run bench -- notify` plateaus from about 80 on 2 cores
   * (20 in flight: 0.54 of a plain Nodemailer loop; 80: 0.64). SMTP connections: at most 10 of them.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(500)
  MAIL_CONCURRENCY = 50;

  /** file (write .eml under var/mail) or smtp (needs SMTP_URL). Default: smtp if SMTP_URL is set, else file. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsIn(['file', 'smtp'])
  MAIL_DRIVER?: 'file' | 'smtp';

  /** smtp://user:pass@host:587 (smtps:// for implicit TLS). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^smtps?:\/\/[^\s]+$/, { message: 'must start with smtp:// or smtps://' })
  SMTP_URL?: string;

  /** Sender address of every email. */
  @IsString()
  @MinLength(3)
  MAIL_FROM = '东关街道公益创投 <noreply@gongyi.example.cn>';

  /** Most emails per second sent to the SMTP provider (all workers together). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10000)
  MAIL_RATE_PER_SECOND = 50;

  /** Seconds an outbox row may stay pending before the sweep enqueues it again (crash between commit and enqueue). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86400)
  NOTIFY_SWEEP_AFTER_SECONDS = 60;

  /**
   * Seconds a worker owns a notification it claimed for sending. After that another worker may take it over
   * (the first one died). Must exceed the SMTP timeouts (10 s connect + 30 s socket).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  NOTIFY_CLAIM_SECONDS = 120;

  /** BullMQ job lock duration and stalled-job check interval, in seconds (a killed worker's jobs return after this). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(600)
  WORKER_STALLED_SECONDS = 30;

  /** Days a milestone may stay overdue before the street office and the host community are told (督办). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  MILESTONE_ESCALATION_DAYS = 7;

  /** Overdue milestones of one project after which the project is flagged at risk. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  MILESTONE_AT_RISK_OVERDUE = 2;

  /**
   * Tests only (refused in production): the clock of the milestone tracking starts at this instant
   * (ISO 8601 with an offset, e.g. 2026-06-11T10:00:00+08:00) and runs on from there, so a worker process
   * can be started "a day later". Empty: the system clock.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/, {
    message: 'must be an ISO 8601 instant with an offset',
  })
  CLOCK_START?: string;

  /** Secret for CSRF tokens. Required in production (≥ 32 characters). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(32)
  SESSION_SECRET?: string;

  /** Hours a login session lasts without activity. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 90)
  SESSION_TTL_HOURS = 12;

  /** Hours a sign-in lasts at most, however active (then the user signs in again). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 90)
  SESSION_MAX_HOURS = 72;

  /**
   * Milliseconds a checked sign-in is served from memory without a database lookup (0: never). Logout,
   * password change or reset, deactivation and role changes end it at once, in every process (Redis).
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(60_000)
  SESSION_CACHE_MS = 5_000;

  /**
   * Milliseconds a public page rendered for anonymous visitors is served from memory (0: never). Any
   * committed change that can show on a page ends it at once, in every process (Redis).
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(300_000)
  PAGE_CACHE_MS = 10_000;

  /**
   * Reverse proxies whose X-Forwarded-For the api believes (Express `trust proxy`): a comma-separated
   * list of addresses, CIDR ranges or the names loopback / linklocal / uniquelocal. Empty (default):
   * none, so a client cannot choose the address that sign-in throttling and the audit log see.
   */
  @IsOptional()
  @IsString()
  @Matches(/^[0-9A-Za-z.:/,\s-]*$/)
  TRUST_PROXY = '';

  /** Send cookies only over HTTPS. Default: true in production. */
  @Transform(toBool)
  @IsOptional()
  @IsBoolean()
  COOKIE_SECURE?: boolean;

  /** Failed sign-ins per account (from any address) before the account's sign-in is blocked. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  LOGIN_MAX_FAILURES = 5;

  /** Failed sign-ins per client address (over all accounts) before that address is blocked. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100000)
  LOGIN_MAX_FAILURES_PER_IP = 50;

  /** Organisation sign-ups and invitation acceptances per client address per hour. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100000)
  SIGNUPS_PER_IP_PER_HOUR = 20;

  /** Seconds a blocked login stays blocked. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86400)
  LOGIN_BLOCK_SECONDS = 900;

  /** Largest proposal attachment in bytes (bigger uploads get 413). */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(200 * 1024 * 1024)
  UPLOAD_MAX_BYTES = 10 * 1024 * 1024;

  /** Most attachments per proposal. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  UPLOAD_MAX_FILES = 20;

  /** Largest accepted request body (JSON and forms), e.g. 1mb. */
  @Matches(/^\d+(kb|mb)$/, { message: 'must look like 512kb or 1mb' })
  BODY_LIMIT = '1mb';

  /** fatal | error | warn | info | debug | trace | silent */
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Language for users who have not chosen one. */
  @IsIn(['zh-CN', 'en'])
  DEFAULT_LOCALE: 'zh-CN' | 'en' = 'zh-CN';

  /** Password of the seeded demo accounts. */
  @IsString()
  @MinLength(8)
  DEMO_PASSWORD = 'Demo!2026';

  /** Mount the BullMQ dashboard at /admin/queues for street admins (production mode). */
  @Transform(toBool)
  @IsBoolean()
  QUEUE_DASHBOARD = true;

  get embedded(): boolean {
    return !this.DATABASE_URL;
  }
  get usesRedis(): boolean {
    return !!this.REDIS_URL;
  }
  get dbType(): 'mysql' | 'mariadb' | 'better-sqlite3' {
    if (!this.DATABASE_URL) return 'better-sqlite3';
    return this.DATABASE_URL.startsWith('mariadb://') ? 'mariadb' : 'mysql';
  }
  get autoMigrate(): boolean {
    return this.DB_AUTO_MIGRATE ?? this.embedded;
  }
  get seedDemo(): boolean {
    return this.SEED_DEMO ?? this.embedded;
  }
  get mailDriver(): 'file' | 'smtp' {
    return this.MAIL_DRIVER ?? (this.SMTP_URL ? 'smtp' : 'file');
  }
  /** Cookies are Secure when the platform is served over https (PUBLIC_URL), unless COOKIE_SECURE says otherwise. */
  get cookieSecure(): boolean {
    return this.COOKIE_SECURE ?? this.PUBLIC_URL.startsWith('https:');
  }

  /** BODY_LIMIT in bytes (as the body parser reads it: 1kb = 1024 bytes), for pages that check a form's size first. */
  get bodyLimitBytes(): number {
    const m = /^(\d+)(kb|mb)$/.exec(this.BODY_LIMIT);
    return m ? Number(m[1]) * (m[2] === 'mb' ? 1024 * 1024 : 1024) : 1024 * 1024;
  }

  get workerQueues(): string[] {
    return this.WORKER_QUEUES.split(',')
      .map((q) => q.trim())
      .filter(Boolean);
  }
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** Builds and validates the configuration; throws ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const input: Record<string, string> = {};
  for (const key of [
    ...known,
    'DATABASE_URL',
    'DB_AUTO_MIGRATE',
    'SEED_DEMO',
    'REDIS_URL',
    'MAIL_DRIVER',
    'SMTP_URL',
    'SESSION_SECRET',
    'COOKIE_SECURE',
    'CLOCK_START',
  ]) {
    const value = env[key];
    if (value !== undefined) input[key] = value;
  }
  const config = plainToInstance(AppConfig, input, { exposeDefaultValues: true });
  // The database follows the data folder unless it is placed on its own.
  if (input['SQLITE_PATH'] === undefined)
    config.SQLITE_PATH = join(config.VAR_DIR, 'gongyi-venture.sqlite');
  if (input['PUBLIC_URL'] === undefined && Number.isInteger(config.PORT))
    config.PUBLIC_URL = `http://localhost:${config.PORT}`;
  const errors = validateSync(config, { whitelist: true, forbidUnknownValues: false });
  const problems = errors.flatMap((e) =>
    Object.values(e.constraints ?? {}).map(
      (m) =>
        `${e.property}=${JSON.stringify(input[e.property] ?? '')}: ${m.replace(`${e.property} `, '')}`,
    ),
  );
  if (config.NODE_ENV === 'production' && !config.SESSION_SECRET) {
    problems.push('SESSION_SECRET: required in production (at least 32 characters)');
  }
  if (config.NODE_ENV === 'production' && !isHttpsOrLoopback(config.PUBLIC_URL)) {
    problems.push(
      'PUBLIC_URL: must be https in production (plain http only on localhost / 127.0.0.1, e.g. for benchmarks)',
    );
  }
  if (config.NODE_ENV === 'production' && config.CLOCK_START) {
    problems.push('CLOCK_START: for tests only, never in production');
  }
  if (config.mailDriver === 'smtp' && !config.SMTP_URL) {
    problems.push('SMTP_URL: required when MAIL_DRIVER=smtp');
  }
  if (problems.length) throw new ConfigError(problems);
  return config;
}

/** For process entry points: the config, or a clear message naming the bad variables and exit code 78 (EX_CONFIG). */
export function loadConfigOrExit(env: Record<string, string | undefined> = process.env): AppConfig {
  try {
    return loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`配置无效 / ${err.message}`);
      process.exit(78);
    }
    throw err;
  }
}

function isHttpsOrLoopback(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
  } catch {
    return false;
  }
}
