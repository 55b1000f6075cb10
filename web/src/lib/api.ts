import i18next from 'i18next';
import { currentLanguage } from '../i18n/i18n.ts';

/**
 * The parameters of the check a field error broke, by its code (src/shared/errors.ts, docs/architecture.md
 * "Errors"): a bigint limit is a string of digits, a date limit an ISO 8601 instant.
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
  /** invalid_type: the type wanted, as zod names it (string, number, int, boolean, array, …). */
  expected?: string;
  missing?: true;
};

/** A field error as the server sends it: `field` is `body.<name>`, `querystring.<name>`, … */
export type FieldError = { field: string; message: string; code?: string; params?: FieldErrorParams };

/** RFC 9457 problem details, as built by src/http/problem.ts. */
export type Problem = {
  title: string;
  status: number;
  detail?: string;
  code?: string;
  instance?: string;
  errors?: FieldError[];
};

export class ApiError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.problem = problem;
  }
}

type Listener = () => void;
const unauthenticatedListeners = new Set<Listener>();

/** Called when a signed-in call answers 401 (the session ended); returns an unsubscribe function. */
export function onUnauthenticated(listener: Listener): () => void {
  unauthenticatedListeners.add(listener);
  return () => {
    unauthenticatedListeners.delete(listener);
  };
}

// A 401 from these is handled where they are called (wrong password, bad set-up link, not signed in yet).
const CREDENTIAL_PATHS = new Set(['/auth/login', '/auth/logout', '/auth/me', '/setup']);

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

const CSRF_STORAGE_KEY = 'revline.csrfToken';
let csrfToken: string | null = readStoredCsrfToken();

function readStoredCsrfToken(): string | null {
  try {
    return window.sessionStorage.getItem(CSRF_STORAGE_KEY);
  } catch {
    return null;
  }
}

/**
 * Keeps the session's CSRF token (returned at sign-in) in memory and in this
 * tab's sessionStorage, so a reload keeps writes working; null forgets it.
 */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
  try {
    if (token === null) window.sessionStorage.removeItem(CSRF_STORAGE_KEY);
    else window.sessionStorage.setItem(CSRF_STORAGE_KEY, token);
  } catch {
    // memory only
  }
}

/** Whether this tab holds the session's CSRF token (a reload after sign-in): writes can go out before GET /auth/me answers. */
export function hasCsrfToken(): boolean {
  return csrfToken !== null;
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && typeof (value as { title?: unknown }).title === 'string';
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Extra request headers, e.g. `{ 'if-match': '"3"' }` for a DELETE that has no body to carry `version`;
 * `early`: sent before the session is known (page start-up), so a 401 means "not signed in yet",
 * not "the session ended", and is left to the session check.
 */
export type RequestOptions = { headers?: Record<string, string>; early?: boolean };

/**
 * Calls /api/v1 with the session cookie, the UI language (so problem titles
 * come back localized) and, on writes, the X-CSRF-Token header the server's
 * double-submit check expects. Failures throw ApiError carrying problem+json.
 */
export async function apiRequest<T>(method: HttpMethod, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  return send<T>(method, path, body === undefined ? undefined : { data: JSON.stringify(body), contentType: 'application/json' }, options);
}

/** apiRequest with a file as the body as it is (e.g. a CSV statement as text/csv), not as JSON. */
export async function apiUpload<T>(path: string, data: Blob, contentType: string, options: RequestOptions = {}): Promise<T> {
  return send<T>('POST', path, { data, contentType }, options);
}

async function send<T>(method: HttpMethod, path: string, body: { data: string | Blob; contentType: string } | undefined, options: RequestOptions): Promise<T> {
  const { early = false, ...rest } = options;
  const headers: Record<string, string> = {
    ...rest.headers,
    accept: 'application/json, application/problem+json',
    'accept-language': currentLanguage(),
  };
  // No content-type without a body: Fastify rejects an empty JSON body.
  if (body !== undefined) headers['content-type'] = body.contentType;
  if (method !== 'GET' && csrfToken !== null) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body === undefined ? {} : { body: body.data }),
    });
  } catch {
    throw new ApiError({ title: i18next.t('errors.networkTitle'), detail: i18next.t('errors.networkDetail'), status: 0, code: 'network_error' });
  }
  const payload = parseJson(await response.text());
  if (!response.ok) {
    if (response.status === 401 && !early && !CREDENTIAL_PATHS.has(path)) unauthenticatedListeners.forEach((listener) => listener());
    throw new ApiError(isProblem(payload) ? { ...payload, status: response.status } : { title: i18next.t('errors.unexpectedTitle'), status: response.status, detail: `HTTP ${response.status}` });
  }
  return payload as T;
}
