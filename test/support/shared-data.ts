import path from 'node:path';

/** The team's public data sets: `../shared/data` beside the project (CI puts shared/ there too). */
export const SHARED_DATA_DIR = path.resolve(import.meta.dirname, '../../../shared/data');

export function sharedDataPath(...parts: string[]): string {
  return path.join(SHARED_DATA_DIR, ...parts);
}
