import type { CompiledFile, CompiledMapping } from '../mapping/compile-mapping.ts';
import { detectDelimiter, firstLine, type Delimiter } from '../../shared/csv/detect-delimiter.ts';
import { readCsvRows } from '../parse/read-csv-rows.ts';
import type { TextEncoding } from '../parse/source-row.ts';
import { ImportInputError, type InputFile } from './input-file.ts';

export type PlannedFile = { input: InputFile; file: CompiledFile; format: 'csv' | 'json' };
export type SkippedFile = { file: string; reason: string };
export type FilePlan = { files: PlannedFile[]; skipped: SkippedFile[] };

/**
 * Matches each input to the mapping's file entry (by name, then by required columns) and orders
 * them so that referenced entities are written first, whatever order the files were given in.
 * A file no entry matches, or that lacks a column the mapping reads, stops the run before it starts.
 */
export async function planFiles(mapping: CompiledMapping, inputs: InputFile[]): Promise<FilePlan> {
  const planned: PlannedFile[] = [];
  const skipped: SkippedFile[] = [];
  for (const input of inputs) {
    const headers = headerReader(input);
    let file: CompiledFile | undefined;
    for (const candidate of mapping.files) {
      if (!nameMatches(candidate.spec.match, input.name)) continue;
      if (hasColumns(candidate.spec.requiredColumns ?? [], await headers(candidate))) {
        file = candidate;
        break;
      }
    }
    if (!file) {
      const names = mapping.files.map((f) => f.spec.match).join(', ');
      throw new ImportInputError(`${input.name}: no file entry of mapping "${mapping.mapping.name}" matches it (expected: ${names})`);
    }
    if (file.skip !== null) {
      skipped.push({ file: input.name, reason: file.skip });
      continue;
    }
    const format = formatOf(file, input.name);
    const header = await headers(file);
    const missing = format === 'csv' && header ? file.requiredColumns.filter((c) => !header.columns.includes(c)) : [];
    if (header && missing.length > 0) {
      throw new ImportInputError(
        `${input.name} has no column ${missing.map((c) => `"${c}"`).join(', ')}, which mapping entry files[${file.index}] reads${delimiterHint(header)}`,
      );
    }
    planned.push({ input, file, format });
  }
  planned.sort((a, b) => a.file.rank - b.file.rank);
  return { files: planned, skipped };
}

function formatOf(file: CompiledFile, name: string): 'csv' | 'json' {
  if (file.settings.format !== 'auto') return file.settings.format;
  return /\.(json|jsonl|ndjson)$/i.test(name) ? 'json' : 'csv';
}

/** Case-insensitive glob on the base name: '*' any characters, '?' one. */
export function nameMatches(pattern: string, name: string): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*').replaceAll('?', '.');
  return new RegExp(`^${source}$`, 'i').test(name);
}

function hasColumns(required: string[], header: Header | null): boolean {
  return required.length === 0 || (header !== null && required.every((c) => header.columns.includes(c)));
}

type Header = { columns: string[]; line: string; delimiter: Delimiter };

/**
 * The header of a CSV file as a file entry reads it: with the entry's encoding and delimiter (a
 * guessed delimiter would accept a file the run then cannot split, or refuse one it can). Null for
 * JSON, whose objects may each have other keys. Read once per encoding and delimiter.
 */
function headerReader(input: InputFile): (file: CompiledFile) => Promise<Header | null> {
  const heads = new Map<TextEncoding, Promise<Buffer>>();
  return async (file) => {
    if (/\.(json|jsonl|ndjson)$/i.test(input.name)) return null;
    const { encoding, delimiter: setting } = file.settings;
    try {
      const head = heads.get(encoding) ?? firstChunk(input);
      heads.set(encoding, head);
      const line = firstLine((await head).toString(encoding));
      const delimiter = setting === 'auto' ? detectDelimiter(line) : setting;
      // The header line twice: the second copy comes back as a row keyed by the header's names.
      const twice = (async function* () { yield Buffer.from(`${line}\n${line}\n`); })();
      for await (const row of readCsvRows(twice, { delimiter })) {
        return { columns: row.kind === 'row' ? Object.keys(row.values) : [], line, delimiter };
      }
      return { columns: [], line, delimiter };
    } catch (error) {
      throw new ImportInputError(`cannot read ${input.name}: ${(error as Error).message}`);
    }
  };
}

/** When the header did not split at all but another delimiter would split it: the likely mistake. */
function delimiterHint(header: Header): string {
  const guessed = detectDelimiter(header.line);
  if (header.columns.length !== 1 || guessed === header.delimiter || !header.line.includes(guessed)) return '';
  const name = (d: Delimiter) => (d === '\t' ? 'tab' : `"${d}"`);
  return ` (read with the delimiter ${name(header.delimiter)}, the header is one column "${header.line}": is the file ${name(guessed)}-separated?)`;
}

async function firstChunk(input: InputFile): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input.open()) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= 64 * 1024 || chunk.includes(10)) break;
  }
  return Buffer.concat(chunks);
}
