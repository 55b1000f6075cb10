import { describe, expect, it } from 'vitest';
import { instantToLocalInput, localInputToInstant } from './as-of.ts';

describe('as-of instant ↔ local picker text', () => {
  it('round-trips an instant through the local picker text, whatever the time zone', () => {
    for (const instant of ['2024-03-31T21:59:59Z', '2026-12-06T00:00:00Z', '2024-02-29T12:30:05Z']) {
      const text = instantToLocalInput(instant);
      expect(text).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
      expect(localInputToInstant(text)).toBe(instant);
    }
  });

  it('reads local wall-clock time: the offset between picker and instant is the zone offset of that moment', () => {
    const text = '2024-07-01T12:00';
    const instant = localInputToInstant(text);
    const offsetMinutes = new Date(2024, 6, 1, 12, 0).getTimezoneOffset();
    expect(instant).toBe(new Date(Date.UTC(2024, 6, 1, 12, offsetMinutes)).toISOString().replace('.000Z', 'Z'));
  });

  it('has no instant for empty, partial or invalid text', () => {
    expect(instantToLocalInput(null)).toBe('');
    expect(instantToLocalInput('yesterday')).toBe('');
    expect(localInputToInstant('')).toBeNull();
    expect(localInputToInstant('2024-03-31')).toBeNull();
    expect(localInputToInstant('2024-13-45T25:00')).toBeNull();
  });
});
