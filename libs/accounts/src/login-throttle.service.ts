import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import {
  RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import { AppConfig } from '@gv/config';
import { createRedis } from '@gv/queue';
import { AccountsError } from './accounts.errors';

/**
 * Counts failed logins per (account, address). After LOGIN_MAX_FAILURES the pair is blocked for
 * LOGIN_BLOCK_SECONDS. Counters live in Redis in production (shared by every api instance)
 * and in memory in embedded mode (one process).
 */
@Injectable()
export class LoginThrottle implements OnApplicationShutdown {
  private readonly limiter: RateLimiterAbstract;
  private readonly redis?: Redis;

  constructor(config: AppConfig) {
    const opts = {
      keyPrefix: `${config.QUEUE_PREFIX}:login-fail`,
      points: config.LOGIN_MAX_FAILURES,
      duration: config.LOGIN_BLOCK_SECONDS,
      blockDuration: config.LOGIN_BLOCK_SECONDS,
    };
    if (config.REDIS_URL) {
      this.redis = createRedis(config.REDIS_URL, 'gv-login-throttle');
      this.limiter = new RateLimiterRedis({ storeClient: this.redis, ...opts });
    } else {
      this.limiter = new RateLimiterMemory(opts);
    }
  }

  private key(email: string, ip: string) {
    return `${email.trim().toLowerCase()}|${ip}`;
  }

  /** Throws 429 when this pair is blocked. */
  async assertAllowed(email: string, ip: string): Promise<void> {
    const res = await this.limiter.get(this.key(email, ip));
    if (res && res.remainingPoints <= 0) {
      throw AccountsError.error('login_blocked', {
        retryAfterSeconds: Math.ceil(res.msBeforeNext / 1000),
      });
    }
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    try {
      await this.limiter.consume(this.key(email, ip));
    } catch (res) {
      if (res instanceof RateLimiterRes) return; // now blocked; the next attempt gets 429
      throw res;
    }
  }

  async reset(email: string, ip: string): Promise<void> {
    await this.limiter.delete(this.key(email, ip));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis?.quit().catch(() => undefined);
  }
}
