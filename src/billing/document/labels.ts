import type { LineNote, UsageNote } from '../invoicing/line-note.ts';
import type { DocumentLanguage } from './document-data.ts';

export type InvoiceLabels = {
  title: string; draft: string; void: string;
  /** The heading above the lines table (with the currency). */
  items: string; number: string; issueDate: string; dueDate: string; servicePeriod: string;
  seller: string; customer: string; vatId: string; description: string; period: string; quantity: string; unitPrice: string;
  amount: string; subtotal: string; tax: (rate: string) => string; total: string; amountPaid: string; amountDue: string;
  paymentTerms: string; paymentTermsValue: (days: string, due: string) => string; pricesIncludeTax: string;
  reverseCharge: (vatId: string) => string;
  /** Why an EU seller charges no VAT to a customer outside the EU (tax-note.ts). */
  outsideEu: string;
  /** A credit note (render-invoice-pdf.ts with `creditNote`): its title, number, the invoice it corrects and why. */
  creditNote: { title: string; number: string; correctsInvoice: string; reason: string; voided: (reason: string) => string; unusedTime: (date: string) => string };
  page: (n: number, of: number) => string;
  /** A line's proration note; `money` formats an amount in the document's currency. */
  lineNote: (note: LineNote, money: (amountMinor: bigint) => string) => string;
  /** A usage line's note; `span` is the usage period formatted (first – last day), '' when unknown. */
  usageNote: (note: UsageNote, f: { money: (amountMinor: bigint) => string; quantity: (value: bigint) => string; span: string }) => string;
};

type UsageWords = { usage: string; aggregation: Record<string, string>; rated: string; minimum: string; trueUp: string };

/** "Usage 1,500 (sum), 1 Jan 2026 – 31 Jan 2026; rated €8.00, minimum commitment €20.00: true-up €12.00" in a language's words. */
function usageNoteIn(words: UsageWords): InvoiceLabels['usageNote'] {
  return (n, f) => {
    const aggregation = n.aggregation === null ? '' : ` (${words.aggregation[n.aggregation] ?? n.aggregation})`;
    const trueUp = n.trueUp === null ? ''
      : `; ${words.rated} ${f.money(n.trueUp.ratedMinor)}, ${words.minimum} ${f.money(n.trueUp.minimumMinor)}: ${words.trueUp} ${f.money(n.trueUp.minimumMinor - n.trueUp.ratedMinor)}`;
    return `${words.usage} ${f.quantity(n.quantity)}${aggregation}${f.span === '' ? '' : `, ${f.span}`}${trueUp}`;
  };
}

const en: InvoiceLabels = {
  items: 'Items',
  title: 'Invoice', draft: 'DRAFT', void: 'VOID', number: 'Invoice number', issueDate: 'Issue date', dueDate: 'Due date', servicePeriod: 'Service period',
  seller: 'From', customer: 'Bill to', vatId: 'VAT ID', description: 'Description', period: 'Period', quantity: 'Qty', unitPrice: 'Unit price',
  amount: 'Amount', subtotal: 'Subtotal', tax: (rate) => `Tax ${rate}`, total: 'Total', amountPaid: 'Amount paid', amountDue: 'Amount due',
  paymentTerms: 'Payment terms', paymentTermsValue: (days, due) => `Payable within ${days} days, by ${due}.`, pricesIncludeTax: 'Prices include tax.',
  reverseCharge: (vatId) => `Reverse charge: VAT to be accounted for by the recipient (Article 196, Council Directive 2006/112/EC). Customer VAT ID ${vatId}.`,
  outsideEu: 'Not subject to VAT: the place of supply is outside the EU (Council Directive 2006/112/EC).',
  creditNote: { title: 'Credit note', number: 'Credit note number', correctsInvoice: 'Corrects invoice', reason: 'Reason', voided: (reason) => `Invoice voided: ${reason}`, unusedTime: (date) => `Credit for unused time (subscription change on ${date})` },
  lineNote: (n, money) => n.kind === 'prorated' ? `Prorated ${n.billableDays}/${n.periodDays} days`
    : `${n.kind === 'credit' ? 'Credit for unused time' : 'Adjustment'}: ${n.billableDays}/${n.periodDays} days of the period now billable, ${money(n.billedBeforeMinor)} billed before`,
  usageNote: usageNoteIn({
    usage: 'Usage', rated: 'rated', minimum: 'minimum commitment', trueUp: 'true-up',
    aggregation: { sum: 'sum', count: 'count', max: 'maximum', unique_count: 'unique count', latest: 'latest value' },
  }),
  page: (n, of) => `Page ${n} of ${of}`,
};

const de: InvoiceLabels = {
  items: 'Positionen',
  title: 'Rechnung', draft: 'ENTWURF', void: 'STORNIERT', number: 'Rechnungsnummer', issueDate: 'Rechnungsdatum', dueDate: 'Fällig am', servicePeriod: 'Leistungszeitraum',
  seller: 'Von', customer: 'Rechnungsempfänger', vatId: 'USt-IdNr.', description: 'Beschreibung', period: 'Zeitraum', quantity: 'Menge', unitPrice: 'Einzelpreis',
  amount: 'Betrag', subtotal: 'Zwischensumme', tax: (rate) => `USt. ${rate}`, total: 'Gesamtbetrag', amountPaid: 'Bezahlt', amountDue: 'Offener Betrag',
  paymentTerms: 'Zahlungsbedingungen', paymentTermsValue: (days, due) => `Zahlbar innerhalb von ${days} Tagen, bis zum ${due}.`, pricesIncludeTax: 'Preise inklusive Steuer.',
  reverseCharge: (vatId) => `Steuerschuldnerschaft des Leistungsempfängers (Reverse Charge, Art. 196 MwStSystRL 2006/112/EG). USt-IdNr. des Kunden ${vatId}.`,
  outsideEu: 'Nicht im Inland steuerbare Leistung: Leistungsort außerhalb der EU (MwStSystRL 2006/112/EG).',
  creditNote: { title: 'Gutschrift', number: 'Gutschriftsnummer', correctsInvoice: 'Zur Rechnung', reason: 'Grund', voided: (reason) => `Rechnung storniert: ${reason}`, unusedTime: (date) => `Gutschrift für nicht genutzte Zeit (Abonnementänderung am ${date})` },
  lineNote: (n, money) => n.kind === 'prorated' ? `Anteilig ${n.billableDays}/${n.periodDays} Tage`
    : `${n.kind === 'credit' ? 'Gutschrift für nicht genutzte Zeit' : 'Anpassung'}: ${n.billableDays}/${n.periodDays} Tage des Zeitraums jetzt abrechenbar, bisher berechnet ${money(n.billedBeforeMinor)}`,
  usageNote: usageNoteIn({
    usage: 'Nutzung', rated: 'bewertet mit', minimum: 'Mindestabnahme', trueUp: 'Ausgleich',
    aggregation: { sum: 'Summe', count: 'Anzahl', max: 'Höchstwert', unique_count: 'Anzahl eindeutiger Werte', latest: 'letzter Wert' },
  }),
  page: (n, of) => `Seite ${n} von ${of}`,
};

const it: InvoiceLabels = {
  items: 'Voci',
  title: 'Fattura', draft: 'BOZZA', void: 'ANNULLATA', number: 'Numero fattura', issueDate: 'Data fattura', dueDate: 'Scadenza', servicePeriod: 'Periodo di servizio',
  seller: 'Da', customer: 'Intestata a', vatId: 'Partita IVA', description: 'Descrizione', period: 'Periodo', quantity: 'Qtà', unitPrice: 'Prezzo unitario',
  amount: 'Importo', subtotal: 'Imponibile', tax: (rate) => `IVA ${rate}`, total: 'Totale', amountPaid: 'Pagato', amountDue: 'Da pagare',
  paymentTerms: 'Termini di pagamento', paymentTermsValue: (days, due) => `Pagabile entro ${days} giorni, entro il ${due}.`, pricesIncludeTax: 'Prezzi IVA inclusa.',
  reverseCharge: (vatId) => `Inversione contabile: IVA a carico del destinatario (art. 196, direttiva 2006/112/CE). Partita IVA del cliente ${vatId}.`,
  outsideEu: 'Operazione non soggetta a IVA: luogo della prestazione al di fuori dell’UE (direttiva 2006/112/CE).',
  creditNote: { title: 'Nota di credito', number: 'Numero nota di credito', correctsInvoice: 'Rettifica la fattura', reason: 'Motivo', voided: (reason) => `Fattura annullata: ${reason}`, unusedTime: (date) => `Accredito per il periodo non utilizzato (modifica dell’abbonamento del ${date})` },
  lineNote: (n, money) => n.kind === 'prorated' ? `Pro rata ${n.billableDays}/${n.periodDays} giorni`
    : `${n.kind === 'credit' ? 'Accredito per il periodo non utilizzato' : 'Rettifica'}: ${n.billableDays}/${n.periodDays} giorni del periodo ora fatturabili, già fatturati ${money(n.billedBeforeMinor)}`,
  usageNote: usageNoteIn({
    usage: 'Utilizzo', rated: 'valorizzato', minimum: 'impegno minimo', trueUp: 'conguaglio',
    aggregation: { sum: 'somma', count: 'conteggio', max: 'massimo', unique_count: 'valori distinti', latest: 'ultimo valore' },
  }),
  page: (n, of) => `Pagina ${n} di ${of}`,
};

const ru: InvoiceLabels = {
  items: 'Позиции',
  title: 'Счёт', draft: 'ЧЕРНОВИК', void: 'АННУЛИРОВАН', number: 'Номер счёта', issueDate: 'Дата счёта', dueDate: 'Срок оплаты', servicePeriod: 'Период оказания услуг',
  seller: 'Поставщик', customer: 'Плательщик', vatId: 'ИНН/НДС', description: 'Описание', period: 'Период', quantity: 'Кол-во', unitPrice: 'Цена',
  amount: 'Сумма', subtotal: 'Промежуточный итог', tax: (rate) => `Налог ${rate}`, total: 'Итого', amountPaid: 'Оплачено', amountDue: 'К оплате',
  paymentTerms: 'Условия оплаты', paymentTermsValue: (days, due) => `Оплата в течение ${days} дней, до ${due}.`, pricesIncludeTax: 'Цены включают налог.',
  reverseCharge: (vatId) => `Обратное начисление: НДС уплачивает получатель (ст. 196 Директивы 2006/112/EC). НДС-номер клиента ${vatId}.`,
  outsideEu: 'Не облагается НДС: место оказания услуг находится за пределами ЕС (Директива 2006/112/EC).',
  creditNote: { title: 'Кредит-нота', number: 'Номер кредит-ноты', correctsInvoice: 'К счёту', reason: 'Причина', voided: (reason) => `Счёт аннулирован: ${reason}`, unusedTime: (date) => `Кредит за неиспользованный период (изменение подписки ${date})` },
  lineNote: (n, money) => n.kind === 'prorated' ? `Пропорционально: ${n.billableDays}/${n.periodDays} дн.`
    : `${n.kind === 'credit' ? 'Кредит за неиспользованное время' : 'Корректировка'}: ${n.billableDays}/${n.periodDays} дн. периода к оплате, ранее выставлено ${money(n.billedBeforeMinor)}`,
  usageNote: usageNoteIn({
    usage: 'Использование', rated: 'по тарифу', minimum: 'минимальное обязательство', trueUp: 'доплата',
    aggregation: { sum: 'сумма', count: 'количество', max: 'максимум', unique_count: 'уникальных значений', latest: 'последнее значение' },
  }),
  page: (n, of) => `Страница ${n} из ${of}`,
};

export const INVOICE_LABELS: Record<DocumentLanguage, InvoiceLabels> = { en, de, it, ru };
