import { z } from 'zod';
import type { App } from '../shared/http/route-types.ts';
import { LEDGER_ADMIN_ROLES as ADMIN, LEDGER_READ_ROLES as READ_ROLES } from './access.ts';
import { ledgerPeriodJsonSchema } from './http-schema.ts';
import { closePeriod, listLedgerPeriods, reopenPeriod } from './ledger-periods.ts';
import { closePeriodSchema, periodSchema, reopenPeriodSchema } from './schema.ts';

const tags = ['ledger'];
const periodParams = z.object({ period: periodSchema });

export function registerPeriodRoutes(app: App): void {
  app.get('/ledger/periods',
    { config: { access: READ_ROLES }, schema: { tags, summary: 'Months that were ever closed; any other month is open', response: { 200: z.object({ data: z.array(ledgerPeriodJsonSchema) }) } } },
    async (request) => ({ data: await listLedgerPeriods(request.ctx) }));
  app.post('/ledger/periods/:period/close',
    { config: { access: ADMIN }, schema: { tags, summary: 'Close a month: nothing posts into it any more', params: periodParams, body: closePeriodSchema.optional(), response: { 200: ledgerPeriodJsonSchema } } },
    async (request) => closePeriod(request.ctx, request.params.period, request.body ?? {}));
  app.post('/ledger/periods/:period/reopen',
    { config: { access: ADMIN }, schema: { tags, summary: 'Reopen a closed month (reason required)', params: periodParams, body: reopenPeriodSchema, response: { 200: ledgerPeriodJsonSchema } } },
    async (request) => reopenPeriod(request.ctx, request.params.period, request.body));
}
