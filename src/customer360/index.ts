// Customer 360 (issue #7): one account across crm, cpq, billing and payments, read-only.
export { getCustomer360 } from './get-customer-360.ts';
export { listTimeline } from './list-timeline.ts';
export { customer360Routes } from './routes.ts';
export { TIMELINE_KINDS, type TimelineKind } from './timeline-read-model.ts';
export type { Customer360, Customer360Query, TimelineEvent, TimelinePage, TimelineQuery } from './schema.ts';
