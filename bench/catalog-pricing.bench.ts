/**
 * Catalog pricing engine throughput: a 50-line quote in which every line is tiered (graduated)
 * pricing, priced with a discount and floor-checked, as the CPQ quote builder will do on every
 * edit. Pure computation (no database, no HTTP): the figure is the engine's ceiling.
 * Each quote builds fresh price objects, as a request would after reading them from the
 * database, so nothing is served from a cache a real request would not have.
 */
import { checkPriceFloor, priceLine, type Price } from '../src/catalog/index.ts';
import { sum, type Money } from '../src/shared/money.ts';
import { reportFigure, reportNote } from './support/report.ts';

const LINES_PER_QUOTE = 50;
const DURATION_MS = readPositiveInt('BENCH_DURATION_MS', 5_000);
const WARMUP_MS = readPositiveInt('BENCH_WARMUP_MS', Math.min(1_000, DURATION_MS));

/** A stored tiered version as listPriceBook returns it; amounts vary by line so no two lines are alike. */
function tieredPrice(line: number): Price {
  const cents = (base: number) => `${base + (line % 7)}.${String((line * 13) % 100).padStart(2, '0')}`;
  return {
    id: `price_bench${line}`, priceBookId: 'pbk_bench', productId: `prod_bench${line}`, version: 1, currency: 'EUR',
    pricingModel: 'tiered', billingPeriod: line % 2 === 0 ? 'annual' : 'monthly', periodMonths: line % 2 === 0 ? 12 : 1, billingTiming: 'in_advance',
    unitAmount: null, packageSize: null, minPrice: { amountMinor: 100, currency: 'EUR' }, maxDiscountBps: 2500,
    tiers: [
      { upTo: 10, unitAmount: cents(40) },
      { upTo: 100, unitAmount: cents(30), flatAmount: '50.00' },
      { upTo: 1000, unitAmount: `${20 + (line % 5)}.0125` },
      { upTo: null, unitAmount: cents(10) },
    ],
    effectiveAt: '2026-01-01T00:00:00.000Z', supersededAt: null, createdAt: '2026-01-01T00:00:00.000Z',
  };
}

/** Prices one quote; returns its net total so the work cannot be optimised away. */
function priceQuote(): Money {
  const nets: Money[] = [];
  for (let line = 0; line < LINES_PER_QUOTE; line += 1) {
    const price = tieredPrice(line);
    const priced = priceLine({ price, quantity: 5 + ((line * 37) % 1500), termMonths: 36, discount: { percentBps: (line * 97) % 3000 } });
    checkPriceFloor(priced, price);
    nets.push(priced.netAmount);
  }
  return sum(nets, 'EUR');
}

function run(durationMs: number, expectedTotal: bigint): { quotes: number; elapsedMs: number } {
  const started = performance.now();
  let quotes = 0;
  while (performance.now() - started < durationMs) {
    // Guard: a result that drifts between runs would mean the engine is not deterministic.
    if (priceQuote().amountMinor !== expectedTotal) throw new Error('a quote priced differently on a later run');
    quotes += 1;
  }
  return { quotes, elapsedMs: performance.now() - started };
}

function readPositiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer (ms), got ${JSON.stringify(raw)}`);
  return value;
}

const expectedTotal = priceQuote().amountMinor;
reportNote(`catalog-pricing: ${LINES_PER_QUOTE}-line tiered quotes (36-month term, discount, floor check), warm-up ${WARMUP_MS} ms, load ${DURATION_MS} ms, one thread`);
run(WARMUP_MS, expectedTotal);
const { quotes, elapsedMs } = run(DURATION_MS, expectedTotal);
const extra = { linesPerQuote: LINES_PER_QUOTE, quotes, durationMs: Math.round(elapsedMs) };
reportFigure('catalog.pricing.tiered_quote_50_lines.quotes_per_second', quotes / (elapsedMs / 1000), 'quotes/s', extra);
reportFigure('catalog.pricing.tiered_quote_50_lines.lines_per_second', (quotes * LINES_PER_QUOTE) / (elapsedMs / 1000), 'lines/s', extra);
reportFigure('catalog.pricing.tiered_quote_50_lines.mean_quote_ms', elapsedMs / quotes, 'ms', extra);
