import { ValidateBy, ValidationOptions } from 'class-validator';

/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet (no I, O, Z, S, V).
 * Position 1 registration authority, 2 entity type, 3–8 administrative division code,
 * 9–17 organisation code, 18 the check character computed here.
 */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** Weight of position i is 3^i mod 31. */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** The check character for the first 17 characters; undefined if they are not in the alphabet. */
export function usccCheckChar(first17: string): string | undefined {
  if (first17.length !== 17) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_ALPHABET.indexOf(first17[i]);
    if (v < 0) return undefined;
    sum += v * WEIGHTS[i];
  }
  return USCC_ALPHABET[(31 - (sum % 31)) % 31];
}

/** True for a well-formed code (upper case) whose 18th character matches the check character. */
export function isValidUscc(code: unknown): boolean {
  if (typeof code !== 'string' || !SHAPE.test(code)) return false;
  return usccCheckChar(code.slice(0, 17)) === code[17];
}

/**
 * GB 11714 check character of a 9-character organisation code (positions 9–17 of a USCC).
 * Used to build realistic demo codes; the USCC check above does not depend on it.
 */
export function orgCodeCheckChar(first8: string): string | undefined {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  if (first8.length !== 8) return undefined;
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const v = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'.indexOf(first8[i]);
    if (v < 0) return undefined;
    sum += v * weights[i];
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/**
 * A valid USCC for a social organisation (登记管理机关 5 = civil affairs; type 1 社会团体, 2 民办非企业单位)
 * registered in `division` (e.g. 370705 奎文区), from a serial number. Deterministic, for demo data and tests.
 */
export function makeSocialOrgUscc(
  serial: number,
  division = '370705',
  kind: '1' | '2' = '2',
): string {
  const body8 = `MJ${String(serial % 1_000_000).padStart(6, '0')}`;
  const first17 = `5${kind}${division}${body8}${orgCodeCheckChar(body8)}`;
  return first17 + usccCheckChar(first17);
}

/** class-validator: a unified social credit code with the right check character (message key `validation.isUscc`). */
export function IsUscc(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isUscc',
      validator: { validate: (v: unknown) => isValidUscc(v), defaultMessage: () => 'isUscc' },
    },
    options,
  );
}
