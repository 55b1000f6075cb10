import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { money } from '../shared/money.ts';
import { entryInSchemaForm } from './entry-shape.ts';
import { postJournalEntrySchema } from './schema.ts';

const base = () => ({
  entryDate: '2026-01-31', description: 'Invoice INV-2026-000001', source: { type: 'invoice', id: 'inv_1' }, idempotencyKey: 'invoice:inv_1',
  lines: [
    { accountCode: '1100', debit: money(5880n, 'USD'), refs: { accountId: 'acct_1', invoiceId: 'inv_1' } },
    { accountCode: '2400', credit: money(4900n, 'USD'), refs: { accountId: 'acct_1', invoiceId: 'inv_1' } },
    { accountCode: '2200', credit: money(980n, 'USD'), memo: 'VAT' },
  ],
});

type Case = [string, (entry: ReturnType<typeof base>) => unknown];

// Every input the structural check takes must be one the schema takes, with the same output.
const accepted: Case[] = [
  ['an invoice entry', (entry) => entry],
  ['no source and no key', ({ source: _source, idempotencyKey: _key, ...entry }) => entry],
  ['null source, key and memo', (entry) => ({ ...entry, source: null, idempotencyKey: null, lines: entry.lines.map((line) => ({ ...line, memo: null })) })],
];

// Anything the schema would change or refuse goes to the schema (the check answers null).
const deferred: Case[] = [
  ['a Temporal date', (entry) => ({ ...entry, entryDate: Temporal.PlainDate.from('2026-01-31') })],
  ['an impossible date', (entry) => ({ ...entry, entryDate: '2026-02-30' })],
  ['an untrimmed description', (entry) => ({ ...entry, description: ' Invoice ' })],
  ['an empty description', (entry) => ({ ...entry, description: '' })],
  ['a lower-case currency', (entry) => ({ ...entry, lines: [{ accountCode: '1100', debit: { amountMinor: 5880n, currency: 'usd' } }, ...entry.lines.slice(1)] })],
  ['an unknown currency', (entry) => ({ ...entry, lines: [{ accountCode: '1100', debit: { amountMinor: 5880n, currency: 'ABC' } }, ...entry.lines.slice(1)] })],
  ['a zero amount', (entry) => ({ ...entry, lines: [{ accountCode: '1100', debit: { amountMinor: 0n, currency: 'USD' } }, ...entry.lines.slice(1)] })],
  ['a number amount', (entry) => ({ ...entry, lines: [{ accountCode: '1100', debit: { amountMinor: 5880, currency: 'USD' } }, ...entry.lines.slice(1)] })],
  ['both sides', (entry) => ({ ...entry, lines: [{ accountCode: '1100', debit: money(1n, 'USD'), credit: money(1n, 'USD') }, ...entry.lines.slice(1)] })],
  ['neither side', (entry) => ({ ...entry, lines: [{ accountCode: '1100' }, ...entry.lines.slice(1)] })],
  ['a padded account code', (entry) => ({ ...entry, lines: [{ accountCode: ' 1100', debit: money(5880n, 'USD') }, ...entry.lines.slice(1)] })],
  ['an unknown key', (entry) => ({ ...entry, extra: 1 })],
  ['an unknown line key', (entry) => ({ ...entry, lines: [{ ...entry.lines[0], side: 'debit' }, ...entry.lines.slice(1)] })],
  ['a null ref', (entry) => ({ ...entry, lines: [{ accountCode: '1100', debit: money(5880n, 'USD'), refs: { accountId: null } }, ...entry.lines.slice(1)] })],
  ['one line', (entry) => ({ ...entry, lines: entry.lines.slice(0, 1) })],
  ['a bad source type', (entry) => ({ ...entry, source: { type: 'Invoice', id: 'inv_1' } })],
  ['a bad idempotency key', (entry) => ({ ...entry, idempotencyKey: 'with space' })],
];

describe('entryInSchemaForm', () => {
  it.each(accepted)('takes %s as the schema outputs it', (_name, make) => {
    const input = make(base());
    const fast = entryInSchemaForm(input);
    expect(fast).not.toBeNull();
    expect(fast).toEqual(postJournalEntrySchema.parse(input));
  });

  it.each(deferred)('leaves %s to the schema', (_name, make) => {
    expect(entryInSchemaForm(make(base()))).toBeNull();
  });
});
