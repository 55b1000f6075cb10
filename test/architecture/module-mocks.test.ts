import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Test files share a worker's module cache (vitest.config.ts isolate: false). A file that mocks a
 * module with vi.mock and then imports what uses it gets, without vi.resetModules(), whatever copy
 * another file in the same worker loaded first, wired to that file's mock: metric-batch.test.ts
 * passed alone and failed in CI after dashboard-reports.test.ts.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');

function testFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : testFiles(full);
    return /\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

describe('module mocks', () => {
  it('every test file that mocks a module with vi.mock loads fresh modules (vi.resetModules)', () => {
    const files = ['src', 'test', 'web/src'].flatMap((dir) => testFiles(path.join(ROOT, dir)));
    const missing = files
      .filter((file) => {
        const text = fs.readFileSync(file, 'utf8');
        return /\bvi\.(do)?mock\(/.test(text) && !/\bvi\.resetModules\(\)/.test(text);
      })
      .map((file) => path.relative(ROOT, file));
    expect(missing).toEqual([]);
  });
});
