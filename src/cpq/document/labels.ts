import type { BillingPeriod } from '../../catalog/index.ts';
import type { QuoteLanguage } from '../tables.ts';

export type DocumentLabels = {
  title: string;
  quote: string;
  version: string;
  date: string;
  validUntil: string;
  customer: string;
  preparedBy: string;
  term: string;
  termValue: (months: string, start: string, end: string) => string;
  paymentTerms: string;
  paymentTermsValue: (days: string) => string;
  items: string;
  product: string;
  quantity: string;
  billing: string;
  list: string;
  discount: string;
  net: string;
  year: string;
  rampYear: (year: string, quantity: string) => string;
  periods: Record<BillingPeriod, string>;
  byYear: string;
  totals: string;
  lineDiscounts: string;
  headerDiscount: string;
  tcv: string;
  acv: string;
  firstYear: string;
  oneTime: string;
  mrr: string;
  arr: string;
  termsTitle: string;
  terms: (currency: string, validUntil: string, days: string) => string[];
  page: (n: number, of: number) => string;
};

const en: DocumentLabels = {
  title: 'Quote', quote: 'Quote', version: 'Version', date: 'Date', validUntil: 'Valid until', customer: 'Customer', preparedBy: 'Prepared by',
  term: 'Term', termValue: (months, start, end) => `${months} months, ${start} – ${end}`,
  paymentTerms: 'Payment terms', paymentTermsValue: (days) => `${days} days net`,
  items: 'Items', product: 'Product', quantity: 'Qty', billing: 'Billing', list: 'List', discount: 'Discount', net: 'Net', year: 'Year',
  rampYear: (year, quantity) => `Year ${year}: ${quantity} units`,
  periods: { one_time: 'one-time', monthly: 'monthly', quarterly: 'quarterly', annual: 'annual', multi_year: 'multi-year' },
  byYear: 'Amounts by contract year', totals: 'Totals', lineDiscounts: 'Line discounts', headerDiscount: 'Additional discount',
  tcv: 'Total contract value (TCV)', acv: 'Annual contract value (ACV)', firstYear: 'First-year value', oneTime: 'One-time fees',
  mrr: 'Monthly recurring revenue (MRR)', arr: 'Annual recurring revenue (ARR)', termsTitle: 'Terms',
  terms: (currency, validUntil, days) => [
    `All amounts are in ${currency} and exclude taxes, which are added to invoices where they apply.`,
    `Invoices are payable within ${days} days of the invoice date.`,
    `This quote is valid until ${validUntil} inclusive. Accepting it forms a binding order on these terms.`,
  ],
  page: (n, of) => `Page ${n} of ${of}`,
};

const de: DocumentLabels = {
  title: 'Angebot', quote: 'Angebot', version: 'Version', date: 'Datum', validUntil: 'Gültig bis', customer: 'Kunde', preparedBy: 'Erstellt von',
  term: 'Laufzeit', termValue: (months, start, end) => `${months} Monate, ${start} – ${end}`,
  paymentTerms: 'Zahlungsbedingungen', paymentTermsValue: (days) => `${days} Tage netto`,
  items: 'Positionen', product: 'Produkt', quantity: 'Menge', billing: 'Abrechnung', list: 'Listenpreis', discount: 'Rabatt', net: 'Netto', year: 'Jahr',
  rampYear: (year, quantity) => `Jahr ${year}: ${quantity} Einheiten`,
  periods: { one_time: 'einmalig', monthly: 'monatlich', quarterly: 'quartalsweise', annual: 'jährlich', multi_year: 'mehrjährig' },
  byYear: 'Beträge je Vertragsjahr', totals: 'Summen', lineDiscounts: 'Positionsrabatte', headerDiscount: 'Zusätzlicher Rabatt',
  tcv: 'Gesamtvertragswert (TCV)', acv: 'Jährlicher Vertragswert (ACV)', firstYear: 'Wert im ersten Jahr', oneTime: 'Einmalige Gebühren',
  mrr: 'Monatlich wiederkehrender Umsatz (MRR)', arr: 'Jährlich wiederkehrender Umsatz (ARR)', termsTitle: 'Bedingungen',
  terms: (currency, validUntil, days) => [
    `Alle Beträge in ${currency}, zuzüglich der jeweils geltenden Steuern, die in Rechnung gestellt werden.`,
    `Rechnungen sind innerhalb von ${days} Tagen nach Rechnungsdatum zahlbar.`,
    `Dieses Angebot gilt bis einschließlich ${validUntil}. Mit der Annahme kommt ein verbindlicher Auftrag zu diesen Bedingungen zustande.`,
  ],
  page: (n, of) => `Seite ${n} von ${of}`,
};

const it: DocumentLabels = {
  title: 'Offerta', quote: 'Offerta', version: 'Versione', date: 'Data', validUntil: 'Valida fino al', customer: 'Cliente', preparedBy: 'Preparata da',
  term: 'Durata', termValue: (months, start, end) => `${months} mesi, ${start} – ${end}`,
  paymentTerms: 'Termini di pagamento', paymentTermsValue: (days) => `${days} giorni netti`,
  items: 'Voci', product: 'Prodotto', quantity: 'Qtà', billing: 'Fatturazione', list: 'Listino', discount: 'Sconto', net: 'Netto', year: 'Anno',
  rampYear: (year, quantity) => `Anno ${year}: ${quantity} unità`,
  periods: { one_time: 'una tantum', monthly: 'mensile', quarterly: 'trimestrale', annual: 'annuale', multi_year: 'pluriennale' },
  byYear: 'Importi per anno di contratto', totals: 'Totali', lineDiscounts: 'Sconti di riga', headerDiscount: 'Sconto aggiuntivo',
  tcv: 'Valore totale del contratto (TCV)', acv: 'Valore annuo del contratto (ACV)', firstYear: 'Valore del primo anno', oneTime: 'Costi una tantum',
  mrr: 'Ricavo ricorrente mensile (MRR)', arr: 'Ricavo ricorrente annuo (ARR)', termsTitle: 'Condizioni',
  terms: (currency, validUntil, days) => [
    `Tutti gli importi sono in ${currency} e al netto delle imposte, aggiunte in fattura ove applicabili.`,
    `Le fatture sono pagabili entro ${days} giorni dalla data della fattura.`,
    `Questa offerta è valida fino al ${validUntil} incluso. L'accettazione costituisce un ordine vincolante a queste condizioni.`,
  ],
  page: (n, of) => `Pagina ${n} di ${of}`,
};

const ru: DocumentLabels = {
  title: 'Коммерческое предложение', quote: 'Предложение', version: 'Версия', date: 'Дата', validUntil: 'Действительно до', customer: 'Клиент', preparedBy: 'Подготовил',
  term: 'Срок', termValue: (months, start, end) => `${months} мес., ${start} – ${end}`,
  paymentTerms: 'Условия оплаты', paymentTermsValue: (days) => `${days} дней`,
  items: 'Позиции', product: 'Продукт', quantity: 'Кол-во', billing: 'Оплата', list: 'По прайсу', discount: 'Скидка', net: 'Итого', year: 'Год',
  rampYear: (year, quantity) => `Год ${year}: ${quantity} ед.`,
  periods: { one_time: 'разово', monthly: 'ежемесячно', quarterly: 'ежеквартально', annual: 'ежегодно', multi_year: 'многолетний' },
  byYear: 'Суммы по годам договора', totals: 'Итоги', lineDiscounts: 'Скидки по позициям', headerDiscount: 'Дополнительная скидка',
  tcv: 'Общая стоимость договора (TCV)', acv: 'Годовая стоимость договора (ACV)', firstYear: 'Стоимость первого года', oneTime: 'Разовые платежи',
  mrr: 'Ежемесячная регулярная выручка (MRR)', arr: 'Годовая регулярная выручка (ARR)', termsTitle: 'Условия',
  terms: (currency, validUntil, days) => [
    `Все суммы указаны в ${currency} без учёта налогов; применимые налоги добавляются в счёт.`,
    `Счета подлежат оплате в течение ${days} дней с даты счёта.`,
    `Предложение действительно по ${validUntil} включительно. Принятие предложения означает обязательный заказ на этих условиях.`,
  ],
  page: (n, of) => `Страница ${n} из ${of}`,
};

export const DOCUMENT_LABELS: Record<QuoteLanguage, DocumentLabels> = { en, de, it, ru };
