import path from 'node:path';

/**
 * Domains in dependency order (STYLE.md, docs/architecture.md). A domain may
 * import src/shared and the index.ts of domains earlier in this list.
 */
export const DOMAIN_ORDER = [
  'identity', 'audit', 'webhooks',
  'ledger', 'catalog', 'crm', 'cpq', 'orders', 'billing', 'payments', 'imports', 'quality', 'revrec', 'commissions',
  'metrics', 'customer360', 'forecasting', 'automation', 'demo',
] as const;

/** Composition layers: may import any domain, but only through its index.ts. */
const COMPOSITION = ['http', 'cli'];

export type Violation = { file: string; specifier: string; reason: string };

export function extractImports(source: string): string[] {
  const specifiers: string[] = [];
  const pattern = /(?:^|\s)(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm;
  for (const match of source.matchAll(pattern)) {
    const specifier = match[1] ?? match[2] ?? match[3];
    if (specifier) specifiers.push(specifier);
  }
  return specifiers;
}

/** `file` and the result are paths relative to src/, e.g. 'crm/service.ts'. */
export function checkImport(file: string, specifier: string): Violation | null {
  if (!specifier.startsWith('.')) return null;
  const from = file.split('/')[0] ?? '';
  const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
  if (target.startsWith('..')) return { file, specifier, reason: 'imports from outside src/' };
  const [to = '', ...rest] = target.split('/');
  const rank = (name: string) => (DOMAIN_ORDER as readonly string[]).indexOf(name);
  if (from === to) return null;
  if (to === 'shared') return null;
  if (from === 'shared') return { file, specifier, reason: 'src/shared imports no domain or layer' };
  if (rank(to) === -1) {
    if (COMPOSITION.includes(to) && COMPOSITION.includes(from)) return null;
    return { file, specifier, reason: `${to}/ is not a domain; nothing below http/cli may import it` };
  }
  if (rest.join('/') !== 'index.ts') return { file, specifier, reason: `deep import into ${to}/: import ${to}/index.ts` };
  if (COMPOSITION.includes(from)) return null;
  if (rank(from) === -1) return { file, specifier, reason: `${from}/ is not in DOMAIN_ORDER` };
  if (rank(to) >= rank(from)) return { file, specifier, reason: `wrong-way import: ${from} comes before ${to}; subscribe to an event instead` };
  return null;
}
