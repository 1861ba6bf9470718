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
  it('logs in over loopback, runs its commands, moves a file with SFTP and forwards a port, then exits', async () => {
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
    const sftp =
      /sftp put \+ get of 1048576 bytes, server root lists \[demo\.bin\], sha256 (\w+) -> (\w+)/.exec(out);
    expect(sftp?.[1]).toBe(sftp?.[2]);
    expect(out).toMatch(
      /forwarded through the server to 127\.0\.0\.1:\d+ -> hello from the service behind the SSH server/,
    );
  });
});
