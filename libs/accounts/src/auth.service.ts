import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LRUCache } from 'lru-cache';
import { DataSource, LessThan } from 'typeorm';
import { AppConfig } from '@gv/config';
import { AppException, changeSignals, SESSION_TOUCH, SessionUser } from '@gv/core';
import { AuditService } from '@gv/audit';
import { JobHandler, JobName } from '@gv/queue';
import { AuthSession } from './entities/auth-session.entity';
import { PasswordReset } from './entities/password-reset.entity';
import { User } from './entities/user.entity';
import {
  dummyPasswordHash,
  hashPassword,
  hashToken,
  newToken,
  verifyPassword,
} from './credentials.util';
import { RateLimits } from './rate-limits.service';
import { AccountsError } from './accounts.errors';
import { PASSWORD_RESET_KEEP_DAYS } from './constants/password-reset.constant';
import { revokePasswordResets } from './password-reset.service';

const TOUCH_EVERY_MS = 60_000;

/** A recently checked sign-in: who it is, until when it may be served without asking the database. */
interface CachedSession {
  user: SessionUser;
  /** The `sessions` change version it was read under: any later revocation makes it stale. */
  version: number;
  until: number;
}

export function toSessionUser(u: User, kind: 'web' | 'api'): SessionUser {
  return {
    userId: u.id,
    name: u.name,
    email: u.email,
    role: u.role,
    roles: [u.role],
    locale: u.locale,
    communityId: u.communityId,
    organisationId: u.organisationId,
    sessionKind: kind,
  };
}

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly config: AppConfig,
    private readonly limits: RateLimits,
    private readonly audit: AuditService,
  ) {}

  /**
   * Sign-ins checked in the last SESSION_CACHE_MS, by token hash. An entry is served only while the
   * `sessions` change version is the one it was read under: logout, password change or reset, deactivation
   * and role changes bump it (the change feed sees every DELETE of a session and every write to a user,
   * in this process and, through Redis, in the others), so a revoked sign-in is refused at once.
   */
  private readonly recent = new LRUCache<string, CachedSession>({ max: 10_000 });

  /** Checks the password and opens a session. Wrong credentials: 401 with a generic message; too many: 429. */
  async login(
    email: string,
    password: string,
    ip: string,
    kind: 'web' | 'api',
  ): Promise<{ token: string; expiresAt: Date; user: User }> {
    await this.limits.takeLoginAttempt(email, ip);
    const user = await this.ds
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('LOWER(u.email) = :email', { email: email.trim().toLowerCase() })
      .getOne();
    const ok =
      user?.passwordHash && user.active
        ? await verifyPassword(user.passwordHash, password)
        : (await verifyPassword(await dummyPasswordHash(), password), false);
    if (!user || !ok) {
      throw AccountsError.error('invalid_credentials');
    }
    await this.limits.loginSucceeded(email, ip);
    const { token, hash } = newToken();
    const now = new Date();
    const expiresAt = new Date(now.getTime() + this.config.SESSION_TTL_HOURS * 3600_000);
    await this.ds.transaction(async (m) => {
      await m.insert(AuthSession, {
        tokenHash: hash,
        userId: user.id,
        kind,
        expiresAt,
        lastSeenAt: now,
        ip: ip.slice(0, 64),
      });
      await m.update(User, user.id, { lastLoginAt: now });
      await this.audit.record(m, {
        action: 'auth.login',
        entity: 'user',
        entityId: user.id,
        actorId: user.id,
        actorLabel: user.email,
        after: { kind },
      });
    });
    return { token, expiresAt, user };
  }

  /** The user behind a token, or undefined. Sliding expiry, touched at most once a minute. */
  async authenticate(token: string): Promise<SessionUser | undefined> {
    const hash = hashToken(token);
    const version = changeSignals.version('sessions');
    const hit = this.recent.get(hash);
    if (hit && hit.version === version && hit.until > Date.now()) return { ...hit.user };
    const user = await this.lookUp(hash);
    // Cached only if nothing was revoked while it was read (the version read before the query).
    if (user && this.config.SESSION_CACHE_MS > 0 && changeSignals.version('sessions') === version)
      this.recent.set(hash, {
        user: user.user,
        version,
        until: Math.min(Date.now() + this.config.SESSION_CACHE_MS, user.expiresAt),
      });
    else this.recent.delete(hash);
    return user ? { ...user.user } : undefined;
  }

  private async lookUp(
    hash: string,
  ): Promise<{ user: SessionUser; expiresAt: number } | undefined> {
    const session = await this.ds
      .getRepository(AuthSession)
      .createQueryBuilder('s')
      .innerJoinAndSelect('s.user', 'u')
      .where('s.tokenHash = :hash', { hash })
      .getOne();
    const now = Date.now();
    // Activity extends a sign-in up to an absolute lifetime from when it began, never beyond.
    const end = session
      ? session.createdAt.getTime() + this.config.SESSION_MAX_HOURS * 3600_000
      : 0;
    if (!session?.user || !session.user.active || session.expiresAt.getTime() <= now || end <= now)
      return undefined;
    let expiresAt = session.expiresAt.getTime();
    if (now - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
      const ttl =
        session.kind === 'web'
          ? this.config.SESSION_TTL_HOURS * 3600_000
          : session.expiresAt.getTime() - now;
      expiresAt = Math.min(now + ttl, end);
      // Marked: extending a sign-in revokes nothing, so cached sign-ins stay (see changesOf).
      await this.ds
        .createQueryBuilder()
        .update(AuthSession)
        .set({ lastSeenAt: new Date(now), expiresAt: new Date(expiresAt) })
        .where('id = :id', { id: session.id })
        .comment(SESSION_TOUCH)
        .execute();
    }
    return { user: toSessionUser(session.user, session.kind), expiresAt: Math.min(expiresAt, end) };
  }

  async logout(token: string): Promise<void> {
    const hash = hashToken(token);
    this.recent.delete(hash);
    await this.ds.getRepository(AuthSession).delete({ tokenHash: hash });
  }

  async changePassword(
    userId: number,
    current: string,
    next: string,
    keepToken?: string,
  ): Promise<void> {
    const user = await this.ds
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.id = :id', { id: userId })
      .getOneOrFail();
    if (!user.passwordHash || !(await verifyPassword(user.passwordHash, current))) {
      throw AppException.validation([{ field: 'currentPassword', code: 'wrong_password' }]);
    }
    const passwordHash = await hashPassword(next);
    await this.ds.transaction(async (m) => {
      await m.update(User, userId, { passwordHash });
      // Other sessions end: a changed password must lock out whoever else had it.
      const qb = m
        .createQueryBuilder()
        .delete()
        .from(AuthSession)
        .where('userId = :userId', { userId });
      if (keepToken) qb.andWhere('tokenHash <> :keep', { keep: hashToken(keepToken) });
      await qb.execute();
      // A "forgot password" link still in someone's mailbox must not undo the change.
      await revokePasswordResets(m, userId);
      await this.audit.record(m, {
        action: 'user.password_changed',
        entity: 'user',
        entityId: userId,
      });
    });
  }

  @JobHandler(JobName.PurgeExpiredSessions)
  async purgeExpiredSessions(): Promise<void> {
    await this.ds.getRepository(AuthSession).delete({ expiresAt: LessThan(new Date()) });
    // Reset links are kept a few days past their expiry (for questions about a reset), then go too.
    await this.ds.getRepository(PasswordReset).delete({
      expiresAt: LessThan(new Date(Date.now() - PASSWORD_RESET_KEEP_DAYS * 86400_000)),
    });
  }
}
