import { describe, expect, it } from 'vitest';
import { parseCreditNoteReason } from './credit-note-reason.ts';

// The stored English reasons (void-invoice.ts, draft-invoices.ts) read back as parts; anything else stays text.
describe('parseCreditNoteReason', () => {
  it('reads a void with the user’s words as written, even with a colon in them', () => {
    expect(parseCreditNoteReason({ kind: 'void', reason: 'Void of INV-2026-000007: Duplicate: ordered twice', invoiceNumber: 'INV-2026-000007' }))
      .toEqual({ kind: 'void', invoiceNumber: 'INV-2026-000007', words: 'Duplicate: ordered twice' });
  });

  it('reads the unused time of a subscription change', () => {
    expect(parseCreditNoteReason({ kind: 'adjustment', reason: 'Credit for unused time (subscription change on 2026-01-20)', invoiceNumber: null }))
      .toEqual({ kind: 'unused_time', changeDate: '2026-01-20' });
  });

  it('keeps any other text, and text that names another invoice or kind, as it is', () => {
    expect(parseCreditNoteReason({ kind: 'void', reason: 'Void of INV-2026-000001: typo', invoiceNumber: 'INV-2026-000002' })).toEqual({ kind: 'other', text: 'Void of INV-2026-000001: typo' });
    expect(parseCreditNoteReason({ kind: 'adjustment', reason: 'Void of INV-2026-000001: typo', invoiceNumber: 'INV-2026-000001' })).toEqual({ kind: 'other', text: 'Void of INV-2026-000001: typo' });
    expect(parseCreditNoteReason({ kind: 'void', reason: 'Credit for unused time (subscription change on 2026-01-20)', invoiceNumber: 'INV-2026-000001' }))
      .toEqual({ kind: 'other', text: 'Credit for unused time (subscription change on 2026-01-20)' });
    expect(parseCreditNoteReason({ kind: 'adjustment', reason: 'goodwill', invoiceNumber: null })).toEqual({ kind: 'other', text: 'goodwill' });
  });
});
