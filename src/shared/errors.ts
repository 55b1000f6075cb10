/**
 * Typed application errors. Every code maps to an HTTP status and a title in
 * ERROR_CODES; adding a code without an entry does not compile (Record over the
 * union), so there is no `default: 500` anywhere.
 */
export type ErrorCode =
  | 'validation_failed'
  | 'malformed_request'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'unauthenticated'
  | 'forbidden'
  | 'csrf_failed'
  | 'not_found'
  | 'method_not_allowed'
  | 'conflict'
  | 'version_conflict'
  | 'precondition_required'
  | 'idempotency_key_reused'
  | 'idempotency_key_in_progress'
  | 'invalid_idempotency_key'
  | 'business_rule_violated'
  | 'rate_limited'
  | 'setup_already_done'
  | 'quote_link_invalid';

export type ErrorInfo = { status: number; title: string };

export const ERROR_CODES: Record<ErrorCode, ErrorInfo> = {
  validation_failed: { status: 400, title: 'The request is not valid' },
  malformed_request: { status: 400, title: 'The request could not be read' },
  payload_too_large: { status: 413, title: 'The request body is too large' },
  unsupported_media_type: { status: 415, title: 'The content type is not supported' },
  unauthenticated: { status: 401, title: 'Authentication is required' },
  forbidden: { status: 403, title: 'You are not allowed to do this' },
  csrf_failed: { status: 403, title: 'The request did not pass the CSRF check' },
  not_found: { status: 404, title: 'The record was not found' },
  method_not_allowed: { status: 405, title: 'This method is not allowed here' },
  conflict: { status: 409, title: 'The request conflicts with the current state' },
  version_conflict: { status: 409, title: 'The record was changed by someone else' },
  precondition_required: { status: 428, title: 'A version (If-Match) is required for this update' },
  idempotency_key_reused: { status: 422, title: 'The Idempotency-Key was already used with a different request' },
  idempotency_key_in_progress: { status: 409, title: 'A request with this Idempotency-Key is still being processed' },
  invalid_idempotency_key: { status: 400, title: 'The Idempotency-Key header is not valid' },
  business_rule_violated: { status: 422, title: 'The request breaks a business rule' },
  rate_limited: { status: 429, title: 'Too many requests' },
  setup_already_done: { status: 409, title: 'Set-up has already been completed' },
  quote_link_invalid: { status: 404, title: 'This quote link is invalid or has expired' },
};

/**
 * What a client needs to word a field error in its reader's language ("Höchstens 100 Zeichen."):
 * the parameters of the zod issue behind it, JSON-safe, by `code` (docs/architecture.md "Errors"):
 * too_small `{ origin, minimum, inclusive, exact? }`, too_big `{ origin, maximum, inclusive, exact? }`,
 * invalid_format `{ format, prefix? | suffix? | includes? }` (never a regular expression),
 * invalid_value `{ values }`, not_multiple_of `{ divisor }`, invalid_type `{ expected }` (zod's type
 * name: string, number, int, boolean, object, array, …; never the type received). A bigint is a
 * string of digits (it may exceed 2^53); a limit of origin `date` is an ISO 8601 instant.
 */
export type FieldErrorParams = {
  origin?: string;
  minimum?: number | string;
  maximum?: number | string;
  inclusive?: boolean;
  exact?: true;
  format?: string;
  prefix?: string;
  suffix?: string;
  includes?: string;
  values?: (string | number | boolean | null)[];
  divisor?: number | string;
  expected?: string;
  missing?: true;
};

export type FieldError = { field: string; message: string; code?: string; params?: FieldErrorParams };

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly detail: string | undefined;
  readonly fieldErrors: FieldError[];
  readonly extra: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    detail?: string,
    options: { fieldErrors?: FieldError[]; extra?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(detail ?? ERROR_CODES[code].title, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.detail = detail;
    this.fieldErrors = options.fieldErrors ?? [];
    this.extra = options.extra ?? {};
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }
}

export function notFound(entity: string, id: string): AppError {
  return new AppError('not_found', `${entity} ${id} does not exist or is not visible to you`, {
    extra: { entity, id },
  });
}

export function forbidden(detail: string): AppError {
  return new AppError('forbidden', detail);
}

export function ruleViolated(detail: string, extra: Record<string, unknown> = {}): AppError {
  return new AppError('business_rule_violated', detail, { extra });
}

/** Programmer errors: not caught, surface as a 500 with context in the log. */
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`Assertion failed: ${message}`);
}
