import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('runs the daily finance schedule at 02:00 UTC by default', () => {
    expect(loadConfig({}).scheduler).toEqual({ enabled: true, timeOfDay: '02:00', timeZone: 'UTC', checkMs: 60_000 });
    expect(loadConfig({ REVLINE_SCHEDULER: 'off', REVLINE_SCHEDULER_TIME: '23:15', REVLINE_SCHEDULER_TIME_ZONE: 'Europe/Rome' }).scheduler)
      .toEqual({ enabled: false, timeOfDay: '23:15', timeZone: 'Europe/Rome', checkMs: 60_000 });
  });

  it('logs for people on a terminal and JSON lines elsewhere unless LOG_FORMAT says', () => {
    expect(loadConfig({}).logFormat).toBe('auto');
    expect(loadConfig({ LOG_FORMAT: 'json' }).logFormat).toBe('json');
  });

  it('names each bad variable', () => {
    expect(() => loadConfig({ REVLINE_SCHEDULER_TIME: '24:00' })).toThrow(ConfigError);
    expect(() => loadConfig({ REVLINE_SCHEDULER_TIME: '7:00' })).toThrow(/REVLINE_SCHEDULER_TIME="7:00": must be HH:MM/);
    expect(() => loadConfig({ REVLINE_SCHEDULER_TIME_ZONE: 'Mars/Olympus' })).toThrow(/REVLINE_SCHEDULER_TIME_ZONE="Mars\/Olympus": must be an IANA time zone/);
    expect(() => loadConfig({ REVLINE_SCHEDULER: 'yes' })).toThrow(/REVLINE_SCHEDULER="yes"/);
    expect(() => loadConfig({ LOG_FORMAT: 'text' })).toThrow(/LOG_FORMAT="text"/);
  });
});
