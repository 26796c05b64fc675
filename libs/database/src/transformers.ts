import { ValueTransformer } from 'typeorm';

/**
 * Integer fen stored in BIGINT. mysql2 returns BIGINT as a string (bigNumberStrings);
 * this turns it back into a number and refuses anything that is not a safe integer.
 */
export const fenTransformer: ValueTransformer = {
  to(value: number | null | undefined) {
    if (value === null || value === undefined) return value;
    if (!Number.isSafeInteger(value))
      throw new RangeError(`money must be an integer number of fen, got ${value}`);
    return value;
  },
  from(value: string | number | null) {
    if (value === null || value === undefined) return value;
    const n = typeof value === 'number' ? value : Number(value);
    if (!Number.isSafeInteger(n)) throw new RangeError(`stored money out of range: ${value}`);
    return n;
  },
};

/** BIGINT ids and counters as numbers (safe-range checked). */
export const bigintNumberTransformer = fenTransformer;
