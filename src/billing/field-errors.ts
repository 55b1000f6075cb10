import { AppError } from '../shared/errors.ts';

export function fieldError(field: string, message: string, detail = `${field}: ${message}`): AppError {
  return new AppError('validation_failed', detail, { fieldErrors: [{ field, message }] });
}

export function ruleError(field: string, message: string, detail = `${field}: ${message}`): AppError {
  return new AppError('business_rule_violated', detail, { fieldErrors: [{ field, message }] });
}
