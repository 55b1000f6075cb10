import type { MappedRecord } from '../mapping/map-row.ts';
import { keyOf } from '../repo.ts';

/** Places remembered per kind; past this a missing reference is reported without its row's place. */
const MAX_PLACES = 100_000;

/**
 * Where this run left the records it could not write: rejected rows, and rows waiting for the
 * retry. When a reference is still missing at the end, the error report says why ("its row
 * (accounts.csv line 2) was rejected") instead of only "not found", so a whole cascade of
 * rejected children points at the one parent row to fix. Bounded, like everything the run holds.
 */
export class RowPlaces {
  private readonly rejected = new Map<string, string>();
  private readonly waiting = new Map<string, string>();

  noteRejected(records: readonly MappedRecord[], fileName: string, line: number): void {
    note(this.rejected, records, fileName, line);
  }

  noteWaiting(records: readonly MappedRecord[], fileName: string, line: number): void {
    note(this.waiting, records, fileName, line);
  }

  /** Why the referenced record is missing, when this run knows; '' otherwise. */
  whyMissing(key: string): string {
    const rejectedAt = this.rejected.get(key);
    if (rejectedAt !== undefined) return `: its row (${rejectedAt}) was rejected`;
    const waitingAt = this.waiting.get(key);
    // It waits for a record that is missing too (or, in a circle of references, for this one).
    return waitingAt === undefined ? '' : `: its row (${waitingAt}) waits for a missing record too`;
  }
}

function note(places: Map<string, string>, records: readonly MappedRecord[], fileName: string, line: number): void {
  for (const record of records) {
    if (record.shared || places.size >= MAX_PLACES) continue;
    places.set(keyOf(record.entity, record.externalId), `${fileName} line ${line}`);
  }
}
