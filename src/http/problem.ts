import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { MoneyError } from '../shared/money.ts';
import { DateError } from '../shared/dates.ts';
import { AppError, ERROR_CODES, type ErrorCode, type FieldError } from '../shared/errors.ts';
import { PROBLEM_TITLES, pickLocale } from './problem-titles.ts';
import { unknownKeyMessage, withoutLooserBounds, type IssueLike } from '../shared/validation/issue-message.ts';
import { toFieldError } from '../shared/validation/issue-params.ts';

export type Problem = {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: ErrorCode | 'internal_error';
  instance: string;
  errors?: FieldError[];
  [extra: string]: unknown;
};

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_request',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed_request',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'malformed_request',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_TYPE: 'unsupported_media_type',
  FST_ERR_BAD_URL: 'malformed_request',
  // A path segment longer than the router's maxParamLength (100): no record id is that long.
  FST_ERR_MAX_PARAM_LENGTH: 'malformed_request',
};

/** Maps any thrown error to an AppError; null means a programmer error (500). */
export function toAppError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const context = (error as { validationContext?: string }).validationContext ?? 'body';
    const issues = withoutLooserBounds(error.validation.map((v) => ({
      field: [context, ...v.instancePath.split('/').filter(Boolean)].join('.'),
      issue: { ...(v.params as IssueLike), code: v.keyword, message: v.message ?? 'invalid' },
    })));
    const fieldErrors = issues.flatMap(({ field, issue }): FieldError[] => {
      // Unknown fields: name each one, not the object that contains them.
      if (issue.code === 'unrecognized_keys' && Array.isArray(issue.keys)) {
        return issue.keys.map((key) => toFieldError(`${field}.${String(key)}`, issue, unknownKeyMessage(issue, String(key))));
      }
      return [toFieldError(field, issue)];
    });
    return new AppError('validation_failed', fieldErrors.map((f) => `${f.field}: ${f.message}`).join('; '), { fieldErrors });
  }
  if (error instanceof MoneyError || error instanceof DateError) {
    return new AppError('validation_failed', error.message, { extra: { reason: error.code } });
  }
  const fastifyCode = (error as FastifyError | undefined)?.code;
  if (fastifyCode && FASTIFY_CODES[fastifyCode]) {
    return new AppError(FASTIFY_CODES[fastifyCode], (error as Error).message);
  }
  const status = (error as FastifyError | undefined)?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new AppError(status === 404 ? 'not_found' : 'malformed_request', (error as Error).message);
  }
  return null;
}

export function buildProblem(error: AppError, request: FastifyRequest): Problem {
  const locale = pickLocale(request.headers['accept-language']);
  const info = ERROR_CODES[error.code];
  const title = locale === 'en' ? info.title : PROBLEM_TITLES[error.code][locale];
  return {
    type: `https://revline.dev/problems/${error.code.replaceAll('_', '-')}`,
    title,
    status: info.status,
    ...(error.detail ? { detail: error.detail } : {}),
    code: error.code,
    instance: `urn:revline:request:${request.id}`,
    ...(error.fieldErrors.length > 0 ? { errors: error.fieldErrors } : {}),
    ...error.extra,
  };
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.status(problem.status).header('content-type', 'application/problem+json; charset=utf-8').send(problem);
}

export function internalProblem(request: FastifyRequest): Problem {
  return {
    type: 'https://revline.dev/problems/internal-error',
    title: 'Internal server error',
    status: 500,
    detail: 'An unexpected error occurred; it has been logged with this request id.',
    code: 'internal_error',
    instance: `urn:revline:request:${request.id}`,
  };
}
