import { GENERATIONS, hasAsyncSsh, missingPeer, runAsyncSshClient } from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOurServer } from './our-server.js';

let server: Awaited<ReturnType<typeof startOurServer>>;

beforeAll(async () => {
  server = await startOurServer(
    {
      processFactory: (p) => {
        p.stdout.write(`ran ${p.command}\n`);
        p.stderr.write('to stderr\n');
        p.exit(5);
      },
    },
    { noAuth: true },
  );
});
afterAll(() => server?.close());

for (const generation of GENERATIONS) {
  const skip = hasAsyncSsh(generation)
    ? false
    : missingPeer(`AsyncSSH (${generation})`, 'apt-get install python3-asyncssh; pnpm peers').skip;
  describe.skipIf(skip)(`AsyncSSH's client (${generation}) against our server`, () => {
    it('conn.run(): stdout and exit status', async () => {
      const out = await runAsyncSshClient({
        generation,
        port: server.port,
        knownHosts: server.knownHosts,
        user: 'alice',
        command: 'hello',
      });
      expect(out).toBe(`OK 5 'ran hello\\n'`);
    });
  });
}
