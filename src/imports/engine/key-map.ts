import type { Ctx } from '../../shared/context.ts';
import { findImportedIds, type ImportedKey, type KeyQuery, type KeyRef, type Links } from '../repo.ts';
import type { EntityName } from '../targets/entities.ts';
import type { PendingRow } from './write-batch.ts';

/**
 * Which of `ids` (records of `entity`) were merged away by identity resolution, and into what.
 * src/quality owns merges and comes after imports, so the composition layer (CLI, HTTP) passes it in.
 */
export type MergeResolver = (ctx: Ctx, entity: EntityName, ids: readonly string[]) => Promise<ReadonlyMap<string, string>>;

type KeyScope = { sourceSystem: string; resolveMerged: MergeResolver | null };

/** Keys already imported, with records merged away by identity resolution replaced by their survivor. */
export async function knownKeys(ctx: Ctx, scope: KeyScope, rows: PendingRow[]): Promise<Map<string, ImportedKey>> {
  const known = await findImportedIds(ctx, scope.sourceSystem, keyQueries(rows));
  if (!scope.resolveMerged) return known;
  const byEntity = new Map<EntityName, string[]>();
  for (const [key, { recordId }] of known) {
    const entity = key.slice(0, key.indexOf('\u0000')) as EntityName;
    const list = byEntity.get(entity) ?? [];
    byEntity.set(entity, list);
    list.push(recordId);
  }
  for (const [entity, ids] of byEntity) {
    const survivors = await scope.resolveMerged(ctx, entity, ids);
    if (survivors.size === 0) continue;
    for (const [key, value] of known) {
      const survivor = key.startsWith(`${entity}\u0000`) ? survivors.get(value.recordId) : undefined;
      if (survivor !== undefined && survivor !== value.recordId) known.set(key, { ...value, recordId: survivor, merged: true });
    }
  }
  return known;
}

/**
 * Key → record id for one batch attempt, starting from what the database knows. Tracks which
 * keys this run has read (duplicates) and which of those the database must be told about (touch).
 */
export class KeyMap {
  private readonly ids = new Map<string, string>();
  private readonly merged = new Set<string>();
  private readonly read = new Set<string>();
  private readonly toTouch = new Set<string>();
  private readonly links = new Map<string, Links>();
  private readonly knownBefore: ReadonlyMap<string, ImportedKey>;

  constructor(known: ReadonlyMap<string, ImportedKey>, private readonly runId: string) {
    this.knownBefore = known;
    for (const [key, value] of known) {
      this.set(key, value.recordId, value.merged, value.links);
      if (value.lastRunId === runId) this.read.add(key);
    }
  }

  linksOf(key: string): Links | undefined { return this.links.get(key); }
  setLinks(key: string, links: Links): void { this.links.set(key, links); }

  get(key: string): string | undefined { return this.ids.get(key); }
  has(key: string): boolean { return this.ids.has(key); }
  isMerged(key: string): boolean { return this.merged.has(key); }
  wasRead(key: string): boolean { return this.read.has(key); }

  set(key: string, id: string, merged: boolean, links: Links): void {
    this.ids.set(key, id);
    this.links.set(key, links);
    if (merged) this.merged.add(key);
  }

  markRead(key: string): void {
    this.read.add(key);
    const before = this.knownBefore.get(key);
    if (before && before.lastRunId !== this.runId) this.toTouch.add(key);
  }

  /** The row's work was undone (savepoint): forget what it created and read. */
  forget(keys: readonly string[]): void {
    for (const key of keys) {
      const before = this.knownBefore.get(key);
      if (!before) {
        this.ids.delete(key);
        this.merged.delete(key);
        this.links.delete(key);
      } else {
        this.links.set(key, before.links);
      }
      if (this.knownBefore.get(key)?.lastRunId !== this.runId) this.read.delete(key);
      this.toTouch.delete(key);
    }
  }

  /** Keys read in this batch that existed before it: their last_run_id must become this run. */
  takeTouched(): KeyRef[] {
    const keys = [...this.toTouch].map((key) => {
      const split = key.indexOf('\u0000');
      return { entity: key.slice(0, split) as EntityName, externalId: key.slice(split + 1) };
    });
    this.toTouch.clear();
    return keys;
  }
}

function keyQueries(rows: PendingRow[]): KeyQuery[] {
  const byEntity = new Map<EntityName, Set<string>>();
  const add = (entity: EntityName, externalId: string) => {
    const set = byEntity.get(entity) ?? new Set<string>();
    byEntity.set(entity, set);
    set.add(externalId);
  };
  for (const row of rows) {
    for (const record of row.records) {
      add(record.entity, record.externalId);
      for (const ref of record.refs) add(ref.entity, ref.externalId);
    }
  }
  return [...byEntity].map(([entity, externalIds]) => ({ entity, externalIds: [...externalIds] }));
}

