import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../shared/json.ts';
import { requestHashOf, requestHashWithDescription, requestTextAfterDescription, type EntryContent, type PreparedLine } from './entry-rules.ts';

// The request hash is stored with every entry that has an idempotency key and compared on replay:
// its direct JSON building must give the very hash of the generic canonicalJson of the content.
const text = fc.string({ minLength: 1, maxLength: 12 });
const line: fc.Arbitrary<PreparedLine> = fc.record({
  lineNumber: fc.integer({ min: 1, max: 500 }),
  accountCode: fc.stringMatching(/^[0-9]{3,10}$/),
  side: fc.constantFrom('debit' as const, 'credit' as const),
  amount: fc.record({ amountMinor: fc.bigInt({ min: 1n, max: 2n ** 63n - 1n }), currency: fc.constantFrom('USD', 'EUR', 'JPY') }),
  memo: fc.option(text, { nil: null }),
  refs: fc.record({ accountId: fc.option(text, { nil: null }), subscriptionId: fc.option(text, { nil: null }), invoiceId: fc.option(text, { nil: null }) }),
});
const content: fc.Arbitrary<EntryContent> = fc.record({
  entryDate: fc.constantFrom('2026-01-31', '2024-02-29'),
  description: text,
  source: fc.option(fc.record({ type: fc.constantFrom('invoice', 'revenue_recognition'), id: text }), { nil: null }),
  lines: fc.array(line, { minLength: 2, maxLength: 5 }),
});

describe('requestHashOf', () => {
  it('is the sha-256 of the canonical JSON of date, description, source and lines', () => {
    fc.assert(fc.property(content, (entry) => {
      const { entryDate, description, source, lines } = entry;
      const expected = createHash('sha256').update(canonicalJson({ entryDate, description, source, lines })).digest('hex');
      expect(requestHashOf(entry)).toBe(expected);
      // The two-step form (the description given last, postCheckedJournalEntries) is the same hash.
      expect(requestHashWithDescription(description, requestTextAfterDescription(entry))).toBe(expected);
    }), { numRuns: 300 });
  });
});
