import { getStatement, statementToJson, type CommissionStatement } from '../commissions/index.ts';
import type { Ctx } from '../shared/context.ts';
import { formatMinor } from '../shared/money.ts';
import { namingOptions } from './option-names.ts';

export type CommissionStatementOptions = { rep: string; period: string; json?: boolean; out: NodeJS.WritableStream };

const STATEMENT_OPTIONS = { 'querystring.repId': '--rep', 'querystring.period': '--period' };

/** `revline commissions statement --rep <userId> --period YYYY-MM`: one rep's month, exit 0. */
export async function runCommissionStatement(ctx: Ctx, options: CommissionStatementOptions): Promise<number> {
  const statement = await namingOptions(STATEMENT_OPTIONS, getStatement(ctx, { repId: options.rep, period: options.period }));
  options.out.write(options.json === true ? `${JSON.stringify(statementToJson(statement))}\n` : describeStatement(statement));
  return 0;
}

/** Plain text: one line per entry, then the totals per currency (amounts as exact decimals). */
export function describeStatement(statement: CommissionStatement): string {
  const lines = [`Commission statement for ${statement.repUserId}, ${statement.period} [${statement.periodStartDate} – ${statement.periodEndDate})`];
  if (statement.entries.length === 0) lines.push('  No commission entries in this period.');
  for (const entry of statement.entries) {
    const amount = `${formatMinor(entry.amountMinor, entry.currency)} ${entry.currency}`;
    lines.push(`  ${entry.earnedDate}  ${entry.kind.padEnd(8)}  ${entry.dealType.padEnd(9)}  ${entry.bookingId}  ${amount.padStart(18)}`);
  }
  for (const total of statement.totals) {
    const format = (minor: bigint) => `${formatMinor(minor, total.currency)} ${total.currency}`;
    lines.push(`  Total ${total.currency}: accrued ${format(total.accruedMinor)}, clawed back ${format(total.clawedBackMinor)}, net ${format(total.netMinor)}`);
  }
  return `${lines.join('\n')}\n`;
}
