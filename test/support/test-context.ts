import pino from 'pino';
import { SYSTEM_ACTOR, type Actor } from '../../src/shared/access.ts';
import { createFakeClock, type FakeClock } from '../../src/shared/clock.ts';
import type { Ctx } from '../../src/shared/context.ts';
import type { DatabaseHandle } from '../../src/shared/db/open-database.ts';
import { createTestDatabase } from './test-database.ts';

export type TestContext = { ctx: Ctx; clock: FakeClock; database: DatabaseHandle; close(): Promise<void> };

/** A service-level context on a fresh database with a fake clock (2026-01-15T09:00Z unless told). */
export async function createTestContext(options: { actor?: Actor; start?: string } = {}): Promise<TestContext> {
  const database = await createTestDatabase();
  const clock = createFakeClock(options.start ?? '2026-01-15T09:00:00Z');
  const ctx: Ctx = {
    db: database.db,
    clock,
    actor: options.actor ?? SYSTEM_ACTOR,
    log: pino({ level: process.env['TEST_LOG_LEVEL'] ?? 'silent' }),
    requestId: null,
  };
  return { ctx, clock, database, close: () => database.close() };
}
