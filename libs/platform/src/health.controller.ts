import { Controller, Get, Optional, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  HealthCheckService,
  HealthIndicatorFunction,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import type { Response } from 'express';
import { Public } from '@gv/core';
import { BullmqJobProducer } from '@gv/queue';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
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
    const checks: HealthIndicatorFunction[] = [
      () => this.db.pingCheck('database', { timeout: 3000 }),
    ];
    const redis = this.bull?.connection;
    if (redis) {
      checks.push(async () => {
        const i = this.indicator.check('redis');
        try {
          // Down at once while reconnecting (the producer connection fails fast, see createRedis);
          // a connection that looks up but does not answer is down after 3 s, like the database.
          if (redis.status !== 'ready') throw new Error(`connection ${redis.status}`);
          await Promise.race([
            redis.ping(),
            new Promise((_, reject) =>
              setTimeout(() => reject(new Error('timeout of 3000ms exceeded')), 3000).unref(),
            ),
          ]);
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
