import type { Type } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AppConfig } from '@gv/config';
import type { ContextErrors } from '@gv/core';
import type { MessageBundle } from '@gv/i18n';
import type { NavItem } from './nav';

/** What a seed step gets besides the transaction's manager. */
export interface SeedEnv {
  /** The moment of seeding: demo dates are relative to it, so the demo never goes stale. */
  now: Date;
  /** argon2 hash of the demo password (every demo account shares it). */
  passwordHash: string;
  /** The platform's configuration (where uploads go, the tracking settings); defaults when absent. */
  config?: AppConfig;
}

/**
 * One bounded context as the platform composes it. Each context lib exports exactly one of these
 * (`<name>Context`); the platform's list of contexts (libs/platform/src/contexts.ts) is the only
 * place that names them, so adding a context is one new lib, one line in that list and its migration.
 *
 * Job handlers (`@JobHandler`), reminder sources (`@ReminderSource`), notification contents
 * (`@NotificationContentFor`) and domain-event handlers (`@OnDomainEvent`) are decorators on the
 * providers of `module`; they are discovered at boot, so they need no entry here.
 */
export interface BoundedContext {
  /** Short lower-case name, the `scope:` tag of the lib. */
  readonly name: string;
  /** Services, job handlers, reminder sources: imported by every process (api, worker, cli). */
  readonly module?: Type<unknown>;
  /** Controllers (API and pages): imported by the api only. */
  readonly httpModule?: Type<unknown>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly entities?: ReadonlyArray<Function>;
  /** The context's error codes with their statuses (each needs `errors.<code>` in both languages). */
  readonly errors?: ContextErrors<string>;
  /** zh-CN and en strings of the context (its pages, errors and mails). */
  readonly messages?: MessageBundle;
  /** Page templates (absolute path; `fromRoot('libs/<name>/views')`). */
  readonly viewsDir?: string;
  /** Mail templates (absolute path), if the context sends mail. */
  readonly mailTemplatesDir?: string;
  /** Demo data for a fresh embedded install; steps run in the order of the platform's list, in one transaction. */
  readonly seed?: (m: EntityManager, env: SeedEnv) => Promise<void>;
  /** Menu entries of the context. */
  readonly nav?: readonly NavItem[];
}

/** Identity with a type check: `export const callsContext = defineContext({ … })`. */
export function defineContext<T extends BoundedContext>(context: T): T {
  return context;
}
