import { EntityManager } from 'typeorm';
import { User } from '@gv/accounts';
import { AppConfig } from '@gv/config';
import { Clock, formatShanghaiDate, Role, SystemClock } from '@gv/core';
import { NotificationRecipient } from '@gv/notifications';
import type { ProjectStatus } from './entities/delivery.entity';

/** Projects whose milestones are tracked and which take reports as usual. */
export const RUNNING: readonly ProjectStatus[] = ['active', 'at_risk'];

/** 'YYYY-MM-DD' plus `days` (calendar days; the dates are Shanghai dates, no time zone involved). */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (both 'YYYY-MM-DD'). */
export function daysBetween(a: string, b: string): number {
  const t = (s: string) => Date.parse(`${s}T00:00:00Z`);
  return Math.round((t(b) - t(a)) / 86_400_000);
}

/** Today in Shanghai. */
export const shanghaiToday = (now: Date): string => formatShanghaiDate(now);

/**
 * A clock that starts at a given instant and runs on from there (tests: CLOCK_START, so a worker process
 * lives "a day later"); the tracking reads "now" only through the injected Clock.
 */
export class StartedClock extends Clock {
  private readonly offsetMs: number;
  constructor(start: Date) {
    super();
    this.offsetMs = start.getTime() - Date.now();
  }
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

/** The delivery context's clock: the system clock, or CLOCK_START's (refused in production by the config). */
export function deliveryClock(config: AppConfig): Clock {
  return config.CLOCK_START ? new StartedClock(new Date(config.CLOCK_START)) : new SystemClock();
}

const asRecipients = (users: User[]): NotificationRecipient[] =>
  users.map((u) => ({ userId: u.id, email: u.email, locale: u.locale }));

/** Active members of an organisation. */
export async function memberRecipients(
  m: EntityManager,
  organisationId: number,
): Promise<NotificationRecipient[]> {
  return asRecipients(
    await m.find(User, {
      where: { organisationId, role: Role.OrgMember, active: true },
      order: { id: 'ASC' },
    }),
  );
}

/** Active street admins, and the host community's staff when `communityId` is given. */
export async function staffRecipients(
  m: EntityManager,
  communityId: number | null = null,
): Promise<NotificationRecipient[]> {
  const street = await m.find(User, {
    where: { role: Role.StreetAdmin, active: true },
    order: { id: 'ASC' },
  });
  const community =
    communityId === null
      ? []
      : await m.find(User, {
          where: { role: Role.CommunityStaff, communityId, active: true },
          order: { id: 'ASC' },
        });
  return asRecipients([...street, ...community]);
}

/**
 * Where a notification about a project takes its reader: the organisation and the street office to the
 * project's delivery pages, anyone else (the host community's staff) to its public page.
 */
export async function projectLink(
  m: EntityManager,
  recipientUserId: number | null,
  projectId: number,
  orgPath: string,
): Promise<string> {
  const u = recipientUserId ? await m.findOneBy(User, { id: recipientUserId }) : null;
  if (u?.role === Role.OrgMember) return `/delivery/projects/${projectId}${orgPath}`;
  if (u?.role === Role.StreetAdmin) return `/delivery/projects/${projectId}`;
  return `/projects/${projectId}`;
}

/** Ids of a notification payload as numbers (absent or malformed → undefined). */
export function idOf(ids: Record<string, number | string>, key: string): number | undefined {
  const n = Number(ids[key]);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}
