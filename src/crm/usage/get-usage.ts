import type { Ctx } from '../../shared/context.ts';
import { getAccount } from '../get-account.ts';
import { parseInput } from '../../shared/validation/parse-input.ts';
import { sumUsage } from './repo.ts';
import { usageQuerySchema, type UsageQuery, type UsageSeries } from './schema.ts';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Usage of one visible account summed per day, ISO week (from Monday) or calendar month, per
 * feature, over the days in [startDate, endDate). Buckets are calendar buckets, so the first and
 * last may be partial; buckets without usage are left out (the series is sparse).
 */
export async function getUsage(ctx: Ctx, request: { accountId: string } & UsageQuery): Promise<UsageSeries> {
  const { accountId, ...rest } = request;
  const query = parseInput(usageQuerySchema, rest, 'querystring');
  await getAccount(ctx, accountId);
  const rows = await sumUsage(ctx, { accountId, ...query });
  return {
    accountId,
    granularity: query.granularity,
    startDate: query.startDate,
    endDate: query.endDate,
    data: rows.map((row) => ({ periodStartDate: row.period_start_date, featureKey: row.feature_key, count: countToJson(BigInt(row.usage_count)) })),
  };
}

function countToJson(count: bigint): number | string {
  return count <= MAX_SAFE ? Number(count) : count.toString();
}
