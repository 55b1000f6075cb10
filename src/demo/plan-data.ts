import { Temporal } from 'temporal-polyfill';
import { importEcbRatesCsv, importSalesTargetsCsv, importSpendCsv, setReportingCurrency } from '../metrics/index.ts';
import { REPORTING_CURRENCY } from './company.ts';
import type { World } from './world.ts';

const decimal = (minor: number): string => `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;

/**
 * What finance keeps outside Revline and imports: ECB-style EUR rates for USD and GBP (every
 * weekday, a gentle random walk), then the company reporting currency they convert into, monthly
 * sales and marketing spend, and monthly bookings targets.
 */
export async function importDemoPlanData(world: World): Promise<void> {
  const random = world.random;
  const fx = ['Date,USD,GBP'];
  let usd = 1.08;
  let gbp = 0.86;
  // Through the end of the current month: reports convert at month ends, and this month's end is
  // still ahead (the last rates are held flat after today).
  const ratesEnd = world.endDate.subtract({ days: 1 }).with({ day: 1 }).add({ months: 1 });
  for (let day: Temporal.PlainDate = world.startDate; day.until(ratesEnd).sign > 0; day = day.add({ days: 1 })) {
    if (day.dayOfWeek > 5) continue;
    if (Temporal.PlainDate.compare(day, world.endDate) >= 0) {
      fx.push(`${day.toString()},${usd.toFixed(4)},${gbp.toFixed(4)}`);
      continue;
    }
    usd = Math.min(1.25, Math.max(0.95, usd + (random.next() - 0.5) * 0.008));
    gbp = Math.min(0.95, Math.max(0.78, gbp + (random.next() - 0.5) * 0.004));
    fx.push(`${day.toString()},${usd.toFixed(4)},${gbp.toFixed(4)}`);
  }
  await importEcbRatesCsv(world.ctx, `${fx.join('\n')}\n`, { source: 'demo-ecb' });
  await setReportingCurrency(world.ctx, { reportingCurrency: REPORTING_CURRENCY });

  const spend = ['date,kind,category,amount,currency'];
  const targets = ['month,amount,currency'];
  let month = world.startDate.with({ day: 1 });
  for (let index = 0; month.until(world.endDate).sign > 0; index += 1, month = month.add({ months: 1 })) {
    const growth = 1 + index / 24;
    const iso = month.toString().slice(0, 7);
    spend.push(`${iso},sales,salaries,${decimal(Math.round(9_000_000 * growth))},EUR`);
    spend.push(`${iso},sales,tools,${decimal(Math.round(450_000 * growth))},EUR`);
    spend.push(`${iso},marketing,salaries,${decimal(Math.round(3_500_000 * growth))},EUR`);
    spend.push(`${iso},marketing,content,${decimal(Math.round(random.int(300_000, 900_000) * growth))},EUR`);
    targets.push(`${iso},${decimal(Math.round(6_000_000 * growth))},EUR`);
  }
  await importSpendCsv(world.ctx, `${spend.join('\n')}\n`, { source: 'demo-finance' });
  await importSalesTargetsCsv(world.ctx, `${targets.join('\n')}\n`, { source: 'demo-finance' });
}
