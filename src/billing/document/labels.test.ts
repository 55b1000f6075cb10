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
});
