import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import type { Config } from '../shared/config.ts';
import { parseDateOption } from './date-option.ts';
import { registerPaymentCommands } from './payments.ts';

describe('--date options', () => {
  it('accepts a day that exists and refuses others as a usage error', () => {
    expect(parseDateOption('2024-02-29')).toBe('2024-02-29');
    for (const value of ['2026-02-30', '2026-13-01', 'yesterday', '']) expect(() => parseDateOption(value)).toThrow('must be a calendar date as YYYY-MM-DD');
  });

  it('dunning run refuses --date 2026-13-01 naming the option, before the database sees it', async () => {
    let usage = '';
    let ran = 0;
    const program = new Command('revline').exitOverride();
    registerPaymentCommands(program, async () => { ran += 1; }, () => ({}) as Config);
    const run = program.commands.find((command) => command.name() === 'dunning')?.commands.find((command) => command.name() === 'run');
    run?.exitOverride().configureOutput({ writeErr: (text) => { usage += text; } });
    await expect(program.parseAsync(['node', 'revline', 'dunning', 'run', '--date', '2026-13-01'])).rejects.toThrow();
    expect(usage).toMatch(/--date.*'2026-13-01' is invalid\. must be a calendar date as YYYY-MM-DD/);
    expect(ran).toBe(0);
  });
});
