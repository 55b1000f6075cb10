import type { EntityName } from '../targets/entities.ts';

export const OUTCOMES = ['created', 'updated', 'unchanged', 'merged', 'rejected'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export type Counts = Record<Outcome, number>;
export type FileCounts = Counts & { file: string; rows: number };

/** What happened to one row: one outcome per record it made (a rejected row rejects them all). */
export type RowOutcome = { entities: Array<{ entity: EntityName; outcome: Outcome }> };

const zero = (): Counts => ({ created: 0, updated: 0, unchanged: 0, merged: 0, rejected: 0 });

// The row's own status is its most telling record outcome: a row that created anything counts as
// created, so that per file created + updated + unchanged + merged + rejected = data rows.
const PRECEDENCE: readonly Outcome[] = ['rejected', 'created', 'updated', 'merged', 'unchanged'];

/** Counts per file (rows) and per entity (records); constant size whatever the file size. */
export class Tally {
  private readonly files = new Map<string, FileCounts>();
  private readonly entities = new Map<EntityName, Counts>();

  startFile(file: string): void {
    if (!this.files.has(file)) this.files.set(file, { file, rows: 0, ...zero() });
  }

  addRow(file: string, row: RowOutcome): void {
    const counts = this.files.get(file) ?? { file, rows: 0, ...zero() };
    this.files.set(file, counts);
    counts.rows += 1;
    const status = PRECEDENCE.find((outcome) => row.entities.some((e) => e.outcome === outcome)) ?? 'rejected';
    counts[status] += 1;
    for (const { entity, outcome } of row.entities) {
      const entityCounts = this.entities.get(entity) ?? zero();
      this.entities.set(entity, entityCounts);
      entityCounts[outcome] += 1;
    }
  }

  fileCounts(): FileCounts[] {
    return [...this.files.values()].map((c) => ({ ...c }));
  }

  entityCounts(): Partial<Record<EntityName, Counts>> {
    return Object.fromEntries([...this.entities].map(([entity, counts]) => [entity, { ...counts }]));
  }

  totals(): Counts & { rows: number } {
    const total = { rows: 0, ...zero() };
    for (const counts of this.files.values()) {
      total.rows += counts.rows;
      for (const outcome of OUTCOMES) total[outcome] += counts[outcome];
    }
    return total;
  }
}
