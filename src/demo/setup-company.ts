import type { Temporal } from 'temporal-polyfill';
import { createPriceBook, createProduct, setPrice } from '../catalog/index.ts';
import { setTaxRate, setTaxSettings } from '../billing/index.ts';
import { createPlan } from '../commissions/index.ts';
import { createApprovalRule } from '../cpq/index.ts';
import { createCampaign } from '../crm/index.ts';
import { createTeam, createUser } from '../identity/index.ts';
import type { Actor, Role } from '../shared/access.ts';
import { COMPANY_NAME, DEMO_EMAIL_DOMAIN, DEMO_PASSWORD, PRODUCTS, REGIONS, SELLER_COUNTRY, type ProductKey } from './company.ts';
import type { World } from './world.ts';

export type DemoLogin = { email: string; role: Role; displayName: string; password: string | null };

const ROLE_USERS: ReadonlyArray<readonly [Role, string, string]> = [
  ['admin', 'admin', 'Ada Admin'],
  ['revops', 'revops', 'Rolf Revops'],
  ['finance', 'finance', 'Frieda Finance'],
  ['success', 'success', 'Sam Success'],
  ['viewer', 'viewer', 'Vera Viewer'],
];
const MANAGERS: Record<string, string> = { dach: 'Martina Kraus', italy: 'Matteo Galli', us: 'Megan Hart', uk: 'Miles Turner' };
const REPS: Record<string, readonly string[]> = {
  dach: ['Ralf Becker', 'Rita Vogel', 'Robin Hahn'], italy: ['Roberto Conti'], us: ['Rachel Price', 'Ryan Cole'], uk: ['Rosie Evans'],
};

function emailOf(name: string): string {
  return `${name.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z]+/g, '.')}@${DEMO_EMAIL_DOMAIN}`;
}

function actorOf(user: { id: string; role: Role; teamId: string | null; displayName: string }): Actor {
  return { kind: 'user', id: user.id, role: user.role, teamId: user.teamId, displayName: user.displayName };
}

/** The sign-in users of every demo database (the same names each time; the password is DEMO_PASSWORD). */
export function demoLogins(): DemoLogin[] {
  const logins: DemoLogin[] = ROLE_USERS.map(([role, key, displayName]) => ({ email: `${key}@${DEMO_EMAIL_DOMAIN}`, role, displayName, password: DEMO_PASSWORD }));
  logins.push({ email: emailOf(MANAGERS['dach'] ?? ''), role: 'sales_manager', displayName: MANAGERS['dach'] ?? '', password: DEMO_PASSWORD });
  const rep = REPS['dach']?.[0] ?? '';
  logins.push({ email: emailOf(rep), role: 'sales_rep', displayName: rep, password: DEMO_PASSWORD });
  return logins;
}

/**
 * Users for every role, teams by territory (DACH, Italy, North America, UK), reps and managers.
 * Only the sign-in users get the (printed, demo-only) password: hashing is the slow part.
 */
export async function createDemoPeople(world: World, options: { passwords: boolean }): Promise<DemoLogin[]> {
  const logins: DemoLogin[] = [];
  const password = options.passwords ? DEMO_PASSWORD : undefined;
  const people: Record<string, Actor> = {};
  for (const [role, key, displayName] of ROLE_USERS) {
    const email = `${key}@${DEMO_EMAIL_DOMAIN}`;
    const user = await createUser(world.ctx, { email, displayName, role, locale: key === 'finance' ? 'de' : 'en', ...(password ? { password } : {}) });
    people[key] = actorOf(user);
    logins.push({ email, role, displayName, password: password ?? null });
  }
  for (const region of REGIONS) {
    const team = await createTeam(world.ctx, { name: region.team });
    const managerName = MANAGERS[region.key] ?? 'Manager';
    const signIn = region.key === 'dach';
    const manager = await createUser(world.ctx, {
      email: emailOf(managerName), displayName: managerName, role: 'sales_manager', teamId: team.id, locale: region.language,
      ...(password && signIn ? { password } : {}),
    });
    world.actors.managers.set(region.key, actorOf(manager));
    if (signIn) logins.push({ email: manager.email, role: 'sales_manager', displayName: managerName, password: password ?? null });
    const reps: Actor[] = [];
    for (const [index, repName] of (REPS[region.key] ?? []).entries()) {
      const repSignIn = signIn && index === 0;
      const rep = await createUser(world.ctx, {
        email: emailOf(repName), displayName: repName, role: 'sales_rep', teamId: team.id, locale: region.language,
        ...(password && repSignIn ? { password } : {}),
      });
      reps.push(actorOf(rep));
      if (repSignIn) logins.push({ email: rep.email, role: 'sales_rep', displayName: repName, password: password ?? null });
    }
    world.actors.reps.set(region.key, reps);
  }
  world.actors.revops = people['revops'] ?? world.actors.revops;
  world.actors.finance = people['finance'] ?? world.actors.finance;
  world.actors.success = people['success'] ?? world.actors.success;
  return logins;
}

/** Price books per currency and the four products, priced from the simulation's first day. */
export async function createDemoCatalog(world: World): Promise<void> {
  for (const currency of ['EUR', 'USD', 'GBP'] as const) {
    const book = await createPriceBook(world.ctx, { name: `${COMPANY_NAME} list prices ${currency}`, currency });
    world.catalog.priceBookIds[currency] = book.id;
  }
  for (const product of PRODUCTS) {
    const created = await createProduct(world.ctx, {
      sku: product.sku, name: product.name, family: product.family, type: product.billingPeriod === 'one_time' ? 'one_time' : 'subscription',
    });
    world.catalog.productIds[product.key as ProductKey] = created.id;
    world.catalog.skus[product.key as ProductKey] = created.sku;
    for (const currency of ['EUR', 'USD', 'GBP'] as const) {
      await setPrice(world.ctx, {
        priceBookId: world.catalog.priceBookIds[currency] ?? '', productId: created.id,
        pricingModel: product.billingPeriod === 'one_time' ? 'flat' : 'per_unit', billingPeriod: product.billingPeriod, unitAmount: product.prices[currency],
      });
    }
  }
}

/** Discounts over 15 % need a sales manager; comp plans for every rep; German VAT on domestic sales. */
export async function createDemoRules(world: World): Promise<void> {
  await createApprovalRule(world.ctx, {
    name: 'Discount over 15 % needs a sales manager', condition: { metric: 'maxLineDiscountBps', op: '>', value: 1500 }, approverRole: 'sales_manager',
  });
  const repIds = [...world.actors.reps.values()].flat().map((rep) => rep.id);
  await createPlan(world.ctx, {
    name: 'Account executives', effectiveFromDate: world.startDate.toString(), clawbackDays: 90, repUserIds: repIds,
    rates: [
      { dealType: 'new', rateBps: 1000 },
      { dealType: 'expansion', rateBps: 800 },
      { dealType: 'renewal', basis: 'acv', rateBps: 300 },
      { dealType: 'new', productFamily: 'services', rateBps: 200 },
    ],
  });
  await setTaxSettings(world.ctx, { sellerCountry: SELLER_COUNTRY, pricesIncludeTax: false });
  await setTaxRate(world.ctx, { sellerCountry: SELLER_COUNTRY, customerCountry: 'DE', rateBps: 1900, name: 'USt 19 %' });
  // Businesses in Austria and Italy with a VAT id are invoiced under reverse charge; the few without one
  // are charged their country's VAT (the One-Stop-Shop rule for electronic services). Outside the EU: none,
  // and the invoice says the place of supply is outside the EU.
  await setTaxRate(world.ctx, { sellerCountry: SELLER_COUNTRY, customerCountry: 'AT', rateBps: 2000, name: 'USt AT 20 % (OSS)' });
  await setTaxRate(world.ctx, { sellerCountry: SELLER_COUNTRY, customerCountry: 'IT', rateBps: 2200, name: 'IVA 22 % (OSS)' });
}

/** A quarter's campaigns, one per channel, with budget and actual cost (marketing spend for CAC). */
export async function createQuarterCampaigns(world: World, quarterStart: Temporal.PlainDate): Promise<void> {
  const kinds: ReadonlyArray<readonly [string, 'webinar' | 'advertising' | 'event', number]> = [
    ['Webinar series', 'webinar', 600_000], ['Paid search', 'advertising', 1_500_000], ['Trade fair', 'event', 2_200_000],
  ];
  const endDate = quarterStart.add({ months: 3 }).subtract({ days: 1 });
  for (const [name, type, budgetMinor] of kinds) {
    const costMinor = Math.round(budgetMinor * (0.8 + world.random.next() * 0.4));
    const campaign = await createCampaign(world.ctx, {
      name: `${name} Q${Math.ceil(quarterStart.month / 3)} ${quarterStart.year}`, type, status: 'active', startDate: quarterStart.toString(), endDate: endDate.toString(),
      budget: { amountMinor: budgetMinor, currency: 'EUR' }, actualCost: { amountMinor: costMinor, currency: 'EUR' }, ownerUserId: world.actors.revops.id,
    });
    world.campaigns.push({ id: campaign.id, startDate: quarterStart.toString(), endDate: endDate.toString() });
  }
}
