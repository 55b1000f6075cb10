import { z } from 'zod';
import type { Role } from '../../shared/access.ts';
import type { App } from '../../shared/http/route-types.ts';
import { money, moneyToJson } from '../../shared/money.ts';
import { plainDateSchema, recordId, text } from '../../shared/validation/field-schemas.ts';
import { moneyJsonSchema } from '../json.ts';
import { addCollectionNote, addNoteSchema, addPaymentPromise, addPromiseSchema, collectionSettingsSchema, collectionsWorklist, getAccountHold, placeHoldByHand, placeHoldSchema, releaseHoldByHand, setCollectionSettings, type WorklistEntry } from './collections.ts';
import type { PaymentPromise } from './collections-repo.ts';
import { dunningStagesSchema, listDunningStages, setDunningStages } from './stages.ts';
import { HOLD_ORIGINS, LANGUAGES, NOTICE_TEMPLATES } from '../tables.ts';

const READ: readonly Role[] = ['admin', 'revops', 'finance', 'success', 'viewer'];
const WRITE: readonly Role[] = ['admin', 'finance'];
const tags = ['collections'];
const accountParams = z.object({ accountId: z.string().min(1).max(100) });

const stageJson = z.object({ code: z.string(), position: z.number().int(), daysAfterDue: z.number().int(), template: z.enum(NOTICE_TEMPLATES).nullable(), placesHold: z.boolean() });
const noteJson = z.object({ id: z.string(), accountId: z.string(), invoiceId: z.string().nullable(), body: z.string(), contacted: z.boolean(), authorId: z.string(), createdAt: z.string() });
const promiseJson = z.object({ id: z.string(), accountId: z.string(), invoiceId: z.string().nullable(), promisedDate: z.string(), amount: moneyJsonSchema, note: z.string().nullable(), authorId: z.string(), createdAt: z.string() });
const holdJson = z.object({
  id: z.string(), accountId: z.string(), origin: z.enum(HOLD_ORIGINS).describe('dunning: the hold stage placed it and the run lifts it once paid; manual: only a release by hand lifts it'),
  reason: z.string(), placedDate: z.string(), placedAt: z.string(),
});
const placedHoldJson = z.object({ hold: holdJson, takenOver: z.boolean().describe('An open dunning hold became this hold by hand') });
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
  app.get('/collections/holds/:accountId', { config: { access: READ }, schema: { tags, summary: 'Whether the account is on hold, and the hold', params: accountParams, response: { 200: z.object({ accountId: z.string(), onHold: z.boolean(), hold: holdJson.nullable() }) } } },
    async (request) => {
      const hold = await getAccountHold(request.ctx, request.params.accountId);
      return { accountId: request.params.accountId, onHold: hold !== null, hold };
    });
  app.post('/collections/holds/:accountId', {
    config: { access: WRITE },
    schema: {
      tags, summary: 'Put the account on hold by hand (audited); it stays until released by hand',
      description: 'CPQ then refuses the account’s quotes (the overdue rule). An open hold of the dunning run is taken over (200, `takenOver`); a hold already placed by hand is a 409.',
      params: accountParams, body: placeHoldSchema, response: { 200: placedHoldJson, 201: placedHoldJson },
    },
  }, async (request, reply) => {
    const placed = await placeHoldByHand(request.ctx, request.params.accountId, request.body);
    return reply.status(placed.takenOver ? 200 : 201).send(placed);
  });
  app.post('/collections/holds/:accountId/release', { config: { access: WRITE }, schema: { tags, summary: 'Release the account’s hold by hand (audited)', params: accountParams, body: z.strictObject({ reason: text(500) }), response: { 200: z.object({ accountId: z.string(), released: z.boolean() }) } } },
    async (request) => ({ accountId: request.params.accountId, released: await releaseHoldByHand(request.ctx, request.params.accountId, request.body.reason) }));
}
