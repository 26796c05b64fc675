import { plainToInstance } from 'class-transformer';
import { IsOptional, IsString, MaxLength, validate } from 'class-validator';
import { AppException, Locale } from '@gv/core';
import { I18n } from '@gv/i18n';
import { translateFieldErrors, validationExceptionFactory } from './form-validation';

/** Query fields every page accepts besides its filters (the language switch, the flash after a redirect). */
export class PageExtras {
  @IsOptional() @IsString() @MaxLength(8) lang?: string;
  @IsOptional() @IsString() @MaxLength(32) done?: string;
}

export interface PageError {
  status: number;
  /** Translated messages by field (service field names). */
  errors: Record<string, string>;
  /** The translated message of the whole error, shown above the form. */
  formError: string;
}

/**
 * A service's AppException (4xx) as the page shows it: field messages next to the fields and the
 * error's own message on top. Anything else is rethrown to the exception filter.
 */
export function pageError(
  err: unknown,
  i18n: I18n,
  locale: Locale,
  mapField: (f: string) => string = (f) => f,
): PageError {
  if (
    !(err instanceof AppException) ||
    err.status >= 500 ||
    err.status === 401 ||
    err.status === 403 ||
    err.status === 404
  )
    throw err;
  const errors: Record<string, string> = {};
  for (const e of translateFieldErrors(i18n, locale, err.details ?? []))
    errors[mapField(e.field)] ??= e.message as string;
  return {
    status: err.status,
    errors,
    formError: i18n.t(locale, `errors.${err.code}`, err.params),
  };
}

/** validateForm's messages keyed by DTO path, re-keyed to form field names. */
export function remap(
  errors: Record<string, string>,
  mapField: (f: string) => string,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(errors)) out[mapField(k)] ??= v;
  return out;
}

/**
 * Query of a GET filter form: empty fields (an "all" select, a blank search) mean "no filter", so
 * they are dropped before the usual validation (400 with field details if anything else is wrong).
 */
export async function parseQuery<T extends object>(
  cls: new () => T,
  raw: Record<string, unknown>,
): Promise<T> {
  const cleaned = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== ''));
  const value = plainToInstance(cls, cleaned);
  const errors = await validate(value, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) throw validationExceptionFactory(errors);
  return value;
}

/** One posted form value: a field, repeated fields (`name=a&name=b`), or bracketed fields (`lines[0][item]`). */
export type FormValue = string | FormValue[] | { [key: string]: FormValue | undefined };

/**
 * What a browser form posts (urlencoded, parsed by qs) before validation: page handlers take it as
 * `@Body() body: FormInput`, validate it with `validateForm(Dto, …)`, and show it again as typed.
 */
export type FormInput = { [key: string]: FormValue | undefined };
