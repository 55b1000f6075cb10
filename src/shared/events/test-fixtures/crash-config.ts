import type { OpenDatabaseOptions } from '../../db/open-database.ts';

/** Shared by crash-child.ts and crash-recovery.test.ts (the child runs on import, so the test cannot import it). */
export type CrashChildConfig = {
  database: OpenDatabaseOptions;
  events: number;
  start: string;
  leaseMs: number;
  /** Handlers from the `slowFrom`-th call on hold their transaction open this long, so the kill lands inside one. */
  slowFrom: number;
  slowDelayMs: number;
};

export const CRASH_SUBSCRIBER = 'crash-recorder';
