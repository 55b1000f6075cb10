import { describe, expect, it } from 'vitest';
import { INVOICE_LABELS } from './labels.ts';

describe('invoice labels', () => {
  it('word a credit for unused time in each language, with the amount billed before as money', () => {
    const note = { kind: 'credit' as const, billableDays: 61, periodDays: 365, billedBeforeMinor: 1_104_000n };
    const euros = (amountMinor: bigint) => `${(Number(amountMinor) / 100).toFixed(2)} €`;
    expect(INVOICE_LABELS.en.lineNote(note, euros)).toBe('Credit for unused time: 61/365 days of the period now billable, 11040.00 € billed before');
    expect(INVOICE_LABELS.de.lineNote(note, euros)).toBe('Gutschrift für nicht genutzte Zeit: 61/365 Tage des Zeitraums jetzt abrechenbar, bisher berechnet 11040.00 €');
    expect(INVOICE_LABELS.it.lineNote({ ...note, kind: 'adjustment' }, euros)).toBe('Rettifica: 61/365 giorni del periodo ora fatturabili, già fatturati 11040.00 €');
    expect(INVOICE_LABELS.ru.lineNote(note, euros)).toBe('Кредит за неиспользованное время: 61/365 дн. периода к оплате, ранее выставлено 11040.00 €');
  });

  it('word a usage note in each language: quantity, aggregation, span and a true-up as money', () => {
    const note = { quantity: 1500n, aggregation: 'unique_count', startDate: '2026-01-01', endDate: '2026-02-01', trueUp: { ratedMinor: 800n, minimumMinor: 2000n } };
    const f = { money: (amountMinor: bigint) => `${(Number(amountMinor) / 100).toFixed(2)} €`, quantity: (value: bigint) => value.toLocaleString('de-DE'), span: '01.01.2026 – 31.01.2026' };
    expect(INVOICE_LABELS.en.usageNote(note, f)).toBe('Usage 1.500 (unique count), 01.01.2026 – 31.01.2026; rated 8.00 €, minimum commitment 20.00 €: true-up 12.00 €');
    expect(INVOICE_LABELS.de.usageNote(note, f)).toBe('Nutzung 1.500 (Anzahl eindeutiger Werte), 01.01.2026 – 31.01.2026; bewertet mit 8.00 €, Mindestabnahme 20.00 €: Ausgleich 12.00 €');
    expect(INVOICE_LABELS.it.usageNote({ ...note, aggregation: 'sum', trueUp: null }, f)).toBe('Utilizzo 1.500 (somma), 01.01.2026 – 31.01.2026');
    expect(INVOICE_LABELS.ru.usageNote({ ...note, aggregation: null, trueUp: null }, { ...f, span: '' })).toBe('Использование 1.500');
  });
});
