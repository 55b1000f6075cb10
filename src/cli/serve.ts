import { buildServer } from '../http/server.ts';
import { issueSetupToken } from '../identity/index.ts';
import { SYSTEM_ACTOR } from '../shared/access.ts';
import { systemClock } from '../shared/clock.ts';
import { warmUpMetrics } from '../metrics/index.ts';
import { loadConfig, type Config } from '../shared/config.ts';
import { createLogger } from '../shared/log.ts';
import { openConfiguredDatabase } from '../shared/db/open-configured-database.ts';
import { registerAppSubscribers, startBackgroundWork } from './background-work.ts';

export type ServeOptions = {
  port?: number; host?: string;
  /** Overrides LOG_LEVEL (the demo keeps its banner readable: warnings only unless LOG_LEVEL is set). */
  logLevel?: Config['logLevel'];
};

/** `revline serve`: migrate, listen, print the URL (and the one-time set-up link on first start). */
export async function runServe(options: ServeOptions): Promise<void> {
  const startedMs = performance.now();
  const config = loadConfig();
  const port = options.port ?? config.port;
  const host = options.host ?? config.host;
  const logger = createLogger({ level: options.logLevel ?? config.logLevel, format: config.logFormat, stream: process.stdout });
  // Before the server accepts a request: events published from then on must reach the chain's subscribers.
  registerAppSubscribers();
  const database = await openConfiguredDatabase(config);
  const app = await buildServer({ database, clock: systemClock, config, logger });
  let address: string;
  try {
    address = await app.listen({ port, host });
  } catch (error) {
    await app.close();
    await database.close();
    throw listenError(error, port, host);
  }
  const baseUrl = config.publicUrl ?? address.replace('://0.0.0.0', '://localhost').replace('://127.0.0.1', '://localhost');
  const ctx = { db: database.db, clock: systemClock, actor: SYSTEM_ACTOR, log: logger, requestId: null };
  const background = startBackgroundWork(ctx, config);
  let closing = false;
  // The first visitor's dashboard then finds the metrics code compiled and the caches warm (warm-up.ts).
  const warming = warmUpMetrics(ctx, () => closing)
    .then((done) => logger.debug(done, 'metrics warmed up'))
    .catch((error: unknown) => logger.warn({ err: error }, 'metrics warm-up failed'));
  const token = await issueSetupToken(ctx);

  const where = database.kind === 'pglite' ? `embedded PGlite in ${database.location}` : `PostgreSQL ${database.location}`;
  const lines = [
    '',
    `  Revline is running at ${baseUrl}  (ready in ${((performance.now() - startedMs) / 1000).toFixed(1)} s)`,
    `  Database: ${where}${database.migrationsApplied.length ? ` — applied ${database.migrationsApplied.length} migration(s)` : ''}`,
    `  API docs: ${baseUrl}/docs`,
    ...(token ? ['', `  First run: create the admin account at ${baseUrl}/setup?token=${token}`, '  (the link works once and expires in 24 hours; restarting prints a new one)'] : []),
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    await app.close();
    await warming;
    await background.stop();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

/** The two failures a person starting Revline meets, said plainly; anything else as it came. */
export function listenError(error: unknown, port: number, host: string): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'EADDRINUSE') return new Error(`port ${port} on ${host} is already in use (another Revline, or another program); choose another with --port or PORT`);
  if (code === 'EACCES') return new Error(`not allowed to listen on port ${port} on ${host} (ports below 1024 need privileges); choose another with --port or PORT`);
  if (code === 'EADDRNOTAVAIL') return new Error(`${host} is not an address of this machine; set --host or HOST to one that is (127.0.0.1 for this machine only)`);
  return error;
}
