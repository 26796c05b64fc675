import { ValidateBy, ValidationOptions } from 'class-validator';
import { parseShanghai } from './time';

/** Money in the API: a whole, non-negative number of fen (no decimals, no strings). i18n key validation.isFen. */
export function IsFen(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isFen',
      validator: {
        validate: (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0,
      },
    },
    options,
  );
}

/** "YYYY-MM-DD" or "YYYY-MM-DDTHH:mm" read as Asia/Shanghai wall-clock time, or an ISO instant with offset. */
export function IsShanghaiDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isShanghaiDate',
      validator: { validate: (v: unknown) => typeof v === 'string' && toInstant(v) !== undefined },
    },
    options,
  );
}

export function toInstant(v: string): Date | undefined {
  const local = parseShanghai(v);
  if (local) return local;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(v)) {
    const d = new Date(v);
    return Number.isNaN(d.getTime()) ? undefined : d;
  }
  return undefined;
}
