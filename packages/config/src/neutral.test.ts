import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Follow relative imports from a file and collect every module specifier reached. */
function reachable(entry: string): Set<string> {
  const seen = new Set<string>();
  const specs = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:import|export)[^'"]*?from\s+'([^']+)'/g)) {
      const spec = m[1] as string;
      specs.add(spec);
      if (spec.startsWith('.')) visit(join(dirname(file), spec.replace(/\.js$/, '.ts')));
    }
  };
  visit(entry);
  return specs;
}

describe('neutral entry point', () => {
  it('reaches no node: import from src/index.ts', () => {
    const specs = [...reachable(join(import.meta.dirname, 'index.ts'))];
    // Relative files and the neutral @ssh packages only (check-deps walks those).
    expect(
      specs.filter((s) => s.startsWith('node:') || !(s.startsWith('.') || s.startsWith('@ssh/'))),
    ).toEqual([]);
  });
});
