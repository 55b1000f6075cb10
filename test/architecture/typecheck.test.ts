import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The compiler is part of the tests: vitest and vite only strip types, so a type error (a wrong
 * Money field, a translation missing in one language: web/src/i18n/i18n.ts) would otherwise pass.
 */
const ROOT_DIR = fileURLToPath(new URL('../../', import.meta.url));
const TSC = path.join(ROOT_DIR, 'node_modules/typescript/bin/tsc');

function typecheck(project: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [TSC, '--noEmit', '-p', project], { cwd: ROOT_DIR, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}`.trim() };
}

describe('TypeScript strict', () => {
  it('compiles the server, CLI, tests and benches', { timeout: 600_000 }, () => {
    expect(typecheck('.')).toEqual({ status: 0, output: '' });
  });

  it('compiles the web app', { timeout: 600_000 }, () => {
    expect(typecheck('web')).toEqual({ status: 0, output: '' });
  });
});
