import type { Ctx } from '../../shared/context.ts';
import { toIsoDate } from '../../shared/dates.ts';

/** Documents are dated today, or on their billing date when the run looks ahead (never before it). */
export function documentDateFor(ctx: Ctx, billingDate: string | null): string {
  const today = toIsoDate(ctx.clock.today());
  return billingDate !== null && billingDate > today ? billingDate : today;
}
