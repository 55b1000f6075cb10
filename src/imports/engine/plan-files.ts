import type { CompiledFile, CompiledMapping } from '../mapping/compile-mapping.ts';
import { detectDelimiter, firstLine } from '../parse/detect-delimiter.ts';
import { readCsvRows } from '../parse/read-csv-rows.ts';
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
    const header = await readHeader(input);
    const file = mapping.files.find((f) => nameMatches(f.spec.match, input.name) && hasColumns(f.spec.requiredColumns ?? [], header));
    if (!file) {
      const names = mapping.files.map((f) => f.spec.match).join(', ');
      throw new ImportInputError(`${input.name}: no file entry of mapping "${mapping.mapping.name}" matches it (expected: ${names})`);
    }
    if (file.skip !== null) {
      skipped.push({ file: input.name, reason: file.skip });
      continue;
    }
    const format = formatOf(file, input.name);
    const missing = format === 'csv' && header ? file.requiredColumns.filter((c) => !header.includes(c)) : [];
    if (missing.length > 0) {
      throw new ImportInputError(`${input.name} has no column ${missing.map((c) => `"${c}"`).join(', ')}, which mapping entry files[${file.index}] reads`);
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

function hasColumns(required: string[], header: string[] | null): boolean {
  return required.length === 0 || (header !== null && required.every((c) => header.includes(c)));
}

/** The header of a CSV file (null for JSON, whose objects may each have other keys). */
async function readHeader(input: InputFile): Promise<string[] | null> {
  if (/\.(json|jsonl|ndjson)$/i.test(input.name)) return null;
  try {
    const head = await firstChunk(input);
    const line = firstLine(head.toString('utf8'));
    // The header line twice: the second copy comes back as a row keyed by the header's names.
    const twice = (async function* () { yield Buffer.from(`${line}\n${line}\n`); })();
    for await (const row of readCsvRows(twice, { delimiter: detectDelimiter(line) })) {
      return row.kind === 'row' ? Object.keys(row.values) : null;
    }
    return [];
  } catch (error) {
    throw new ImportInputError(`cannot read ${input.name}: ${(error as Error).message}`);
  }
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
