import { describe, expect, it } from 'vitest';
import { dateTimeFormat, numberFormat } from './intl-formats.ts';

describe('Intl formatters made once', () => {
  it('reuses one formatter per locale and options, formatting as a new one would', () => {
    expect(numberFormat('de-DE', { maximumFractionDigits: 2 })).toBe(numberFormat('de-DE', { maximumFractionDigits: 2 }));
    expect(numberFormat('de-DE', { maximumFractionDigits: 2 })).not.toBe(numberFormat('en-US', { maximumFractionDigits: 2 }));
    expect(numberFormat('de-DE', { maximumFractionDigits: 2 }).format(1234.567)).toBe(new Intl.NumberFormat('de-DE', { maximumFractionDigits: 2 }).format(1234.567));
    const month = { month: 'short', year: 'numeric', timeZone: 'UTC' } as const;
    expect(dateTimeFormat('it-IT', month)).toBe(dateTimeFormat('it-IT', month));
    expect(dateTimeFormat('it-IT', month).format(new Date(Date.UTC(2024, 2, 1)))).toBe(new Intl.DateTimeFormat('it-IT', month).format(new Date(Date.UTC(2024, 2, 1))));
    expect(dateTimeFormat('it-IT', { dateStyle: 'medium' })).not.toBe(dateTimeFormat('it-IT', month));
  });
});
