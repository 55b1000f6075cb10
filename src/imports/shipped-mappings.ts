import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadMappingFile } from './mapping/load-mapping.ts';
import { MappingError } from './mapping/mapping-error.ts';
import type { Mapping } from './mapping/schema.ts';
import { BUILT_IN_MAPPINGS, isBuiltInSource } from './sources/index.ts';
import { parseMapping } from './mapping/load-mapping.ts';

/** mappings/ at the project root: one mapping per shared data set (docs/imports.md). */
export const SHIPPED_MAPPINGS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../mappings');

export const MAPPING_NAME = /^[a-z0-9][a-z0-9_.-]{0,99}$/;
export const MAPPING_NAME_RULE = 'a mapping name: lowercase letters, digits, dot, dash, underscore (at most 100), e.g. ravenstack-saas';

/** A shipped mapping by name (the API's `mapping` parameter): never a path, so no file outside mappings/ is read. */
export async function loadShippedMapping(name: string): Promise<Mapping> {
  const file = path.join(SHIPPED_MAPPINGS_DIR, `${name}.json`);
  if (!MAPPING_NAME.test(name) || !fs.existsSync(file)) throw new MappingError('', `there is no shipped mapping "${name}" (see mappings/)`);
  return loadMappingFile(file);
}

export function builtInMapping(source: string): Mapping {
  if (!isBuiltInSource(source)) throw new MappingError('', `unknown source "${source}"`);
  return parseMapping(BUILT_IN_MAPPINGS[source]);
}

export type ShippedMappingInfo = { name: string; description: string; sourceSystem: string; files: string[] };

/** The shipped mappings with what a person picks one by: the description and the file names it expects. */
export async function listShippedMappings(): Promise<ShippedMappingInfo[]> {
  const names = fs.readdirSync(SHIPPED_MAPPINGS_DIR).filter((file) => file.endsWith('.json')).map((file) => file.slice(0, -'.json'.length)).filter((name) => MAPPING_NAME.test(name)).sort();
  const mappings = await Promise.all(names.map(async (name) => ({ name, mapping: await loadShippedMapping(name) })));
  return mappings.map(({ name, mapping }) => ({
    name, description: mapping.description ?? '', sourceSystem: mapping.sourceSystem, files: mapping.files.map((file) => file.match),
  }));
}
