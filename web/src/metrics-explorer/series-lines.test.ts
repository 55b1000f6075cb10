import { describe, expect, it } from 'vitest';
import { toPointLines } from './series-lines.ts';

describe('report lines', () => {
  it('names a breakdown value in the legend through nameOf (an owner by name), the unset one as none', () => {
    const result = {
      metric: 'win-rate', unit: 'ratio' as const,
      series: [{ period: '2024-03', segment: 'usr_rob', value: 0.5 }, { period: '2024-03', segment: null, value: 1 }],
    };
    const names: Record<string, string> = { usr_rob: 'Rob Rep' };
    expect(toPointLines(result, null, '(none)', (id) => names[id] ?? id).lines.map((line) => line.name)).toEqual(['Rob Rep', '(none)']);
    expect(toPointLines(result, null, '(none)').lines.map((line) => line.name)).toEqual(['usr_rob', '(none)']);
  });
});
