import { AppException, FieldError } from './app-exception';

/** The HTTP statuses a context's error may carry (client errors only: a 5xx is never a decision). */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429;

export interface ContextErrors<C extends string> {
  /** Every code with its status: the one place the status of a code is chosen. */
  readonly statuses: Readonly<Record<C, ErrorStatus>>;
  /** The codes as an enum-like object (`ProposalsError.codes.proposal_locked`). */
  readonly codes: Readonly<{ [K in C]: K }>;
  /** The exception for `code` (translated as `errors.<code>` in the caller's language). */
  error(code: C, params?: Record<string, unknown>, details?: FieldError[]): AppException;
}

/**
 * A context's typed error codes: `export const ProposalsError = defineErrors({ proposal_locked: 409 })`,
 * then `throw ProposalsError.error('proposal_locked', { status })`. A misspelt code does not compile;
 * a spec checks each code has zh-CN and en text.
 */
export function defineErrors<C extends string>(statuses: Record<C, ErrorStatus>): ContextErrors<C> {
  const codes = Object.fromEntries(Object.keys(statuses).map((k) => [k, k])) as {
    [K in C]: K;
  };
  return {
    statuses,
    codes,
    error: (code, params = {}, details) => new AppException(statuses[code], code, params, details),
  };
}
