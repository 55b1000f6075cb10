import { runBilling } from '../billing/index.ts';
import { runDunning, type Mailer } from '../payments/index.ts';
import type { Ctx } from '../shared/context.ts';
import { maintainEmbeddedDatabase, type MaintenanceResult } from '../shared/db/maintain-embedded-database.ts';

export type DailyJobsInput = { date: string; mailer: Mailer; mailFrom: string };

export type DailyJobsSummary = {
  date: string;
  billing: { subscriptions: number; invoicesDrafted: number; invoicesIssued: number; creditNotesIssued: number; recognitionEntries: number; errors: number };
  dunning: { actions: number; holdsReleased: number };
  /** The embedded database's VACUUM (ANALYZE); on PostgreSQL autovacuum does it (vacuumed: false). */
  database: MaintenanceResult;
};

/**
 * The finance day, in the order a billing clerk would run it: bill and issue everything due
 * by `date` (the billing run also recognises revenue through the day), then send the dunning
 * notices due that day — after billing, so a payment applied by today's run is not chased —
 * and last, on the embedded database, the vacuum its single-user Postgres never runs by itself.
 * Every step is idempotent for its date, so running the day twice changes nothing.
 */
export async function runDailyJobs(ctx: Ctx, input: DailyJobsInput): Promise<DailyJobsSummary> {
  const billing = await runBilling(ctx, { date: input.date, issue: true });
  for (const error of billing.errors) ctx.log.warn({ ...error, date: input.date }, 'daily billing: a subscription was not billed');
  const dunning = await runDunning(ctx, { date: input.date, mailer: input.mailer, mailFrom: input.mailFrom });
  const database = await maintainEmbeddedDatabase(ctx);
  return {
    date: input.date,
    billing: {
      subscriptions: billing.subscriptions, invoicesDrafted: billing.invoicesDrafted, invoicesIssued: billing.invoicesIssued,
      creditNotesIssued: billing.creditNotesIssued, recognitionEntries: billing.recognitionEntries, errors: billing.errors.length,
    },
    dunning: { actions: dunning.actions.length, holdsReleased: dunning.holdsReleased.length },
    database,
  };
}
