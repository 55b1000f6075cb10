import { AppError } from '../shared/errors.ts';

/** The API's field names (querystring.asOf, body.teamId) as the options the CLI user typed (--as-of, --team). */
export type OptionNames = Readonly<Record<string, string>>;

/** The service names the API's fields; the CLI user typed options. */
export function withOptionNames(error: AppError, names: OptionNames): AppError {
  if (error.fieldErrors.length === 0) return error;
  const rename = (text: string) => Object.entries(names).reduce((result, [field, option]) => result.replaceAll(field, option), text);
  const fieldErrors = error.fieldErrors.map((field) => ({ ...field, field: names[field.field] ?? field.field }));
  return new AppError(error.code, rename(error.detail ?? error.message), { fieldErrors, cause: error });
}

/** Runs a command's service call, renaming the fields of its AppError to options. */
export async function namingOptions<T>(names: OptionNames, work: Promise<T>): Promise<T> {
  return work.catch((error: unknown) => {
    throw error instanceof AppError ? withOptionNames(error, names) : error;
  });
}

/** A command's own usage check that names no option (an unknown metric name): one line, exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * The exit code of an error that reached the top: 2 (usage) when it is about the options typed —
 * every field it names is an option — or a UsageError, else 1 (data).
 */
export function exitCodeOf(error: unknown): 1 | 2 {
  if (error instanceof UsageError) return 2;
  if (!(error instanceof AppError) || error.fieldErrors.length === 0) return 1;
  return error.fieldErrors.every((field) => field.field.startsWith('--')) ? 2 : 1;
}
