/**
 * One record read from a source file. `line` is the physical line the record starts on (the header
 * is line 1), so an error report points at what a person sees in an editor, quoted newlines
 * included. A record the reader could not split into the header's columns arrives as `problem`.
 */
export type SourceRow =
  | { kind: 'row'; line: number; values: Readonly<Record<string, string>> }
  | { kind: 'problem'; line: number; reason: string; raw: string };

export type SourceFormat = 'csv' | 'json';
export type TextEncoding = 'utf8' | 'utf16le' | 'latin1';

export class SourceFileError extends Error {
  override readonly name = 'SourceFileError';
}
