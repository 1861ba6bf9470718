import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { checkRepo, importsOf, ORDER } from '../check-deps.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

/** A fake repository with every package, each with an empty entry; `files` overrides some. */
function fakeRepo(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'check-deps-'));
  dirs.push(root);
  for (const { name } of ORDER) {
    const dir = path.join(root, 'packages', name);
    mkdirSync(path.join(dir, 'src'), { recursive: true });
    writeFileSync(
      path.join(dir, 'package.json'),
      JSON.stringify({
        name: `@ssh/${name}`,
        exports: {
          '.': {
            node: { '@ssh/source': './src/index.node.ts' },
            default: { '@ssh/source': './src/index.ts' },
          },
          './node': { '@ssh/source': './src/node.ts' },
        },
        dependencies: name === 'transport' ? { '@ssh/wire': 'workspace:*' } : {},
      }),
    );
    writeFileSync(path.join(dir, 'src/index.ts'), 'export {};\n');
  }
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, p)), { recursive: true });
    writeFileSync(path.join(root, p), text);
  }
  return root;
}

describe('check-deps', () => {
  it('passes on this repository', () => {
    expect(checkRepo(repoRoot)).toEqual([]);
  });

  it('finds every import form', () => {
    const src = `import a from 'x';\nimport type { B } from "y";\nexport * from './z.js';\nimport 'side';\nconst c = await import('dyn');\n// import nope from 'comment';\n`;
    expect(importsOf(src)).toEqual(['x', 'y', './z.js', 'side', 'dyn']);
  });

  it('refuses an import of a package below in the order', () => {
    const root = fakeRepo({ 'packages/wire/src/index.ts': "import { x } from '@ssh/transport';\n" });
    expect(checkRepo(root).join('\n')).toMatch(
      /wire\/src\/index.ts: imports @ssh\/transport, which comes after/,
    );
  });

  it("refuses another package's src/ and paths outside the package", () => {
    const root = fakeRepo({
      'packages/transport/src/index.ts':
        "import '@ssh/wire/src/reader.js';\nimport '../../wire/src/reader.js';\n",
    });
    const out = checkRepo(root).join('\n');
    expect(out).toMatch(/imports another package's src\//);
    expect(out).toMatch(/outside its own package/);
  });

  it('refuses an undeclared @ssh dependency', () => {
    const root = fakeRepo({ 'packages/auth/src/index.ts': "import '@ssh/wire';\n" });
    expect(checkRepo(root).join('\n')).toMatch(/without declaring it/);
  });

  it('refuses a Node built-in reachable from a neutral entry, and allows it behind node conditions', () => {
    const root = fakeRepo({
      'packages/wire/src/index.ts': "export * from './a.js';\n",
      'packages/wire/src/a.ts': "import { readFileSync } from 'node:fs';\n",
      'packages/crypto/src/index.node.ts': "import 'node:crypto';\n",
      'packages/crypto/src/node.ts': "import 'net';\n",
      'packages/forward/src/index.ts': "import 'node:net';\n",
      'packages/sftp/src/index.ts': "import 'fs';\nimport './fast.node.js';\n",
      'packages/sftp/src/fast.node.ts': 'export {};\n',
    });
    const out = checkRepo(root);
    expect(out.filter((p) => p.includes("Node built-in 'node:fs'"))).toHaveLength(1);
    expect(out.join('\n')).toMatch(/sftp\/src\/index.ts: imports the Node built-in 'fs'/);
    expect(out.join('\n')).toMatch(/\*\.node\.ts file is reachable/);
    expect(out.join('\n')).not.toMatch(/crypto|forward/);
  });
});
