import { Logger } from '@nestjs/common';
import IORedis, { Redis } from 'ioredis';

const logger = new Logger('Redis');

/**
 * ioredis connection. By default commands wait for Redis through an outage (BullMQ workers need
 * maxRetriesPerRequest: null for their blocking commands). `failFast` connections serve requests
 * (the job producer, rate limits, readiness): while Redis is unreachable a command fails at once
 * instead of queueing until it is back, so a request never hangs — holding its database connection —
 * through an outage. What could not be enqueued stays in the outbox for the sweep.
 */
export function createRedis(url: string, name: string, opts: { failFast?: boolean } = {}): Redis {
  const redis = new IORedis(url, {
    maxRetriesPerRequest: opts.failFast ? 1 : null,
    enableOfflineQueue: !opts.failFast,
    enableReadyCheck: true,
    connectionName: name,
    lazyConnect: false,
  });
  // Every reconnection attempt fails with an error event: one warning per outage, not one unstructured
  // "[ioredis] Unhandled error event" line on stderr per attempt.
  let down = false;
  redis.on('error', (err: Error) => {
    if (!down) logger.warn({ connection: name, err: err.message }, 'Redis unreachable');
    down = true;
  });
  redis.on('ready', () => {
    if (down) logger.log({ connection: name }, 'Redis reachable again');
    down = false;
  });
  return redis;
}
