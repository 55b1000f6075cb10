import path from 'node:path';
import { z } from 'zod';
import { plainIssueMessage } from './validation/issue-message.ts';

const configSchema = z.object({
  REVLINE_DATA_DIR: z.string().min(1).default('./.revline'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  REVLINE_PUBLIC_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
  REVLINE_SECURE_COOKIES: z.enum(['auto', 'true', 'false']).default('auto'),
  REVLINE_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  REVLINE_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  REVLINE_DISPATCH_INTERVAL_MS: z.coerce.number().int().min(10).default(500),
  SMTP_URL: z.string().regex(/^smtps?:\/\/[^\s]+$/, 'must be smtp://[user:pass@]host[:port] or smtps://…').optional(),
  MAIL_FROM: z.string().regex(/^[^@\s]+@[^@\s]+$/, 'must be an e-mail address').default('billing@revline.invalid'),
  REVLINE_OUTBOX_DIR: z.string().min(1).optional(),
  REVLINE_SCHEDULER: z.enum(['on', 'off']).default('on'),
  REVLINE_SCHEDULER_TIME: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24-hour)').default('02:00'),
  REVLINE_SCHEDULER_TIME_ZONE: z.string().refine(isTimeZone, 'must be an IANA time zone such as UTC or Europe/Berlin').default('UTC'),
  REVLINE_SCHEDULER_CHECK_MS: z.coerce.number().int().min(1000).default(60_000),
});

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export type Config = {
  dataDir: string;
  databaseUrl: string | undefined;
  port: number;
  host: string;
  publicUrl: string | undefined;
  logLevel: z.infer<typeof configSchema>['LOG_LEVEL'];
  /** JSON lines, or one line for people (`auto`: when the log goes to a terminal). */
  logFormat: z.infer<typeof configSchema>['LOG_FORMAT'];
  secureCookies: 'auto' | 'true' | 'false';
  bodyLimitBytes: number;
  webhookTimeoutMs: number;
  dispatchIntervalMs: number;
  /** Dunning e-mails go over SMTP when set, else into outboxDir as .eml files. */
  smtpUrl: string | undefined;
  mailFrom: string;
  outboxDir: string;
  /** The daily finance run (billing, recognition, dunning) in `serve`. */
  scheduler: { enabled: boolean; timeOfDay: string; timeZone: string; checkMs: number };
};

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Parses the environment once at start-up; a bad variable fails naming it. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = issue.path.join('.');
      return `  ${name}=${JSON.stringify(env[name] ?? '')}: ${plainIssueMessage(issue)}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  return {
    dataDir: path.resolve(c.REVLINE_DATA_DIR),
    databaseUrl: c.DATABASE_URL,
    port: c.PORT,
    host: c.HOST,
    publicUrl: c.REVLINE_PUBLIC_URL,
    logLevel: c.LOG_LEVEL,
    logFormat: c.LOG_FORMAT,
    secureCookies: c.REVLINE_SECURE_COOKIES,
    bodyLimitBytes: c.REVLINE_BODY_LIMIT_BYTES,
    webhookTimeoutMs: c.REVLINE_WEBHOOK_TIMEOUT_MS,
    dispatchIntervalMs: c.REVLINE_DISPATCH_INTERVAL_MS,
    smtpUrl: c.SMTP_URL,
    mailFrom: c.MAIL_FROM,
    outboxDir: path.resolve(c.REVLINE_OUTBOX_DIR ?? path.join(c.REVLINE_DATA_DIR, 'outbox')),
    scheduler: { enabled: c.REVLINE_SCHEDULER === 'on', timeOfDay: c.REVLINE_SCHEDULER_TIME, timeZone: c.REVLINE_SCHEDULER_TIME_ZONE, checkMs: c.REVLINE_SCHEDULER_CHECK_MS },
  };
}
