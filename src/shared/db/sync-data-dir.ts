import fs from 'node:fs';
import path from 'node:path';

/**
 * Flushes every file and directory under `dir` to disk (what `initdb --sync-only` does): after a
 * bulk write made with fsync off (the demo's generation), this is the one flush that makes the
 * whole directory survive a power loss. Returns the number of files flushed.
 */
export function syncDataDir(dir: string): number {
  let files = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const entryPath = path.join(dir, entry.name);
    if (entry.isDirectory()) files += syncDataDir(entryPath);
    else if (entry.isFile()) {
      fsyncPath(entryPath);
      files += 1;
    }
  }
  // The directory's own entries (new files' names) are only durable once the directory is flushed.
  fsyncPath(dir);
  return files;
}

export function fsyncPath(target: string): void {
  const fd = fs.openSync(target, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
