import { compileMapping, type CompiledMapping } from './mapping/compile-mapping.ts';
import type { Mapping } from './mapping/schema.ts';
import { IMPORT_TARGETS } from './targets/registry.ts';

/** A parsed mapping checked against the import targets, ready for runImport. */
export function compileImportMapping(mapping: Mapping): CompiledMapping {
  return compileMapping(mapping, IMPORT_TARGETS);
}
