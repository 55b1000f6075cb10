import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { insertLead } from '../quality/fixtures.ts';
import { buildDataQualityReport } from '../quality/index.ts';
import { describeReport, runDataQuality } from './data-quality.ts';

function capture(): PassThrough & { text(): string } {
  const chunks: Buffer[] = [];
  const stream = Object.assign(new PassThrough(), { text: () => Buffer.concat(chunks).toString('utf8') });
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return stream;
}

describe('runDataQuality', () => {
  let t: TestContext;
  const leads: string[] = [];
  beforeAll(async () => {
    t = await createTestContext();
    for (let i = 0; i < 12; i += 1) leads.push(await insertLead(t.ctx, { email: `lead${i}@example.com` }));
    leads.sort();
  });
  afterAll(() => t.close());

  it('prints each check with its count, the first ids and what is not checked, and exits 0', async () => {
    const out = capture();
    expect(await runDataQuality(t.ctx, { json: false, out })).toBe(0);
    const lines = out.text().split('\n');
    expect(lines[0]).toBe('Data quality as of 2026-01-15: 1 of 21 checks found records');
    const unowned = lines.findIndex((line) => line.includes('lead_without_owner'));
    expect(lines[unowned]).toBe('warning    12  lead_without_owner — Open leads (new, MQL, SQL) nobody owns');
    expect(lines[unowned + 1]).toBe(`               ${leads.slice(0, 10).join(', ')}, … 2 more (--check lead_without_owner lists them all)`);
    expect(lines).toContain('ok          0  duplicate_accounts — Accounts that identity resolution matches with another (score ≥ 0.7) and nobody has rejected');
    expect(lines).toContain('ok          0  closed_won_without_contract — Closed-won opportunities won in Revline (not imported) with no order from an accepted quote: a win without a signed contract');
    expect(lines.filter((line) => line.includes('not checked'))).toEqual([]);
  });

  it('names a check the report could not run, with its reason', () => {
    const text = describeReport({ generatedAt: '2026-01-15T09:00:00Z', asOfDate: '2026-01-15', sections: [], notCovered: [{ check: 'some_check', reason: 'no table for it yet' }] });
    expect(text.split('\n')).toEqual(['Data quality as of 2026-01-15: 0 of 0 checks found records', '', '  not checked  some_check: no table for it yet', '']);
  });

  it('prints the report as one JSON document with --json', async () => {
    const out = capture();
    expect(await runDataQuality(t.ctx, { json: true, out })).toBe(0);
    expect(JSON.parse(out.text())).toEqual(await buildDataQualityReport(t.ctx));
  });

  it('lists every id of one check with --check, as lines or JSON, and refuses an unknown check with exit 2', async () => {
    const text = capture();
    expect(await runDataQuality(t.ctx, { json: false, out: text, check: 'lead_without_owner' })).toBe(0);
    expect(text.text()).toBe(leads.map((id) => `${id}\n`).join(''));
    const json = capture();
    expect(await runDataQuality(t.ctx, { json: true, out: json, check: 'lead_without_owner' })).toBe(0);
    expect(JSON.parse(json.text())).toMatchObject({ check: 'lead_without_owner', severity: 'warning', count: 12, ids: leads });
    const out = capture();
    const err = capture();
    expect(await runDataQuality(t.ctx, { json: false, out, err, check: 'no_such_check' })).toBe(2);
    expect(out.text()).toBe('');
    expect(err.text()).toMatch(/^error: no data-quality check "no_such_check"; the checks are duplicate_accounts, .*lead_without_owner/);
  });
});
