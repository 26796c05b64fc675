import { Controller, Get, Optional, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  HealthCheckService,
  HealthIndicatorFunction,
  HealthIndicatorService,
} from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '@gv/core';
import { BullmqJobProducer } from '@gv/queue';

/** `p`, or a rejection after `ms` milliseconds (the timer does not hold the process open). */
function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timeout of ${ms}ms exceeded`)), ms);
      timer.unref();
    }),
  ]).finally(() => clearTimeout(timer));
}

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    @InjectDataSource() private readonly ds: DataSource,
    private readonly indicator: HealthIndicatorService,
    @Optional() private readonly bull?: BullmqJobProducer,
  ) {}

  /** The process is up. */
  @Get('live')
  live() {
    return { status: 'ok' };
  }

  /** Ready to serve: database reachable, and Redis when configured. 503 otherwise. */
  @Get('ready')
  async ready(@Res({ passthrough: true }) res: Response) {
    // The database ping by hand: terminus' TypeOrmHealthIndicator resolves its packages with require on
    // every call (a third of a probe's CPU). Same answer: up, or down with the error after 3 s at most.
    const checks: HealthIndicatorFunction[] = [
      async () => {
        const i = this.indicator.check('database');
        try {
          await withTimeout(this.ds.query('SELECT 1'), 3000);
          return i.up();
        } catch (err) {
          return i.down({ message: (err as Error).message });
        }
      },
    ];
    const redis = this.bull?.connection;
    if (redis) {
      checks.push(async () => {
        const i = this.indicator.check('redis');
        try {
          // Down at once while reconnecting (the producer connection fails fast, see createRedis);
          // a connection that looks up but does not answer is down after 3 s, like the database.
          if (redis.status !== 'ready') throw new Error(`connection ${redis.status}`);
          await withTimeout(redis.ping(), 3000);
          return i.up();
        } catch (err) {
          return i.down({ message: (err as Error).message });
        }
      });
    }
    try {
      return await this.health.check(checks);
    } catch (err) {
      if (err instanceof ServiceUnavailableException) {
        res.status(503);
        return err.getResponse();
      }
      throw err;
    }
  }
}
