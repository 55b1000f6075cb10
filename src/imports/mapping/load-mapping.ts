import fs from 'node:fs/promises';
import type { z } from 'zod';
import { formatPath, MappingError } from './mapping-error.ts';
import { mappingSchema, type Mapping } from './schema.ts';
import { plainIssueMessage } from '../../shared/validation/issue-message.ts';

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
  const [first] = result.error.issues;
  const issue = first ? explainIssue(first) : { path: [], message: 'invalid' };
  const more = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more problem(s))` : '';
  throw new MappingError(formatPath(issue.path), `${issue.message}${more}`);
}

type Explained = { path: PropertyKey[]; message: string };

/**
 * A field given as an object is meant as the object form, so the problem is inside the alternative
 * whose shape fits the value (the one that did not fail on the value's type alone): its key and
 * reason are what the author needs to read, and the key goes into the path the error names.
 */
function explainIssue(issue: z.core.$ZodIssue): Explained {
  // A discriminated union names the allowed values of its key: say those.
  const discriminator = issue.code === 'invalid_union' && 'options' in issue && Array.isArray(issue.options) && issue.options.length > 0;
  if (issue.code !== 'invalid_union' || discriminator) return { path: [...issue.path], message: plainIssueMessage(issue) };
  const typeOnly = (branch: z.core.$ZodIssue[]) => branch.length === 1 && branch[0]?.code === 'invalid_type' && branch[0].path.length === 0;
  const fitting = issue.errors.filter((branch) => branch.length > 0 && !typeOnly(branch));
  const best = fitting.sort((a, b) => a.length - b.length)[0]?.[0];
  if (best) {
    const inner = explainIssue(best);
    return { path: [...issue.path, ...inner.path], message: inner.message };
  }
  // A value of no alternative's kind: the forms there are ("expected text or an object, got a number").
  return { path: [...issue.path], message: plainIssueMessage(issue) };
}
