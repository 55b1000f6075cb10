import core from './ru.json';
import dashboard from '../dashboard/i18n/ru.json';
import metricsExplorer from '../metrics-explorer/i18n/ru.json';
import customers from '../customers/i18n/ru.json';
import pipeline from '../pipeline/i18n/ru.json';
import quotes from '../quotes/i18n/ru.json';
import billing from '../billing/i18n/ru.json';
import table from '../components/i18n/ru.json';
import settingsPages from '../settings/i18n/ru.json';
import data from '../data/i18n/ru.json';
import type { Messages } from './i18n.ts';

/** The Russian labels, merged as i18n.ts merges the English ones; a chunk of its own, loaded when Russian is chosen. */
export const messages: Messages = { ...core, dashboard, metricsExplorer, customers, pipeline, quotes, billing, table, settingsPages, data };
