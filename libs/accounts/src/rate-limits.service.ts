import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import {
  IRateLimiterOptions,
  RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import { AppConfig } from '@gv/config';
import { AppException } from '@gv/core';
import { createRedis } from '@gv/queue';
import { AccountsError } from './accounts.errors';
import { PASSWORD_RESETS_PER_EMAIL_PER_HOUR } from './constants/password-reset.constant';

/**
 * Attempt budgets for the doors an attacker knocks on: sign-in (per account and per client address),
 * organisation sign-up and invitation acceptance (per address), "forgot password" (per address typed and
 * per client address; the address budget is SIGNUPS_PER_IP_PER_HOUR, the anonymous doors' hourly budget). An attempt is *consumed before* the
 * work is done, with one atomic operation (a Redis script shared by every api instance, or memory in
 * embedded mode), so a burst of parallel attempts cannot all slip past a check-then-record gap.
 */
@Injectable()
export class RateLimits implements OnApplicationShutdown {
  private readonly logger = new Logger('RateLimits');
  private readonly redis?: Redis;
  private readonly loginAccount: RateLimiterAbstract;
  private readonly loginAddress: RateLimiterAbstract;
  private readonly signups: RateLimiterAbstract;
  private readonly resetAccount: RateLimiterAbstract;
  private readonly resetAddress: RateLimiterAbstract;

  constructor(config: AppConfig) {
    if (config.REDIS_URL)
      this.redis = createRedis(config.REDIS_URL, 'gv-rate-limits', { failFast: true });
    const limiter = (name: string, opts: Omit<IRateLimiterOptions, 'keyPrefix'>) =>
      this.redis
        ? new RateLimiterRedis({
            storeClient: this.redis,
            keyPrefix: `${config.QUEUE_PREFIX}:rl:${name}`,
            ...opts,
          })
        : new RateLimiterMemory({ keyPrefix: name, ...opts });
    const block = config.LOGIN_BLOCK_SECONDS;
    this.loginAccount = limiter('login-account', {
      points: config.LOGIN_MAX_FAILURES,
      duration: block,
      blockDuration: block,
    });
    this.loginAddress = limiter('login-address', {
      points: config.LOGIN_MAX_FAILURES_PER_IP,
      duration: block,
      blockDuration: block,
    });
    this.signups = limiter('signup', {
      points: config.SIGNUPS_PER_IP_PER_HOUR,
      duration: 3600,
    });
    this.resetAccount = limiter('password-reset-account', {
      points: PASSWORD_RESETS_PER_EMAIL_PER_HOUR,
      duration: 3600,
    });
    this.resetAddress = limiter('password-reset-address', {
      points: config.SIGNUPS_PER_IP_PER_HOUR,
      duration: 3600,
    });
  }

  /**
   * Takes one sign-in attempt from the account's and the address's budgets; 429 `login_blocked` when
   * either is spent. Call `loginSucceeded` after a correct password: it gives both back.
   */
  async takeLoginAttempt(email: string, ip: string): Promise<void> {
    const account = accountKey(email);
    await this.take(this.loginAccount, account, 'login_blocked');
    await this.take(this.loginAddress, ip || 'unknown', 'login_blocked');
  }

  async loginSucceeded(email: string, ip: string): Promise<void> {
    await this.loginAccount.delete(accountKey(email));
    await this.loginAddress.reward(ip || 'unknown', 1);
  }

  /** Takes one sign-up or invitation acceptance from the address's hourly budget (429 `too_many_requests`). */
  async takeSignup(ip: string): Promise<void> {
    await this.take(this.signups, ip || 'unknown', 'too_many_requests');
  }

  /**
   * Takes one "forgot password" request from the client address's and the typed address's hourly
   * budgets, before anyone looks the address up (429 `too_many_requests` / `password_reset_throttled`).
   */
  async takePasswordResetRequest(email: string, ip: string): Promise<void> {
    await this.take(this.resetAddress, ip || 'unknown', 'too_many_requests');
    await this.take(this.resetAccount, accountKey(email), 'password_reset_throttled');
  }

  /** Takes one new-password attempt through a reset link from the client address's hourly budget. */
  async takePasswordResetAttempt(ip: string): Promise<void> {
    await this.take(this.resetAddress, ip || 'unknown', 'too_many_requests');
  }

  /** The owner proved they read the account's mail: a sign-in block of the account is lifted. */
  async passwordWasReset(email: string): Promise<void> {
    await this.loginAccount.delete(accountKey(email));
  }

  private async take(
    limiter: RateLimiterAbstract,
    key: string,
    code: 'login_blocked' | 'too_many_requests' | 'password_reset_throttled',
  ): Promise<void> {
    try {
      await limiter.consume(key);
    } catch (res) {
      if (!(res instanceof RateLimiterRes)) {
        // The shared counters are out of reach (Redis down): refuse the attempt rather than skip the check.
        this.logger.warn({ err: (res as Error)?.message }, 'rate limit store unavailable');
        throw new AppException(503, 'service_unavailable');
      }
      throw AccountsError.error(code, {
        retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
      });
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis?.quit().catch(() => undefined);
  }
}

function accountKey(email: string): string {
  return email.trim().toLowerCase();
}
