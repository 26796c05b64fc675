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

/**
 * The character limits of a DTO's text fields, from its own `@MaxLength` / `@Length` rules, so a page's
 * `maxlength` attributes (and the "at most N characters" beside them) always match what the server
 * accepts. Give the page model `maxLengths: formLimits(Dto)`; the `field` partial reads `maxLengths[name]`.
 * `rename` maps DTO property names to form field names where they differ.
 */
export function formLimits(
  cls: Ctor<object>,
  rename: Record<string, string> = {},
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false)) {
    if (m.each) continue; // a rule on each item of a list, not on a text field
    const kind = m.name ?? m.type;
    const max =
      kind === 'maxLength'
        ? Number(m.constraints?.[0])
        : kind === 'isLength'
          ? Number(m.constraints?.[1])
          : NaN;
    if (!Number.isInteger(max) || max <= 0) continue;
    const field = rename[m.propertyName] ?? m.propertyName;
    out[field] = Math.min(out[field] ?? max, max);
  }
  return out;
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
    // A form takes yuan and hands the DTO fen: an amount it refused was malformed yuan, not "fen".
    map[e.field] ??= isBlank(valueAt(input, e.field))
      ? i18n.t(locale, 'validation.required')
      : e.code === 'isFen'
        ? i18n.t(locale, 'validation.yuan')
        : (e.message as string);
  return { errors: map };
}

/** The ValidationPipe's exceptionFactory: one 400 body with field details. */
export function validationExceptionFactory(errors: ValidationError[]): AppException {
  return AppException.validation(toFieldErrors(errors));
}
