import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

/** A row put off until the end of the run because something it references did not exist yet. */
export type DeferredRow = { fileIndex: number; fileName: string; line: number; values: Record<string, string> };

const IN_MEMORY_LIMIT = 5_000;

/**
 * First in, first out, in bounded memory: past a few thousand rows the queue spills to a temporary
 * NDJSON file, so a file whose every row waits for a later file still imports in constant memory.
 * Rows come back in the order they were deferred (so an account deferred for its parent is retried
 * before the contacts deferred for that account).
 */
export class DeferredQueue {
  private buffer: DeferredRow[] = [];
  private spillFile: string | null = null;
  size = 0;

  add(row: DeferredRow): void {
    this.buffer.push(row);
    this.size += 1;
    if (this.buffer.length >= IN_MEMORY_LIMIT) this.spill();
  }

  async *drain(): AsyncGenerator<DeferredRow> {
    if (this.spillFile) {
      const lines = readline.createInterface({ input: fs.createReadStream(this.spillFile, 'utf8'), crlfDelay: Infinity });
      for await (const line of lines) if (line !== '') yield JSON.parse(line) as DeferredRow;
    }
    yield* this.buffer;
  }

  dispose(): void {
    if (this.spillFile) fs.rmSync(path.dirname(this.spillFile), { recursive: true, force: true });
    this.spillFile = null;
    this.buffer = [];
  }

  private spill(): void {
    this.spillFile ??= path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'revline-import-')), 'deferred.ndjson');
    fs.appendFileSync(this.spillFile, this.buffer.map((row) => `${JSON.stringify(row)}\n`).join(''));
    this.buffer = [];
  }
}
