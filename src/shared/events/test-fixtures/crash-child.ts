/**
 * Child process of crash-recovery.test.ts: publishes events, then dispatches
 * them until the parent kills it with SIGKILL. Prints `published <n>` and, from
 * inside each handler's still-open transaction, `applying <event id>`.
 * Usage: node --import tsx crash-child.ts '<CrashChildConfig as JSON>'
 */
import { setTimeout as delay } from 'node:timers/promises';
import pino from 'pino';
import { SYSTEM_ACTOR } from '../../access.ts';
import { createFakeClock } from '../../clock.ts';
import { type Ctx, inTransaction } from '../../context.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { openDatabase } from '../../db/open-database.ts';
import { startDispatcher } from '../dispatcher.ts';
import { publishEvent } from '../publish-event.ts';
import { createSubscriberRegistry } from '../subscribers.ts';
import { CRASH_SUBSCRIBER, type CrashChildConfig } from './crash-config.ts';
import { createEffectsTable, recordingSubscriber } from './recording-subscriber.ts';

async function main(config: CrashChildConfig): Promise<void> {
  const handle = await openDatabase(config.database);
  await migrateToLatest(handle.db);
  await createEffectsTable(handle.db);
  const ctx: Ctx = { db: handle.db, clock: createFakeClock(config.start), actor: SYSTEM_ACTOR, log: pino({ level: 'silent' }), requestId: null };
  let applying = 0;
  const registry = createSubscriberRegistry();
  registry.register(
    recordingSubscriber({
      name: CRASH_SUBSCRIBER,
      eventTypes: ['crash.*'],
      beforeEffect: async (event) => {
        applying += 1;
        process.stdout.write(`applying ${event.id}\n`);
        await delay(applying >= config.slowFrom ? config.slowDelayMs : 5);
      },
    }),
  );
  for (let i = 0; i < config.events; i += 1) {
    await inTransaction(ctx, (tx) => publishEvent(tx, { type: 'crash.tested', aggregateType: 'crash', aggregateId: `crash_${i}`, payload: { i } }, { registry }));
  }
  process.stdout.write(`published ${config.events}\n`);
  startDispatcher(ctx, { registry, intervalMs: 50, batchSize: 5, leaseMs: config.leaseMs });
}

const argument = process.argv[2];
if (!argument) throw new Error('crash-child.ts needs its config as a JSON argument');
main(JSON.parse(argument) as CrashChildConfig).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
