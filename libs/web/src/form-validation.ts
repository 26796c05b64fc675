import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validate, ValidationError } from 'class-validator';
import { AppException, FieldError, Locale } from '@gv/core';
import { I18n } from '@gv/i18n';

type Ctor<T> = new () => T;

const PARAM_NAMES: Record<string, string[]> = {
  min: ['min'],
  max: ['max'],
  minLength: ['min'],
  maxLength: ['max'],
  isLength: ['min', 'max'],
  arrayMinSize: ['min'],
  arrayMaxSize: ['max'],
};

function constraintParams(
  target: object | undefined,
  property: string,
  type: string,
): Record<string, unknown> {
  if (!target || !PARAM_NAMES[type]) return {};
  const metas = getMetadataStorage().getTargetValidationMetadatas(
    target.constructor as Ctor<object>,
    '',
    true,
    false,
  );
  const meta = metas.find(
    (m) => m.propertyName === property && (m.name === type || m.type === type),
  );
  const values = (meta?.constraints ?? []) as unknown[];
  return Object.fromEntries(PARAM_NAMES[type].map((n, i) => [n, values[i]]));
}

/** class-validator errors → field errors (dotted paths for nested objects), each with a translation key. */
export function toFieldErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    // class-validator lists a property's failures last decorator first: reversed, they come in the
    // order they are declared (type before range), so the first one says what is wrong first.
    const own = Object.keys(e.constraints ?? {})
      .reverse()
      .map((code) => ({
        field,
        code,
        params: constraintParams(e.target, e.property, code),
      }));
    return [...own, ...toFieldErrors(e.children ?? [], field)];
  });
}

/** Adds translated messages to field errors. */
export function translateFieldErrors(
  i18n: I18n,
  locale: Locale,
  errors: FieldError[],
): FieldError[] {
  return errors.map((e) => ({
    ...e,
    message:
      e.message ??
      (i18n.has(locale, `validation.${e.code}`)
        ? i18n.t(locale, `validation.${e.code}`, e.params)
        : i18n.t(locale, `errors.${e.code}`, e.params)),
  }));
}

function valueAt(input: Record<string, unknown>, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
      input,
    );
}

function isBlank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

/** For pages: validates a posted form; returns the typed value or translated errors by field. */
export async function validateForm<T extends object>(
  cls: Ctor<T>,
  body: unknown,
  i18n: I18n,
  locale: Locale,
): Promise<{ value?: T; errors: Record<string, string> }> {
  const input = { ...(body as Record<string, unknown>) };
  delete input['_csrf'];
  const value = plainToInstance(cls, input, { enableImplicitConversion: false });
  const errors = await validate(value, { whitelist: true, forbidNonWhitelisted: true });
  if (!errors.length) return { value, errors: {} };
  const map: Record<string, string> = {};
  for (const e of translateFieldErrors(i18n, locale, toFieldErrors(errors)))
    // A field left empty is "required", whatever rule it then failed (a range, a format, a check digit).
    map[e.field] ??= isBlank(valueAt(input, e.field))
      ? i18n.t(locale, 'validation.required')
      : (e.message as string);
  return { errors: map };
}

/** The ValidationPipe's exceptionFactory: one 400 body with field details. */
export function validationExceptionFactory(errors: ValidationError[]): AppException {
  return AppException.validation(toFieldErrors(errors));
}
