import type { Ctx } from '../shared/context.ts';
import { toIsoDate } from '../shared/dates.ts';

/** Today's calendar date (clock.today, UTC), the default effective date of a payment operation. */
export function todayOf(ctx: Ctx): string {
  return toIsoDate(ctx.clock.today());
}
