import core from './de.json';
import dashboard from '../dashboard/i18n/de.json';
import metricsExplorer from '../metrics-explorer/i18n/de.json';
import customers from '../customers/i18n/de.json';
import pipeline from '../pipeline/i18n/de.json';
import quotes from '../quotes/i18n/de.json';
import billing from '../billing/i18n/de.json';
import table from '../components/i18n/de.json';
import settingsPages from '../settings/i18n/de.json';
import data from '../data/i18n/de.json';
import type { Messages } from './i18n.ts';

/** The German labels, merged as i18n.ts merges the English ones; a chunk of its own, loaded when German is chosen. */
export const messages: Messages = { ...core, dashboard, metricsExplorer, customers, pipeline, quotes, billing, table, settingsPages, data };
