import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOMAIN_ORDER, checkImport, extractImports, type Violation } from './import-rules.ts';

const SRC = path.resolve(import.meta.dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });
}

describe('dependency direction', () => {
  it('every top-level folder of src/ is shared, a composition layer or a listed domain', () => {
    const folders = fs.readdirSync(SRC, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    const known = new Set<string>(['shared', 'http', 'cli', ...DOMAIN_ORDER]);
    expect(folders.filter((f) => !known.has(f))).toEqual([]);
  });

  it('no file imports the wrong way or deep into another domain', () => {
    const violations: Violation[] = [];
    for (const file of sourceFiles(SRC)) {
      const relative = path.relative(SRC, file).split(path.sep).join('/');
      if (/\.test\.ts$/.test(relative) || relative.includes('/test-fixtures/')) continue;
      for (const specifier of extractImports(fs.readFileSync(file, 'utf8'))) {
        const violation = checkImport(relative, specifier);
        if (violation) violations.push(violation);
      }
    }
    expect(violations).toEqual([]);
  });

  it('the checker catches each kind of violation (so the test above can fail)', () => {
    expect(checkImport('identity/users.ts', '../crm/index.ts')?.reason).toMatch(/wrong-way/);
    expect(checkImport('crm/service.ts', '../identity/repo.ts')?.reason).toMatch(/deep import/);
    expect(checkImport('shared/money.ts', '../crm/index.ts')?.reason).toMatch(/src\/shared imports no domain/);
    expect(checkImport('crm/service.ts', '../http/server.ts')?.reason).toMatch(/not a domain/);
    expect(checkImport('crm/service.ts', '../identity/index.ts')).toBeNull();
    expect(checkImport('http/server.ts', '../crm/index.ts')).toBeNull();
    expect(checkImport('crm/service.ts', './repo.ts')).toBeNull();
    expect(extractImports("import { a } from '../x/index.ts';\nexport { b } from './y.ts';\nconst m = await import('../z/index.ts');\nimport type { C } from '../w/index.ts';")).toEqual([
      '../x/index.ts', './y.ts', '../z/index.ts', '../w/index.ts',
    ]);
  });
});
