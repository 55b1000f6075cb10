/// <reference lib="dom" />
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAccount, createLead, createOpportunity, createStage, getOpportunity, listLeads, listStageHistory, listStages, recordStageHistory, reorderStages, updateOpportunity, type Opportunity,
} from '../../src/crm/index.ts';
import { createTeam, createUser } from '../../src/identity/index.ts';
import { seriousAxeViolations, startBrowserHarness, TEST_PASSWORD, type BrowserHarness } from '../support/browser.ts';
import { layoutProblems } from '../support/layout-checks.ts';

/**
 * The pipeline journey as a sales manager: her home page's team quarter and By rep table (laid out
 * in German and Russian), the team's metrics explorer, the kanban (drag with the mouse, move with the
 * keyboard, close as lost through the reason dialog, a refused move rolled back), the list with a
 * saved view that survives a reload, and converting a lead into an opportunity. Seeds through the
 * crm services; checks stage history through them too. Waits on conditions only.
 */

const MANAGER = { email: 'mia.manager@example.com', name: 'Mia Manager', role: 'sales_manager' as const };
const WAIT = { timeout: 15_000, interval: 100 };
// The server's fake clock (createTestContext's start): the browser's "this quarter" is Q1 2026 too.
const NOW = new Date('2026-01-15T09:00:00Z');

/**
 * Closed deals for the home page's team figures (EUR), closed before NOW: Mia manages the team of
 * Rob; Olga is on no team of hers, so her win counts for nobody on Mia's page.
 * Q1 2026: Mia won 1,500.00, Rob won 3,000.00 and lost 2,000.00; Q4 2025: Rob won 2,000.00.
 * Bookings this quarter 4,500.00 (+125% on 2,000.00), win rate 2 ÷ 3.
 */
const CLOSED = [
  { name: 'Globex Starter', owner: 'mia', won: true, amountMinor: 1_500_00, firstStageDate: '2025-12-01', closeDate: '2026-01-12' },
  { name: 'Initech Pilot', owner: 'rob', won: true, amountMinor: 3_000_00, firstStageDate: '2025-12-06', closeDate: '2026-01-05' },
  { name: 'Initech Legacy', owner: 'rob', won: false, amountMinor: 2_000_00, firstStageDate: '2025-11-01', closeDate: '2026-01-14' },
  { name: 'Initech Trial', owner: 'rob', won: true, amountMinor: 2_000_00, firstStageDate: '2025-10-01', closeDate: '2025-11-20' },
  { name: 'Umbrella Deal', owner: 'olga', won: true, amountMinor: 9_000_00, firstStageDate: '2025-12-01', closeDate: '2026-01-08' },
] as const;

describe('pipeline in the browser', () => {
  let h: BrowserHarness;
  let page: Page;
  let pageErrors: string[];
  const deals: Record<string, Opportunity> = {};

  beforeAll(async () => {
    h = await startBrowserHarness();
    ({ page, pageErrors } = await h.newPage());
    await h.signIn(page, MANAGER);
    const manager = await h.ctx.db.selectFrom('users').select('id').where('email', '=', MANAGER.email).executeTakeFirstOrThrow();
    // A configured stage: added at the end, then placed before the closed stages.
    await createStage(h.ctx, { key: 'legal_review', label: 'Legal review', defaultProbabilityBps: 9000 });
    const keys = (await listStages(h.ctx)).data.map((s) => s.key).filter((k) => k !== 'legal_review');
    await reorderStages(h.ctx, { keys: [...keys.slice(0, keys.indexOf('closed_won')), 'legal_review', ...keys.slice(keys.indexOf('closed_won'))] });
    const account = await createAccount(h.ctx, { name: 'Globex', currency: 'EUR', ownerUserId: manager.id });
    const deal = async (name: string, amountMinor: number, currency: string, stage: string, closeDate: string) => {
      deals[name] = await createOpportunity(h.ctx, { accountId: account.id, name, amount: { amountMinor, currency }, stage, closeDate, ownerUserId: manager.id });
    };
    await deal('Globex Platform', 10_000_00, 'EUR', 'prospecting', '2026-03-31');
    await deal('Globex Support', 5_000_00, 'USD', 'prospecting', '2026-04-30');
    await deal('Globex Expansion', 2_500_00, 'EUR', 'qualification', '2026-05-31');
    await deal('Globex Renewal', 7_000_00, 'EUR', 'negotiation', '2026-06-30');
    for (let n = 1; n <= 23; n += 1) await deal(`Bulk deal ${n}`, 1_000_00, 'EUR', 'discovery', '2026-09-30');
    await createLead(h.ctx, { firstName: 'Grace', lastName: 'Hopper', company: 'Hopper Labs', email: 'grace@hopper.example', status: 'sql', ownerUserId: manager.id });
    await createLead(h.ctx, { firstName: 'Alan', lastName: 'Turing', company: 'Turing Ltd', email: 'alan@turing.example', status: 'mql', ownerUserId: manager.id });
    await createLead(h.ctx, { firstName: 'Linus', lastName: 'Pauling', company: 'Pauling Inc', email: 'linus@pauling.example', ownerUserId: manager.id });
    // Mia's team (she manages it without being a member) and a rep outside it, with closed deals only:
    // the board's open columns stay as above.
    const team = await createTeam(h.ctx, { name: 'Team Mia', managerUserId: manager.id });
    const rep = async (email: string, displayName: string, teamId: string | null) => (await createUser(h.ctx, { email, displayName, role: 'sales_rep', teamId, locale: 'en', password: TEST_PASSWORD })).id;
    const owners = { mia: manager.id, rob: await rep('rob.rep@example.com', 'Rob Rep', team.id), olga: await rep('olga.other@example.com', 'Olga Other', null) };
    const accounts = {
      mia: account.id,
      rob: (await createAccount(h.ctx, { name: 'Initech', currency: 'EUR', ownerUserId: owners.rob })).id,
      olga: (await createAccount(h.ctx, { name: 'Umbrella', currency: 'EUR', ownerUserId: owners.olga })).id,
    };
    for (const closed of CLOSED) {
      const closedAt = `${closed.closeDate}T12:00:00Z`;
      const stage = closed.won ? 'closed_won' : 'closed_lost';
      const opportunity = await createOpportunity(h.ctx, {
        accountId: accounts[closed.owner], name: closed.name, amount: { amountMinor: closed.amountMinor, currency: 'EUR' }, stage, closeDate: closed.closeDate, closedAt,
        ownerUserId: owners[closed.owner], ...(closed.won ? {} : { lostReason: 'price' }),
      });
      await recordStageHistory(h.ctx, opportunity.id, [{ stage: 'discovery', enteredAt: `${closed.firstStageDate}T09:00:00Z`, leftAt: closedAt }, { stage, enteredAt: closedAt }]);
    }
  });
  afterAll(() => h.close());

  const column = (stage: string) => page.getByTestId(`pipeline-column-${stage}`);
  const card = (stage: string, name: string) => column(stage).getByTestId('pipeline-card').filter({ hasText: name });
  const text = async (locator: Locator) => (await locator.textContent()) ?? '';
  const count = (stage: string) => text(column(stage).getByTestId('pipeline-column-count'));
  const totals = (stage: string) => column(stage).getByTestId('pipeline-column-totals').locator('li').allTextContents();
  const historyOf = async (name: string) => (await listStageHistory(h.ctx, deals[name]?.id ?? '')).map((entry) => [entry.stage, entry.leftAt === null]);

  it('gives the manager a home page with her team\'s quarter and a metrics explorer over her team\'s opportunities, asking nothing the role may not read', async () => {
    const refused: string[] = [];
    const onResponse = (response: { status(): number; url(): string }) => {
      if (response.status() === 403) refused.push(response.url());
    };
    // The home page asks for all its team figures in one request.
    const metricRequests: string[] = [];
    const onRequest = (request: { method(): string; url(): string }) => {
      if (request.url().includes('/api/v1/metrics')) metricRequests.push(`${request.method()} ${new URL(request.url()).pathname}`);
    };
    page.on('response', onResponse);
    page.on('request', onRequest);
    try {
      await page.clock.setFixedTime(NOW); // the browser's "today" is the server's
      await page.goto('/');
      await page.getByRole('heading', { name: 'Your workspace' }).waitFor();
      await page.getByRole('navigation').getByRole('link', { name: 'Pipeline' }).waitFor();
      // Her team's quarter (CLOSED above; Olga's win is not hers): bookings against last quarter, the
      // win rate, the open pipeline in both of its currencies, each card a link into the explorer.
      await page.getByTestId('team-dashboard').getByRole('heading', { name: 'Your team', exact: true }).waitFor();
      const kpi = (name: string) => page.getByTestId(`team-kpi-${name}`);
      await expect.poll(() => kpi('bookings').getByTestId('team-kpi-bookings-figure').allTextContents(), WAIT).toEqual(['€4,500.00']);
      expect(await kpi('bookings').locator('.dashboard-kpi__meta').allTextContents()).toEqual(['This quarter (Q1 2026)', '+125% vs Q4 2025 (€2,000.00)']);
      expect(await kpi('win-rate').locator('li').allTextContents()).toEqual(['66.67%Won: 2 · lost: 1']);
      expect(await kpi('pipeline-value').getByTestId('team-kpi-pipeline-value-figure').allTextContents()).toEqual(['€42,500.00', '$5,000.00']);
      expect(await kpi('win-rate').getByRole('link', { name: 'Explore Win rate in the metrics explorer' }).getAttribute('href'))
        .toBe('/metrics?metric=win-rate&from=2025-10&to=2026-03&interval=quarter');
      // By rep: her team only, by bookings, named.
      const repRows = page.getByTestId('team-by-rep-row');
      await expect.poll(() => repRows.locator('th').allTextContents(), WAIT).toEqual(['Rob Rep', 'Mia Manager']);
      expect(await repRows.first().locator('td').allTextContents()).toEqual(['€3,000.00', '50%', '€0.00']);
      expect(await repRows.last().locator('td').allTextContents()).toEqual(['€1,500.00', '100%', '€42,500.00$5,000.00']);
      expect(metricRequests).toEqual(['POST /api/v1/metrics/batch']);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await h.screenshot(page, 'pipeline-team-home');
      // docs/metrics.md "Who sees what": the team's opportunity and lead metrics, said so on the page; no finance metric offered.
      await page.getByRole('navigation').getByRole('link', { name: 'Metrics' }).click();
      await page.getByTestId('metrics-team-scope').getByText("Your team's opportunities").waitFor();
      const offered = await page.locator('#metrics-metric option').allTextContents();
      expect(offered).toContain('Open pipeline value');
      expect(offered).not.toContain('Monthly recurring revenue (MRR)');
      expect(offered.filter((label) => /ARR|MRR|DSO|Billings|CAC/.test(label))).toEqual([]);
      await page.locator('#metrics-metric').selectOption('pipeline-value');
      await expect.poll(() => page.url(), WAIT).toMatch(/metric=pipeline-value/);
      await page.locator('#metrics-breakdown').selectOption({ label: 'Owner' });
      // By owner: the rows name the owner (her own deals), not a user id.
      await page.getByRole('columnheader', { name: 'Owner' }).waitFor();
      await page.getByRole('cell', { name: MANAGER.name }).first().waitFor();
      expect(await seriousAxeViolations(page)).toEqual([]);
      await h.screenshot(page, 'pipeline-team-metrics');

      // The team section in German and Russian at 1280 and 1024 px: every title, figure and heading inside its card.
      await page.goto('/');
      const cardsOverflowing = () => page.evaluate(() => Array.from(document.querySelectorAll('.team-dashboard .card'))
        .filter((card) => card.scrollWidth > card.clientWidth).map((card) => card.querySelector('h3')?.textContent ?? '?'));
      for (const [language, label, heading] of [['de', 'Language', 'Ihr Team'], ['ru', 'Sprache', 'Ваша команда']] as const) {
        await page.getByLabel(label).selectOption(language);
        await page.getByTestId('team-dashboard').getByRole('heading', { name: heading, exact: true }).waitFor();
        await expect.poll(() => repRows.locator('th').allTextContents(), WAIT).toEqual(['Rob Rep', 'Mia Manager']);
        for (const width of [1280, 1024]) {
          await page.setViewportSize({ width, height: 860 });
          await expect.poll(() => page.evaluate(() => window.innerWidth)).toBe(width);
          expect({ language, width, problems: await layoutProblems(page), cards: await cardsOverflowing() }).toEqual({ language, width, problems: [], cards: [] });
        }
        await h.screenshot(page, `pipeline-team-home-${language}`);
        await page.setViewportSize({ width: 1280, height: 860 });
      }
      await page.getByLabel('Язык').selectOption('en');
      await page.getByRole('heading', { name: 'Your workspace' }).waitFor();
      await page.waitForLoadState('networkidle');
      expect(refused).toEqual([]);
    } finally {
      page.off('response', onResponse);
      page.off('request', onRequest);
    }
  });

  it('moves cards by mouse and keyboard, asks for a lost reason, and rolls back a refused move', async () => {
    await page.goto('/pipeline');
    await card('prospecting', 'Globex Platform').waitFor();
    const headings = await page.locator('.pipeline-column__title').evaluateAll((nodes) => nodes.map((n) => n.childNodes[0]?.textContent));
    expect(headings).toEqual(['Prospecting', 'Qualification', 'Discovery / Needs Analysis', 'Proposal', 'Negotiation', 'Legal review', 'Closed Won', 'Closed Lost']);
    expect(await count('prospecting')).toBe('Opportunities: 2');
    // A long column renders a page of cards and loads more on request; filters run on the server.
    const discoveryCards = column('discovery').getByTestId('pipeline-card');
    expect(await discoveryCards.count()).toBe(20);
    await column('discovery').getByRole('button', { name: 'Show more (20 of 23)' }).click();
    await expect.poll(() => discoveryCards.count(), WAIT).toBe(23);
    await page.locator('#board-filter-q').fill('Bulk deal 7');
    await expect.poll(() => count('discovery'), WAIT).toBe('Opportunities: 1');
    expect(await count('prospecting')).toBe('Opportunities: 0');
    await page.locator('#board-filter-q').fill('');
    await card('prospecting', 'Globex Platform').waitFor();
    await expect.poll(() => count('discovery'), WAIT).toBe('Opportunities: 23');
    // Two currencies, two totals: never added together.
    expect(await totals('prospecting')).toEqual(['€10,000.00', '$5,000.00']);
    expect(await seriousAxeViolations(page)).toEqual([]);
    // Columns scroll inside the board; the page itself never scrolls sideways.
    expect(await page.evaluate(() => {
      const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
      return root.scrollWidth - root.clientWidth;
    })).toBe(0);

    await card('prospecting', 'Globex Platform').dragTo(column('qualification'));
    await card('qualification', 'Globex Platform').waitFor();
    await expect.poll(() => totals('qualification'), WAIT).toEqual(['€12,500.00']);
    expect(await totals('prospecting')).toEqual(['$5,000.00']);
    expect(await count('prospecting')).toBe('Opportunities: 1');
    expect(await count('qualification')).toBe('Opportunities: 2');
    await expect.poll(() => historyOf('Globex Platform'), WAIT).toEqual([['prospecting', false], ['qualification', true]]);

    // Keyboard: the card's "Move to…" menu; arrows pick the stage, Enter moves, focus follows the card.
    await page.getByRole('button', { name: 'Move to… Globex Support' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('menuitem', { name: 'Qualification' }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await text(page.locator(':focus'))).toBe('Proposal');
    await page.keyboard.press('Enter');
    await card('proposal', 'Globex Support').waitFor();
    await expect.poll(() => text(page.locator(':focus')), WAIT).toBe('Move to… Globex Support');
    await expect.poll(() => totals('proposal'), WAIT).toEqual(['$5,000.00']);
    await expect.poll(() => historyOf('Globex Support'), WAIT).toEqual([['prospecting', false], ['proposal', true]]);
    await h.screenshot(page, 'pipeline-board');

    // Closing as lost without a reason: the dialog asks first (the menu, by pointer this time).
    await page.getByRole('button', { name: 'Move to… Globex Expansion' }).click();
    await page.getByRole('menuitem', { name: 'Closed Lost' }).click();
    const dialog = page.getByRole('dialog', { name: 'Close Globex Expansion as lost' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Close as lost' }).click();
    await page.locator('#pipeline-lost-reason-error').waitFor();
    expect(await card('closed_lost', 'Globex Expansion').count()).toBe(0);
    await page.locator('#pipeline-lost-reason').fill('Budget frozen');
    await dialog.getByRole('button', { name: 'Close as lost' }).click();
    await card('closed_lost', 'Globex Expansion').waitFor();
    await dialog.waitFor({ state: 'hidden' });
    expect(await getOpportunity(h.ctx, deals['Globex Expansion']?.id ?? '')).toMatchObject({ status: 'lost', lostReason: 'Budget frozen', stage: 'closed_lost' });

    // Someone else changed the deal: the server refuses the stale move, the board undoes it.
    await updateOpportunity(h.ctx, { id: deals['Globex Renewal']?.id ?? '', expectedVersion: 1, changes: { probabilityBps: 8500 } });
    await column('legal_review').scrollIntoViewIfNeeded();
    await card('negotiation', 'Globex Renewal').dragTo(column('legal_review'));
    await page.locator('.banner--error').filter({ hasText: 'changed by someone else' }).waitFor();
    await card('negotiation', 'Globex Renewal').waitFor();
    expect(await card('legal_review', 'Globex Renewal').count()).toBe(0);
    expect(await count('legal_review')).toBe('Opportunities: 0');
    expect(await totals('negotiation')).toEqual(['€7,000.00']);
  });

  it('keeps a saved filter view across a reload', async () => {
    await page.goto('/pipeline/list');
    const rows = page.getByTestId('pipeline-list').locator('tbody tr[data-row-index]');
    await rows.first().waitFor();
    await page.locator('#list-filter-stage').selectOption('proposal');
    await expect.poll(() => rows.allTextContents(), WAIT).toEqual([expect.stringContaining('Globex Support')]);
    await page.getByRole('button', { name: 'Save view…' }).click();
    await page.locator('#opportunities-view-name').fill('My proposals');
    await page.getByRole('button', { name: 'Save view', exact: true }).click();
    await page.getByRole('button', { name: 'Delete view “My proposals”' }).waitFor();
    await h.screenshot(page, 'pipeline-list');
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.goto('/pipeline/list');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(1);
    await page.locator('#opportunities-saved-view').selectOption({ label: 'My proposals' });
    await expect.poll(() => rows.allTextContents(), WAIT).toEqual([expect.stringContaining('Globex Support')]);
    expect(page.url()).toContain('stage=proposal');
  });

  it('converts a lead, with server field errors next to the fields, and opens the new opportunity', async () => {
    await page.goto('/pipeline/leads');
    await expect.poll(() => text(page.getByTestId('funnel-leads')), WAIT).toBe('3 (100%)');
    expect(await text(page.getByTestId('funnel-mqls'))).toBe('2 (66.7%)');
    expect(await text(page.getByTestId('funnel-sqls'))).toBe('1 (33.3%)');
    expect(await text(page.getByTestId('funnel-opportunities'))).toBe('0 (0%)');
    await page.getByRole('button', { name: 'Convert Grace Hopper' }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);

    await h.screenshot(page, 'pipeline-leads');
    await page.getByRole('button', { name: 'Convert Grace Hopper' }).click();
    await page.getByRole('dialog', { name: 'Convert Grace Hopper' }).waitFor();
    await page.locator('#convert-account-currency').fill('ZZZ');
    await page.locator('#convert-opportunity-close').fill('06/30/2026');
    await page.getByRole('button', { name: 'Convert lead' }).click();
    await page.locator('#convert-account-currency-error').waitFor();
    await h.screenshot(page, 'pipeline-convert-errors');
    expect(await page.locator('#convert-account-currency').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#convert-opportunity-close').inputValue()).toBe('06/30/2026');
    await page.locator('#convert-account-currency').fill('EUR');
    await page.locator('#convert-opportunity-amount').fill('12500.00');
    await page.getByRole('button', { name: 'Convert lead' }).click();
    const banner = page.locator('.banner--success').filter({ hasText: 'Grace Hopper was converted.' });
    await banner.waitFor();
    await expect.poll(() => text(page.getByTestId('funnel-opportunities')), WAIT).toBe('1 (33.3%)');

    await banner.getByRole('link', { name: 'Open opportunity' }).click();
    await page.getByRole('heading', { level: 1, name: 'Hopper Labs' }).waitFor();
    await expect.poll(() => page.getByTestId('stage-history').locator('li').allTextContents(), WAIT).toEqual([expect.stringContaining('Prospecting')]);
    await h.screenshot(page, 'pipeline-opportunity');
    const opportunityId = decodeURIComponent(page.url().split('/').pop() ?? '');
    expect(await getOpportunity(h.ctx, opportunityId)).toMatchObject({ name: 'Hopper Labs', amount: { amountMinor: 1_250_000, currency: 'EUR' }, closeDate: '2026-06-30' });
    const [lead] = (await listLeads(h.ctx, { email: 'grace@hopper.example' })).data;
    expect(lead).toMatchObject({ stage: 'converted', convertedOpportunityId: opportunityId });
    expect(pageErrors).toEqual([]);
  });

  it('names the default stages and lead statuses in the reader\'s language, a configured stage as configured', async () => {
    await page.goto('/pipeline');
    await page.getByLabel('Language').selectOption('de');
    await column('negotiation').getByRole('heading', { name: /^Verhandlung/ }).waitFor();
    await column('discovery').getByRole('heading', { name: /^Bedarfsanalyse/ }).waitFor();
    await column('legal_review').getByRole('heading', { name: /^Legal review/ }).waitFor();
    await card('negotiation', 'Globex Renewal').locator('button[aria-haspopup="menu"]').click();
    await page.getByRole('menuitem', { name: 'Angebot' }).waitFor();
    await page.keyboard.press('Escape');
    await page.goto('/pipeline/list');
    await page.getByRole('row').filter({ hasText: 'Bulk deal 23' }).getByRole('cell', { name: 'Bedarfsanalyse', exact: true }).waitFor();
    // Lead statuses likewise: Linus Pauling's default status "New".
    await page.goto('/pipeline/leads');
    await page.getByRole('row').filter({ hasText: 'Linus' }).getByText('Neu', { exact: true }).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
