import fs from 'node:fs';
import path from 'node:path';
import { fsyncPath } from './sync-data-dir.ts';

/**
 * A data directory written with fsync off (the demo's generation) carries this file, flushed to
 * disk before the first database file and removed only after every file was flushed: a directory
 * that still has it was cut off mid-write (a crash, a power loss) and must not be served as if whole.
 */
const MARKER = 'revline-unfinished-write';

export function markWriteUnfinished(dataDir: string): void {
  const file = path.join(dataDir, MARKER);
  fs.writeFileSync(file, `${process.pid}\n`);
  fsyncPath(file);
  fsyncPath(dataDir);
}

export function markWriteFinished(dataDir: string): void {
  fs.rmSync(path.join(dataDir, MARKER), { force: true });
  fsyncPath(dataDir);
}

export function isWriteUnfinished(dataDir: string): boolean {
  return fs.existsSync(path.join(dataDir, MARKER));
}
