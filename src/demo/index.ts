// The demo company (issue #8): Nordlicht Analytics GmbH, generated through Revline's own services.
export { generateDemo, type DemoOptions, type DemoSummary } from './generate-demo.ts';
export { generateBulkDemo, type BulkDemoOptions, type BulkDemoSummary } from './generate-bulk-demo.ts';
export { drainEvents } from './drain-events.ts';
export { COMPANY_NAME, DEMO_PASSWORD, DEMO_EMAIL_DOMAIN } from './company.ts';
export { demoLogins, type DemoLogin } from './setup-company.ts';
export type { DemoCounts } from './world.ts';
