import { auditRoutes } from '../audit/index.ts';
import { billingEngineRoutes, billingRoutes } from '../billing/index.ts';
import { catalogRoutes } from '../catalog/index.ts';
import { commissionRoutes } from '../commissions/index.ts';
import { cpqRoutes } from '../cpq/index.ts';
import { customer360Routes } from '../customer360/index.ts';
import {
  activityRoutes, boardRoutes, campaignRoutes, contactRoutes, crmRoutes, customFieldRoutes, leadRoutes, opportunityRoutes, pipelineRoutes, savedViewRoutes, ticketRoutes, usageRoutes,
} from '../crm/index.ts';
import { identityRoutes } from '../identity/index.ts';
import { createImportRoutes } from '../imports/index.ts';
import { ledgerRoutes } from '../ledger/index.ts';
import { createMetricsBatchRoutes, metricsRoutes } from '../metrics/index.ts';
import { orderRoutes } from '../orders/index.ts';
import { createPaymentRoutes } from '../payments/index.ts';
import { qualityRoutes, resolveImportMerges } from '../quality/index.ts';
import type { RoutePlugin } from '../shared/http/route-types.ts';
import { agingRatesFromMetrics } from './aging-rates.ts';
import { buildProblem, toAppError } from './problem.ts';
import { linkRoutes } from './links/index.ts';
import { webhookRoutes } from '../webhooks/index.ts';

/** Every domain's routes, mounted under /api/v1 in dependency order. */
export const API_ROUTE_PLUGINS: RoutePlugin[] = [identityRoutes, auditRoutes, webhookRoutes, ledgerRoutes, catalogRoutes, crmRoutes,
  contactRoutes, campaignRoutes, leadRoutes, activityRoutes,
  pipelineRoutes, customFieldRoutes, opportunityRoutes, ticketRoutes, usageRoutes, boardRoutes, savedViewRoutes, cpqRoutes, orderRoutes, billingRoutes, billingEngineRoutes, createPaymentRoutes({ agingRates: agingRatesFromMetrics }),
  createImportRoutes({ resolveMerged: resolveImportMerges }), qualityRoutes, commissionRoutes, linkRoutes, metricsRoutes,
  createMetricsBatchRoutes({ toProblem: (error, request) => { const known = toAppError(error); return known ? buildProblem(known, request) : null; } }), customer360Routes];
