/**
 * Nordlicht Analytics GmbH, the demo company: a Berlin B2B SaaS vendor selling an analytics
 * platform in EUR, USD and GBP across DACH, Italy, the US and the UK. Static facts only; the
 * history is made by driving Revline's services (generate-demo.ts).
 */
export const COMPANY_NAME = 'Nordlicht Analytics GmbH';
export const DEMO_EMAIL_DOMAIN = 'demo.nordlicht.example';
/** The seller's country (tax settings: German VAT on domestic sales). */
export const SELLER_COUNTRY = 'DE';
/**
 * The company reporting currency: a European home company reports in EUR (a US one would in USD),
 * so the demo dashboard shows one converted figure per KPI; "Original currencies" shows EUR, USD
 * and GBP apart.
 */
export const REPORTING_CURRENCY = 'EUR';

export type RegionKey = 'dach' | 'italy' | 'us' | 'uk';
export type Region = {
  key: RegionKey;
  team: string;
  currency: 'EUR' | 'USD' | 'GBP';
  countries: ReadonlyArray<readonly [string, number]>;
  /** Share of new customers. */
  weight: number;
  language: 'en' | 'de' | 'it';
  suffixes: readonly string[];
  cities: readonly string[];
};

export const REGIONS: readonly Region[] = [
  { key: 'dach', team: 'DACH', currency: 'EUR', countries: [['DE', 6], ['AT', 2], ['CH', 1]], weight: 45, language: 'de', suffixes: ['GmbH', 'AG', 'SE', 'KG'], cities: ['Berlin', 'München', 'Hamburg', 'Köln', 'Wien', 'Zürich', 'Stuttgart', 'Leipzig'] },
  { key: 'italy', team: 'Italia', currency: 'EUR', countries: [['IT', 1]], weight: 15, language: 'it', suffixes: ['S.p.A.', 'S.r.l.'], cities: ['Milano', 'Torino', 'Bologna', 'Roma', 'Verona', 'Firenze'] },
  { key: 'us', team: 'North America', currency: 'USD', countries: [['US', 1]], weight: 25, language: 'en', suffixes: ['Inc.', 'LLC', 'Corp.'], cities: ['Austin', 'Boston', 'Denver', 'Chicago', 'Seattle', 'Atlanta'] },
  { key: 'uk', team: 'UK & Ireland', currency: 'GBP', countries: [['GB', 1]], weight: 15, language: 'en', suffixes: ['Ltd', 'plc'], cities: ['London', 'Manchester', 'Leeds', 'Bristol', 'Edinburgh'] },
];

export const NAME_STEMS = [
  'Alpen', 'Brücken', 'Cobalt', 'Delta', 'Elbe', 'Fjord', 'Granit', 'Harbor', 'Isar', 'Jade', 'Kestrel', 'Lumen', 'Meridian', 'Nordwind',
  'Orbit', 'Pioneer', 'Quarz', 'Rhein', 'Summit', 'Tiber', 'Umbra', 'Vega', 'Weser', 'Xenon', 'Yarrow', 'Zephyr', 'Adler', 'Birke',
  'Castello', 'Dolomiti', 'Everest', 'Falcon', 'Gipfel', 'Horizon', 'Iris', 'Juniper', 'Kompass', 'Lago', 'Mosaic', 'Nimbus',
];
export const NAME_TRADES = [
  'Logistik', 'Foods', 'Retail', 'Maschinenbau', 'Health', 'Bank', 'Energy', 'Media', 'Software', 'Textile', 'Pharma', 'Mobility',
  'Insurance', 'Telecom', 'Chemicals', 'Hotels', 'Consulting', 'Robotics',
];
export const INDUSTRIES = ['Manufacturing', 'Retail', 'Financial Services', 'Healthcare', 'Logistics', 'Software', 'Energy', 'Media'] as const;
export const SEGMENTS: ReadonlyArray<readonly [string, number]> = [['SMB', 50], ['Mid-Market', 35], ['Enterprise', 15]];
export const FIRST_NAMES = ['Anna', 'Lukas', 'Sofia', 'Marco', 'Emma', 'Jonas', 'Giulia', 'Noah', 'Olivia', 'Felix', 'Chiara', 'James', 'Mia', 'Leon', 'Hannah', 'Luca', 'Grace', 'Paul'];
export const LAST_NAMES = ['Müller', 'Schmidt', 'Rossi', 'Bianchi', 'Smith', 'Johnson', 'Weber', 'Fischer', 'Ferrari', 'Brown', 'Wagner', 'Colombo', 'Taylor', 'Becker', 'Hofmann', 'Ricci'];
export const LEAD_SOURCES: ReadonlyArray<readonly [string, number]> = [['web', 40], ['event', 20], ['referral', 15], ['paid_search', 25]];
export const LOST_REASONS = ['Price', 'Chose a competitor', 'No budget', 'Timing', 'Missing feature'] as const;

export type ProductKey = 'seatAnnual' | 'seatMonthly' | 'insights' | 'onboarding';
export type DemoProduct = {
  key: ProductKey;
  sku: string;
  name: string;
  family: string;
  billingPeriod: 'annual' | 'monthly' | 'one_time';
  /** Unit amount per currency, decimal text (per seat per period, or the flat fee). */
  prices: Record<'EUR' | 'USD' | 'GBP', string>;
};

export const PRODUCTS: readonly DemoProduct[] = [
  { key: 'seatAnnual', sku: 'NL-PLATFORM-Y', name: 'Nordlicht Platform seat (annual)', family: 'platform', billingPeriod: 'annual', prices: { EUR: '480.00', USD: '540.00', GBP: '420.00' } },
  { key: 'seatMonthly', sku: 'NL-PLATFORM-M', name: 'Nordlicht Platform seat (monthly)', family: 'platform', billingPeriod: 'monthly', prices: { EUR: '45.00', USD: '50.00', GBP: '39.00' } },
  { key: 'insights', sku: 'NL-INSIGHTS-Y', name: 'Predictive Insights add-on (annual)', family: 'addons', billingPeriod: 'annual', prices: { EUR: '180.00', USD: '200.00', GBP: '160.00' } },
  { key: 'onboarding', sku: 'NL-ONBOARD', name: 'Onboarding package', family: 'services', billingPeriod: 'one_time', prices: { EUR: '2500.00', USD: '2800.00', GBP: '2200.00' } },
];

/** Product usage the demo meters, per active seat per week (roughly). */
export const FEATURES: ReadonlyArray<readonly [string, number]> = [['dashboards.view', 12], ['reports.export', 3], ['alerts.triggered', 5]];

/** Demo users: one per role, plus reps and managers by region. The password is printed, clearly marked as demo. */
export const DEMO_PASSWORD = 'nordlicht-demo-2026';
