import IORedis, { Redis } from 'ioredis';

/** ioredis connection for BullMQ (workers need maxRetriesPerRequest: null). */
export function createRedis(url: string, name: string): Redis {
  return new IORedis(url, {
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    connectionName: name,
    lazyConnect: false,
  });
}
