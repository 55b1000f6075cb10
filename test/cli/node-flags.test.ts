import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NODE_FLAGS } from '../../bin/node-flags.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin/revline.js');

/** bin/node-flags.js names the flags; the shebang and the scripts must spell out the same ones. */
describe('the Node flags Revline runs under', () => {
  it('are the flags of bin/revline.js\u2019s shebang, so `npx revline` runs under them', () => {
    const firstLine = fs.readFileSync(BIN, 'utf8').split('\n')[0];
    expect(NODE_FLAGS.length).toBeGreaterThan(0);
    expect(firstLine).toBe(`#!/usr/bin/env -S node ${NODE_FLAGS.join(' ')}`);
  });

  it('are given by every package.json script that starts bin/revline.js', () => {
    const scripts = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    const starts = Object.entries(scripts).filter(([, command]) => command.includes('bin/revline.js'));
    expect(starts.map(([name]) => name).sort()).toEqual(['demo', 'revline', 'start']);
    for (const [name, command] of starts) expect({ name, command }).toEqual({ name, command: expect.stringContaining(`node ${NODE_FLAGS.join(' ')} bin/revline.js`) });
  });

  it('are accepted by this Node.js when the file runs through its shebang', () => {
    const result = spawnSync(BIN, ['--version'], { encoding: 'utf8', timeout: 60_000 });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('are given to each bench\u2019s process by bin/run-bench.js', () => {
    const runner = fs.readFileSync(path.join(ROOT, 'bin/run-bench.js'), 'utf8');
    expect(runner).toContain("import { NODE_FLAGS } from './node-flags.js';");
    expect(runner).toContain('execArgv: [...process.execArgv, ...NODE_FLAGS]');
  });
});
