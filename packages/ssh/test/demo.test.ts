import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The README's first command runs examples/demo.mjs on the built packages;
// the test command builds them before the tests, so this checks the demo works.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const built = existsSync(path.join(root, 'packages/ssh/dist/index.js'));
if (!built && process.env.CI === 'true')
  throw new Error('packages are not built: the test command builds them first');

describe.skipIf(!built)('the demo (examples/demo.mjs)', () => {
  it('logs in over loopback and runs its commands, then exits', async () => {
    const out = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        [path.join(root, 'examples/demo.mjs')],
        { timeout: 30_000 },
        (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout)),
      );
    });
    expect(out).toMatch(/echo hello from @ssh -> hello from @ssh \(exit 0\)/);
    expect(out).toMatch(/whoami -> demo/);
    expect(out).toMatch(/-> 100000/);
    expect(out).toMatch(/frobnicate -> exit 127/);
    expect(out).toMatch(/forwarded through the server -> hello from the service behind the SSH server/);
  });
});
