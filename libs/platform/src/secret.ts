import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from '@gv/config';

/** SESSION_SECRET, or in embedded mode one generated once and kept in var/session-secret. */
export function resolveSecret(config: AppConfig): string {
  if (config.SESSION_SECRET) return config.SESSION_SECRET;
  if (!config.embedded && config.NODE_ENV === 'production')
    throw new Error('SESSION_SECRET is required');
  const file = join(config.VAR_DIR, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(config.VAR_DIR, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
