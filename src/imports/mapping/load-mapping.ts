import fs from 'node:fs/promises';
import { formatPath, MappingError } from './mapping-error.ts';
import { mappingSchema, type Mapping } from './schema.ts';

/** Reads and checks a mapping file. Every problem is a MappingError naming the mapping field. */
export async function loadMappingFile(file: string): Promise<Mapping> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new MappingError('', `cannot read the mapping file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new MappingError('', `the mapping file ${file} is not valid JSON: ${(error as Error).message}`);
  }
  return parseMapping(json);
}

/** Validates a mapping given as JSON (file, request body or a built-in source). */
export function parseMapping(json: unknown): Mapping {
  const result = mappingSchema.safeParse(json);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const more = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more problem(s))` : '';
  throw new MappingError(formatPath(issue?.path ?? []), `${issue?.message ?? 'invalid'}${more}`);
}
