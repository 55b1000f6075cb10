import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, formatLogLine } from './log.ts';

/** A stand-in for stdout/stderr that remembers what was written. */
function fakeStream(isTTY: boolean, fd: number) {
  const written: string[] = [];
  const stream = Object.assign(new PassThrough(), { isTTY, fd });
  stream.write = ((chunk: string) => { written.push(String(chunk)); return true; }) as typeof stream.write;
  return { stream, written };
}

describe('formatLogLine', () => {
  it('writes time of day (UTC), level, message and the other fields as key=value', () => {
    const line = JSON.stringify({ level: 30, time: Date.UTC(2026, 11, 7, 9, 14, 2, 500), pid: 7, hostname: 'vm', msg: 'daily finance run finished', job: 'daily-finance', date: '2026-12-07', billing: { invoicesIssued: 3 } });
    expect(formatLogLine(line)).toBe('09:14:02 INFO  daily finance run finished job=daily-finance date=2026-12-07 billing={"invoicesIssued":3}\n');
  });

  it('quotes strings with spaces, quotes or equals signs, and the empty string', () => {
    const line = JSON.stringify({ level: 40, time: 0, msg: 'm', reason: 'two words', empty: '', eq: 'a=b', n: 4, flag: false, none: null });
    expect(formatLogLine(line)).toBe('00:00:00 WARN  m reason="two words" empty="" eq="a=b" n=4 flag=false none=null\n');
  });

  it("puts an error's stack on the lines below, indented", () => {
    const line = JSON.stringify({ level: 50, time: 0, msg: 'metrics warm-up failed', err: { type: 'Error', message: 'boom', stack: 'Error: boom\n    at f (x.ts:1:1)' } });
    expect(formatLogLine(line)).toBe('00:00:00 ERROR metrics warm-up failed\n    Error: boom\n        at f (x.ts:1:1)\n');
  });

  it('prints a request once, when it completes: method, url, status and time', () => {
    const requests = new Map<string, string>();
    const incoming = JSON.stringify({ level: 30, time: 0, reqId: 'req_1', req: { method: 'GET', url: '/api/v1/accounts?limit=5', host: 'localhost:3000' }, msg: 'incoming request' });
    const completed = JSON.stringify({ level: 30, time: 1_000, reqId: 'req_1', res: { statusCode: 200 }, responseTime: 12.4, msg: 'request completed' });
    expect(formatLogLine(incoming, requests)).toBe('');
    expect(formatLogLine(completed, requests)).toBe('00:00:01 INFO  GET /api/v1/accounts?limit=5 200 12 ms reqId=req_1\n');
    expect(requests.size).toBe(0);
    // A completion whose start was not seen still says what it can.
    expect(formatLogLine(completed, requests)).toBe('00:00:01 INFO  request 200 12 ms reqId=req_1\n');
  });

  it('passes through what is not a pino record', () => {
    expect(formatLogLine('plain text\n')).toBe('plain text\n');
    expect(formatLogLine('[1,2]')).toBe('[1,2]');
  });
});

describe('createLogger', () => {
  it('writes lines for people on a terminal when the format is auto', () => {
    const { stream, written } = fakeStream(true, 2);
    createLogger({ level: 'info', format: 'auto', stream }).info({ job: 'x' }, 'hello');
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/^\d\d:\d\d:\d\d INFO  hello job=x\n$/);
  });

  it('honours the level', () => {
    const { stream, written } = fakeStream(true, 2);
    const log = createLogger({ level: 'warn', format: 'pretty', stream });
    log.info('not shown');
    log.warn('shown');
    expect(written.map((line) => line.slice(9))).toEqual(['WARN  shown\n']);
  });

  it('writes JSON lines to the stream\'s file descriptor when it is not a terminal, or when asked', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'revline-log-'));
    try {
      for (const [format, isTTY] of [['auto', false], ['json', true]] as const) {
        const file = path.join(dir, `${format}.log`);
        const fd = fs.openSync(file, 'w');
        const { stream, written } = fakeStream(isTTY, fd);
        createLogger({ level: 'info', format, stream }).info({ job: 'x' }, 'hello');
        fs.closeSync(fd);
        expect(written).toEqual([]);
        const record = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
        expect(record).toMatchObject({ level: 30, msg: 'hello', job: 'x' });
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
