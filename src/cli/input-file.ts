import fs from 'node:fs';
import { AppError } from '../shared/errors.ts';

/**
 * A file named on the command line that cannot be read, or holds nothing: the run does not start
 * and the message names the path. Exit 1 (the command could not run), as `revline import` answers
 * an unreadable file (docs/imports.md, README "The `revline` command").
 */
export class InputFileError extends Error {
  override readonly name = 'InputFileError';
}

const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  ENOTDIR: 'a part of the path is not a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the name is too long',
};

function cannotRead(filePath: string, error: unknown): InputFileError {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return new InputFileError(`cannot read ${filePath}: ${REASONS[code] ?? (error as Error).message}`);
}

/**
 * Checks a file argument before the command opens the database: it exists, is a file, is readable
 * and is not empty. `expected` says what it should hold. Nothing to import is a mistake more often
 * than not (a wrong path, a failed export): said, not answered "0 imported".
 */
export function checkInputFile(filePath: string, expected: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(filePath);
    fs.accessSync(filePath, fs.constants.R_OK);
  } catch (error) {
    throw cannotRead(filePath, error);
  }
  // Guard: reading a directory fails with a bare "EISDIR: illegal operation on a directory, read".
  if (stat.isDirectory()) throw new InputFileError(`${filePath} is a directory, not a file (expected ${expected})`);
  if (stat.isFile() && stat.size === 0) throw new InputFileError(`${filePath} is empty (expected ${expected})`);
}

/** The whole file as UTF-8 text, after checkInputFile; blank lines only count as empty. */
export function readInputFile(filePath: string, expected: string, decode: (bytes: Buffer) => string = (bytes) => bytes.toString('utf8')): string {
  checkInputFile(filePath, expected);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(filePath);
  } catch (error) {
    throw cannotRead(filePath, error);
  }
  const text = decode(bytes);
  if (text.replace(/^\uFEFF/, '').trim() === '') throw new InputFileError(`${filePath} is empty (expected ${expected})`);
  return text;
}

/**
 * The importers name the file's text by the API's field (`body.csv`); the CLI user named a path:
 * the error says the path, once (main.ts prints a field error the detail already holds once).
 */
export async function namingFile<T>(filePath: string, work: Promise<T>): Promise<T> {
  return work.catch((error: unknown) => {
    if (!(error instanceof AppError) || !error.fieldErrors.some((field) => field.field === 'body.csv')) throw error;
    const fieldErrors = error.fieldErrors.map((field) => (field.field === 'body.csv' ? { ...field, field: filePath } : field));
    throw new AppError(error.code, `${filePath}: ${error.detail ?? error.message}`, { fieldErrors, cause: error });
  });
}
