// Metrics: MRR/ARR and movements, churn and retention, unit economics, sales and pipeline, lead
// funnel, marketing (spend, CAC) and success metrics — definitions in docs/metrics.md. FX rates for reporting across currencies.
export { computeMetric, listMetrics, listReadableMetrics, METRICS, type CatalogueEntry, type MetricDefinition, type MetricName } from './metric-catalog.ts';
export { TEAM_METRICS, METRIC_READ_ROLES } from './metric-access.ts';
export { warmUpMetrics } from './warm-up.ts';
export { metricQuerySchema, toReportRequest, type MetricQuery, type ReportRequest } from './report-request.ts';
export { metricsRoutes } from './routes.ts';
export { createMetricsBatchRoutes, MAX_BATCH_ITEMS } from './metrics-batch.ts';
export { importEcbRatesCsv, parseEcbCsv, type FxImportResult, type RejectedCell } from './import-fx-rates.ts';
export { listFxRates, type FxRate } from './fx-rate-repo.ts';
export {
  findReportingCurrency, PER_CURRENCY_CHOICE, resolveReportingCurrency, setReportingCurrency, type ReportingCurrencySetting, type ResolvedReportingCurrency,
} from './reporting-currency.ts';
// Read by http/cli to give payments' AR aging a reporting currency (src/http/aging-rates.ts).
export { loadRateBook, FX_MAX_AGE_DAYS, type RateBook } from './fx-rate-book.ts';
export { importSalesTargetsCsv, importSpendCsv, type PlanImportResult } from './import-plan-data.ts';
export { getMrrStore, readDataVersion } from './load-mrr-store.ts';
export { createStoreBuilder, type MrrStore, type StoreBuilder } from './mrr-store.ts';
export { buildMatrix, bridgeMonths, periodEndMonths } from './prepare-matrix.ts';
export { movementRows } from './flow-metrics.ts';
export { BRIDGE_FIELDS, type Bridge } from './movements.ts';
export { INTERVALS, type Interval } from './periods.ts';
export { BREAKDOWNS, type Breakdown } from './slices.ts';
export { UNITS } from './metric-types.ts';
export type { MetricResult, MovementRow, SeriesPoint, Explain, Unit, Contribution } from './metric-types.ts';
export type { MetricsTables } from './tables.ts';
