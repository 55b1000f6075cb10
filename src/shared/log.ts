import pino, { type Logger } from 'pino';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
/** `auto`: lines for people when the stream is a terminal, JSON lines (for log collectors) otherwise. */
export type LogFormat = 'auto' | 'json' | 'pretty';

/** process.stdout or process.stderr (or a stand-in in tests). */
type Stream = { write(chunk: string): unknown; isTTY?: boolean; fd: number };

/**
 * The process's logger on stdout (serve) or stderr (one-off commands, whose stdout is their answer).
 * JSON lines are pino's own; the pretty form is the same record as one short line (formatLogLine).
 */
export function createLogger(options: { level: LogLevel; format: LogFormat; stream: Stream }): Logger {
  const { level, format, stream } = options;
  const pretty = format === 'pretty' || (format === 'auto' && stream.isTTY === true);
  if (pretty) {
    const requests: OpenRequests = new Map();
    return pino({ level }, { write: (line: string) => { const text = formatLogLine(line, requests); if (text !== '') stream.write(text); } });
  }
  return stream.fd === 1 ? pino({ level }) : pino({ level }, pino.destination({ fd: stream.fd, sync: true }));
}

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
// pino's own fields, and the ones a terminal reader does not need on every line.
const LEFT_OUT = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'err']);

/** Fastify's "incoming request" records by request id, until their "request completed" (bounded). */
type OpenRequests = Map<string, string>;
const MAX_OPEN_REQUESTS = 1_000;

/**
 * One pino JSON line as a person reads it: `09:14:02 WARN  message key=value …` (UTC time of day),
 * objects as compact JSON, an error's message and stack on the lines below. A request is one line
 * when it completes (`09:14:03 INFO  GET /api/v1/accounts 200 12 ms reqId=…`): its "incoming
 * request" record is kept in `requests` and gives nothing. A line that is not a pino record passes
 * through unchanged.
 */
export function formatLogLine(line: string, requests: OpenRequests = new Map()): string {
  let record: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(line);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return line;
    record = parsed as Record<string, unknown>;
  } catch {
    return line;
  }
  const request = requestLine(record, requests);
  if (request === '') return '';
  const time = typeof record['time'] === 'number' ? new Date(record['time']).toISOString().slice(11, 19) : '--:--:--';
  const level = (LEVELS[Number(record['level'])] ?? String(record['level'])).padEnd(5);
  const fields = Object.entries(record)
    .filter(([key]) => !LEFT_OUT.has(key))
    .map(([key, value]) => `${key}=${typeof value === 'string' && !/[\s"=]/.test(value) && value !== '' ? value : JSON.stringify(value)}`);
  const message = request ?? (typeof record['msg'] === 'string' ? record['msg'] : '');
  const head = [time, level, message, ...fields].filter((part) => part !== '').join(' ');
  return `${head}${errorLines(record['err'])}\n`;
}

/**
 * Fastify's request records: the incoming one is remembered (answer '': nothing to print), the
 * completed one becomes `GET /url 200 12 ms` (its own fields then left out); null for other records.
 */
function requestLine(record: Record<string, unknown>, requests: OpenRequests): string | null {
  const id = record['reqId'];
  if (typeof id !== 'string') return null;
  const req = record['req'] as { method?: unknown; url?: unknown } | undefined;
  if (record['msg'] === 'incoming request' && req && typeof req.method === 'string' && typeof req.url === 'string') {
    if (requests.size >= MAX_OPEN_REQUESTS) requests.delete(requests.keys().next().value as string);
    requests.set(id, `${req.method} ${req.url}`);
    return '';
  }
  const res = record['res'] as { statusCode?: unknown } | undefined;
  if (record['msg'] !== 'request completed' || !res) return null;
  const what = requests.get(id) ?? 'request';
  requests.delete(id);
  delete record['res'];
  const ms = typeof record['responseTime'] === 'number' ? ` ${Math.round(record['responseTime'])} ms` : '';
  delete record['responseTime'];
  return `${what} ${String(res.statusCode)}${ms}`;
}

function errorLines(err: unknown): string {
  if (err === null || typeof err !== 'object') return '';
  const { stack, message } = err as { stack?: unknown; message?: unknown };
  const text = typeof stack === 'string' ? stack : typeof message === 'string' ? message : JSON.stringify(err);
  return `\n${text.split('\n').map((l) => `    ${l}`).join('\n')}`;
}
