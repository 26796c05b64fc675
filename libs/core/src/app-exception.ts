/**
 * The one application error. `code` is a stable identifier and the i18n key `errors.<code>`;
 * the exception filter turns it into `{ statusCode, code, message, details?, correlationId }`
 * in the caller's language.
 */
export interface FieldError {
  field: string;
  code: string;
  message?: string;
  params?: Record<string, unknown>;
}

export class AppException extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly params: Record<string, unknown> = {},
    readonly details?: FieldError[],
  ) {
    super(code);
    this.name = 'AppException';
  }

  static badRequest(code: string, params?: Record<string, unknown>, details?: FieldError[]) {
    return new AppException(400, code, params, details);
  }
  static validation(details: FieldError[]) {
    return new AppException(400, 'validation_failed', {}, details);
  }
  static unauthorized(code = 'unauthenticated') {
    return new AppException(401, code);
  }
  static forbidden(code = 'forbidden') {
    return new AppException(403, code);
  }
  /** Also used for records of other owners: they answer 404, never their data. */
  static notFound(code = 'not_found', params?: Record<string, unknown>) {
    return new AppException(404, code, params);
  }
  static conflict(code: string, params?: Record<string, unknown>) {
    return new AppException(409, code, params);
  }
  static tooMany(code = 'too_many_requests', params?: Record<string, unknown>) {
    return new AppException(429, code, params);
  }
}
