import type { LineNote } from '../invoicing/line-note.ts';
import type { DocumentLanguage } from './document-data.ts';

export type InvoiceLabels = {
  title: string; draft: string; void: string; number: string; issueDate: string; dueDate: string; servicePeriod: string;
  seller: string; customer: string; vatId: string; description: string; period: string; quantity: string; unitPrice: string;
  amount: string; subtotal: string; tax: (rate: string) => string; total: string; amountPaid: string; amountDue: string;
  paymentTerms: string; paymentTermsValue: (days: string, due: string) => string; pricesIncludeTax: string;
  reverseCharge: (vatId: string) => string; page: (n: number, of: number) => string;
  /** A line's proration note; `money` formats an amount in the document's currency. */
  lineNote: (note: LineNote, money: (amountMinor: bigint) => string) => string;
};

const en: InvoiceLabels = {
  title: 'Invoice', draft: 'DRAFT', void: 'VOID', number: 'Invoice number', issueDate: 'Issue date', dueDate: 'Due date', servicePeriod: 'Service period',
  seller: 'From', customer: 'Bill to', vatId: 'VAT ID', description: 'Description', period: 'Period', quantity: 'Qty', unitPrice: 'Unit price',
  amount: 'Amount', subtotal: 'Subtotal', tax: (rate) => `Tax ${rate}`, total: 'Total', amountPaid: 'Amount paid', amountDue: 'Amount due',
  paymentTerms: 'Payment terms', paymentTermsValue: (days, due) => `Payable within ${days} days, by ${due}.`, pricesIncludeTax: 'Prices include tax.',
  reverseCharge: (vatId) => `Reverse charge: VAT to be accounted for by the recipient (Article 196, Council Directive 2006/112/EC). Customer VAT ID ${vatId}.`,
  lineNote: (n, money) => n.kind === 'prorated' ? `Prorated ${n.billableDays}/${n.periodDays} days`
    : `${n.kind === 'credit' ? 'Credit for unused time' : 'Adjustment'}: ${n.billableDays}/${n.periodDays} days of the period now billable, ${money(n.billedBeforeMinor)} billed before`,
  page: (n, of) => `Page ${n} of ${of}`,
};

const de: InvoiceLabels = {
  title: 'Rechnung', draft: 'ENTWURF', void: 'STORNIERT', number: 'Rechnungsnummer', issueDate: 'Rechnungsdatum', dueDate: 'Fällig am', servicePeriod: 'Leistungszeitraum',
  seller: 'Von', customer: 'Rechnungsempfänger', vatId: 'USt-IdNr.', description: 'Beschreibung', period: 'Zeitraum', quantity: 'Menge', unitPrice: 'Einzelpreis',
  amount: 'Betrag', subtotal: 'Zwischensumme', tax: (rate) => `USt. ${rate}`, total: 'Gesamtbetrag', amountPaid: 'Bezahlt', amountDue: 'Offener Betrag',
  paymentTerms: 'Zahlungsbedingungen', paymentTermsValue: (days, due) => `Zahlbar innerhalb von ${days} Tagen, bis zum ${due}.`, pricesIncludeTax: 'Preise inklusive Steuer.',
  reverseCharge: (vatId) => `Steuerschuldnerschaft des Leistungsempfängers (Reverse Charge, Art. 196 MwStSystRL 2006/112/EG). USt-IdNr. des Kunden ${vatId}.`,
  lineNote: (n, money) => n.kind === 'prorated' ? `Anteilig ${n.billableDays}/${n.periodDays} Tage`
    : `${n.kind === 'credit' ? 'Gutschrift für nicht genutzte Zeit' : 'Anpassung'}: ${n.billableDays}/${n.periodDays} Tage des Zeitraums jetzt abrechenbar, bisher berechnet ${money(n.billedBeforeMinor)}`,
  page: (n, of) => `Seite ${n} von ${of}`,
};

const it: InvoiceLabels = {
  title: 'Fattura', draft: 'BOZZA', void: 'ANNULLATA', number: 'Numero fattura', issueDate: 'Data fattura', dueDate: 'Scadenza', servicePeriod: 'Periodo di servizio',
  seller: 'Da', customer: 'Intestata a', vatId: 'Partita IVA', description: 'Descrizione', period: 'Periodo', quantity: 'Qtà', unitPrice: 'Prezzo unitario',
  amount: 'Importo', subtotal: 'Imponibile', tax: (rate) => `IVA ${rate}`, total: 'Totale', amountPaid: 'Pagato', amountDue: 'Da pagare',
  paymentTerms: 'Termini di pagamento', paymentTermsValue: (days, due) => `Pagabile entro ${days} giorni, entro il ${due}.`, pricesIncludeTax: 'Prezzi IVA inclusa.',
  reverseCharge: (vatId) => `Inversione contabile: IVA a carico del destinatario (art. 196, direttiva 2006/112/CE). Partita IVA del cliente ${vatId}.`,
  lineNote: (n, money) => n.kind === 'prorated' ? `Pro rata ${n.billableDays}/${n.periodDays} giorni`
    : `${n.kind === 'credit' ? 'Accredito per il periodo non utilizzato' : 'Rettifica'}: ${n.billableDays}/${n.periodDays} giorni del periodo ora fatturabili, già fatturati ${money(n.billedBeforeMinor)}`,
  page: (n, of) => `Pagina ${n} di ${of}`,
};

const ru: InvoiceLabels = {
  title: 'Счёт', draft: 'ЧЕРНОВИК', void: 'АННУЛИРОВАН', number: 'Номер счёта', issueDate: 'Дата счёта', dueDate: 'Срок оплаты', servicePeriod: 'Период оказания услуг',
  seller: 'Поставщик', customer: 'Плательщик', vatId: 'ИНН/НДС', description: 'Описание', period: 'Период', quantity: 'Кол-во', unitPrice: 'Цена',
  amount: 'Сумма', subtotal: 'Промежуточный итог', tax: (rate) => `Налог ${rate}`, total: 'Итого', amountPaid: 'Оплачено', amountDue: 'К оплате',
  paymentTerms: 'Условия оплаты', paymentTermsValue: (days, due) => `Оплата в течение ${days} дней, до ${due}.`, pricesIncludeTax: 'Цены включают налог.',
  reverseCharge: (vatId) => `Обратное начисление: НДС уплачивает получатель (ст. 196 Директивы 2006/112/EC). НДС-номер клиента ${vatId}.`,
  lineNote: (n, money) => n.kind === 'prorated' ? `Пропорционально: ${n.billableDays}/${n.periodDays} дн.`
    : `${n.kind === 'credit' ? 'Кредит за неиспользованное время' : 'Корректировка'}: ${n.billableDays}/${n.periodDays} дн. периода к оплате, ранее выставлено ${money(n.billedBeforeMinor)}`,
  page: (n, of) => `Страница ${n} из ${of}`,
};

export const INVOICE_LABELS: Record<DocumentLanguage, InvoiceLabels> = { en, de, it, ru };
