import { WallClock } from './roadshow-types';

const WALL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * Minutes since 1970-01-01T00:00 of a wall-clock string, or undefined when malformed. Asia/Shanghai
 * has no daylight saving, so wall-clock arithmetic is exact.
 */
export function parseWallClock(s: unknown): number | undefined {
  if (typeof s !== 'string') return undefined;
  const m = WALL.exec(s);
  if (!m) return undefined;
  const [y, mo, d, h, mi] = m.slice(1).map(Number);
  const ms = Date.UTC(y, mo - 1, d, h, mi);
  const date = new Date(ms);
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || h > 23 || mi > 59)
    return undefined;
  return ms / 60_000;
}

export function formatWallClock(minutes: number): WallClock {
  return new Date(minutes * 60_000).toISOString().slice(0, 16);
}
