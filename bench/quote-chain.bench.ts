/**
 * Accept-to-booked latency of the order-to-cash chain (issue #4) on PostgreSQL: from the customer's
 * acceptance (acceptQuoteByLink) to the last effect of the chain committed — opportunity closed
 * won, order + booking + provisioning request (orders), subscription + first draft invoice
 * (billing), commission accrued (commissions) — with the app's subscribers run by the real
 * dispatcher in this process, one quote at a time (BENCH_CHAIN_QUOTES, default 60, after 5 for
 * warm-up). Quote set-up (deal, quote, approval, send, document hash) is outside the timing.
 * PostgreSQL from BENCH_DATABASE_URL, DATABASE_URL or the default local address; a database is
 * created for the bench and dropped afterwards. Without a reachable server the bench says so and
 * measures nothing.
 */
import pg from 'pg';
import pino from 'pino';
import { registerAppSubscribers } from '../src/cli/background-work.ts';
import { createPlan } from '../src/commissions/index.ts';
import { acceptQuoteByLink, createQuote, sendQuote, submitQuote, viewPublicQuote } from '../src/cpq/index.ts';
import { makeBook, makeDeal, makePricedProduct } from '../src/cpq/test-fixtures/seed.ts';
import { createUser } from '../src/identity/index.ts';
import { SYSTEM_ACTOR } from '../src/shared/access.ts';
import { systemClock } from '../src/shared/clock.ts';
import type { Ctx } from '../src/shared/context.ts';
import { migrateToLatest } from '../src/shared/db/migrate.ts';
import { openDatabase, redactUrl } from '../src/shared/db/open-database.ts';
import { dispatchDueDeliveries } from '../src/shared/events/index.ts';
import { isPostgresReachable } from './support/bench-server.ts';
import { reportFigure, reportNote, summarizeLatency } from './support/report.ts';

const QUOTES = readPositiveInt('BENCH_CHAIN_QUOTES', 60);
const WARMUP_QUOTES = 5;
const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

function readPositiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got ${JSON.stringify(raw)}`);
  return value;
}

function databaseUrl(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function withAdmin(url: string, sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: databaseUrl(url, 'postgres') });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

type Prepared = { token: string; sha256: string };

/** A sent quote for a rep's deal, ready to accept: 10 seats at 30.00 a month and a 1 500.00 onboarding fee, 12 months. */
async function prepareQuote(ctx: Ctx, catalog: { bookId: string; seatId: string; onboardingId: string }, repUserId: string): Promise<Prepared> {
  const deal = await makeDeal(ctx, { ownerUserId: repUserId });
  const quote = await createQuote(ctx, {
    opportunityId: deal.opportunityId, priceBookId: catalog.bookId, startDate: '2026-02-01', termMonths: 12,
    lines: [{ productId: catalog.seatId, quantity: 10 }, { productId: catalog.onboardingId, quantity: 1 }],
  });
  await submitQuote(ctx, { id: quote.id });
  const sent = await sendQuote(ctx, { id: quote.id });
  const view = await viewPublicQuote(ctx, sent.acceptanceLink.token);
  return { token: sent.acceptanceLink.token, sha256: view.document.sha256 };
}

/** Accepts, then dispatches until nothing is due: the chain has run to its end. */
async function acceptAndRunChain(ctx: Ctx, prepared: Prepared): Promise<number> {
  const started = performance.now();
  await acceptQuoteByLink(ctx, {
    token: prepared.token, ipAddress: '127.0.0.1', userAgent: 'bench',
    input: { name: 'Bench Customer', email: 'customer@bench.example', signature: { kind: 'typed', text: 'Bench Customer' }, documentSha256: prepared.sha256 },
  });
  for (;;) {
    const result = await dispatchDueDeliveries(ctx, { random: () => 0.5 });
    // Guard: a failing step would leave the chain half-run and the figure meaningless.
    if (result.retrying > 0 || result.dead > 0) throw new Error(`a chain step failed: ${JSON.stringify(result)}`);
    if (result.claimed === 0) return performance.now() - started;
  }
}

async function benchPostgres(url: string): Promise<void> {
  const name = `revline_bench_chain_${process.pid}_${Date.now()}`;
  await withAdmin(url, `create database ${name}`);
  const database = await openDatabase({ kind: 'postgres', url: databaseUrl(url, name) });
  try {
    await migrateToLatest(database.db);
    registerAppSubscribers();
    const ctx: Ctx = { db: database.db, clock: systemClock, actor: SYSTEM_ACTOR, log: pino({ level: 'silent' }), requestId: null };
    const rep = await createUser(ctx, { email: 'bench-rep@example.com', displayName: 'Bench Rep', role: 'sales_rep', locale: 'en' });
    await createPlan(ctx, { name: 'Bench plan', effectiveFromDate: '2020-01-01', rates: [{ dealType: 'new', rateBps: 1000 }], repUserIds: [rep.id] });
    const bookId = await makeBook(ctx);
    const seatId = (await makePricedProduct(ctx, bookId, { unitAmount: '30.00' }, { name: 'Seats', family: 'platform' })).productId;
    const onboardingId = (await makePricedProduct(ctx, bookId, { billingPeriod: 'one_time', pricingModel: 'flat', unitAmount: '1500.00' }, { name: 'Onboarding', family: 'services' })).productId;
    const catalog = { bookId, seatId, onboardingId };
    const durations: number[] = [];
    for (let i = 0; i < WARMUP_QUOTES + QUOTES; i += 1) {
      const prepared = await prepareQuote(ctx, catalog, rep.id);
      const ms = await acceptAndRunChain(ctx, prepared);
      if (i >= WARMUP_QUOTES) durations.push(ms);
    }
    const entries = await database.db.withTables<{ commission_entries: { id: string } }>().selectFrom('commission_entries').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    // Guard: every accepted quote must have reached its commission, or the chain did not run to its end.
    if (Number(entries.n) !== WARMUP_QUOTES + QUOTES) throw new Error(`expected ${WARMUP_QUOTES + QUOTES} commission entries, found ${entries.n}`);
    const summary = summarizeLatency(durations);
    const extra = { backend: 'postgres', quotes: summary.count };
    reportFigure('chain.accept_to_booked.postgres.p50_ms', summary.p50Ms, 'ms', extra);
    reportFigure('chain.accept_to_booked.postgres.p99_ms', summary.p99Ms, 'ms', extra);
    reportFigure('chain.accept_to_booked.postgres.max_ms', summary.maxMs, 'ms', extra);
    reportFigure('chain.accept_to_booked.postgres.mean_ms', summary.meanMs, 'ms', extra);
  } finally {
    await database.close();
    await withAdmin(url, `drop database if exists ${name} with (force)`);
  }
}

const url = process.env['BENCH_DATABASE_URL'] ?? process.env['DATABASE_URL'] ?? DEFAULT_POSTGRES_URL;
if (await isPostgresReachable(url)) {
  reportNote(`quote-chain: accept → order, booking, provisioning request, subscription, first invoice, commission; ${QUOTES} quotes after ${WARMUP_QUOTES} warm-up, one at a time, PostgreSQL ${redactUrl(url)}`);
  await benchPostgres(url);
} else {
  reportNote(`quote-chain: no PostgreSQL at ${redactUrl(url)} (set BENCH_DATABASE_URL); nothing measured`);
}
