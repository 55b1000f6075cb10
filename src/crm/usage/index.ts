export { upsertUsage } from './upsert-usage.ts';
export { getUsage } from './get-usage.ts';
export { upsertSeats, listAdoption, getAdoption } from './seats.ts';
export { adoptionRate, type AdoptionRate } from './adoption-rate.ts';
export { usageRoutes } from './routes.ts';
export { USAGE_GRANULARITIES } from './schema.ts';
export type { UsageGranularity, UsageUpsertRow, UpsertResult, UsageQuery, UsageSeries, SeatSnapshotInput, SeatsQuery, Adoption, UsageTables } from './schema.ts';
