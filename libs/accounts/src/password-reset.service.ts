import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, Not } from 'typeorm';
import { AuditService } from '@gv/audit';
import {
  NotificationContentFor,
  NotificationContentInput,
  NotificationEvent,
  NotificationSent,
  notify,
} from '@gv/notifications';
import { AccountsError } from './accounts.errors';
import { PASSWORD_RESET_MINUTES } from './constants/password-reset.constant';
import { hashPassword, hashToken, newToken } from './credentials.util';
import { AuthSession } from './entities/auth-session.entity';
import { PasswordReset } from './entities/password-reset.entity';
import { User } from './entities/user.entity';
import { RateLimits } from './rate-limits.service';

/** Tokens are 32 random bytes in base64url; anything else is not worth a query. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** Where a reset link points (the path carries the clear token). */
export const passwordResetPath = (token: string) => `/password/reset/${token}`;

/** Ends every still-usable reset link of an account (a reset was used, or the password changed). */
export async function revokePasswordResets(
  m: EntityManager,
  userId: number,
  now = new Date(),
): Promise<number> {
  const res = await m
    .createQueryBuilder()
    .update(PasswordReset)
    .set({ revokedAt: now, pendingToken: null })
    .where('userId = :userId AND usedAt IS NULL AND revokedAt IS NULL', { userId })
    .execute();
  return res.affected ?? 0;
}

/**
 * 忘记密码: a mailed, single-use, expiring link. The request always answers the same, whether or not an
 * account has the address (no enumeration), after taking from the per-address and per-client budgets.
 * The mail goes through the notification outbox (event `accounts.password_reset`, written in the request's
 * transaction; no inbox entry: the recipient is addressed by email only). Using a link sets the password,
 * ends every other link and every session of the account, and is audited.
 */
@Injectable()
export class PasswordResetService {
  private readonly logger = new Logger('PasswordReset');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly limits: RateLimits,
  ) {}

  /** Throttled (429) before the address is looked up; otherwise resolves alike for every address. */
  async request(email: string, ip: string): Promise<void> {
    const address = email.trim().toLowerCase();
    await this.limits.takePasswordResetRequest(address, ip);
    await this.ds.transaction(async (m) => {
      const user = await m
        .getRepository(User)
        .createQueryBuilder('u')
        .where('LOWER(u.email) = :email', { email: address })
        .getOne();
      if (!user?.active) return;
      const { token, hash } = newToken();
      const reset = await m.save(
        m.create(PasswordReset, {
          userId: user.id,
          tokenHash: hash,
          pendingToken: token,
          expiresAt: new Date(Date.now() + PASSWORD_RESET_MINUTES * 60_000),
          sentAt: null,
          usedAt: null,
          revokedAt: null,
          ip: ip.slice(0, 64) || null,
        }),
      );
      await notify(
        m,
        NotificationEvent.PasswordReset,
        [{ email: user.email, locale: user.locale }],
        { resetId: reset.id },
      );
      await this.audit.record(m, {
        action: 'user.password_reset_requested',
        entity: 'user',
        entityId: user.id,
        actorId: null,
        actorLabel: address,
        after: { resetId: reset.id, expiresAt: reset.expiresAt.toISOString() },
      });
    });
  }

  /** The usable link behind a token, with its account; 404 `reset_link_invalid` otherwise. */
  async findUsable(token: string): Promise<PasswordReset & { user: User }> {
    const reset = TOKEN_SHAPE.test(token)
      ? await this.ds
          .getRepository(PasswordReset)
          .findOne({ where: { tokenHash: hashToken(token) }, relations: { user: true } })
      : null;
    if (!reset?.user || !usable(reset) || !reset.user.active)
      throw AccountsError.error('reset_link_invalid');
    return reset as PasswordReset & { user: User };
  }

  /**
   * Sets the new password through a link. The link is taken by one conditional UPDATE, so two
   * submissions racing cannot both use it; then every other link and every session of the account end.
   */
  async reset(token: string, password: string): Promise<User> {
    const reset = await this.findUsable(token);
    const passwordHash = await hashPassword(password);
    const user = reset.user;
    await this.ds.transaction(async (m) => {
      const now = new Date();
      const taken = await m
        .createQueryBuilder()
        .update(PasswordReset)
        .set({ usedAt: now, pendingToken: null })
        .where('id = :id AND usedAt IS NULL AND revokedAt IS NULL AND expiresAt > :now', {
          id: reset.id,
          now,
        })
        .execute();
      if (!taken.affected) throw AccountsError.error('reset_link_invalid');
      await m.update(User, user.id, { passwordHash });
      const linksRevoked = await revokePasswordResets(m, user.id, now);
      const sessions = await m.delete(AuthSession, { userId: user.id });
      await this.audit.record(m, {
        action: 'user.password_reset',
        entity: 'user',
        entityId: user.id,
        actorId: user.id,
        actorLabel: user.email,
        after: { resetId: reset.id, sessionsEnded: sessions.affected ?? 0, linksRevoked },
      });
    });
    // Best effort: the password is already changed; a rate-limit store hiccup must not turn that into a 5xx.
    await this.limits.passwordWasReset(user.email).catch((err: Error) => {
      this.logger.warn({ err: err.message }, 'could not lift the sign-in block after a reset');
    });
    return user;
  }

  /**
   * Template data of the reset mail. The link carries the clear token, so it exists only while the
   * token waits to be mailed; a link used, revoked or expired before the mail left fails the row (visible
   * on the delivery page) instead of mailing a dead link.
   */
  @NotificationContentFor(NotificationEvent.PasswordReset, { inboxLink: false })
  async mailData({ ids, manager }: NotificationContentInput) {
    const id = Number(ids['resetId']);
    const reset = Number.isSafeInteger(id)
      ? await manager
          .getRepository(PasswordReset)
          .findOne({ where: { id }, relations: { user: true } })
      : null;
    if (!reset?.pendingToken || !usable(reset))
      throw new Error(`password reset ${ids['resetId']} has no usable pending link`);
    return {
      name: reset.user?.name ?? '',
      link: passwordResetPath(reset.pendingToken),
      expiresAt: reset.expiresAt,
      minutes: PASSWORD_RESET_MINUTES,
    };
  }

  /** Once the mail is accepted by the mail server only the hash remains (idempotent). */
  @NotificationSent(NotificationEvent.PasswordReset)
  async resetMailSent(input: {
    ids: Record<string, number | string>;
    manager: EntityManager;
  }): Promise<void> {
    await input.manager
      .getRepository(PasswordReset)
      .update(
        { id: Number(input.ids['resetId']), pendingToken: Not(IsNull()) },
        { pendingToken: null, sentAt: new Date() },
      );
  }
}

function usable(r: PasswordReset, now = Date.now()): boolean {
  return !r.usedAt && !r.revokedAt && r.expiresAt.getTime() > now;
}
