import { z } from 'zod';
import type { App, RoutePlugin } from '../shared/http/route-types.ts';
import { LEDGER_READ_ROLES, LEDGER_WRITE_ROLES as WRITE_ROLES } from './access.ts';
import { getJournalEntry } from './get-journal-entry.ts';
import {
  accountBalanceJsonSchema, accountBalanceQuerySchema, accountBalanceToJson, entryToJson, journalEntryJsonSchema,
  journalEntryPageJsonSchema, ledgerAccountJsonSchema, postEntryBodySchema, reverseBodySchema, trialBalanceJsonSchema,
  trialBalanceQuerySchema, trialBalanceToJson,
} from './http-schema.ts';
import { createLedgerAccount, listLedgerAccounts, setLedgerAccountActive } from './ledger-accounts.ts';
import { listJournalEntries } from './list-journal-entries.ts';
import { postJournalEntry } from './post-journal-entry.ts';
import { reverseJournalEntry } from './reverse-journal-entry.ts';
import { registerPeriodRoutes } from './routes-periods.ts';
import { accountCodeSchema, createLedgerAccountSchema, listEntriesQuerySchema } from './schema.ts';
import { accountBalance, trialBalance } from './trial-balance.ts';

const tags = ['ledger'];
// The 405 detail for PATCH/PUT/DELETE on a journal entry (docs/ledger.md: entries are immutable).
const ENTRY_IMMUTABLE = 'Journal entries are immutable: correct one with a reversing entry (POST /api/v1/ledger/entries/{id}/reverse), then post the right entry.';
const idParams = z.object({ id: z.string().min(1).max(100) });
const codeParams = z.object({ code: accountCodeSchema });

function registerAccountRoutes(app: App): void {
  app.get('/ledger/accounts',
    { config: { access: LEDGER_READ_ROLES }, schema: { tags, summary: 'The chart of accounts', response: { 200: z.object({ data: z.array(ledgerAccountJsonSchema) }) } } },
    async (request) => ({ data: await listLedgerAccounts(request.ctx) }));
  app.post('/ledger/accounts',
    { config: { access: WRITE_ROLES }, schema: { tags, summary: 'Add a ledger account', body: createLedgerAccountSchema, response: { 201: ledgerAccountJsonSchema } } },
    async (request, reply) => reply.status(201).send(await createLedgerAccount(request.ctx, request.body)));
  for (const [verb, active] of [['activate', true], ['deactivate', false]] as const) {
    app.post(`/ledger/accounts/:code/${verb}`,
      { config: { access: WRITE_ROLES }, schema: { tags, summary: `${verb[0]?.toUpperCase()}${verb.slice(1)} a ledger account`, params: codeParams, response: { 200: ledgerAccountJsonSchema } } },
      async (request) => setLedgerAccountActive(request.ctx, request.params.code, active));
  }
  app.get('/ledger/accounts/:code/balance',
    { config: { access: LEDGER_READ_ROLES }, schema: { tags, summary: 'An account’s balance in one currency as of a date (inclusive)', params: codeParams, querystring: accountBalanceQuerySchema, response: { 200: accountBalanceJsonSchema } } },
    async (request) => accountBalanceToJson(await accountBalance(request.ctx, request.params.code, { asOfDate: request.query.asOf, currency: request.query.currency })));
}

function registerEntryRoutes(app: App): void {
  app.get('/ledger/entries',
    { config: { access: LEDGER_READ_ROLES }, schema: { tags, summary: 'List journal entries with their lines (keyset pages)', querystring: listEntriesQuerySchema, response: { 200: journalEntryPageJsonSchema } } },
    async (request) => {
      const page = await listJournalEntries(request.ctx, request.query);
      return { data: page.data.map(entryToJson), nextCursor: page.nextCursor };
    });
  app.get('/ledger/entries/:id',
    { config: { access: LEDGER_READ_ROLES, immutable: ENTRY_IMMUTABLE }, schema: { tags, summary: 'Get a journal entry', params: idParams, response: { 200: journalEntryJsonSchema } } },
    async (request) => entryToJson(await getJournalEntry(request.ctx, request.params.id)));
  app.post('/ledger/entries',
    { config: { access: WRITE_ROLES }, schema: { tags, summary: 'Post a manual journal entry (balanced per currency)', body: postEntryBodySchema, response: { 201: journalEntryJsonSchema } } },
    async (request, reply) => {
      const entry = await postJournalEntry(request.ctx, request.body);
      return reply.status(201).header('location', `${request.url.split('?')[0]}/${entry.id}`).send(entryToJson(entry));
    });
  app.post('/ledger/entries/:id/reverse',
    { config: { access: WRITE_ROLES }, schema: { tags, summary: 'Reverse a journal entry (once)', params: idParams, body: reverseBodySchema, response: { 201: journalEntryJsonSchema } } },
    async (request, reply) => {
      const entry = await reverseJournalEntry(request.ctx, request.params.id, request.body);
      return reply.status(201).header('location', `${request.url.split('/entries/')[0]}/entries/${entry.id}`).send(entryToJson(entry));
    });
  app.get('/ledger/trial-balance',
    { config: { access: LEDGER_READ_ROLES }, schema: { tags, summary: 'Trial balance as of a date (inclusive), per currency', querystring: trialBalanceQuerySchema, response: { 200: trialBalanceJsonSchema } } },
    async (request) => trialBalanceToJson(await trialBalance(request.ctx, { asOfDate: request.query.asOf, ...(request.query.currency ? { currency: request.query.currency } : {}) })));
}

export const ledgerRoutes: RoutePlugin = (app) => {
  registerAccountRoutes(app);
  registerEntryRoutes(app);
  registerPeriodRoutes(app);
};
