import fs from 'node:fs';
import path from 'node:path';

/** A file to import: from disk (CLI) or a request body (API). `open` may be called more than once. */
export type InputFile = {
  name: string;
  size: number | null;
  open(): AsyncIterable<Buffer>;
};

/** A file that cannot be imported as given: the run does not start (CLI exit 1, API 400). */
export class ImportInputError extends Error {
  override readonly name = 'ImportInputError';
}

/** A readable, non-empty regular file, or an ImportInputError naming it. */
export function diskFile(filePath: string): InputFile {
  let size: number;
  try {
    const stat = fs.statSync(filePath);
    if (!stat.isFile()) throw new ImportInputError(`${filePath} is not a file`);
    fs.accessSync(filePath, fs.constants.R_OK);
    // Zero bytes has no header to match a mapping entry by: say so, not "has no column …".
    if (stat.size === 0) throw new ImportInputError(`${filePath} is empty`);
    size = stat.size;
  } catch (error) {
    if (error instanceof ImportInputError) throw error;
    throw new ImportInputError(`cannot read ${filePath}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return { name: path.basename(filePath), size, open: () => fs.createReadStream(filePath, { highWaterMark: 256 * 1024 }) };
}

export function bufferFile(name: string, body: Buffer): InputFile {
  return { name, size: body.length, open: () => (async function* () { yield body; })() };
}

/** Passes the chunks through, reporting the bytes read so far (the progress bar's position). */
export async function* countBytes(chunks: AsyncIterable<Buffer>, onBytes: (total: number) => void): AsyncGenerator<Buffer> {
  let total = 0;
  for await (const chunk of chunks) {
    total += chunk.length;
    onBytes(total);
    yield chunk;
  }
}
