import { z } from 'zod';
import type { Role } from '../../shared/access.ts';
import { inTransaction } from '../../shared/context.ts';
import type { App } from '../../shared/http/route-types.ts';
import { money, moneyToJson } from '../../shared/money.ts';
import { plainDateSchema, recordId, text } from '../../shared/validation/field-schemas.ts';
import { moneyJsonSchema } from '../json.ts';
import { addCollectionNote, addNoteSchema, addPaymentPromise, addPromiseSchema, collectionSettingsSchema, collectionsWorklist, isAccountOnHold, setCollectionSettings, type WorklistEntry } from './collections.ts';
import type { PaymentPromise } from './collections-repo.ts';
import { releaseHold } from './dunning-repo.ts';
import { dunningStagesSchema, listDunningStages, setDunningStages } from './stages.ts';
import { LANGUAGES, NOTICE_TEMPLATES } from '../tables.ts';

const READ: readonly Role[] = ['admin', 'revops', 'finance', 'success', 'viewer'];
const WRITE: readonly Role[] = ['admin', 'finance'];
const tags = ['collections'];
const accountParams = z.object({ accountId: z.string().min(1).max(100) });

const stageJson = z.object({ code: z.string(), position: z.number().int(), daysAfterDue: z.number().int(), template: z.enum(NOTICE_TEMPLATES).nullable(), placesHold: z.boolean() });
const noteJson = z.object({ id: z.string(), accountId: z.string(), invoiceId: z.string().nullable(), body: z.string(), contacted: z.boolean(), authorId: z.string(), createdAt: z.string() });
const promiseJson = z.object({ id: z.string(), accountId: z.string(), invoiceId: z.string().nullable(), promisedDate: z.string(), amount: moneyJsonSchema, note: z.string().nullable(), authorId: z.string(), createdAt: z.string() });
const worklistJson = z.object({
  data: z.array(z.object({
    accountId: z.string(), accountName: z.string(), onHold: z.boolean(), lastContactDate: z.string().nullable(), promise: promiseJson.nullable(), notes: z.array(noteJson),
    invoices: z.array(z.object({ invoiceId: z.string(), number: z.string().nullable(), dueDate: z.string().nullable(), daysPastDue: z.number().int(), amountDue: moneyJsonSchema, stage: z.string().nullable(), lastNoticeDate: z.string().nullable() })),
  })),
});

function promiseToJson(promise: PaymentPromise) {
  const { amountMinor, currency, ...rest } = promise;
  return { ...rest, amount: moneyToJson(money(amountMinor, currency)) };
}

function worklistToJson(entries: WorklistEntry[]) {
  return {
    data: entries.map((entry) => ({
      ...entry,
      promise: entry.promise ? promiseToJson(entry.promise) : null,
      invoices: entry.invoices.map(({ amountDueMinor, currency, ...invoice }) => ({ ...invoice, amountDue: moneyToJson(money(amountDueMinor, currency)) })),
    })),
  };
}

export function registerCollectionRoutes(app: App): void {
  app.get('/dunning/stages', { config: { access: READ }, schema: { tags, summary: 'The dunning stages in order', response: { 200: z.object({ data: z.array(stageJson) }) } } },
    async (request) => ({ data: await listDunningStages(request.ctx) }));
  app.put('/dunning/stages', { config: { access: WRITE }, schema: { tags, summary: 'Replace the dunning stages (days after due strictly increasing)', body: dunningStagesSchema, response: { 200: z.object({ data: z.array(stageJson) }) } } },
    async (request) => ({ data: await setDunningStages(request.ctx, request.body) }));
  app.get('/collections/worklist', { config: { access: READ }, schema: { tags, summary: 'Overdue invoices per account with dunning stage, last contact, promise to pay and notes', querystring: z.strictObject({ asOf: plainDateSchema.optional(), accountId: recordId.optional() }), response: { 200: worklistJson } } },
    async (request) => worklistToJson(await collectionsWorklist(request.ctx, request.query)));
  app.post('/collections/notes', { config: { access: WRITE }, schema: { tags, summary: 'Add a collections note (audited)', body: addNoteSchema, response: { 201: noteJson } } },
    async (request, reply) => reply.status(201).send(await addCollectionNote(request.ctx, request.body)));
  app.post('/collections/promises', { config: { access: WRITE }, schema: { tags, summary: 'Record a promise to pay (dunning pauses until its date)', body: addPromiseSchema, response: { 201: promiseJson } } },
    async (request, reply) => reply.status(201).send(promiseToJson(await addPaymentPromise(request.ctx, request.body))));
  app.put('/collections/settings/:accountId', { config: { access: WRITE }, schema: { tags, summary: 'Where reminders go and in which language', params: accountParams, body: collectionSettingsSchema, response: { 200: z.object({ accountId: z.string(), billingEmail: z.string().nullable(), language: z.enum(LANGUAGES) }) } } },
    async (request) => setCollectionSettings(request.ctx, request.params.accountId, request.body));
  app.get('/collections/holds/:accountId', { config: { access: READ }, schema: { tags, summary: 'Whether the account is on hold', params: accountParams, response: { 200: z.object({ accountId: z.string(), onHold: z.boolean() }) } } },
    async (request) => ({ accountId: request.params.accountId, onHold: await isAccountOnHold(request.ctx, request.params.accountId) }));
  app.post('/collections/holds/:accountId/release', { config: { access: WRITE }, schema: { tags, summary: 'Release the account’s hold by hand (audited)', params: accountParams, body: z.strictObject({ reason: text(500) }), response: { 200: z.object({ accountId: z.string(), released: z.boolean() }) } } },
    async (request) => ({ accountId: request.params.accountId, released: await inTransaction(request.ctx, (tx) => releaseHold(tx, request.params.accountId, request.body.reason)) }));
}
