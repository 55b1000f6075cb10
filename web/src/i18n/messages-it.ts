import core from './it.json';
import dashboard from '../dashboard/i18n/it.json';
import metricsExplorer from '../metrics-explorer/i18n/it.json';
import customers from '../customers/i18n/it.json';
import pipeline from '../pipeline/i18n/it.json';
import quotes from '../quotes/i18n/it.json';
import billing from '../billing/i18n/it.json';
import table from '../components/i18n/it.json';
import settingsPages from '../settings/i18n/it.json';
import data from '../data/i18n/it.json';
import type { Messages } from './i18n.ts';

/** The Italian labels, merged as i18n.ts merges the English ones; a chunk of its own, loaded when Italian is chosen. */
export const messages: Messages = { ...core, dashboard, metricsExplorer, customers, pipeline, quotes, billing, table, settingsPages, data };
